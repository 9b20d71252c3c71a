"""The scorer, read as a coaching tutor would: one behaviour per test, real ways students type."""

from __future__ import annotations

import pytest

from coachdojo.scoring import score
from coachdojo.transcript import Utterance

INBOX = [Utterance("coachee", "I just can't get through my inbox. I feel like I'm drowning.")]
THREE_TURNS = [
    Utterance("coachee", "I got promoted three weeks ago and I'm drowning."),
    Utterance("coach", "What does drowning look like?"),
    Utterance("coachee", "Everyone comes to me with questions all day, and I still do my old job."),
    Utterance("coach", "What would need to change?"),
    Utterance("coachee", "I don't know. I worry that if I close my door they'll think I don't care."),
]

CASES = [
    # (name, reply, context, codes that must be there, codes that must not)
    ("open question", "What would a good week look like for you?", INBOX, {"open_question"}, {"closed_question"}),
    ("open question without a question mark", "what would help here", INBOX, {"open_question"}, set()),
    ("all lower case open question", "how are you feeling about all of it", INBOX, {"open_question"}, set()),
    ("tell me more is an open question", "Tell me more about that.", INBOX, {"open_question"}, {"advice"}),
    ("can you tell me more is open", "Can you tell me more about the inbox?", INBOX, {"open_question"}, {"closed_question"}),
    ("closed question", "Do you enjoy the job?", INBOX, {"closed_question"}, {"open_question"}),
    ("what-question asking a fact is closed", "What time is the meeting?", INBOX, {"closed_question"}, {"open_question"}),
    ("either/or is closed", "Is it the workload or the people?", INBOX, {"closed_question"}, {"stacked_questions"}),
    ("anything else is closed", "Is there anything else?", INBOX, {"closed_question"}, set()),
    ("what else is open", "What else?", INBOX, {"open_question"}, set()),
    ("advice as a question", "Have you tried inbox zero?", INBOX, {"advice"}, {"open_question"}),
    ("what if you just is advice", "What if you just ignored the emails for a morning?", INBOX, {"advice"}, {"open_question"}),
    ("could you maybe is advice", "Could you maybe talk to her?", INBOX, {"advice"}, {"open_question"}),
    ("why don't you is advice, not a why question", "Why don't you delegate?", INBOX, {"advice"}, {"why_question"}),
    ("advice statement", "You should block out two mornings a week.", INBOX, {"advice"}, set()),
    ("instruction", "Delegate the reports to Sam.", INBOX, {"advice"}, set()),
    ("leading question", "Don't you think the real problem is that you can't say no?", INBOX, {"leading"}, {"open_question"}),
    ("why question", "Why did you take the job?", INBOX, {"why_question", "open_question"}, set()),
    ("stacked questions", "What happened? And how did you feel about it?", INBOX, {"stacked_questions"}, set()),
    ("clarifying the coachee's word", "What do you mean by drowning?", INBOX, {"clarifying", "open_question"}, set()),
    ("echo with a question mark is clarifying", "Drowning?", INBOX, {"clarifying", "closed_question"}, set()),
    ("simple reflection", "You can't get through your inbox.", INBOX, {"simple_reflection"}, {"advice"}),
    ("complex reflection adds feeling", "It sounds like you're exhausted and a bit scared of falling behind.", INBOX, {"complex_reflection"}, set()),
    ("double-sided reflection is complex", "Part of you wants to keep up, and part of you wants to give up.", INBOX, {"complex_reflection"}, set()),
    ("reflection without 'you'", "Drowning, every single day.", INBOX, {"simple_reflection", "complex_reflection"}, set()),
    ("summary draws on several turns", "So let me pull that together: you're three weeks in, everyone brings you questions, you still do your old job, and you worry that closing the door looks like you don't care.", THREE_TURNS, {"summary"}, {"simple_reflection", "complex_reflection"}),
    ("reflection then question", "So the inbox is swallowing your day. What would a good day look like?", INBOX, {"open_question"}, set()),
    ("affirmation", "You've kept going through a really hard quarter, and that took real persistence.", INBOX, {"affirmation"}, set()),
    ("generic praise is other", "Great!", INBOX, {"other"}, {"affirmation"}),
    ("asks permission", "Would it help if I shared what others have tried?", INBOX, {"asks_permission"}, {"advice"}),
    ("autonomy", "It's entirely your call.", INBOX, {"autonomy"}, set()),
    ("information", "Most new team leads say the first ninety days are the hardest.", INBOX, {"information"}, set()),
    ("self-disclosure", "When I was a new manager, I had exactly the same problem.", INBOX, {"self_disclosure"}, set()),
    ("confront", "That's not really a good excuse.", INBOX, {"confront"}, set()),
    ("filler is other", "Mm-hmm.", INBOX, {"other"}, set()),
    ("greeting is other", "Hi, good to see you.", [], {"other"}, set()),
    ("typo in a question word", "waht do you mean by drowning", INBOX, {"clarifying", "open_question"}, {"advice"}),
    ("typo in a reflection stem", "it soudns like youre really stretched", INBOX, {"simple_reflection", "complex_reflection"}, set()),
    ("typo in advice dressed as a question", "have you tryed talking to her", INBOX, {"advice"}, set()),
    ("contractions without apostrophes", "whats been hardest about it", INBOX, {"open_question"}, set()),
    ("emoji do not break a question", "What would help most right now? 🙂", INBOX, {"open_question"}, set()),
    ("another language is other", "¿Qué te gustaría lograr hoy?", INBOX, {"other"}, {"open_question"}),
    ("junk is other, not a reflection", "x", INBOX, {"other"}, {"simple_reflection", "complex_reflection"}),
    ("keyboard mash is other", "asdf", INBOX, {"other"}, {"simple_reflection"}),
    ("laughing is other", "lol", INBOX, {"other"}, {"simple_reflection"}),
    ("a bare 'good' is other", "Good.", INBOX, {"other"}, {"simple_reflection"}),
    ("'I hear you' alone is a filler", "I hear you.", INBOX, {"other"}, {"simple_reflection"}),
    ("a flat contradiction is confronting", "That's wrong.", INBOX, {"confront"}, {"simple_reflection"}),
    ("judging the coachee's way of working is confronting", "That's not a healthy way to work.", INBOX, {"confront"}, set()),
    ("'you must feel' guesses a feeling, it is not advice", "You must feel terrible.", INBOX, {"simple_reflection", "complex_reflection"}, {"advice"}),
    ("'maybe try' is advice", "Maybe try turning off notifications?", INBOX, {"advice"}, {"open_question"}),
    ("'it's important to' plus an action is advice", "It's important to apologise.", INBOX, {"advice"}, set()),
    ("what most people do is information", "Most people check email three times a day.", INBOX, {"information"}, {"complex_reflection"}),
    ("a rhetorical tag on a judgement is confront only", "You're not really trying, are you?", INBOX, {"confront"}, {"closed_question"}),
    ("'can I ask what…' is an open question", "Can I ask what you'd like to get out of this session?", INBOX, {"open_question"}, {"closed_question"}),
    ("another language without accents is other", "Was möchtest du heute erreichen und warum ist das wichtig", INBOX, {"other"}, set()),
]


