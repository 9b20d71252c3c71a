"""The scorer's agreement with the labelled set stays at or above its floors.

Raise a floor when the scorer improves; never lower one silently (docs/scoring.md keeps the
measured table, `coachdojo eval tests/data/gold.jsonl` reproduces it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdojo.scoring import score
from coachdojo.scoring.evaluate import evaluate, read_gold

GOLD = Path(__file__).parent / "data" / "gold.jsonl"

# Per-code F1 floors, a little under the figures measured when each was last raised. They were
# re-based once, openly, when the set grew by 360 deliberately hard lines (g-1247 to g-1606):
# the same scorer scores lower on a harder set, and the floors follow the set, not the scorer.
F1_FLOORS = {
    "open_question": 0.93,
    "closed_question": 0.91,
    "why_question": 0.97,
    "stacked_questions": 0.93,
    "asks_permission": 0.79,
    "autonomy": 0.77,
    "self_disclosure": 0.94,
    "confront": 0.80,
    "summary": 0.78,
    "advice": 0.83,
    "information": 0.75,
    "affirmation": 0.81,
    "clarifying": 0.66,
    "leading": 0.81,
    "simple_reflection": 0.70,
    "complex_reflection": 0.61,
    "other": 0.78,
}
KAPPA_FLOOR = 0.85
ANY_REFLECTION_F1_FLOOR = 0.83


@pytest.fixture(scope="module")
def evaluation():
    gold = read_gold(GOLD)
    return gold, *evaluate(gold, score)


def test_labelled_set_is_big_and_covers_every_code(evaluation):
    gold, result, _ = evaluation
    assert len(gold) >= 600
    for code, row in result["per_code"].items():
        assert row["support"] >= 25, code


@pytest.mark.parametrize("code", sorted(F1_FLOORS))
def test_per_code_f1_stays_above_its_floor(evaluation, code):
    _, result, _ = evaluation
    assert result["per_code"][code]["f1"] >= F1_FLOORS[code]


def test_primary_behaviour_agreement_stays_above_the_floor(evaluation):
    _, result, _ = evaluation
    assert result["primary"]["kappa"] >= KAPPA_FLOOR


def test_reflection_of_either_kind_stays_above_the_floor(evaluation):
    _, _, predictions = evaluation
    kinds = {"simple_reflection", "complex_reflection"}
    tp = sum(1 for g, p in predictions if g.codes & kinds and p.codes & kinds)
    fp = sum(1 for g, p in predictions if not g.codes & kinds and p.codes & kinds)
    fn = sum(1 for g, p in predictions if g.codes & kinds and not p.codes & kinds)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= ANY_REFLECTION_F1_FLOOR


# The blind held-out set (tests/data/gold_heldout.jsonl) was written and labelled by a second
# labeller who never saw the scorer or the first set; the scorer is not tuned on it. These
# floors guard against regressions only, just under the figures measured when it arrived.
HELDOUT = Path(__file__).parent / "data" / "gold_heldout.jsonl"
HELDOUT_FLOORS = {"open_question": 0.93, "closed_question": 0.91, "advice": 0.84, "why_question": 0.96}
HELDOUT_KAPPA_FLOOR = 0.81


@pytest.fixture(scope="module")
def heldout():
    gold = read_gold(HELDOUT)
    return evaluate(gold, score)[0]


def test_blind_heldout_set_stays_above_its_floors(heldout):
    assert heldout["n"] >= 450
    assert heldout["primary"]["kappa"] >= HELDOUT_KAPPA_FLOOR
    for code, floor in HELDOUT_FLOORS.items():
        assert heldout["per_code"][code]["f1"] >= floor, code


# Two sets in the register of transcribed speech (fillers, restarts, backchannels, reflections
# with no stem), written and labelled before the scorer was run on them. gold_spoken.jsonl is
# used to improve the rules; its floors were re-based once, openly, when 350 lines concentrating
# on the hardest codes (sc-0001 to sc-0350: confront, information, affirmation) were added.
# gold_spoken_blind.jsonl, by another labeller, is never read line by line and guards against
# regressions only, just under the figures measured.
SPOKEN = Path(__file__).parent / "data" / "gold_spoken.jsonl"
SPOKEN_FLOORS = {"open_question": 0.93, "closed_question": 0.89, "simple_reflection": 0.58, "other": 0.77, "advice": 0.79, "affirmation": 0.77}
SPOKEN_KAPPA_FLOOR = 0.76
SPOKEN_BLIND = Path(__file__).parent / "data" / "gold_spoken_blind.jsonl"
SPOKEN_BLIND_FLOORS = {"open_question": 0.89, "closed_question": 0.85, "other": 0.83, "advice": 0.63}
SPOKEN_BLIND_KAPPA_FLOOR = 0.76


@pytest.mark.parametrize(
    ("path", "floors", "kappa"),
    [(SPOKEN, SPOKEN_FLOORS, SPOKEN_KAPPA_FLOOR), (SPOKEN_BLIND, SPOKEN_BLIND_FLOORS, SPOKEN_BLIND_KAPPA_FLOOR)],
    ids=["spoken", "spoken-blind"],
)
def test_transcribed_speech_stays_above_its_floors(path, floors, kappa):
    result = evaluate(read_gold(path), score)[0]
    assert result["n"] >= 400
    assert result["primary"]["kappa"] >= kappa
    for code, floor in floors.items():
        assert result["per_code"][code]["f1"] >= floor, code
