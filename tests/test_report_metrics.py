"""Unit tests for each report metric, on small transcripts with hand-set annotations."""

from __future__ import annotations

import pytest
from test_report_helpers import ann, load_fixture, make

from coachdojo.report import build_report, summarise_transcript
from coachdojo.report.build import (
    band_for,
    count_words,
    non_directive_index,
    overall_stance,
    stance_of,
)
from coachdojo.report.lexicon import cues, lexicon
from coachdojo.transcript import Annotation, Utterance


def report_of(*turns: tuple, **kw: object):
    return build_report(make(turns, **kw))


def test_each_code_counts_once_per_turn_even_with_two_reflections_in_it() -> None:
    r = report_of(("coach", "So X. And Y.", ["simple_reflection", "complex_reflection"]), ("coachee", "yes"))
    m = r.metrics
    assert m.code_counts["simple_reflection"] == 1 and m.code_counts["complex_reflection"] == 1
    assert m.reflections == 1  # one volley, one reflection
    assert (m.simple_reflections, m.complex_reflections) == (0, 1)  # any complex -> complex


def test_percent_open_is_open_over_open_plus_closed() -> None:
    r = report_of(
        ("coach", "What?", ["open_question"]), ("coach", "How?", ["open_question"]),
        ("coach", "What?", ["open_question"]), ("coach", "Is it?", ["closed_question"]),
        ("coach", "Mm.", ["other"]),
    )
    assert r.metrics.percent_open == 75.0


def test_percent_open_is_none_without_open_or_closed_questions() -> None:
    assert report_of(("coach", "So you are tired.", ["simple_reflection"])).metrics.percent_open is None


def test_reflection_question_ratio_counts_turns_with_any_question_code() -> None:
    r = report_of(
        ("coach", "What do you mean by stuck?", ["clarifying"]),
        ("coach", "Don't you think so?", ["leading"]),
        ("coach", "You feel stuck.", ["simple_reflection"]),
        ("coach", "Part of you...", ["complex_reflection"]),
        ("coach", "So far: A, B, C.", ["summary"]),
    )
    assert r.metrics.questions == 2 and r.metrics.reflections == 3
    assert r.metrics.reflection_question_ratio == 1.5


def test_reflection_question_ratio_without_questions_is_none_and_banded_good_when_reflecting() -> None:
    r = report_of(("coach", "You feel stuck.", ["simple_reflection"]))
    assert r.metrics.reflection_question_ratio is None
    assert r.bands[0].band == "good" and r.bands[0].display == "no questions"
    assert report_of(("coach", "Hello.", ["other"])).bands[0].band == "n/a"


def test_summary_counts_as_simple_unless_the_turn_holds_a_complex_reflection() -> None:
    r = report_of(("coach", "So far: A, B.", ["summary"]), ("coach", "So far A; part of you...", ["summary", "complex_reflection"]))
    assert (r.metrics.simple_reflections, r.metrics.complex_reflections) == (1, 1)
    assert r.metrics.percent_complex == 50.0


def test_mi_adherent_and_non_adherent_totals() -> None:
    r = report_of(
        ("coach", "You worked hard on that.", ["affirmation"]),
        ("coach", "May I share an idea?", ["asks_permission"]),
        ("coach", "It's your call.", ["autonomy"]),
        ("coach", "You should quit.", ["advice"]),
        ("coach", "That's wrong.", ["confront"]),
        ("coach", "When I was young...", ["self_disclosure"]),
    )
    assert (r.metrics.mi_adherent, r.metrics.mi_non_adherent) == (3, 2)


def test_advice_and_stacked_question_turns_are_listed_by_turn_number() -> None:
    r = report_of(
        ("coach", "Hi.", ["other"]), ("coachee", "Hi."),
        ("coach", "Try a list.", ["advice"]), ("coachee", "Hm."),
        ("coach", "What? And how?", ["open_question", "stacked_questions"]),
    )
    assert r.metrics.advice_turns == (2,)  # the student's second reply (turn 2, as the app counts)
    assert r.metrics.stacked_question_turns == (3,)


def test_word_counts_treat_contractions_as_one_word() -> None:
    assert count_words("You're here, aren't you? 25 minutes.") == 6
    assert count_words("") == 0


def test_coach_share_of_words_and_words_per_coach_turn() -> None:
    r = report_of(("coach", "one two three", ["other"]), ("coachee", "a b c d e f g"), ("coach", "four five", ["other"]))
    assert r.metrics.coach_word_share == 41.7  # 5 / 12
    assert r.metrics.words_per_coach_turn == 2.5