@pytest.mark.parametrize(("name", "reply", "context", "present", "absent"), CASES, ids=[c[0] for c in CASES])
def test_scorer_codes_reply_like_a_coding_manual(name, reply, context, present, absent):
    annotation = score(reply, context)
    if name in {"reflection without 'you'", "typo in a reflection stem", "'you must feel' guesses a feeling, it is not advice"}:
        assert annotation.codes & present, f"{reply!r} -> {sorted(annotation.codes)}"
    else:
        assert present <= annotation.codes, f"{reply!r} -> {sorted(annotation.codes)}"
    assert not (absent & annotation.codes), f"{reply!r} -> {sorted(annotation.codes)}"


def test_primary_follows_input_question_reflection_other():
    assert score("It sounds like you're exhausted. Have you tried going to bed earlier?", INBOX).primary == "input"
    assert score("So the inbox is swallowing your day. What would help?", INBOX).primary == "question"
    assert score("You're drowning in it.", INBOX).primary == "reflection"
    assert score("It's entirely your call.", INBOX).primary == "other"


def test_evidence_quotes_the_reply_itself():
    reply = "It sounds like you're stretched thin. What would help most?"
    annotation = score(reply, INBOX)
    assert annotation.evidence
    for evidence in annotation.evidence:
        assert reply[evidence.start : evidence.end] == evidence.text
        assert evidence.text.strip()


