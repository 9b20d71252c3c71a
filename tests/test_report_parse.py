"""The plain-text transcript parser: label styles, continuation lines, and located errors."""

from __future__ import annotations

import pytest
from test_report_helpers import DATA

from coachdojo.errors import TranscriptError
from coachdojo.report.parse import parse_transcript_text
from coachdojo.transcript import COACH, COACHEE


def speakers(text: str, **kw: str) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in parse_transcript_text(text, "t.txt", **kw).turns]


@pytest.mark.parametrize(
    "text",
    [
        "Coach: Hi\nClient: Hello\n",
        "Coach: Hi\nCoachee: Hello\n",
        "Me: Hi\nThem: Hello\n",
        "COACH - Hi\nCLIENT - Hello\n",
        "coach : Hi\nclient : Hello\n",
        "  Coach:Hi\n\tClient:   Hello\n",
        "Coach \u2014 Hi\nClient \u2013 Hello\n",
    ],
)
def test_label_styles(text: str) -> None:
    assert speakers(text) == [(COACH, "Hi"), (COACHEE, "Hello")]


def test_continuation_lines_and_blank_lines() -> None:
    text = "Coach: What would\nyou like?\n\n\nClient: A plan.\nA real one.\n\n"
    assert speakers(text) == [(COACH, "What would you like?"), (COACHEE, "A plan. A real one.")]


def test_turns_remember_their_line() -> None:
    t = parse_transcript_text("\nCoach: a\n\nClient: b\n", "t.txt")
    assert [turn.line for turn in t.turns] == [2, 4]
    assert t.source == "t.txt"


def test_custom_labels_from_the_flags() -> None:
    text = (DATA / "custom" / "anna_ben.txt").read_text()
    assert speakers(text, coach_label="anna", client_label="BEN")[:2] == [
        (COACH, "What would you like to focus on today?"),
        (COACHEE, "Getting my evenings back."),
    ]


def test_with_both_labels_given_other_label_lines_are_text() -> None:
    assert speakers("Anna: Hi\nBen: Monday: gym\nNote: later\n", coach_label="Anna", client_label="Ben") == [
        (COACH, "Hi"),
        (COACHEE, "Monday: gym Note: later"),
    ]


def test_one_known_label_and_one_other_speaker_is_enough() -> None:
    assert speakers("Coach: Hi\nSam: Hello\n") == [(COACH, "Hi"), (COACHEE, "Hello")]
    assert speakers("Priya: Hi\nThem: Hello\n", coach_label="Priya") == [(COACH, "Hi"), (COACHEE, "Hello")]


def test_lowercase_or_long_colon_phrases_in_a_turn_are_not_speakers() -> None:
    assert speakers("Coach: Hi\nClient: my list:\nmonday: gym\nWhat I mean is: more\n") == [
        (COACH, "Hi"),
        (COACHEE, "my list: monday: gym What I mean is: more"),
    ]


def test_a_dash_inside_a_word_is_not_a_label() -> None:
    assert speakers("Coach: Hi\nClient: well-being\nself-care - that's it\n")[1] == (COACHEE, "well-being self-care - that's it")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 0, "empty"),
        ("hello there\nhow are you\n", 1, "no speaker labels"),
        ("Coach: a\nClient: b\nObserver: c\n", 3, "more than two speakers"),
        ("Coach: a\nMe: b\nClient: c\n", 2, "more than two speakers"),
        ("Anna: a\nBen: b\n", 1, "cannot tell which speaker is the coach"),
        ("\nRecorded Monday\nCoach: a\nClient: b\n", 2, "text before the first speaker"),
        ("Coach: a\nSam: b\nKim: c\n", 3, "more than two speakers"),
    ],
)
def test_errors_name_the_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(TranscriptError) as info:
        parse_transcript_text(text, "sessions/t.txt")
    message = str(info.value)
    assert message.startswith(f"sessions/t.txt:{line}:" if line else "sessions/t.txt:")
    assert words in message


def test_same_label_for_both_sides_is_an_error() -> None:
    with pytest.raises(TranscriptError, match="must differ"):
        parse_transcript_text("A: x\n", "t.txt", coach_label="A", client_label="a")


def test_byte_order_mark_is_ignored() -> None:
    assert speakers("\ufeffCoach: Hi\nClient: Yo\n")[0] == (COACH, "Hi")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0c", "\x1c"])
def test_unicode_line_breaks_inside_a_line_do_not_split_it(separator: str) -> None:
    """Only "\\n" ends a line: a U+2028 (or NEL, form feed...) inside a turn stays in it, and a
    would-be label after it is not a new speaker."""
    text = f"Coach: What would you like?{separator}Client: this is still the coach\nClient: A plan.\n"
    t = parse_transcript_text(text, "t.txt")
    assert [(turn.speaker, turn.line) for turn in t.turns] == [(COACH, 1), (COACHEE, 2)]
    assert separator in t.turns[0].text or separator.isspace()


def test_crlf_line_endings_read_like_lf() -> None:
    lf = "Coach: What would\nyou like?\n\nClient: A plan.\n"
    t = parse_transcript_text(lf.replace("\n", "\r\n"), "t.txt")
    assert [(turn.speaker, turn.text, turn.line) for turn in t.turns] == [
        (COACH, "What would you like?", 1),
        (COACHEE, "A plan.", 4),
    ]