def test_grow_order_skips_unstaged_turns_and_keeps_returns() -> None:
    r = report_of(
        ("coach", "a", ["open_question"], "goal"), ("coach", "b", ["open_question"], None),
        ("coach", "c", ["open_question"], "goal"), ("coach", "d", ["open_question"], "reality"),
        ("coach", "e", ["open_question"], "goal"),
    )
    assert r.stages_covered == ("goal", "reality")
    assert [(s.stage, s.turns) for s in r.stage_sequence] == [("goal", (1, 3)), ("reality", (4,)), ("goal", (5,))]


def test_contracting_is_searched_in_the_first_three_coach_turns_only_unless_staged() -> None:
    turns = [("coach", "Hello.", ["other"]), ("coach", "Hm.", ["other"]), ("coach", "Go on.", ["other"]),
             ("coach", "What would you like to focus on?", ["open_question"]),
             *[("coach", "Mm.", ["other"])] * 6]
    assert not build_report(make(turns)).contracting.goal
    staged = list(turns)
    staged[3] = ("coach", "What would you like to focus on?", ["open_question"], "contracting")
    c = build_report(make(staged)).contracting
    assert c.goal_turns == (4,) and 4 in c.window


def test_contracting_staged_late_in_the_session_does_not_count_as_at_the_start() -> None:
    turns = [("coach", "Mm.", ["other"])] * 6 + [("coach", "How will you know it worked?", ["open_question"], "contracting")]
    assert build_report(make(turns)).contracting.measure_turns == ()


def test_agreed_needs_a_goal_and_a_measure() -> None:
    r = report_of(("coach", "What would you like to focus on today?", ["open_question"], "contracting"))
    assert r.contracting.goal and not r.contracting.agreed
    r = report_of(("coach", "What would you like to focus on today, and how will you know it was useful?", ["open_question"], "contracting"))
    assert r.contracting.agreed


@pytest.mark.parametrize(
    ("codes", "stance"),
    [
        ({"open_question"}, "coaching"),
        ({"advice"}, "mentoring"),
        ({"self_disclosure"}, "mentoring"),
        ({"information"}, "mentoring"),
        ({"advice", "closed_question"}, "mixed"),
        ({"complex_reflection", "information"}, "mixed"),
        ({"other"}, "neutral"),
        (set(), "neutral"),
    ],
)
def test_stance_of_a_turn(codes: set[str], stance: str) -> None:
    assert stance_of(codes) == stance


def test_overall_stance_thresholds() -> None:
    assert overall_stance(None) == "n/a"
    assert overall_stance(0.0) == overall_stance(0.2) == "coaching"
    assert overall_stance(0.25) == overall_stance(0.5) == "mixed"
    assert overall_stance(0.51) == "mentoring"


@pytest.mark.parametrize(("value", "band"), [(None, "n/a"), (0.99, "below fair"), (1.0, "fair"), (1.99, "fair"), (2.0, "good"), (5.0, "good")])
def test_rq_bands_use_miti_thresholds(value: float | None, band: str) -> None:
    assert band_for(value, 1.0, 2.0) == band


@pytest.mark.parametrize(("value", "band"), [(39.9, "below fair"), (40.0, "fair"), (49.9, "fair"), (50.0, "good")])
def test_percent_complex_bands_use_miti_thresholds(value: float, band: str) -> None:
    assert band_for(value, 40.0, 50.0) == band


def _ndi(**kw: int) -> float:
    base = dict(n=10, listening_turns=5, reflections=4, questions=4, open_questions=3, closed_questions=1)
    directive = {k: kw.pop(k) for k in ("advice", "confront", "leading", "self_disclosure") if k in kw}
    base.update(kw)
    return non_directive_index(directive=directive, **base).value


def test_non_directive_index_worked_example_from_the_docs() -> None:
    # 10 coach turns, 5 listening, 4 reflections, 4 questions (3 open, 1 closed), 1 advice:
    # 100 (0.4*0.5 + 0.3*0.5 + 0.3*0.75) = 57.5; penalty 50*1/10 = 5 -> 52.5
    assert _ndi(advice=1) == 52.5


def test_non_directive_index_is_bounded() -> None:
    assert _ndi(n=2, listening_turns=0, reflections=0, questions=2, open_questions=0, closed_questions=2, advice=2, confront=2) == 0.0
    assert _ndi(n=4, listening_turns=4, reflections=8, questions=1, open_questions=1, closed_questions=0) == 100.0
    assert non_directive_index(n=0, listening_turns=0, reflections=0, questions=0, open_questions=0, closed_questions=0, directive={}).value == 0.0


def test_non_directive_index_is_monotone_in_each_part() -> None:
    assert _ndi(listening_turns=6) > _ndi(listening_turns=5)
    assert _ndi(reflections=6) > _ndi(reflections=4)
    assert _ndi(open_questions=4, closed_questions=0) > _ndi()
    assert _ndi(advice=1) < _ndi()
    assert _ndi(confront=1) < _ndi()
    assert _ndi(leading=1) < _ndi()
    assert _ndi(leading=1) > _ndi(advice=1)  # leading costs half as much as advice