def test_evidence_survives_a_corrected_typo():
    reply = "waht do you mean by drowning"
    annotation = score(reply, INBOX)
    clarifying = annotation.evidence_for("clarifying")
    assert clarifying is not None and clarifying.text.startswith("waht do you mean")


def test_closed_question_is_opened_up_about_the_same_thing():
    annotation = score("Do you like your job?", INBOX)
    assert annotation.rewrite == "What do you like about your job?"
    assert annotation.tip


def test_closed_question_without_a_subject_reflects_the_coachee_then_opens():
    annotation = score("Are you OK?", INBOX)
    assert annotation.rewrite == "It sounds like you just can't get through your inbox. What would you like to happen?"


def test_advice_rewrite_reflects_the_coachee_back():
    annotation = score("You should just delete everything.", INBOX)
    assert annotation.rewrite and annotation.rewrite.startswith("It sounds like you just can't get through your inbox")


def test_why_rewrite_asks_what_led_to_it():
    assert score("Why did you volunteer?", INBOX).rewrite == "What led you to volunteer?"


@pytest.mark.parametrize(
    "reply",
    ["Would it help if I shared what others have tried?", "Drowning?", "What would a good week look like?"],
)
def test_good_moves_are_not_told_off(reply):
    annotation = score(reply, INBOX)
    assert annotation.rewrite is None
    assert "Closed question" not in annotation.tip


def test_why_is_that_becomes_what_is_behind_it():
    assert score("Why is that?", INBOX).rewrite == "What's behind that, do you think?"


def test_rewrite_keeps_names_and_lowercases_ordinary_words():
    context = [Utterance("coachee", "Somebody needs something from me all the time. Jodie snapped at me.")]
    rewrite = score("You should block out time.", context).rewrite
    assert rewrite and rewrite.startswith("It sounds like somebody needs something from you all the time.")


def test_a_figure_of_speech_is_not_the_topic_of_a_rewrite():
    context = [Utterance("coachee", "It's like a reflex. Somebody needs something, and my mouth says yes before my brain's caught up.")]
    rewrite = score("Have you tried just saying no to Kofi?", context).rewrite
    assert rewrite and "your mouth" not in rewrite.split(". ")[-1]


def test_good_coaching_gets_no_rewrite():
    assert score("What would a good week look like?", INBOX).rewrite is None


@pytest.mark.parametrize(
    "reply",
    ["", "   ", "🙂🙂🙂", "?", "...", "a" * 20000, "What? " * 2000, "\x1b[31mred\x1b[0m", "[/", "[@click=app.quit]x[/]", "\u202e\u0000"],
)
def test_odd_input_never_crashes(reply):
    annotation = score(reply, INBOX)
    assert annotation.primary in {"question", "reflection", "input", "other"}
    assert annotation.codes


def test_a_long_paste_is_scored_from_its_start():
    reply = "What would help you most? " + "It has been a long week. " * 1000
    assert "open_question" in score(reply, INBOX).codes


def test_the_coachees_own_words_are_never_corrected_as_typos():
    context = [Utterance("coachee", "The wiat list at the clinic is three months.")]
    # "wiat" is one swap from the instruction verb "wait"; picked up from the coachee it stays theirs
    assert "advice" not in score("wiat list is long", context).codes
    assert "advice" in score("wiat list is long", []).codes


