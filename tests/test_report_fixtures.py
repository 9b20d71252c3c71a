"""Hand-worked expected metrics for each fixture transcript.

Annotations come from the JSON sidecars next to each transcript (fixed by hand), so these
numbers do not depend on the scorer. The working is in the comments, where numbers count every
line of the transcript (coach and client alike); the report numbers turns as the app does (the
student's Nth reply and the answer to it are turn N), so coach line L is turn (L + 1) // 2 and
client line L is turn L // 2 in EXPECTED. Words are runs of letters/digits ("you're" = 1).
"""

from __future__ import annotations

import pytest
from test_report_helpers import load_fixture

from coachdojo.report import build_report

# coach_client.txt (Coach:/Client:), 18 turns, coach turns 1,3,...,17 =
#   1 other (contracting) | 3 open (contracting) | 5 CR (goal) | 7 open (contracting)
#   9 closed (reality)    | 11 summary (reality) | 13 affirmation | 15 open (options)
#   17 autonomy+open (will)
# questions 3,7,9,15,17 = 5; reflections 5,11 = 2 -> R:Q 0.4 (below fair)
# MITI CR: 5; SR: 11 (a summary without a complex reflection counts as simple) -> %CR 50 (good)
# open 4 / (4 open + 1 closed) = 80 %; adherent = affirm 1 + autonomy 1 = 2
# coach words 14+8+17+8+6+14+15+5+14 = 101; client 7+13+6+11+10+4+8+11+8 = 78
#   share 101/179 = 56.4 %; per turn 101/9 = 11.2
# listening turns 3,5,7,11,13,15,17 = 7 -> L 7/9; R = 0.4/2 = 0.2; O = 0.8
#   index = 100 (0.4*7/9 + 0.3*0.2 + 0.3*0.8) = 61.1, no penalty
# missed: 2 "dreading" -> 3 (question); 6 "reliability" -> 7; 12 "exhausted" -> 13 (affirmation)
# contracting window: first three coach turns 1,3,5 + contracting-staged 7 (within first 5)
#   goal cue turn 3 ("focus on"), measure turn 7 ("how will you know"), confidentiality turn 1
#
# coachee_continuation.txt (Coach:/Coachee:, continuation lines, blank lines), 12 turns:
#   1 other | 3 SR | 5 why+closed+open+stacked | 7 asks permission | 9 information | 11 SR+open
# questions 5,11 = 2; reflections 3,11 = 2 -> R:Q 1.0 (fair); %CR 0/2 = 0 (below fair)
# open 2/(2+1) = 66.7 %; adherent 1 (permission); stacked turn 5
# coach words 2+4+14+14+20+14 = 68; coachee 12+17+10+1+7+5 = 52 -> 56.7 %; 68/6 = 11.3
# listening 3,5,7,11 = 4 -> 100 (0.4*4/6 + 0.3*0.5 + 0.3*2/3) = 61.7
# stance: coaching 3,5,7,11; mentoring 9; neutral 1 -> position 1/5 = 0.2 -> coaching
# missed: 6 "afraid" -> 7 (permission, no reflection); 2 "stuck" -> 3 reflected; 10 "growth" -> 11 reflected
#
# me_them.txt (Me:/Them:), 12 turns:
#   1 open | 3 advice | 5 leading | 7 self-disclosure | 9 confront | 11 advice+closed
# questions 1,5,11 = 3; reflections 0 -> R:Q 0.0 (below fair); %CR n/a
# open 1/(1+1) = 50 %; non-adherent = confront 1 + advice 2 = 3
# coach words 4+12+9+17+7+7 = 56; them 10+6+4+1+5+1 = 27 -> 67.5 %; 56/6 = 9.3
# base 100 (0.4*1/6 + 0 + 0.3*0.5) = 21.7; penalty 50 (2 + 1 + 0.5*1 + 0.5*1)/6 = 33.3 -> 0
# stance: coaching 1; mentoring 3,5,7,9; mixed 11 -> (4 + 0.5)/6 = 0.75 -> mentoring
# missed: 2 "ashamed" -> 3; 10 "overwhelmed" -> 11
#
# dash_labels.txt (COACH -/CLIENT - and "Coach :"), 16 turns:
#   1 other+open | 3 SR | 5 other | 7 CR | 9 open+stacked | 11 CR+summary | 13 affirmation | 15 CR
# questions 1,9 = 2; reflections 3,7,11,15 = 4 -> R:Q 2.0 (good); CR 7,11,15 -> %CR 75 (good)
# open 2/2 = 100 %; adherent 1; stacked turn 9
# coach words 13+14+4+16+12+24+5+13 = 101; client 23+7+18+8+5+3+1+10 = 75 -> 57.4 %; 12.6
# listening all but 5 = 7 -> 100 (0.4*7/8 + 0.3 + 0.3) = 95.0
# missed: 8 "anxious" -> 9 (question); 6 "family" -> 7 and 10 "let down" -> 11 reflected
EXPECTED = {
    "coach_client": dict(
        turns=18, coach_turns=9, questions=5, reflections=2, simple=1, complex=1, open=4, closed=1,
        percent_open=80.0, rq=0.4, percent_complex=50.0, adherent=2, non_adherent=0,
        advice_turns=(), stacked=(), coach_words=101, coachee_words=78, share=56.4, wpt=11.2,
        listening=7, index=61.1, rq_band="below fair", cr_band="good",
        stages=("contracting", "goal", "reality", "options", "will"),
        sequence=(("contracting", (1, 2)), ("goal", (3,)), ("contracting", (4,)), ("reality", (5, 6, 7)), ("options", (8,)), ("will", (9,))),
        goal=(2,), measure=(4,), confidentiality=(1,), agreed=True,
        stance="coaching", stance_counts={"coaching": 8, "mixed": 0, "mentoring": 0, "neutral": 1},
        missed=((1, "dreading", 2), (3, "reliability", 4), (6, "exhausted", 7)),
    ),
    "coachee_continuation": dict(
        turns=12, coach_turns=6, questions=2, reflections=2, simple=2, complex=0, open=2, closed=1,
        percent_open=66.7, rq=1.0, percent_complex=0.0, adherent=1, non_adherent=0,
        advice_turns=(), stacked=(3,), coach_words=68, coachee_words=52, share=56.7, wpt=11.3,
        listening=4, index=61.7, rq_band="fair", cr_band="below fair",
        stages=("reality", "options"),
        sequence=(("reality", (2, 3)), ("options", (4, 5, 6))),
        goal=(), measure=(), confidentiality=(), agreed=False,
        stance="coaching", stance_counts={"coaching": 4, "mixed": 0, "mentoring": 1, "neutral": 1},
        missed=((3, "afraid", 4),),
    ),
    "me_them": dict(
        turns=12, coach_turns=6, questions=3, reflections=0, simple=0, complex=0, open=1, closed=1,
        percent_open=50.0, rq=0.0, percent_complex=None, adherent=0, non_adherent=3,
        advice_turns=(2, 6), stacked=(), coach_words=56, coachee_words=27, share=67.5, wpt=9.3,
        listening=1, index=0.0, rq_band="below fair", cr_band="n/a",
        stages=("reality", "options"),
        sequence=(("reality", (1,)), ("options", (2,)), ("reality", (3,)), ("options", (4, 6))),
        goal=(), measure=(), confidentiality=(), agreed=False,
        stance="mentoring", stance_counts={"coaching": 1, "mixed": 1, "mentoring": 4, "neutral": 0},
        missed=((1, "ashamed", 2), (5, "overwhelmed", 6)),
    ),
    "dash_labels": dict(
        turns=16, coach_turns=8, questions=2, reflections=4, simple=1, complex=3, open=2, closed=0,
        percent_open=100.0, rq=2.0, percent_complex=75.0, adherent=1, non_adherent=0,
        advice_turns=(), stacked=(5,), coach_words=101, coachee_words=75, share=57.4, wpt=12.6,
        listening=7, index=95.0, rq_band="good", cr_band="good",
        stages=("contracting", "reality", "will"),
        sequence=(("contracting", (1, 2, 3)), ("reality", (4, 5, 6)), ("will", (8,))),
        goal=(1,), measure=(2,), confidentiality=(3,), agreed=True,
        stance="coaching", stance_counts={"coaching": 7, "mixed": 0, "mentoring": 0, "neutral": 1},
        missed=((4, "anxious", 5),),
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_metrics_match_the_hand_worked_table(name: str) -> None:
    e = EXPECTED[name]
    report = build_report(load_fixture(name))
    m = report.metrics
    assert len(report.turns) == e["turns"]
    assert m.coach_turns == e["coach_turns"]
    assert (m.questions, m.reflections) == (e["questions"], e["reflections"])
    assert (m.simple_reflections, m.complex_reflections) == (e["simple"], e["complex"])
    assert (m.open_questions, m.closed_questions) == (e["open"], e["closed"])
    assert m.percent_open == e["percent_open"]
    assert m.reflection_question_ratio == e["rq"]
    assert m.percent_complex == e["percent_complex"]
    assert (m.mi_adherent, m.mi_non_adherent) == (e["adherent"], e["non_adherent"])
    assert m.advice_turns == e["advice_turns"]
    assert m.stacked_question_turns == e["stacked"]
    assert (m.coach_words, m.coachee_words) == (e["coach_words"], e["coachee_words"])
    assert m.coach_word_share == e["share"]
    assert m.words_per_coach_turn == e["wpt"]
    assert m.listening_turns == e["listening"]
    assert m.non_directive_index == pytest.approx(e["index"], abs=0.05)
    assert [b.band for b in report.bands] == [e["rq_band"], e["cr_band"]]
    assert report.stages_covered == e["stages"]
    assert tuple((r.stage, r.turns) for r in report.stage_sequence) == e["sequence"]
    c = report.contracting
    assert (c.goal_turns, c.measure_turns, c.confidentiality_turns) == (e["goal"], e["measure"], e["confidentiality"])
    assert c.agreed is e["agreed"]
    assert report.stance_overall == e["stance"]
    assert report.stance_counts == e["stance_counts"]
    assert tuple((x.coachee_turn, x.cue, x.coach_turn) for x in report.missed) == e["missed"]
    assert m.missed_opportunities == len(e["missed"])


def test_code_counts_of_the_directive_fixture() -> None:
    counts = build_report(load_fixture("me_them")).metrics.code_counts
    nonzero = {k: v for k, v in counts.items() if v}
    assert nonzero == {"open_question": 1, "closed_question": 1, "leading": 1, "advice": 2, "self_disclosure": 1, "confront": 1}


def test_continuation_lines_join_the_turn_and_blank_lines_are_ignored() -> None:
    t = load_fixture("coachee_continuation")
    assert t.turns[1].text == "Morning. I want to talk about my career, because I feel stuck."
    assert t.turns[8].text.endswith("It gives both sides something concrete to review.")
    assert [turn.line for turn in t.turns[:4]] == [1, 2, 5, 6]