def test_missed_opportunity_needs_an_unreflected_feeling_or_value() -> None:
    r = report_of(
        ("coach", "What's up?", ["open_question"]), ("coachee", "I'm so frustrated with my boss."),
        ("coach", "What did you try?", ["open_question"]), ("coachee", "Honesty matters to me."),
        ("coach", "Honesty really matters to you.", ["complex_reflection"]), ("coachee", "I'm worried."),
    )
    assert [(x.coachee_turn, x.kind, x.cue, x.coach_turn) for x in r.missed] == [(1, "feeling", "frustrated", 2)]
    assert "frustrated" in r.missed[0].suggestion


def test_missed_opportunity_reports_the_first_cue_in_the_text() -> None:
    r = report_of(("coachee", "Family matters, and I'm anxious."), ("coach", "Next?", ["open_question"]))
    assert (r.missed[0].kind, r.missed[0].cue) == ("value", "family")


def test_lexicon_is_loaded_once_and_matches_whole_words() -> None:
    assert lexicon() is lexicon()
    feelings = cues("feelings")
    assert feelings.find("I feel STUCK here") == "stuck"
    assert feelings.find("I was stuckling") is None
    assert feelings.find("I’m burnt   out") == "burnt out"


def test_rewound_turns_are_shown_but_left_out_of_metrics() -> None:
    r = report_of(
        ("coach", "You should quit.", ["advice"]), ("coachee", "What?"),
        ("coach", "What matters to you here?", ["open_question"]), ("coachee", "Freedom."),
        rewound={1, 2},
    )
    assert len(r.turns) == 4 and r.turns[0].rewound
    assert r.metrics.advice_turns == () and r.metrics.coach_turns == 1
    assert r.metrics.rewound_turns == 1  # one reply taken back, not its coachee answer too
    assert r.metrics.coachee_words == 1


def test_unannotated_coach_turns_are_scored_with_the_turns_before_them_as_context() -> None:
    calls: list[tuple[str, tuple[Utterance, ...]]] = []

    def fake_score(text: str, context: tuple[Utterance, ...] = ()) -> Annotation:
        calls.append((text, tuple(context)))
        return ann(text, ["open_question"], "goal")

    t = make([("coach", "Hi?", None), ("coachee", "Hello."), ("coach", "Taken back", None), ("coachee", "x"), ("coach", "What now?", None)], rewound={3, 4})
    r = build_report(t, scorer=fake_score)
    assert [c[0] for c in calls] == ["Hi?", "Taken back", "What now?"]
    assert calls[2][1] == (Utterance("coach", "Hi?"), Utterance("coachee", "Hello."))
    assert r.metrics.open_questions == 2  # the rewound turn is scored for display but not counted
    assert r.turns[2].codes == ("open_question",)


def test_annotated_turns_are_not_rescored() -> None:
    def boom(text: str, context: tuple = ()) -> Annotation:
        raise AssertionError("scorer called")

    build_report(load_fixture("me_them"), scorer=boom)


def test_rapport_curve_and_ending_for_app_sessions() -> None:
    r = report_of(
        ("coach", "What brings you?", ["open_question"]), ("coachee", "Work."),
        ("coach", "Work is heavy.", ["simple_reflection"]), ("coachee", "Yes."),
        rapport={2: 1, 4: 3}, scenario_id="priya", scenario_title="Priya's deadline",
        ending="opened_up", ending_kind="good",
    )
    assert r.rapport == ((1, 1), (2, 3))
    assert (r.ending, r.ending_kind) == ("opened_up", "good")
    assert report_of(("coach", "x", ["other"]), rapport={1: 2}).rapport == ()  # not an app session


def test_rapport_curve_takes_one_point_per_exchange_when_coach_turns_carry_it() -> None:
    r = report_of(
        ("coachee", "Hi."), ("coach", "What brings you?", ["open_question"]), ("coachee", "Work."),
        ("coach", "Work is heavy.", ["simple_reflection"]), ("coachee", "Yes."),
        rapport={2: 4, 3: 4, 4: 6, 5: 6}, scenario_id="s",
    )
    assert r.rapport == ((1, 4), (2, 6))


