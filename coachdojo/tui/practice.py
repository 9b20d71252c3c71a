"""One practice session as the app runs it: the engine's Session and the store's
TranscriptWriter kept in step, plus the few store and report calls the app makes.

Glue only: scoring and routing are the engine's, file formats the store's, figures the
report's. Pure Python (no Textual), so it can be tested and benchmarked headless.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachdojo.engine.session import Session, SessionState, Step
from coachdojo.errors import CoachdojoError
from coachdojo.scenario.model import Scenario
from coachdojo.store import (
    HistoryError,
    ResumePoint,
    TranscriptWriter,
    base_summary,
    open_history,
)
from coachdojo.transcript import COACH, Transcript, Turn, Utterance

EXPORT_SUFFIXES = {"md": ".md", "html": ".html", "json": ".json"}
NOTHING_TO_RECORD = "Nothing to record yet: the session ended before your first reply, so your history is unchanged."


@dataclass
class Practice:
    """A running session: every reply goes to the engine, then straight to disk."""

    scenario: Scenario
    session: Session
    writer: TranscriptWriter
    opening_line: str
    earlier_turns: tuple[Turn, ...] = ()  # the conversation before a resume (opening included)
    earlier_rapport_changes: tuple[int, ...] = ()  # how rapport moved on each earlier reply
    start_rapport: int | None = None  # rapport before the first reply (None without rapport)
    finished: bool = False
    notes: list[str] = field(default_factory=list)

    # --- starting -------------------------------------------------------------------------------

    @classmethod
    def begin(
        cls,
        scenario: Scenario,
        *,
        seed: int = 0,
        start: str | None = None,
        overrides: dict[str, int] | None = None,
        sessions_dir: Path | None = None,
    ) -> Practice:
        """Start a new session and its transcript (header and opening written at once).

        Raises CoachdojoError for an unknown start node or variable.
        """
        session = Session(scenario, seed=seed, start=start, overrides=overrides)
        writer = TranscriptWriter.start(
            scenario_id=scenario.id,
            scenario_title=scenario.title,
            scenario_path=scenario.source or None,
            scenario_sha256=scenario.sha256 or None,
            seed=seed,
            coachee_name=scenario.coachee.name,
            directory=sessions_dir,
        )
        text, _line_id = session.opening()
        writer.opening(text, session.state.node, session.state.to_dict())
        return cls(scenario, session, writer, text, start_rapport=_rapport_of(session.state))

    @classmethod
    def resume(cls, point: ResumePoint, scenario: Scenario) -> Practice:
        """Continue an unfinished session at its last turn not taken back.

        The engine gets back every earlier state from the transcript's turn records, so a
        rewind after resuming takes back the last reply exactly as in an unbroken session.
        """
        writer = TranscriptWriter.reopen(point.path)
        turns = point.turns
        if point.state is None:  # the session never opened: open it now
            session = Session(scenario, seed=point.seed or 0)
            text, _ = session.opening()
            writer.opening(text, session.state.node, session.state.to_dict())
            return cls(scenario, session, writer, text, start_rapport=_rapport_of(session.state))
        opening = turns[0].text if turns and turns[0].speaker != COACH else ""
        saved = _saved_states(writer.records)
        changes: tuple[int, ...] = ()
        start_rapport: int | None = None
        if saved is not None:
            opened, earlier = saved
            session = Session.resumed(scenario, seed=point.seed or 0, opening=(opening, opened), turns=earlier)
            states = [opened, *(after for _student, _coachee, after in earlier)]
            start_rapport = _rapport_of(opened)
            changes = tuple(
                (_rapport_of(after) or 0) - (_rapport_of(before) or 0) for before, after in zip(states, states[1:], strict=False)
            )
        else:  # an older transcript without every state: continue without undo history
            history = [Utterance(t.speaker, t.text) for t in turns]
            session = Session(
                scenario,
                seed=point.seed or 0,
                state=SessionState.from_dict(point.state),
                history=history,
            )
        practice = cls(
            scenario,
            session,
            writer,
            opening,
            earlier_turns=tuple(turns),
            earlier_rapport_changes=changes,
            start_rapport=start_rapport,
        )
        if session.ended:  # it crashed between the last turn and its end record
            practice._write_end("ending", session.state.ending)
        return practice

    # --- the conversation -----------------------------------------------------------------------

    @property
    def turn(self) -> int:
        """Replies so far (not counting those taken back)."""
        return self.session.state.turn

    @property
    def ended(self) -> bool:
        return self.finished or self.session.ended

    @property
    def saving(self) -> bool:
        return self.writer.saving

    @property
    def saving_error(self) -> str | None:
        return None if self.writer.saving else self.writer.error

    @property
    def has_rapport(self) -> bool:
        return "rapport" in self.scenario.variables

    def rapport(self) -> tuple[int, int, int] | None:
        """(value, minimum, maximum) of rapport, or None when the scenario has none."""
        var = self.scenario.variables.get("rapport")
        if var is None:
            return None
        value = self.session.state.variables.get("rapport", var.default)
        return value, var.minimum, var.maximum

    def reply(self, text: str) -> Step:
        """The student's reply: scored and routed by the engine, then written as one turn (and
        the end record when it ends the session). Raises EmptyReply and SessionOver."""
        step = self.session.reply(text)
        self.writer.turn(
            step.turn,
            step.student,
            step.annotation,
            step.coachee,
            step.node,
            step.rapport if self.has_rapport else None,
            step.variables,
            self.session.state.to_dict(),
        )
        if step.ending is not None:
            self._write_end(step.ending_reason or "ending", step.ending.id, step.ending_line)
        return step

    def rewind(self) -> int | None:
        """Take back the last reply (kept in the transcript as rewound); its turn number, or
        None when there is nothing to take back."""
        if self.ended:
            return None
        n = self.session.state.turn
        if not self.session.rewind():
            return None
        self.writer.rewind(n)
        return n

    def end_by_student(self) -> None:
        """The student ended the session before an ending."""
        if not self.ended:
            self.writer.end("ended_by_student")
            self.finished = True

    def _write_end(self, reason: str, ending_id: str | None, last_words: str | None = None) -> None:
        ending = self.scenario.endings.get(ending_id or "")
        self.writer.end(
            reason if reason in ("ending", "turn_limit") else "ending",
            ending=ending_id,
            ending_kind=ending.kind if ending else None,
            coachee=last_words,
        )
        self.finished = True

    def transcript(self) -> Transcript:
        """The session as a Transcript, from the records (also when the disk is not saving)."""
        return self.writer.transcript()

    def close(self) -> None:
        self.writer.close()


def _rapport_of(state: SessionState) -> int | None:
    return state.variables.get("rapport")


def _saved_states(
    records: list[dict[str, Any]],
) -> tuple[SessionState, list[tuple[str, str, SessionState]]] | None:
    """The state after the opening and (student, coachee, state after) of every turn not taken
    back, from a transcript's records; None when a state is missing or unreadable."""
    opened: SessionState | None = None
    live: list[dict[str, Any]] = []
    for rec in records:
        kind = rec.get("type")
        if kind == "opening":
            state = rec.get("state")
            opened = SessionState.from_dict(state) if isinstance(state, dict) and state else None
        elif kind == "turn":
            live.append(rec)
        elif kind == "rewind" and isinstance(rec.get("n"), int):
            live = [r for r in live if isinstance(r.get("n"), int) and r["n"] < rec["n"]]
    if opened is None:
        return None
    earlier: list[tuple[str, str, SessionState]] = []
    try:
        for rec in live:
            state = rec.get("state")
            if not isinstance(state, dict) or not state:
                return None
            earlier.append((str(rec.get("coach") or ""), str(rec.get("coachee") or ""), SessionState.from_dict(state)))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return opened, earlier


