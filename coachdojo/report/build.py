"""Transcript -> Report: the one report builder used by the app, `coachdojo score` and the history.

Coach turns without an annotation are scored here with the shared scorer; rewound turns are
shown but left out of every metric. Formulas and rules are documented in docs/report.md.
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from coachdojo.codes import (
    CODES,
    DIRECTIVE_CODES,
    INPUT_CODES,
    LISTENING_CODES,
    QUESTION_CODES,
    REFLECTION_CODES,
)
from coachdojo.errors import CoachdojoError
from coachdojo.report.guidance import GROWTH, STRENGTHS
from coachdojo.report.lexicon import cues
from coachdojo.report.model import (
    Band,
    Contracting,
    EvidenceSpan,
    Highlight,
    IndexParts,
    Marker,
    Metrics,
    MissedOpportunity,
    NotVisible,
    Quote,
    Report,
    StageRun,
    TurnRow,
)
from coachdojo.scoring.scorer import CONTEXT_COACHEE_TURNS
from coachdojo.transcript import COACH, Annotation, Transcript, Utterance

Scorer = Callable[..., Annotation]

# Where a turn stands between coaching and mentoring (see docs/report.md).
MENTORING_SIDE = INPUT_CODES | {"leading"}
COACHING_SIDE = (QUESTION_CODES - {"leading"}) | LISTENING_CODES
STANCES = ("coaching", "mixed", "mentoring", "neutral")

# MITI 4.2.1 competency thresholds (fair, good).
RQ_FAIR, RQ_GOOD = 1.0, 2.0
CR_FAIR, CR_GOOD = 40.0, 50.0

# The non-directive index: weights of its parts and of the penalty.
W_LISTENING, W_REFLECTION, W_OPEN = 0.4, 0.3, 0.3
PENALTY_SCALE = 50.0
PENALTY_WEIGHTS = {"advice": 1.0, "confront": 1.0, "leading": 0.5, "self_disclosure": 0.5}

# The context an unscored coach turn is scored with: as many utterances as hold the coachee
# turns the scorer reads (coach and coachee alternate), and no more.
CONTEXT_UTTERANCES = 2 * CONTEXT_COACHEE_TURNS

CONTRACTING_EARLY_TURNS = 3  # the first coach turns always searched for contracting cues
CONCISE_WORDS = 25  # ICF 7.7: a coach turn of at most this many words counts as concise

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")

NOT_VISIBLE: tuple[NotVisible, ...] = (
    NotVisible("5.5", "Allows silence, pause or reflection", "Pauses and their length are not recorded in a text transcript."),
    NotVisible("6.4", "Notices the client's energy shifts and non-verbal cues", "Voice, face and body are not in the text."),
    NotVisible("6.6", "Does not interrupt", "A turn-based transcript cannot show interruptions."),
    NotVisible(
        "MITI globals",
        "Partnership, Empathy, Cultivating Change Talk, Softening Sustain Talk",
        "The globals are rated on the whole exchange, including tone of voice; the report does not rate them.",
    ),
)


class ScorerUnavailable(CoachdojoError):
    """A coach turn needs scoring but coachdojo.scoring cannot be imported."""


def count_words(text: str) -> int:
    """Words in `text`: runs of letters or digits; "you're" is one word."""
    return len(_WORD.findall(text))


def stance_of(codes: Iterable[str]) -> str:
    """coaching / mixed / mentoring / neutral for one coach turn's codes."""
    codes = set(codes)
    telling, listening = bool(codes & MENTORING_SIDE), bool(codes & COACHING_SIDE)
    if telling and listening:
        return "mixed"
    if telling:
        return "mentoring"
    if listening:
        return "coaching"
    return "neutral"


def overall_stance(position: float | None) -> str:
    """Label for the mentoring position (0 = all coaching, 1 = all mentoring)."""
    if position is None:
        return "n/a"
    if position < 0.25:
        return "coaching"
    if position <= 0.5:
        return "mixed"
    return "mentoring"


