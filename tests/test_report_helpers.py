"""Helpers for the report tests: fixture transcripts with hand-fixed annotations, and a
small builder for in-test transcripts. (Its own tests check the fixtures are consistent.)"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from coachdojo.codes import CODES, STAGES, primary_of
from coachdojo.report.parse import parse_transcript_text
from coachdojo.transcript import COACH, COACHEE, Annotation, Transcript, Turn

DATA = Path(__file__).parent / "data" / "transcripts"
FIXTURES = ("coach_client", "coachee_continuation", "me_them", "dash_labels")


def ann(text: str, codes: Iterable[str], stage: str | None = None, rewrite: str | None = None, tip: str = "") -> Annotation:
    codes = frozenset(codes)
    return Annotation(text=text, codes=codes, primary=primary_of(codes), stage=stage, tip=tip, rewrite=rewrite)


def with_sidecar(transcript: Transcript, sidecar: Path) -> Transcript:
    """Attach the hand-made annotations in `sidecar` (one object per coach turn, in order)."""
    items = json.loads(sidecar.read_text("utf-8"))
    coach = [i for i, t in enumerate(transcript.turns) if t.speaker == COACH]
    assert len(items) == len(coach), f"{sidecar.name}: {len(items)} annotations for {len(coach)} coach turns"
    turns = list(transcript.turns)
    for i, item in zip(coach, items, strict=True):
        t = turns[i]
        turns[i] = replace(t, annotation=ann(t.text, item["codes"], item.get("stage"), item.get("rewrite"), item.get("tip", "")))
    return replace(transcript, turns=tuple(turns))


def load_fixture(name: str) -> Transcript:
    text = (DATA / f"{name}.txt").read_text("utf-8")
    return with_sidecar(parse_transcript_text(text, f"{name}.txt"), DATA / f"{name}.annotations.json")


def make(turns: Sequence[tuple], **kwargs: object) -> Transcript:
    """Build a transcript from tuples: ("coach", text, codes[, stage[, rewrite]]) or ("coachee", text).

    Keyword `rewound={turn numbers}` and `rapport={turn: value}` mark app-session details;
    other keywords go to Transcript.
    """
    rewound = set(kwargs.pop("rewound", ()))  # type: ignore[arg-type]
    rapport: dict[int, int] = dict(kwargs.pop("rapport", {}))  # type: ignore[arg-type]
    out = []
    for n, spec in enumerate(turns, start=1):
        speaker, text = spec[0], spec[1]
        annotation = None
        if speaker == COACH and len(spec) > 2 and spec[2] is not None:
            annotation = ann(text, spec[2], *(spec[3:5]))
        out.append(Turn(speaker=speaker, text=text, annotation=annotation, rewound=n in rewound, rapport=rapport.get(n)))
    return Transcript(turns=tuple(out), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_sidecars_use_known_codes_and_stages(name: str) -> None:
    items = json.loads((DATA / f"{name}.annotations.json").read_text("utf-8"))
    for item in items:
        assert set(item["codes"]) <= set(CODES)
        assert item.get("stage") in (None, *STAGES)
    load_fixture(name)  # the number of annotations matches the coach turns


def test_make_builds_turns_with_annotations() -> None:
    t = make([("coach", "What brings you here?", ["open_question"], "goal"), ("coachee", "Work.")], rewound={2})
    assert t.turns[0].annotation is not None and t.turns[0].annotation.stage == "goal"
    assert t.turns[1].speaker == COACHEE and t.turns[1].rewound
