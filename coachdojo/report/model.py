"""The Report: frozen dataclasses holding every figure, band, marker and note of one session.

`Report.to_dict()` is the JSON form (schema in docs/report-schema.json, version SCHEMA_VERSION).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class EvidenceSpan:
    """The span of a coach reply behind one code."""

    code: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TurnRow:
    """One turn of the conversation as the report shows it.

    `n` is the turn number as the app shows it: the student's Nth reply and the coachee's
    answer to it are both turn N (the coachee's opening is turn 0); a reply taken back and the
    one that replaced it share their number (see build.turn_numbers).
    """

    n: int
    speaker: str
    text: str
    line: int = 0
    rewound: bool = False
    codes: tuple[str, ...] = ()
    primary: str | None = None
    stage: str | None = None
    stance: str | None = None  # coaching / mixed / mentoring / neutral (coach turns only)
    tip: str = ""
    rewrite: str | None = None
    rapport: int | None = None
    evidence: tuple[EvidenceSpan, ...] = ()


@dataclass(frozen=True)
class Quote:
    """A student's own turn, quoted as evidence."""

    turn: int
    text: str


@dataclass(frozen=True)
class Highlight:
    """A strength or a growth area: what, why, where (quotes) and what to try instead."""

    key: str
    title: str
    why: str
    quotes: tuple[Quote, ...]
    alternative: str
    score: float


@dataclass(frozen=True)
class MissedOpportunity:
    """The coachee voiced a feeling or a value and the next coach turn did not reflect it."""

    coachee_turn: int
    coachee_text: str
    cue: str
    kind: str  # "feeling" or "value"
    coach_turn: int
    coach_text: str
    suggestion: str


@dataclass(frozen=True)
class Band:
    """One summary score against the MITI 4.2.1 fair/good thresholds."""

    metric: str
    label: str
    value: float | None
    display: str
    fair: float
    good: float
    band: str  # "good", "fair", "below fair" or "n/a"


@dataclass(frozen=True)
class Marker:
    """An ICF PCC marker and the turns that show it."""

    id: str
    name: str
    evidenced: bool
    turns: tuple[int, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class NotVisible:
    """A marker or global that a text transcript cannot show."""

    id: str
    name: str
    why: str


@dataclass(frozen=True)
class StageRun:
    """Consecutive coach turns in one GROW stage."""

    stage: str
    turns: tuple[int, ...]


@dataclass(frozen=True)
class Contracting:
    """Whether the session was agreed at the start, and the turns that agreed it."""

    goal_turns: tuple[int, ...]
    measure_turns: tuple[int, ...]
    confidentiality_turns: tuple[int, ...]
    importance_turns: tuple[int, ...]
    window: tuple[int, ...]  # the early coach turns searched

    @property
    def goal(self) -> bool:
        return bool(self.goal_turns)

    @property
    def measure(self) -> bool:
        return bool(self.measure_turns)

    @property
    def confidentiality(self) -> bool:
        return bool(self.confidentiality_turns)

    @property
    def agreed(self) -> bool:
        """Agreed at the start: a goal and a measure of success (ICF 3.1 and 3.2)."""
        return self.goal and self.measure


@dataclass(frozen=True)
class IndexParts:
    """The non-directive index and the parts it is built from (see docs/report.md)."""

    listening: float  # share of listening turns, 0..1
    reflection: float  # min(R:Q, 2) / 2, 0..1
    open: float  # % open / 100, 0..1 (0.5 when there were no open or closed questions)
    base: float  # 100 * (0.4 listening + 0.3 reflection + 0.3 open)
    penalty: float  # 50 * (advice + confront + 0.5 (leading + self_disclosure)) / coach turns
    value: float  # clamp(base - penalty, 0, 100), one decimal


@dataclass(frozen=True)
class Metrics:
    """Counts and summary scores over the coach turns that count (not rewound)."""

    coach_turns: int
    coachee_turns: int
    rewound_turns: int
    code_counts: dict[str, int]
    questions: int
    reflections: int
    simple_reflections: int  # MITI SR: reflection turns without a complex reflection
    complex_reflections: int  # MITI CR
    open_questions: int
    closed_questions: int
    percent_open: float | None
    reflection_question_ratio: float | None
    percent_complex: float | None
    mi_adherent: int
    mi_non_adherent: int
    advice_turns: tuple[int, ...]
    stacked_question_turns: tuple[int, ...]
    listening_turns: int
    coach_words: int
    coachee_words: int
    coach_word_share: float | None
    words_per_coach_turn: float | None
    non_directive_index: float
    mentoring_position: float | None  # 0 = all coaching, 1 = all mentoring
    missed_opportunities: int

    def numeric(self) -> dict[str, float | int | None]:
        """Every numeric figure, flat (code counts prefixed `count_`)."""
        out: dict[str, float | int | None] = {}
        for key, value in asdict(self).items():
            if key == "code_counts":
                out.update({f"count_{code}": n for code, n in value.items()})
            elif key in ("advice_turns", "stacked_question_turns"):
                out[key.removesuffix("_turns") + "_turn_count"] = len(value)
            else:
                out[key] = value
        return out


@dataclass(frozen=True)
class Report:
    """Everything the report says about one session."""

    title: str
    source: str | None
    scenario_id: str | None
    scenario_title: str | None
    coachee_name: str | None
    session_id: str | None
    started_at: str | None
    finished_at: str | None
    ending: str | None
    ending_kind: str | None
    metrics: Metrics
    index: IndexParts
    bands: tuple[Band, ...]
    stages_covered: tuple[str, ...]
    stage_sequence: tuple[StageRun, ...]
    contracting: Contracting
    stance_counts: dict[str, int]
    stance_overall: str
    markers: tuple[Marker, ...]
    not_visible: tuple[NotVisible, ...]
    strengths: tuple[Highlight, ...]
    growth_areas: tuple[Highlight, ...]
    missed: tuple[MissedOpportunity, ...]
    turns: tuple[TurnRow, ...]
    rapport: tuple[tuple[int, int], ...] = ()  # (turn, rapport after it), app sessions only
    schema_version: int = field(default=SCHEMA_VERSION)

    def coach_rows(self) -> list[TurnRow]:
        return [t for t in self.turns if t.speaker == "coach"]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the report (see docs/report-schema.json)."""
        c = self.contracting
        return {
            "schema_version": self.schema_version,
            "title": self.title,
            "session": {
                "source": self.source,
                "scenario_id": self.scenario_id,
                "scenario_title": self.scenario_title,
                "coachee_name": self.coachee_name,
                "session_id": self.session_id,
                "started_at": self.started_at,
                "finished_at": self.finished_at,
                "ending": self.ending,
                "ending_kind": self.ending_kind,
            },
            "metrics": {
                **{k: v for k, v in asdict(self.metrics).items()},
                "advice_turns": list(self.metrics.advice_turns),
                "stacked_question_turns": list(self.metrics.stacked_question_turns),
            },
            "non_directive_index": asdict(self.index),
            "bands": [asdict(b) for b in self.bands],
            "grow": {
                "stages_covered": list(self.stages_covered),
                "sequence": [{"stage": r.stage, "turns": list(r.turns)} for r in self.stage_sequence],
            },
            "contracting": {
                "agreed": c.agreed,
                "goal": c.goal,
                "measure": c.measure,
                "confidentiality": c.confidentiality,
                "goal_turns": list(c.goal_turns),
                "measure_turns": list(c.measure_turns),
                "confidentiality_turns": list(c.confidentiality_turns),
                "importance_turns": list(c.importance_turns),
                "window": list(c.window),
            },
            "stance": {"overall": self.stance_overall, "counts": dict(self.stance_counts)},
            "icf_markers": [
                {"id": m.id, "name": m.name, "evidenced": m.evidenced, "turns": list(m.turns), "note": m.note}
                for m in self.markers
            ],
            "not_visible": [asdict(n) for n in self.not_visible],
            "strengths": [_highlight(h) for h in self.strengths],
            "growth_areas": [_highlight(h) for h in self.growth_areas],
            "missed_opportunities": [asdict(m) for m in self.missed],
            "turns": [_turn(t) for t in self.turns],
            "rapport": [{"turn": n, "rapport": r} for n, r in self.rapport],
        }


def _highlight(h: Highlight) -> dict[str, Any]:
    return {
        "key": h.key,
        "title": h.title,
        "why": h.why,
        "quotes": [{"turn": q.turn, "text": q.text} for q in h.quotes],
        "alternative": h.alternative,
        "score": h.score,
    }


def _turn(t: TurnRow) -> dict[str, Any]:
    d = asdict(t)
    d["codes"] = list(t.codes)
    d["evidence"] = [asdict(e) for e in t.evidence]
    return d