# Replies as they appear in transcripts of spoken sessions: fillers, restarts, stage directions.
DRINKING = [
    Utterance("coach", "What brings you in today?"),
    Utterance("coachee", "Well my doctor says I need to cut down, my liver numbers are up, but honestly I don't think it's that bad."),
    Utterance("coach", "Mm-hmm."),
    Utterance("coachee", "Everyone at work drinks. It's how we unwind. My wife's been on at me too, though."),
]

SPOKEN = [
    # (name, reply, codes that must be there, codes that must not)
    ("fillers do not hide an open question", "Um, what, what do you think about what your doctor said?", {"open_question"}, {"simple_reflection", "complex_reflection"}),
    ("a restart cut off with a dash is dropped", "How've you- how've you been getting on with that?", {"open_question"}, {"closed_question"}),
    ("a false start before a new question is dropped", "Is she- how's she been?", {"open_question"}, {"closed_question", "stacked_questions"}),
    ("a backchannel before a reflection is not the reply", "Mm-hmm, and your wife's noticing too.", {"simple_reflection"}, {"other"}),
    ("a stage direction is not read", "(laughs) Everyone at work.", {"simple_reflection"}, set()),
    ("an echo of the coachee's words is a reflection", "Everyone at work drinks.", {"simple_reflection"}, {"other", "information"}),
    ("a contraction is not a typo", "It'd be the weekends, then.", set(), {"advice"}),
    ("their stance in reported speech is not confronting", "And you're like, it's the weekends, it's not that bad.", set(), {"confront"}),
    ("thanks for coming is other", "Thanks for coming in today.", {"other"}, {"simple_reflection"}),
    ("a greeting with an invitation to sit is other", "Hi Gary, come on in, have a seat.", {"other"}, {"advice", "confront"}),
    ("comfort is other, not advice", "No, don't be sorry. Take your time.", {"other"}, {"advice"}),
    ("praise of a plan is other, not advice", "Great plan!", {"other"}, {"advice"}),
    ("'you're the one who knows' puts the choice with them", "You're the one who knows what's realistic for your weekends.", {"autonomy"}, {"confront"}),
    ("a wh-question after a leading clause is open", "So if there's no reason to keep doing it, why are you still doing it?", {"open_question", "why_question"}, {"closed_question"}),
    ("'how' at the end of an echo asks an open question", "Different how?", {"open_question", "clarifying"}, {"closed_question"}),
    ("examples after 'like' are not an either/or", "What have you heard about what's out there, like the patches or the vapes?", {"open_question"}, {"closed_question"}),
    ("'I was wondering what' asks an open question", "I was wondering what you make of it.", {"open_question"}, {"self_disclosure"}),
    ("a statement built on 'what' is not a question", "So what your doctor sees as a warning is, for you, just the weekends.", set(), {"open_question", "closed_question"}),
    ("'have you heard of' leads into advice", "Have you heard of alcohol-free weekends?", {"advice"}, {"open_question"}),
    ("a strength named in passing is an affirmation", "Telling me this when you could have kept quiet shows real honesty.", {"affirmation"}, {"advice"}),
    ("a number said back is a reflection", "Forty units.", set(), {"other"}),
    # Ordinary replies the spoken rules must leave alone.
    ("reassurance about the past is not blame", "You couldn't have known.", set(), {"confront"}),
    ("a tentative guess is not blame", "You might have been more exhausted than you realised.", set(), {"confront"}),
    ("hindsight about a risk taken is confronting", "You could have hit someone.", {"confront"}, {"advice"}),
    ("comfort followed by an instruction is advice", "Don't worry about what he thinks, just tell him you need the day off.", {"advice"}, set()),
    ("a greeting does not hide advice", "Hi Sam, you should really talk to HR about this.", {"advice", "other"}, set()),
    ("a greeting does not hide a reflection", "Hey, it sounds like this week has been brutal.", {"simple_reflection"}, set()),
    ("comfort before a question does not hide it", "no worries, what would you like to get from our time today", {"open_question", "other"}, {"simple_reflection"}),
    ("'go on' before a question does not hide it", "Go on, what happened next", {"open_question"}, {"simple_reflection", "advice"}),
    ("a goodbye with 'take care' is not advice", "Take care, Nicky. Bye.", {"other"}, {"advice"}),
    ("'no' is a reply, not an echo", "No.", {"other"}, {"simple_reflection"}),
    ("thanks are social, not an echo", "Thank you so much.", {"other"}, {"simple_reflection"}),
    ("a goodbye is social", "See you next week.", {"other"}, {"simple_reflection"}),
    ("'my heart goes out' is not the coach's story", "My heart goes out to you.", set(), {"self_disclosure"}),
    ("'I notice myself' is not the coach's story", "I notice myself getting curious about your sister.", set(), {"self_disclosure"}),
    ("'I had X myself' is the coach's story", "I had a bypass myself, about eight years ago now.", {"self_disclosure"}, set()),
    ("a question after a leading clause is found", "Since we have a few minutes, could you tell me more about that?", {"open_question"}, set()),
    ("a judgement after their words is still confronting", "You said it's fine, but that's just an excuse.", {"confront"}, set()),
    ("a validating tautology is not confronting", "Grief is grief.", set(), {"confront"}),
    ("a dismissive tautology is confronting", "Half a mile's still half a mile.", {"confront"}, set()),
    ("a filler before a full stop keeps two sentences", "You're exhausted uh. Is anyone helping?", {"closed_question", "complex_reflection"}, set()),
    ("a dash joining two thoughts is not a false start", "You should delegate more- what do you think?", {"advice"}, set()),
    ("a no-break space after a dash does not hide a question", "I see.\n\u2013\u202fWhat matters to you?", {"open_question"}, {"closed_question"}),
    ("'sacred' is not a typo of 'scared'", "Your weekends are sacred to you.", set(), {"complex_reflection"}),
    ("a typo at the end of a question word is still read", "Whay do you think about that?", {"open_question"}, set()),
    ("two letters swapped in a cue word are read", "Have you apologsied to her?", {"advice"}, set()),
    # Telling without the stock words.
    ("disbelief on its own is confronting", "Every weekend? Really?", {"confront"}, set()),
    ("'do you though' makes a point", "Do you though?", {"confront"}, {"closed_question"}),
    ("the coach's counterpoint ending in 'though' confronts", "Feeling better's usually the tablets working, though.", {"confront"}, set()),
    ("a reflection ending in 'though' about the coachee stays a reflection", "You still enjoy parts of it, though.", set(), {"confront"}),
    ("sarcasm confronts", "Sure, because your liver loves a Friday session.", {"confront"}, set()),
    ("a right the coachee has is information", "You've got the right to bring someone with you to the meeting.", {"information"}, set()),
    ("a rate is information", "About one in ten people who use it every day get dependent.", {"information"}, set()),
    ("a kept-up effort is an affirmation", "You kept turning up, week after week.", {"affirmation"}, set()),
    ("'that can't have been easy' affirms", "Telling your brother, that can't have been easy.", {"affirmation"}, set()),
]