def test_strengths_and_growth_areas_quote_the_students_turns_with_alternatives() -> None:
    r = build_report(load_fixture("me_them"))
    growth = {h.key: h for h in r.growth_areas}
    assert list(growth)[0] == "advice"
    assert [(q.turn, q.text) for q in growth["advice"].quotes] == [
        (2, "You should set a timer and write for 25 minutes every morning."),
        (6, "Have you tried talking to your supervisor?"),
    ]
    assert growth["advice"].alternative == "What have you already tried to get the writing going?"  # the rewrite
    assert len(r.growth_areas) == 3 and len(r.strengths) <= 3
    good = build_report(load_fixture("dash_labels"))
    assert good.strengths[0].key == "complex_reflection"
    assert good.strengths[0].quotes[0].turn == 4  # transcript line 7, the fourth reply
    assert all(h.alternative for h in (*good.strengths, *good.growth_areas))


def test_growth_area_without_a_rewrite_gets_a_code_specific_suggestion() -> None:
    long = "I have been thinking about this for a long time and I still do not know what to do about it at all."
    r = report_of(
        ("coach", "What would you like to focus on today, and how will you know it was useful?", ["open_question"], "contracting"),
        ("coachee", long),
        ("coach", "Why did you do that?", ["why_question", "open_question"]), ("coachee", long),
        ("coach", "Part of you wants out.", ["complex_reflection"]), ("coachee", long),
        ("coach", "And part of you stays.", ["complex_reflection"]), ("coachee", long),
    )
    why = next(h for h in r.growth_areas if h.key == "why_question")
    assert "What led to" in why.alternative


def test_icf_markers_name_the_turns_that_show_them() -> None:
    r = build_report(load_fixture("coach_client"))
    markers = {m.id: m for m in r.markers}
    assert markers["4.1"].turns == (7,) and markers["4.1"].evidenced
    assert markers["5.3"].turns == (9,)
    assert markers["6.7"].turns == (3, 6)
    assert markers["3.1"].turns == (2,) and markers["3.2"].turns == (4,)
    assert markers["7.6"].evidenced
    assert not markers["7.8"].evidenced  # the coach spoke 56.4 % of the words
    assert not markers["6.2"].evidenced
    assert {n.id for n in r.not_visible} >= {"5.5", "6.4", "6.6"}


def test_stacked_questions_stop_7_6_being_evidenced_when_frequent() -> None:
    stacked = [("coach", "What? How?", ["open_question", "stacked_questions"])] * 3
    r = report_of(*stacked, ("coach", "What else?", ["open_question"]))
    assert not {m.id: m for m in r.markers}["7.6"].evidenced


def test_summarise_transcript_gives_the_history_row() -> None:
    t = make(
        [("coach", "What brings you?", ["open_question"]), ("coachee", "Work.")],
        scenario_id="priya", scenario_title="Priya", ending="e1", ending_kind="good",
        source="/tmp/s.jsonl", started_at="2025-01-01T10:00:00Z",
        meta={"session_id": "abc", "finished_at": "2025-01-01T10:20:00Z"},
    )
    row = summarise_transcript(t)
    assert set(row) == {
        "session_id", "scenario_id", "scenario_title", "started_at", "finished_at", "ending", "ending_kind",
        "turns", "transcript_path", "non_directive_index", "reflection_question_ratio", "percent_open",
        "percent_complex", "mi_adherent", "mi_non_adherent", "metrics",
    }
    # "turns" counts the student's replies (docs/storage.md), not the coachee's answers too
    assert (row["session_id"], row["finished_at"], row["turns"], row["transcript_path"]) == ("abc", "2025-01-01T10:20:00Z", 1, "/tmp/s.jsonl")
    assert row["metrics"]["count_open_question"] == 1
    assert all(isinstance(v, (int, float)) or v is None for v in row["metrics"].values())


def test_empty_transcript_builds_a_report() -> None:
    r = build_report(make([]))
    assert r.metrics.coach_turns == 0 and r.metrics.non_directive_index == 0.0
    assert r.stance_overall == "n/a"


def test_unscored_turns_get_only_the_utterances_the_scorer_reads_as_context() -> None:
    """So a long transcript is scored in linear time (the scorer reads no further back)."""
    from coachdojo.report.build import CONTEXT_UTTERANCES

    calls: list[tuple[Utterance, ...]] = []

    def fake_score(text: str, context: tuple = ()) -> Annotation:
        calls.append(tuple(context))
        return Annotation(text, frozenset({"open_question"}), "question", None)

    turns = []
    for i in range(30):
        turns += [("coach", f"Question {i}?", None), ("coachee", f"Answer {i}.")]
    build_report(make(turns), scorer=fake_score)
    assert CONTEXT_UTTERANCES == 16  # the scorer's 8 coachee turns, with the coach's between
    assert [len(c) for c in calls[:10]] == [0, 2, 4, 6, 8, 10, 12, 14, 16, 16]
    assert calls[-1] == tuple(
        Utterance(speaker, text) for i in range(21, 29) for speaker, text in (("coach", f"Question {i}?"), ("coachee", f"Answer {i}."))
    )
