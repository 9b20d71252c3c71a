"""Conversation records shared by the engine, the store, the report and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

COACH, COACHEE = "coach", "coachee"


@dataclass(frozen=True)
class Utterance:
    """One turn of talk: who spoke and what they said."""

    speaker: str  # COACH or COACHEE
    text: str


class Evidence(NamedTuple):
    """The span of a reply behind one code: text[start:end]."""

    code: str
    start: int
    end: int
    text: str


class Annotation(NamedTuple):
    """What the scorer found in one coach reply. (A NamedTuple: immutable, and quick to build,
    since the scorer makes one for every reply.)"""

    text: str
    codes: frozenset[str]
    primary: str
    stage: str | None = None
    evidence: tuple[Evidence, ...] = ()
    tip: str = ""
    rewrite: str | None = None

    def evidence_for(self, code: str) -> Evidence | None:
        return next((e for e in self.evidence if e.code == code), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "codes": sorted(self.codes),
            "primary": self.primary,
            "stage": self.stage,
            "evidence": [
                {"code": e.code, "start": e.start, "end": e.end, "text": e.text} for e in self.evidence
            ],
            "tip": self.tip,
            "rewrite": self.rewrite,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Annotation:
        return cls(
            text=data["text"],
            codes=frozenset(data["codes"]),
            primary=data["primary"],
            stage=data.get("stage"),
            evidence=tuple(Evidence(**e) for e in data.get("evidence", ())),
            tip=data.get("tip", ""),
            rewrite=data.get("rewrite"),
        )


@dataclass(frozen=True)
class Turn:
    """One turn of a transcript. Coach turns carry their annotation once scored.

    For sessions played in the app, `rapport` and `node` are the state after the turn, and
    `rewound` marks a reply the student took back (kept, but left out of the metrics).
    """

    speaker: str
    text: str
    annotation: Annotation | None = None
    rapport: int | None = None
    node: str | None = None
    rewound: bool = False
    line: int = 0  # where the turn starts in its source file, when read from one


@dataclass(frozen=True)
class Transcript:
    """A whole conversation, from the app or read from a file."""

    turns: tuple[Turn, ...]
    scenario_id: str | None = None
    scenario_title: str | None = None
    coachee_name: str | None = None
    ending: str | None = None
    ending_kind: str | None = None
    source: str | None = None
    started_at: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def coach_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.speaker == COACH and not t.rewound]
