"""The view model shared by the text, Markdown and HTML renderers.

`document(report)` turns a Report into titled sections of a few plain block types (facts,
tables, quotes, charts). Renderers only decide how each block type looks and how to escape
text; what the report says, and in what order, is decided once, here. Every string is cleaned
of control characters here (so no terminal escape sequence survives into any format).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachdojo.codes import CODE_LABELS, CODES
from coachdojo.report.model import Band, Highlight, Report

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
GROW_STAGES = ("goal", "reality", "options", "will")


def clean(text: object) -> str:
    """Text without control characters (tabs become spaces; newlines are kept)."""
    return _CONTROL.sub("", str(text).replace("\t", "    ").replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True)
class Para:
    """A paragraph, with an optional bold-ish label in front."""

    text: str
    label: str = ""


@dataclass(frozen=True)
class Facts:
    """Label: value lines."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table; in narrow terminals the text renderer shows each row as a record."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class QuoteBlock:
    """The student's (or coachee's) own words, with the turn number."""

    turn: int
    text: str
    who: str = "you"


@dataclass(frozen=True)
class Bars:
    """A horizontal bar chart of counts."""

    title: str
    items: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class LineChart:
    """A value over turns (the rapport curve)."""

    title: str
    points: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class BandChart:
    """The MITI summary scores on their fair/good scales."""

    bands: tuple[Band, ...]


Block = Para | Facts | Table | Bullets | QuoteBlock | Bars | LineChart | BandChart


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    sections: tuple[Section, ...]


def fmt(value: float | int | None, unit: str = "", digits: int = 1) -> str:
    """A number for people: n/a for None, fixed decimals for floats."""
    if value is None:
        return "n/a"
    text = str(value) if isinstance(value, int) else f"{value:.{digits}f}"
    return f"{text}{unit}"


def scale_max(band: Band) -> float:
    """The top of the scale a band is drawn on: 100 for percentages, else 1.5 x good (or the value)."""
    if band.metric.startswith("percent"):
        return 100.0
    return max(band.good * 1.5, band.value or 0.0)


def counted_turns(turns: tuple[int, ...] | list[int]) -> str:
    """'2 (turns 4, 9)', '1 (turn 4)' or 'none'."""
    if not turns:
        return "none"
    return f"{len(turns)} (turn{'s' * (len(turns) > 1)} {turns_list(turns)})"


def turns_list(turns: tuple[int, ...] | list[int]) -> str:
    return ", ".join(str(n) for n in turns) if turns else "none"


def code_label(code: str) -> str:
    return CODE_LABELS.get(code, code)


def document(report: Report) -> Document:
    """The sections every human-readable format shows, in order."""
    sections = [
        _summary(report),
        _bands(report),
        _counts(report),
        _index(report),
        _highlights("Strengths", report.strengths, "Build on it"),
        _highlights("Growth areas", report.growth_areas, "Try instead"),
        _missed(report),
        _grow(report),
        _stance(report),
        _markers(report),
    ]
    if report.rapport or report.ending:
        sections.append(_rapport(report))
    sections.append(_turns(report))
    return Document(clean(report.title), tuple(s for s in sections if s.blocks))


def _summary(r: Report) -> Section:
    m = r.metrics
    session: list[tuple[str, str]] = []
    for label, value in (
        ("Scenario", r.scenario_title),
        ("Coachee", r.coachee_name),
        ("Transcript", r.source),
        ("Started", r.started_at),
        ("Finished", r.finished_at),
    ):
        if value:
            session.append((label, clean(value)))
    rq, cr = r.bands
    rows = [
        *session,
        ("Non-directive index", f"{fmt(r.index.value)} / 100"),
        ("Coaching or mentoring", r.stance_overall),
        ("Coach turns", f"{m.coach_turns}" + (f" (+{m.rewound_turns} rewound, not counted)" if m.rewound_turns else "")),
        ("Reflections : questions", f"{rq.display} ({rq.band})"),
        ("Complex reflections", f"{cr.display} ({cr.band})"),
        ("Open questions", f"{fmt(m.percent_open, ' %')} of open + closed"),
        ("MI-adherent / non-adherent", f"{m.mi_adherent} / {m.mi_non_adherent}"),
        ("Advice turns", counted_turns(m.advice_turns)),
        ("Stacked-question turns", counted_turns(m.stacked_question_turns)),
        ("Coach share of words", fmt(m.coach_word_share, " %")),
        ("Words per coach turn", fmt(m.words_per_coach_turn)),
        ("Missed opportunities", str(m.missed_opportunities)),
    ]
    return Section("Summary", (Facts(tuple(rows)),))


def _bands(r: Report) -> Section:
    rows = tuple(
        (b.label, b.display, fmt(b.fair, digits=0 if b.fair >= 10 else 1), fmt(b.good, digits=0 if b.good >= 10 else 1), b.band)
        for b in r.bands
    )
    return Section(
        "MITI 4.2.1 bands",
        (
            BandChart(r.bands),
            Table(("score", "value", "fair", "good", "band"), rows),
            Para(
                "Thresholds from MITI 4.2.1 (Moyers, Manuel & Ernst 2015); the manual calls them expert "
                "opinion, not norms. Reflections and questions are counted once per coach turn (volley)."
            ),
        ),
    )


def _counts(r: Report) -> Section:
    counts = r.metrics.code_counts
    items = tuple((code_label(c), counts.get(c, 0)) for c in CODES)
    return Section("Technique codes", (Bars("Coach turns per code", items),))