def band_for(value: float | None, fair: float, good: float) -> str:
    if value is None:
        return "n/a"
    if value >= good:
        return "good"
    if value >= fair:
        return "fair"
    return "below fair"


def _pct(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


def _sorted_codes(codes: Iterable[str]) -> tuple[str, ...]:
    order = {c: i for i, c in enumerate(CODES)}
    return tuple(sorted(set(codes), key=lambda c: (order.get(c, len(order)), c)))


# --------------------------------------------------------------------------- annotation


def annotate(transcript: Transcript, scorer: Scorer | None = None) -> list[Annotation | None]:
    """The annotation of every turn (None for coachee turns), scoring coach turns that lack one.

    Each unscored coach turn is scored with the last CONTEXT_UTTERANCES utterances before it
    (rewound turns left out) as context: the scorer reads no further back, and passing the whole
    conversation every turn would make long transcripts quadratic.
    """
    out: list[Annotation | None] = []
    context: deque[Utterance] = deque(maxlen=CONTEXT_UTTERANCES)  # linear in the transcript's length
    for turn in transcript.turns:
        ann = turn.annotation
        if turn.speaker == COACH and ann is None:
            if scorer is None:
                scorer = _load_scorer()
            ann = scorer(turn.text, context=tuple(context))
        out.append(ann if turn.speaker == COACH else None)
        if not turn.rewound:
            context.append(Utterance(turn.speaker, turn.text))
    return out


def _load_scorer() -> Scorer:
    try:
        from coachdojo.scoring import score
    except ImportError as exc:
        raise ScorerUnavailable(
            "this transcript has unscored coach turns and the scorer (coachdojo.scoring) "
            f"is not available: {exc}"
        ) from None
    return score


# --------------------------------------------------------------------------- the builder


def build_report(transcript: Transcript, *, scorer: Scorer | None = None) -> Report:
    """Build the report of one transcript (scoring any coach turn that has no annotation)."""
    annotations = annotate(transcript, scorer)
    rows = tuple(
        _row(n, turn, ann) for n, turn, ann in zip(turn_numbers(transcript), transcript.turns, annotations, strict=True)
    )
    live = [r for r in rows if not r.rewound]
    coach = [r for r in live if r.speaker == COACH]
    coachee = [r for r in live if r.speaker != COACH]

    missed = find_missed_opportunities(live)
    contracting = find_contracting(coach)
    taken_back = sum(1 for r in rows if r.rewound and r.speaker == COACH)  # the student's replies only
    metrics, index = compute_metrics(coach, coachee, taken_back, len(missed))
    stance_counts = {s: sum(1 for r in coach if r.stance == s) for s in STANCES}

    meta = transcript.meta or {}
    return Report(
        title=_title(transcript),
        source=transcript.source,
        scenario_id=transcript.scenario_id,
        scenario_title=transcript.scenario_title,
        coachee_name=transcript.coachee_name,
        session_id=_str_or_none(meta.get("session_id")),
        started_at=transcript.started_at or _str_or_none(meta.get("started_at")),
        finished_at=_str_or_none(meta.get("finished_at")),
        ending=transcript.ending,
        ending_kind=transcript.ending_kind,
        metrics=metrics,
        index=index,
        bands=_bands(metrics),
        stages_covered=_stages_covered(coach),
        stage_sequence=_stage_sequence(coach),
        contracting=contracting,
        stance_counts=stance_counts,
        stance_overall=overall_stance(metrics.mentoring_position),
        markers=_markers(coach, metrics, contracting),
        not_visible=NOT_VISIBLE,
        strengths=_strengths(coach, metrics, contracting),
        growth_areas=_growth_areas(coach, metrics, contracting, missed),
        missed=tuple(missed),
        turns=rows,
        rapport=_rapport_curve(live) if transcript.scenario_id else (),
    )


def turn_numbers(transcript: Transcript) -> list[int]:
    """The turn number of each transcript turn, as the app counts them ("Turn 3 of 16"):
    the student's Nth reply is turn N and the coachee's answer to it is turn N too (the opening
    is turn 0); a reply taken back and the one that replaced it share their number."""
    numbers, replies = [], 0
    for turn in transcript.turns:
        if turn.speaker == COACH:
            numbers.append(replies + 1)
            if not turn.rewound:
                replies += 1
        else:
            numbers.append(replies if not turn.rewound else replies + 1)
    return numbers


def _rapport_curve(live: Sequence[TurnRow]) -> tuple[tuple[int, int], ...]:
    """Rapport after each exchange: one point per coach turn that carries it (the store repeats
    the value on the coachee's answer); from any turn when no coach turn carries one."""
    points = [(r.n, r.rapport) for r in live if r.speaker == COACH and r.rapport is not None]
    if not points:
        points = [(r.n, r.rapport) for r in live if r.rapport is not None]
    return tuple(points)


def _title(t: Transcript) -> str:
    if t.scenario_title:
        return f"Session report: {t.scenario_title}"
    if t.source:
        return f"Session report: {t.source.replace(chr(92), '/').rsplit('/', 1)[-1]}"
    return "Session report"


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _row(n: int, turn: Any, ann: Annotation | None) -> TurnRow:
    if turn.speaker != COACH or ann is None:
        return TurnRow(n=n, speaker=turn.speaker, text=turn.text, line=turn.line, rewound=turn.rewound, rapport=turn.rapport)
    return TurnRow(
        n=n,
        speaker=COACH,
        text=turn.text,
        line=turn.line,
        rewound=turn.rewound,
        codes=_sorted_codes(ann.codes),
        primary=ann.primary,
        stage=ann.stage,
        stance=stance_of(ann.codes),
        tip=ann.tip,
        rewrite=ann.rewrite,
        rapport=turn.rapport,
        evidence=tuple(EvidenceSpan(e.code, e.start, e.end, e.text) for e in ann.evidence),
    )


# --------------------------------------------------------------------------- metrics


def compute_metrics(
    coach: Sequence[TurnRow], coachee: Sequence[TurnRow], rewound: int = 0, missed: int = 0
) -> tuple[Metrics, IndexParts]:
    """All counts and summary scores over the live coach turns (each code once per turn)."""
    n = len(coach)
    counts = {code: sum(1 for r in coach if code in r.codes) for code in CODES}
    has = lambda group: [r for r in coach if set(r.codes) & group]  # noqa: E731
    questions = len(has(QUESTION_CODES))
    reflection_rows = has(REFLECTION_CODES)
    reflections = len(reflection_rows)
    complex_ = sum(1 for r in reflection_rows if "complex_reflection" in r.codes)
    simple = reflections - complex_
    open_q, closed_q = counts["open_question"], counts["closed_question"]

    if questions:
        rq: float | None = round(reflections / questions, 2)
    else:
        rq = None
    coach_words = sum(count_words(r.text) for r in coach)
    coachee_words = sum(count_words(r.text) for r in coachee)
    listening = len(has(LISTENING_CODES))
    stances = [r.stance for r in coach if r.stance in ("coaching", "mixed", "mentoring")]
    position = (
        round((stances.count("mentoring") + 0.5 * stances.count("mixed")) / len(stances), 3) if stances else None
    )
    index = non_directive_index(
        n=n,
        listening_turns=listening,
        reflections=reflections,
        questions=questions,
        open_questions=open_q,
        closed_questions=closed_q,
        directive={code: counts[code] for code in DIRECTIVE_CODES},
    )
    metrics = Metrics(
        coach_turns=n,
        coachee_turns=len(coachee),
        rewound_turns=rewound,
        code_counts=counts,
        questions=questions,
        reflections=reflections,
        simple_reflections=simple,
        complex_reflections=complex_,
        open_questions=open_q,
        closed_questions=closed_q,
        percent_open=_pct(open_q, open_q + closed_q),
        reflection_question_ratio=rq,
        percent_complex=_pct(complex_, reflections),
        mi_adherent=counts["affirmation"] + counts["asks_permission"] + counts["autonomy"],
        mi_non_adherent=counts["confront"] + counts["advice"],
        advice_turns=tuple(r.n for r in coach if "advice" in r.codes),
        stacked_question_turns=tuple(r.n for r in coach if "stacked_questions" in r.codes),
        listening_turns=listening,
        coach_words=coach_words,
        coachee_words=coachee_words,
        coach_word_share=_pct(coach_words, coach_words + coachee_words),
        words_per_coach_turn=round(coach_words / n, 1) if n else None,
        non_directive_index=index.value,
        mentoring_position=position,
        missed_opportunities=missed,
    )
    return metrics, index


def non_directive_index(
    *,
    n: int,
    listening_turns: int,
    reflections: int,
    questions: int,
    open_questions: int,
    closed_questions: int,
    directive: dict[str, int],
) -> IndexParts:
    """The non-directive index, 0-100 (formula in docs/report.md).

    index = clamp(100 (0.4 L + 0.3 R + 0.3 O) - 50 (advice + confront + 0.5 leading
    + 0.5 self_disclosure) / N, 0, 100), where N = coach turns, L = listening turns / N,
    R = min(R:Q, 2) / 2 (1 when there were reflections and no questions, 0 when neither),
    O = open / (open + closed) (0.5 when there were neither).
    """
    if n == 0:
        return IndexParts(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    listening = listening_turns / n
    if questions:
        reflection = min(reflections / questions, 2.0) / 2.0
    else:
        reflection = 1.0 if reflections else 0.0
    asked = open_questions + closed_questions
    open_part = open_questions / asked if asked else 0.5
    base = 100.0 * (W_LISTENING * listening + W_REFLECTION * reflection + W_OPEN * open_part)
    weight = sum(PENALTY_WEIGHTS.get(code, 0.0) * k for code, k in directive.items())
    penalty = PENALTY_SCALE * weight / n
    value = round(min(100.0, max(0.0, base - penalty)), 1)
    return IndexParts(
        listening=round(listening, 4),
        reflection=round(reflection, 4),
        open=round(open_part, 4),
        base=round(base, 2),
        penalty=round(penalty, 2),
        value=value,
    )


def _bands(m: Metrics) -> tuple[Band, ...]:
    rq = m.reflection_question_ratio
    if rq is None:
        rq_display = "no questions" if m.reflections else "n/a"
        rq_band = "good" if m.reflections else "n/a"
    else:
        rq_display = f"{rq:.2f} : 1"
        rq_band = band_for(rq, RQ_FAIR, RQ_GOOD)
    cr = m.percent_complex
    return (
        Band("reflection_question_ratio", "Reflections : questions (R:Q)", rq, rq_display, RQ_FAIR, RQ_GOOD, rq_band),
        Band(
            "percent_complex",
            "Complex reflections (%CR)",
            cr,
            "n/a" if cr is None else f"{cr:.1f} %",
            CR_FAIR,
            CR_GOOD,
            band_for(cr, CR_FAIR, CR_GOOD),
        ),
    )


# --------------------------------------------------------------------------- GROW and contracting


def _stages_covered(coach: Sequence[TurnRow]) -> tuple[str, ...]:
    seen: list[str] = []
    for r in coach:
        if r.stage and r.stage not in seen:
            seen.append(r.stage)
    return tuple(seen)


def _stage_sequence(coach: Sequence[TurnRow]) -> tuple[StageRun, ...]:
    """Runs of consecutive staged coach turns in the same stage (unstaged turns skipped)."""
    runs: list[tuple[str, list[int]]] = []
    for r in coach:
        if not r.stage:
            continue
        if runs and runs[-1][0] == r.stage:
            runs[-1][1].append(r.n)
        else:
            runs.append((r.stage, [r.n]))
    return tuple(StageRun(stage, tuple(turns)) for stage, turns in runs)


def find_contracting(coach: Sequence[TurnRow]) -> Contracting:
    """Contracting cues in the coach's early turns (rule in docs/report.md).

    The window is the first three coach turns plus any turn staged `contracting` within the
    first half of the coach turns. In it, goal, success-measure, confidentiality, importance
    and obstacle cues (lexicon.yaml) mark ICF 3.1-3.4.
    """
    half = math.ceil(len(coach) / 2)
    window = [
        r for i, r in enumerate(coach) if i < CONTRACTING_EARLY_TURNS or (i < half and r.stage == "contracting")
    ]

    def hits(name: str) -> tuple[int, ...]:
        cue = cues(name)
        return tuple(r.n for r in window if r.text in cue)

    return Contracting(
        goal_turns=hits("contracting_goal"),
        measure_turns=hits("contracting_measure"),
        confidentiality_turns=hits("contracting_confidentiality"),
        importance_turns=hits("contracting_importance"),
        window=tuple(r.n for r in window),
    )


# --------------------------------------------------------------------------- missed opportunities


def find_missed_opportunities(live: Sequence[TurnRow]) -> list[MissedOpportunity]:
    """A coachee turn voicing a feeling or value, answered by a coach turn with no reflection."""
    feelings, values = cues("feelings"), cues("values")
    out: list[MissedOpportunity] = []
    for i, row in enumerate(live):
        if row.speaker == COACH:
            continue
        nxt = next((r for r in live[i + 1 :] if r.speaker == COACH), None)
        if nxt is None or set(nxt.codes) & REFLECTION_CODES:
            continue
        found = [(hit[0], kind, hit[1]) for kind, hit in (("feeling", feelings.search(row.text)), ("value", values.search(row.text))) if hit]
        if not found:
            continue
        _, kind, cue = min(found)
        if kind == "feeling":
            suggestion = f'Reflect the feeling first: "It sounds like you feel {cue}..."'
        else:
            suggestion = f'Reflect the value first: "{cue.capitalize()} really matters to you..."'
        out.append(MissedOpportunity(row.n, row.text, cue, kind, nxt.n, nxt.text, suggestion))
    return out


# --------------------------------------------------------------------------- ICF markers


def _markers(coach: Sequence[TurnRow], m: Metrics, c: Contracting) -> tuple[Marker, ...]:
    def with_code(*codes: str) -> tuple[int, ...]:
        return tuple(r.n for r in coach if set(r.codes) & set(codes))

    inner = cues("explore_inner")
    feelings = cues("feelings")
    obstacles = tuple(r.n for r in coach if r.n in c.window and r.text in cues("contracting_obstacles"))
    complex_turns = with_code("complex_reflection")
    emotion_turns = tuple(
        r.n
        for r in coach
        if set(r.codes) & (REFLECTION_CODES | {"open_question"})
        and (r.text in feelings or ("complex_reflection" in r.codes and r.text in inner))
    )
    open_turns = with_code("open_question")
    inner_questions = tuple(r.n for r in coach if "open_question" in r.codes and r.text in inner)
    one_at_a_time = tuple(r.n for r in coach if "open_question" in r.codes and "stacked_questions" not in r.codes)
    concise = tuple(
        r.n for r in coach if set(r.codes) & (QUESTION_CODES | REFLECTION_CODES) and count_words(r.text) <= CONCISE_WORDS
    )
    will_turns = tuple(r.n for r in coach if r.stage == "will" and set(r.codes) & (QUESTION_CODES | REFLECTION_CODES))
    primarily_open = (m.percent_open or 0.0) >= 50.0 and len(m.stacked_question_turns) <= max(1, m.questions // 5)
    client_talks = m.coach_word_share is not None and m.coach_word_share < 50.0

    def marker(id_: str, name: str, turns: tuple[int, ...], note: str = "", evidenced: bool | None = None) -> Marker:
        return Marker(id_, name, bool(turns) if evidenced is None else evidenced, turns, note)

    share = "n/a" if m.coach_word_share is None else f"{m.coach_word_share:.1f} %"
    wpt = "n/a" if m.words_per_coach_turn is None else f"{m.words_per_coach_turn:.1f}"
    return (
        marker("3.1", "Identifies what the client wants from this session", c.goal_turns),
        marker("3.2", "Defines how success for the session will be measured", c.measure_turns),
        marker("3.3", "Explores what is important or meaningful about the goal", c.importance_turns),
        marker("3.4", "Defines what the client believes needs addressing", obstacles),
        marker("4.1", "Acknowledges the client's talents, insights and work", with_code("affirmation")),
        marker("4.4", "Invites the client to respond to the coach's contributions", with_code("asks_permission")),
        marker("5.3", "Lets the client choose what happens in the session", with_code("autonomy")),
        marker("6.2", "Explores the client's words", with_code("clarifying")),
        marker("6.3", "Explores the client's emotions", emotion_turns),
        marker("6.5", "Explores how the client sees themself or their world", complex_turns),
        marker("6.7", "Reflects or summarises succinctly", with_code(*REFLECTION_CODES)),
        marker("7.1", "Asks about the client's thinking, feelings, values, needs or beliefs", inner_questions),
        marker("7.2-7.4", "Questions that take the client beyond current thinking", open_turns),
        marker(
            "7.6",
            "Clear, direct, primarily open questions, one at a time",
            one_at_a_time,
            f"{'n/a' if m.percent_open is None else f'{m.percent_open:.1f} %'} open; "
            f"{len(m.stacked_question_turns)} stacked-question turn(s)",
            evidenced=bool(one_at_a_time) and primarily_open,
        ),
        marker("7.7", "Clear and concise language", concise, f"{wpt} words per coach turn", evidenced=bool(concise) and (m.words_per_coach_turn or 0) <= CONCISE_WORDS),
        marker("7.8", "The client does more of the talking", (), f"coach share of words {share}", evidenced=client_talks),
        marker("8.4-8.6", "How the client will use what they learned; next actions", will_turns),
    )


# --------------------------------------------------------------------------- strengths and growth


def _quotes(rows: Iterable[TurnRow], limit: int = 2) -> tuple[Quote, ...]:
    return tuple(Quote(r.n, r.text) for r in list(rows)[:limit])


def _rewrite_of(rows: Iterable[TurnRow]) -> str | None:
    return next((r.rewrite for r in rows if r.rewrite), None)


def _strengths(coach: Sequence[TurnRow], m: Metrics, c: Contracting) -> tuple[Highlight, ...]:
    cands: list[Highlight] = []
    for key in ("complex_reflection", "summary", "affirmation", "autonomy", "asks_permission", "simple_reflection", "clarifying", "open_question"):
        rows = [r for r in coach if key in r.codes and not set(r.codes) & DIRECTIVE_CODES]
        if rows:
            g = STRENGTHS[key]
            cands.append(Highlight(key, g.title, g.why, _quotes(rows), g.suggestion, g.weight * len(rows)))
    if c.agreed:
        rows = [r for r in coach if r.n in set(c.goal_turns) | set(c.measure_turns)]
        g = STRENGTHS["contracting"]
        cands.append(Highlight("contracting", g.title, g.why, _quotes(rows), g.suggestion, g.weight))
    if m.coach_word_share is not None and m.coach_word_share < 50.0 and coach:
        g = STRENGTHS["client_talks"]
        shortest = sorted(coach, key=lambda r: count_words(r.text))
        cands.append(Highlight("client_talks", g.title, g.why, _quotes(shortest, 1), g.suggestion, g.weight * 2))
    return _top(cands)


def _growth_areas(
    coach: Sequence[TurnRow], m: Metrics, c: Contracting, missed: Sequence[MissedOpportunity]
) -> tuple[Highlight, ...]:
    cands: list[Highlight] = []
    for key in ("advice", "confront", "leading", "self_disclosure", "stacked_questions", "why_question", "closed_question"):
        rows = [r for r in coach if key in r.codes]
        if rows:
            g = GROWTH[key]
            cands.append(Highlight(key, g.title, g.why, _quotes(rows), _rewrite_of(rows) or g.suggestion, g.weight * len(rows)))
    if m.reflection_question_ratio is not None and m.reflection_question_ratio < RQ_FAIR:
        rows = [r for r in coach if set(r.codes) & QUESTION_CODES and not set(r.codes) & REFLECTION_CODES]
        g = GROWTH["few_reflections"]
        cands.append(Highlight("few_reflections", g.title, g.why, _quotes(rows), g.suggestion, g.weight * (m.questions - m.reflections)))
    if m.percent_complex is not None and m.percent_complex < CR_FAIR:
        rows = [r for r in coach if set(r.codes) & REFLECTION_CODES and "complex_reflection" not in r.codes]
        g = GROWTH["few_complex"]
        cands.append(Highlight("few_complex", g.title, g.why, _quotes(rows), g.suggestion, g.weight * m.simple_reflections))
    if missed:
        g = GROWTH["missed"]
        quotes = tuple(Quote(x.coach_turn, x.coach_text) for x in missed[:2])
        cands.append(Highlight("missed", g.title, g.why, quotes, missed[0].suggestion, g.weight * len(missed)))
    if m.coach_word_share is not None and m.coach_word_share > 50.0 and coach:
        g = GROWTH["talk_share"]
        longest = sorted(coach, key=lambda r: -count_words(r.text))
        cands.append(Highlight("talk_share", g.title, g.why, _quotes(longest, 1), g.suggestion, g.weight * (m.coach_word_share - 50.0) / 10.0))
    if coach and not c.agreed:
        g = GROWTH["no_contracting"]
        cands.append(Highlight("no_contracting", g.title, g.why, _quotes(coach[:1], 1), g.suggestion, g.weight))
    return _top(cands)


def _top(cands: list[Highlight], k: int = 3) -> tuple[Highlight, ...]:
    """The k highest scores; ties keep the order the candidates were listed in."""
    ranked = sorted(enumerate(cands), key=lambda ic: (-ic[1].score, ic[0]))
    return tuple(Highlight(h.key, h.title, h.why, h.quotes, h.alternative, round(h.score, 2)) for _, h in ranked[:k])


# --------------------------------------------------------------------------- history summary


def summarise_transcript(transcript: Transcript, *, scorer: Scorer | None = None) -> dict[str, Any]:
    """The row the history store keeps for one session."""
    report = build_report(transcript, scorer=scorer)
    return summarise_report(report, transcript)


def summarise_report(report: Report, transcript: Transcript) -> dict[str, Any]:
    m = report.metrics
    meta = transcript.meta or {}
    return {
        "session_id": _str_or_none(meta.get("session_id")),
        "scenario_id": transcript.scenario_id,
        "scenario_title": transcript.scenario_title,
        "started_at": transcript.started_at or _str_or_none(meta.get("started_at")),
        "finished_at": _str_or_none(meta.get("finished_at")),
        "ending": transcript.ending,
        "ending_kind": transcript.ending_kind,
        "turns": m.coach_turns,  # the student's replies, not taken back (docs/storage.md)
        "transcript_path": transcript.source,
        "non_directive_index": m.non_directive_index,
        "reflection_question_ratio": m.reflection_question_ratio,
        "percent_open": m.percent_open,
        "percent_complex": m.percent_complex,
        "mi_adherent": m.mi_adherent,
        "mi_non_adherent": m.mi_non_adherent,
        "metrics": m.numeric(),
    }


__all__ = [
    "ScorerUnavailable",
    "annotate",
    "build_report",
    "compute_metrics",
    "count_words",
    "find_contracting",
    "find_missed_opportunities",
    "non_directive_index",
    "stance_of",
    "summarise_report",
    "summarise_transcript",
]