@pytest.mark.parametrize(("name", "reply", "present", "absent"), SPOKEN, ids=[c[0] for c in SPOKEN])
def test_scorer_reads_transcribed_speech(name, reply, present, absent):
    context = DRINKING + [Utterance("coach", "How much is a typical weekend?"), Utterance("coachee", "Forty units, maybe.")] if name.startswith("a number") else DRINKING
    annotation = score(reply, context)
    assert present <= annotation.codes, f"{reply!r} -> {sorted(annotation.codes)}"
    assert not (absent & annotation.codes), f"{reply!r} -> {sorted(annotation.codes)}"


def test_blanked_fillers_leave_evidence_pointing_at_what_was_said():
    reply = "So, um, what would, uh, what would help?"
    annotation = score(reply, DRINKING)
    for evidence in annotation.evidence:
        assert reply[evidence.start : evidence.end] == evidence.text


def test_plain_english_words_are_not_corrected_into_cue_words():
    # "shared" is one letter from "scared" and "home" from "hope": read as typos, they would
    # add a feeling the coachee never named and make a simple reflection look complex.
    context = [Utterance("coachee", "I told my wife about the redundancy last night, at home.")]
    annotation = score("You shared it with her at home.", context)
    assert annotation.codes == {"simple_reflection"}


@pytest.mark.parametrize(
    ("spoken", "read_as"),
    [
        ("um, what, what do you think", "what do you think"),
        ("(laughs) arms folded.", "arms folded."),
        ("is she- how's she been?", "how's she been?"),
        ("so, uh, the pharmacy called", "so, the pharmacy called"),
        ("umar said that that hurt", "umar said that hurt"),
    ],
)
def test_transcribed_speech_is_tidied_in_place(spoken, read_as):
    from coachdojo.scoring.text import blank_disfluency

    tidied = blank_disfluency(spoken)
    assert len(tidied) == len(spoken)
    assert " ".join(tidied.split()) == read_as