# --- after the session ----------------------------------------------------------------------------


def record_history(transcript: Transcript, report: Any, path: Path | None = None) -> str | None:
    """Record a finished session in the history; a message to show, or None when all went well.

    A session without a reply (not taken back) is not recorded: NOTHING_TO_RECORD is returned.
    `report` is the Report already built for the transcript (so it is not built twice).
    """
    from coachdojo.report.build import summarise_report

    if transcript.meta.get("reason") == "abandoned":
        return None
    if not report.metrics.coach_turns:  # no replies: an index of 0 would skew first/best/latest
        return NOTHING_TO_RECORD
    try:
        summary = {**base_summary(transcript), **summarise_report(report, transcript)}
        history, message = open_history(path)
        with history:
            history.record(summary)
    except HistoryError as exc:
        return f"The history was not updated: {exc}"
    except ValueError as exc:
        return f"The history was not updated: {exc}"
    return message


def export_report(report: Any, fmt: str, folder: Path, stem: str) -> Path:
    """Write the report as `fmt` (md, html or json) into `folder`; the file's path.

    Raises CoachdojoError with a sentence a person can act on when it cannot be written.
    """
    from coachdojo.report import render

    folder = Path(folder)
    path = folder / f"{stem}{EXPORT_SUFFIXES[fmt]}"
    try:
        text = render(report, fmt)
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CoachdojoError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def scenario_for(point: ResumePoint) -> tuple[Scenario | None, bool, str | None]:
    """The scenario an unfinished session was played on: (scenario, changed, problem).

    The file recorded in the transcript is preferred, else the bundled scenario with the same
    id. `changed` is True when its file differs (SHA-256) from the one the session began with.
    """
    from coachdojo.library import find_scenario

    scenario: Scenario | None = None
    problem: str | None = None
    recorded = point.scenario_path
    try:
        if recorded and Path(recorded).is_file():
            scenario = find_scenario(recorded)
        else:
            scenario = find_scenario(point.scenario_id)
    except CoachdojoError as exc:
        problem = f"cannot load the scenario of this session ({point.scenario_id}): {exc}"
    if scenario is None:
        return None, True, problem
    changed = point.scenario_changed(scenario.source or None)
    return scenario, changed, None