def _index(r: Report) -> Section:
    i, m = r.index, r.metrics
    if not m.coach_turns:
        return Section("Non-directive index", (Para("No coach turns to score."),))
    formula = (
        f"100 x (0.4 x {i.listening:.3f} + 0.3 x {i.reflection:.3f} + 0.3 x {i.open:.3f}) = {i.base:.1f}; "
        f"minus penalty {i.penalty:.1f} = {i.value:.1f}"
    )
    return Section(
        "Non-directive index",
        (
            Para(
                f"{i.value:.1f} / 100. Built from the share of listening turns ({m.listening_turns} of "
                f"{m.coach_turns}), reflections per question (capped at 2 : 1) and the share of open "
                "questions, less a penalty for advice, confronting, leading questions and self-disclosure."
            ),
            Para(formula, label="Formula"),
        ),
    )


def _highlights(title: str, items: tuple[Highlight, ...], try_label: str) -> Section:
    blocks: list[Block] = []
    for h in items:
        blocks.append(Para(clean(h.why), label=clean(h.title)))
        blocks.extend(QuoteBlock(q.turn, clean(q.text)) for q in h.quotes)
        blocks.append(Para(clean(h.alternative), label=try_label))
    if not blocks:
        blocks.append(Para("Nothing to show yet."))
    return Section(title, tuple(blocks))


def _missed(r: Report) -> Section:
    if not r.missed:
        return Section("Missed opportunities", (Para("None: every feeling or value the coachee voiced was reflected next."),))
    rows = tuple(
        (str(x.coachee_turn), clean(x.coachee_text), f"{x.kind}: {x.cue}", str(x.coach_turn), clean(x.coach_text), clean(x.suggestion))
        for x in r.missed
    )
    return Section(
        "Missed opportunities",
        (
            Para("The coachee voiced a feeling or a value and your next turn did not reflect it."),
            Table(("coachee turn", "coachee said", "cue", "your turn", "you said", "try"), rows),
        ),
    )


def _grow(r: Report) -> Section:
    c = r.contracting
    order = " -> ".join(f"{run.stage} ({turns_list(run.turns)})" for run in r.stage_sequence) or "no stages marked"
    missing = [s for s in GROW_STAGES if s not in r.stages_covered]
    rows = (
        ("Stages covered", ", ".join(r.stages_covered) or "none"),
        ("Order", order),
        ("GROW stages not reached", ", ".join(missing) or "none"),
        ("Agreed at the start", "yes" if c.agreed else "no"),
        ("Goal for the session (3.1)", _yes_turns(c.goal_turns)),
        ("Measure of success (3.2)", _yes_turns(c.measure_turns)),
        ("Confidentiality", _yes_turns(c.confidentiality_turns)),
        ("Early turns searched", turns_list(c.window)),
    )
    return Section("GROW and contracting", (Facts(rows),))


def _yes_turns(turns: tuple[int, ...]) -> str:
    return f"yes (turn {turns_list(turns)})" if turns else "no"


def _stance(r: Report) -> Section:
    sc = r.stance_counts
    pos = r.metrics.mentoring_position
    rows = (
        ("Overall", r.stance_overall),
        ("Position (0 coaching, 1 mentoring)", fmt(pos, digits=2)),
        ("Coaching turns", str(sc.get("coaching", 0))),
        ("Mixed turns", str(sc.get("mixed", 0))),
        ("Mentoring turns", str(sc.get("mentoring", 0))),
        ("Neutral turns", str(sc.get("neutral", 0))),
    )
    return Section(
        "Coaching or mentoring",
        (
            Facts(rows),
            Para(
                "A coach does not advise or tell: the coachee holds the answer. Advice, information, "
                "self-disclosure, confronting and leading questions sit on the mentoring (telling) side."
            ),
        ),
    )


def _markers(r: Report) -> Section:
    rows = tuple(
        (m.id, m.name, "yes" if m.evidenced else "no", turns_list(m.turns) if m.turns else "-", m.note)
        for m in r.markers
    )
    hidden = tuple(f"{n.id} {n.name}: {n.why}" for n in r.not_visible)
    return Section(
        "ICF PCC markers",
        (
            Table(("marker", "behaviour", "evidenced", "turns", "note"), rows),
            Para("ICF warns against using the markers as a checklist; they are evidence, not a score."),
            Para("a text transcript cannot show these.", label="Not visible"),
            Bullets(hidden),
        ),
    )


def _rapport(r: Report) -> Section:
    blocks: list[Block] = []
    if r.rapport:
        blocks.append(LineChart("Rapport after each turn", r.rapport))
    if r.ending:
        kind = f" ({clean(r.ending_kind)})" if r.ending_kind else ""
        blocks.append(Facts((("Ending reached", clean(r.ending) + kind),)))
    return Section("Rapport and ending", tuple(blocks))


def _turns(r: Report) -> Section:
    rows = []
    for t in r.coach_rows():
        text = clean(t.text) + (" (rewound, not counted)" if t.rewound else "")
        rows.append(
            (
                str(t.n),
                text,
                ", ".join(code_label(c) for c in t.codes),
                t.primary or "",
                t.stance or "",
                clean(t.tip),
                clean(t.rewrite or ""),
            )
        )
    return Section("Turn by turn", (Table(("turn", "you said", "codes", "primary", "stance", "tip", "rewrite"), tuple(rows)),))