def test_a_reflection_and_a_question_joined_by_a_dash_are_both_read():
    context = [Utterance("coachee", "Hello. I've never done this before. Graham signed me up, well, HR did.")]
    annotation = score("Um, so, so HR signed you up- what, what would you like to get out of it?", context)
    assert "open_question" in annotation.codes
    assert annotation.primary == "question"


def test_rewrite_lowercases_a_common_first_word_after_it_sounds_like():
    context = [Utterance("coachee", "Yes, Leeds. If I had to pick one thing, it's that. The rest is noise compared to it.")]
    rewrite = score("Have you thought about just talking to the Leeds manager?", context).rewrite
    assert rewrite is not None and rewrite.startswith("It sounds like if you had to pick one thing")


@pytest.mark.parametrize(
    ("text", "second_person"),
    [
        ("you", True), ("so you're tired", True), ("is that yours", True), ("ur boss", True),
        ("did u", True), ("youth club", False), ("the menu", False), ("bayou", False), ("our plan", False),
    ],
)
def test_second_person_is_found_on_whole_words(text: str, second_person: bool) -> None:
    from coachdojo.scoring.scorer import _SECOND_PERSON_RE

    assert bool(_SECOND_PERSON_RE.search(text)) is second_person


@pytest.mark.parametrize(
    ("text", "stacked"),
    [
        ("what happened, and what did you do", True), ("what happened and how", True),
        ("what happened\tor why", True), ("what happened, and then", False), ("sand what", False),
    ],
)
def test_a_second_question_is_found_after_and_or_but(text: str, stacked: bool) -> None:
    from coachdojo.scoring.scorer import _SECOND_QUESTION_RE

    assert bool(_SECOND_QUESTION_RE.search(text)) is stacked


def test_discourse_markers_are_dropped_before_a_question_is_read() -> None:
    # The markers are only looked for when a part opens as one can (its first two letters).
    for text in ("So, what would help?", "Mm-hmm, what would help?", "I see, what would help?", "Well, what would help?",
                 "Okay, so what would help?", "Honestly, what would help?", "Hmm, what would help?"):
        assert score(text).codes == {"open_question"}, text


@pytest.mark.parametrize("text", [
    "To be honest, what would help?",
    "Right, you know, what would help?",
    "To be fair, what would help here?",
    "And so, I mean, what would help?",
])
def test_markers_of_three_words_before_a_question_are_not_read_as_a_statement(text: str) -> None:
    # "to be honest" and "you know" are also confrontation cues ("To be honest, that's lazy",
    # "You know that"); as the whole lead-in to a question they only open it.
    assert score(text).codes == {"open_question"}, text


def test_a_statement_before_a_question_is_still_read_on_its_own() -> None:
    assert score("To be honest, that's just lazy, what were you thinking?").codes >= {"confront"}
