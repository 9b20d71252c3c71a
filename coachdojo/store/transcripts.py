"""Session transcripts: append-only JSON Lines files, one fsync'd line per record.

Writing never raises into a running session: when the data folder is read-only or the disk is
full, the writer keeps the records in memory and says why it is not saving. Reading recovers a
transcript whose last line was cut off (power loss) and reports damage elsewhere with its line.
The file format is a contract, documented in docs/storage.md.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coachdojo import __version__
from coachdojo.errors import TranscriptError
from coachdojo.paths import data_dir
from coachdojo.transcript import COACH, COACHEE, Annotation, Transcript, Turn

FORMAT_VERSION = 1
SUFFIX = ".jsonl"
END_REASONS = ("ending", "turn_limit", "ended_by_student", "abandoned")
RECORD_TYPES = ("session", "opening", "turn", "rewind", "end")
_FIRST_LINE_LIMIT = 1 << 20  # is_coachdojo_transcript reads at most this much


# --------------------------------------------------------------------------- helpers


def sessions_dir() -> Path:
    """The folder holding session transcripts: data_dir()/sessions."""
    return data_dir() / "sessions"


def utc_now() -> str:
    """The current time as ISO 8601 UTC, to the millisecond: 2025-05-01T14:22:33.120Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, as hex (used to notice a scenario file that changed)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _safe_name_part(text: str) -> str:
    part = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.")
    return part[:60] or "scenario"


def describe_os_error(exc: OSError, path: Path, doing: str = "write") -> str:
    """A sentence a person can act on for an OSError met while saving to `path`."""
    code = exc.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return f"the disk holding {path} is full"
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        existing = next((p for p in (path, *path.parents) if p.exists()), path)
        why = "a read-only file system" if code == errno.EROFS else "no permission to write there"
        return f"{existing} is read-only ({why})"
    if code in (errno.ENOTDIR, errno.EEXIST, errno.ENOENT):
        blocker = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            return f"cannot create {path}: {blocker} is a file, not a folder"
    reason = exc.strerror or str(exc)
    return f"cannot {doing} {path}: {reason}"


def _fsync_dir(path: Path) -> None:
    """Make a new directory entry durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def encode_record(record: Mapping[str, Any]) -> bytes:
    """One record as one line of UTF-8 JSON, newline included.

    Untrusted text only ever appears as JSON strings; a newline inside it is escaped, so a
    record can never span two lines.
    """
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- writing


class TranscriptWriter:
    """Writes one session's transcript as it happens, one durable line per record.

    Every record is written with a single write of one whole line, then flushed and fsync'd,
    so a crash or SIGKILL loses no completed turn. If the file cannot be created or written
    (read-only folder, full disk), the writer switches to `saving = False`, keeps a message a
    person can act on in `error`, and goes on collecting records in `records`; it never raises
    OSError into the session.

    Start a new session with `TranscriptWriter.start(...)`, continue one with
    `TranscriptWriter.reopen(path)`.
    """

    def __init__(self, path: Path, records: list[dict[str, Any]] | None = None) -> None:
        self.path = path
        self.records: list[dict[str, Any]] = list(records or [])
        self.saving = True
        self.error: str | None = None
        self._fd: int | None = None

    # -- construction

    @classmethod
    def start(
        cls,
        *,
        scenario_id: str,
        scenario_title: str | None = None,
        scenario_path: str | os.PathLike[str] | None = None,
        scenario_sha256: str | None = None,
        seed: int | None = None,
        coachee_name: str | None = None,
        directory: Path | None = None,
        started_at: str | None = None,
    ) -> TranscriptWriter:
        """Create a new transcript file in `directory` (default sessions_dir()) and write its header.

        When `scenario_sha256` is None and `scenario_path` names a readable file, its hash is taken.
        """
        now = datetime.now(UTC)
        started = started_at or now.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        compact = now.strftime("%Y%m%dT%H%M%SZ")
        folder = directory if directory is not None else sessions_dir()
        if scenario_sha256 is None and scenario_path is not None:
            try:
                scenario_sha256 = file_sha256(scenario_path)
            except OSError:
                scenario_sha256 = None
        stem = f"{compact}-{_safe_name_part(scenario_id)}-{secrets.token_hex(3)}"
        writer = cls(folder / (stem + SUFFIX))
        header = {
            "type": "session",
            "format": FORMAT_VERSION,
            "session_id": stem,
            "scenario_id": scenario_id,
            "scenario_title": scenario_title,
            "scenario_path": str(scenario_path) if scenario_path is not None else None,
            "scenario_sha256": scenario_sha256,
            "seed": seed,
            "coachee_name": coachee_name,
            "started_at": started,
            "app_version": __version__,
        }
        writer._create(folder, stem)
        writer.write(header)
        return writer

    @classmethod
    def reopen(cls, path: str | os.PathLike[str]) -> TranscriptWriter:
        """Continue writing an existing transcript (to resume a session).

        A cut-off last line is removed from the file first, so new lines start clean.
        Raises TranscriptError if the file cannot be read as a transcript; if it can be read
        but not written, the writer is returned with `saving = False`.
        """
        path = Path(path)
        result = _read(path)
        writer = cls(path, result.records)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        except OSError as exc:
            writer._stop(exc, "write")
            return writer
        writer._fd = fd
        try:
            size = os.fstat(fd).st_size
            if result.good_end < size:
                os.ftruncate(fd, result.good_end)
            if result.good_end and not result.ends_with_newline:
                _write_all(fd, b"\n")
            os.fsync(fd)
        except OSError as exc:
            writer._stop(exc, "write")
        return writer

    def _create(self, folder: Path, stem: str) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._stop(exc, "create folders", folder)
            return
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_BINARY", 0)
        for _attempt in range(5):
            try:
                self._fd = os.open(self.path, flags, 0o644)
                break
            except FileExistsError:
                self.path = folder / f"{stem}-{secrets.token_hex(2)}{SUFFIX}"
            except OSError as exc:
                self._stop(exc, "write", folder)
                return
        _fsync_dir(folder)

    # -- state

    def _stop(self, exc: OSError, doing: str, where: Path | None = None) -> None:
        self.saving = False
        self.error = "Not saving: " + describe_os_error(exc, where or self.path, doing)
        self.close()

    @property
    def session_id(self) -> str | None:
        return self.records[0].get("session_id") if self.records else None

    # -- records

    def write(self, record: dict[str, Any]) -> bool:
        """Append one record; True if it is on disk, False if kept in memory only."""
        data = encode_record(record)  # a record that is not JSON is a bug: let it raise
        self.records.append(record)
        if not self.saving or self._fd is None:
            if self.saving:  # closed writer
                self.saving = False
                self.error = self.error or f"Not saving: {self.path} is closed"
            return False
        fd = self._fd
        try:
            start = os.lseek(fd, 0, os.SEEK_END)
        except OSError:
            start = None
        try:
            _write_all(fd, data)
            os.fsync(fd)
        except OSError as exc:
            if start is not None:  # take back a half-written line so the file stays whole
                try:
                    os.ftruncate(fd, start)
                except OSError:
                    pass
            self._stop(exc, "write")
            return False
        return True

    def opening(
        self, coachee: str, node: str | None, state: Mapping[str, Any] | None = None
    ) -> bool:
        """Record the coachee's first line."""
        return self.write(
            {"type": "opening", "coachee": coachee, "node": node, "state": dict(state or {})}
        )

    def turn(
        self,
        n: int,
        coach: str,
        annotation: Annotation | Mapping[str, Any] | None,
        coachee: str | None,
        node: str | None,
        rapport: int | None,
        variables: Mapping[str, Any] | None = None,
        state: Mapping[str, Any] | None = None,
    ) -> bool:
        """Record one completed turn: the coach's reply, its annotation, the coachee's answer
        and the engine state after it."""
        if isinstance(annotation, Annotation):
            ann: dict[str, Any] | None = annotation.to_dict()
        else:
            ann = dict(annotation) if annotation is not None else None
        return self.write(
            {
                "type": "turn",
                "n": n,
                "coach": coach,
                "annotation": ann,
                "coachee": coachee,
                "node": node,
                "rapport": rapport,
                "variables": dict(variables or {}),
                "state": dict(state or {}),
                "at": utc_now(),
            }
        )

    def rewind(self, n: int) -> bool:
        """Record that the student took back turn n (and any turn after it)."""
        return self.write({"type": "rewind", "n": n, "at": utc_now()})

    def end(
        self,
        reason: str,
        ending: str | None = None,
        ending_kind: str | None = None,
        coachee: str | None = None,
    ) -> bool:
        """Record the end of the session; `reason` is one of END_REASONS."""
        if reason not in END_REASONS:
            raise ValueError(f"end reason must be one of {', '.join(END_REASONS)}, not {reason!r}")
        return self.write(
            {
                "type": "end",
                "ending": ending,
                "ending_kind": ending_kind,
                "coachee": coachee,
                "reason": reason,
                "at": utc_now(),
            }
        )

    def transcript(self) -> Transcript:
        """The session so far as a Transcript, from the records held in memory."""
        return transcript_from_records(self.records, source=str(self.path))

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.close(fd)
            except OSError:
                pass

    def __enter__(self) -> TranscriptWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def abandon(path: str | os.PathLike[str]) -> bool:
    """Close an unfinished session the student chose not to resume (an end record with
    reason "abandoned"), so it is not offered again. Returns False if it could not be saved."""
    writer = TranscriptWriter.reopen(path)
    try:
        return writer.end("abandoned")
    finally:
        writer.close()


# --------------------------------------------------------------------------- reading


@dataclass
class _ReadResult:
    records: list[dict[str, Any]]
    lines: list[int]  # the 1-based line each record came from
    warnings: list[str]
    good_end: int  # byte offset just past the last whole record kept
    ends_with_newline: bool


def _last_turn_n(records: Sequence[Mapping[str, Any]]) -> int:
    live = _live_turn_numbers(records)
    return live[-1] if live else 0


def _live_turn_numbers(records: Sequence[Mapping[str, Any]]) -> list[int]:
    live: list[int] = []
    for rec in records:
        if rec.get("type") == "turn" and isinstance(rec.get("n"), int):
            live.append(rec["n"])
        elif rec.get("type") == "rewind" and isinstance(rec.get("n"), int):
            live = [n for n in live if n < rec["n"]]
    return live


def _read(path: Path) -> _ReadResult:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise TranscriptError(f"{path}: is a folder, not a transcript file") from None
    except OSError as exc:
        raise TranscriptError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise TranscriptError(f"{path}: the file is empty; it is not a coachdojo transcript")

    chunks = data.split(b"\n")
    ends_with_newline = data.endswith(b"\n")
    if ends_with_newline:
        chunks.pop()
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    warnings: list[str] = []
    offset = good_end = 0
    last_index = len(chunks) - 1
    for index, raw in enumerate(chunks):
        line_no = index + 1
        line_end = offset + len(raw) + (1 if index < last_index or ends_with_newline else 0)
        is_last = index == last_index
        cut_off_candidate = is_last  # only the very last line can have been cut off
        if raw.strip():
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if cut_off_candidate and records:
                    warnings.append(_cut_off(path, line_no, records))
                    break
                raise TranscriptError(
                    f"{path}:{line_no}: not UTF-8 text (byte {exc.object[exc.start]:#04x} at "
                    f"column {exc.start + 1}); this is not a coachdojo transcript, or it is damaged"
                ) from None
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                if cut_off_candidate and records:
                    warnings.append(_cut_off(path, line_no, records))
                    break
                raise TranscriptError(
                    f"{path}:{line_no}:{exc.colno}: not valid JSON ({exc.msg}); "
                    "the transcript is damaged at this line"
                ) from None
            if not isinstance(record, dict) or not isinstance(record.get("type"), str):
                raise TranscriptError(f'{path}:{line_no}: expected a JSON object with a "type" key')
            if not records:
                _check_header(path, line_no, record)
            elif record["type"] == "session":
                raise TranscriptError(f'{path}:{line_no}: a second "session" record')
            if record["type"] in RECORD_TYPES:
                records.append(record)
                lines.append(line_no)
            else:
                warnings.append(
                    f"{path}:{line_no}: skipped a record of unknown type {record['type']!r}"
                )
        offset = line_end
        good_end = line_end
    return _ReadResult(
        records, lines, warnings, good_end, ends_with_newline or good_end < len(data)
    )


def _cut_off(path: Path, line_no: int, records: Sequence[Mapping[str, Any]]) -> str:
    return f"{path}: line {line_no} was cut off; recovered up to turn {_last_turn_n(records)}"


def _check_header(path: Path, line_no: int, record: Mapping[str, Any]) -> None:
    if record.get("type") != "session":
        raise TranscriptError(
            f'{path}:{line_no}: expected a "session" record first; '
            "this is not a coachdojo transcript"
        )
    fmt = record.get("format")
    if not isinstance(fmt, int) or fmt < 1:
        raise TranscriptError(f'{path}:{line_no}: the session record has no valid "format"')
    if fmt > FORMAT_VERSION:
        raise TranscriptError(
            f"{path}:{line_no}: written in transcript format {fmt} by a newer coachdojo; "
            f"this version reads format {FORMAT_VERSION}. Upgrade coachdojo to read it."
        )


def read_records(path: str | os.PathLike[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Read a transcript file: (records, warnings).

    A last line that was cut off (no trailing newline, or not valid JSON) is dropped with a
    warning "line N was cut off; recovered up to turn K". Any other bad line raises
    TranscriptError naming the file and line.
    """
    result = _read(Path(path))
    return result.records, result.warnings


def is_coachdojo_transcript(path: str | os.PathLike[str]) -> bool:
    """True if the file's first line is a JSON object with "type": "session"."""
    try:
        with open(path, "rb") as fh:
            first = fh.readline(_FIRST_LINE_LIMIT)
        record = json.loads(first.decode("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and record.get("type") == "session"


# --------------------------------------------------------------------------- to Transcript


def _require(record: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = record.get(key)
    if not isinstance(value, kind):
        raise TranscriptError(f"{where}: the {record.get('type')!r} record needs {key!r}")
    return value


def transcript_from_records(
    records: Sequence[Mapping[str, Any]],
    source: str | None = None,
    *,
    lines: Sequence[int] | None = None,
    warnings: Sequence[str] = (),
) -> Transcript:
    """Build a Transcript from transcript records (as returned by read_records).

    The opening becomes a coachee Turn; each turn record a coach Turn (with its Annotation,
    rapport and node) followed by a coachee Turn with the reply; a rewind marks turn n and
    every later live turn as rewound (kept, left out of the metrics); the end record gives
    the ending and the coachee's final line. `meta` holds session_id, seed, scenario_sha256
    (also as "sha256"), scenario_path, reason, finished, finished_at and warnings.
    """
    name = source or "transcript"
    if not records or records[0].get("type") != "session":
        raise TranscriptError(f'{name}: a transcript starts with a "session" record')
    header = records[0]
    turns: list[Turn] = []
    live: list[tuple[int, list[int]]] = []  # (turn n, indices into turns) not yet rewound
    end: Mapping[str, Any] | None = None
    for i, rec in enumerate(records[1:], start=1):
        line = lines[i] if lines is not None and i < len(lines) else 0
        where = f"{name}:{line}" if line else f"{name}: record {i + 1}"
        kind = rec.get("type")
        if end is not None and kind in ("opening", "turn", "rewind"):
            raise TranscriptError(f"{where}: a {kind!r} record after the end of the session")
        if kind == "opening":
            text = _require(rec, "coachee", str, where)
            turns.append(Turn(COACHEE, text, node=rec.get("node"), line=line))
        elif kind == "turn":
            n = _require(rec, "n", int, where)
            coach = _require(rec, "coach", str, where)
            annotation = None
            if rec.get("annotation") is not None:
                try:
                    annotation = Annotation.from_dict(rec["annotation"])
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    raise TranscriptError(f"{where}: the annotation is not valid ({exc})") from None
            rapport = rec.get("rapport") if isinstance(rec.get("rapport"), int) else None
            node = rec.get("node") if isinstance(rec.get("node"), str) else None
            indices = [len(turns)]
            turns.append(Turn(COACH, coach, annotation, rapport=rapport, node=node, line=line))
            reply = rec.get("coachee")
            if isinstance(reply, str) and reply:
                indices.append(len(turns))
                turns.append(Turn(COACHEE, reply, rapport=rapport, node=node, line=line))
            live.append((n, indices))
        elif kind == "rewind":
            n = _require(rec, "n", int, where)
            for _n, indices in [item for item in live if item[0] >= n]:
                for j in indices:
                    turns[j] = dataclasses.replace(turns[j], rewound=True)
            live = [item for item in live if item[0] < n]
        elif kind == "end":
            end = rec
            final = rec.get("coachee")
            if isinstance(final, str) and final:
                turns.append(Turn(COACHEE, final, line=line))
    meta: dict[str, Any] = {
        "session_id": header.get("session_id"),
        "seed": header.get("seed"),
        "scenario_sha256": header.get("scenario_sha256"),
        "sha256": header.get("scenario_sha256"),
        "scenario_path": header.get("scenario_path"),
        "app_version": header.get("app_version"),
        "format": header.get("format"),
        "finished": end is not None,
        "finished_at": end.get("at") if end else None,
        "reason": end.get("reason") if end else None,
        "warnings": list(warnings),
    }
    return Transcript(
        turns=tuple(turns),
        scenario_id=header.get("scenario_id"),
        scenario_title=header.get("scenario_title"),
        coachee_name=header.get("coachee_name"),
        ending=end.get("ending") if end else None,
        ending_kind=end.get("ending_kind") if end else None,
        source=source,
        started_at=header.get("started_at"),
        meta=meta,
    )


def load_transcript(path: str | os.PathLike[str]) -> Transcript:
    """Read a coachdojo JSONL transcript into a Transcript.

    Recovery warnings (a cut-off last line) are in `transcript.meta["warnings"]`.
    Raises TranscriptError for a file that cannot be read as a transcript.
    """
    path = Path(path)
    result = _read(path)
    return transcript_from_records(
        result.records, source=str(path), lines=result.lines, warnings=result.warnings
    )


# --------------------------------------------------------------------------- sessions


@dataclass(frozen=True)
class SessionInfo:
    """A transcript on disk, summarised from its records."""

    path: Path
    session_id: str | None
    scenario_id: str | None
    scenario_title: str | None
    started_at: str | None
    turns: int  # coach turns not taken back
    finished: bool
    reason: str | None  # the end record's reason, when finished


def _session_files(directory: Path | None) -> Iterator[Path]:
    folder = directory if directory is not None else sessions_dir()
    try:
        yield from (p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file())
    except OSError:
        return


def list_sessions(
    directory: Path | None = None, problems: list[str] | None = None
) -> list[SessionInfo]:
    """Every readable transcript in `directory` (default sessions_dir()), newest first.

    Files that cannot be read are skipped; their messages are appended to `problems` if given.
    """
    found: list[SessionInfo] = []
    for path in _session_files(directory):
        try:
            records, _warnings = read_records(path)
        except TranscriptError as exc:
            if problems is not None:
                problems.append(str(exc))
            continue
        header = records[0]
        end = next((r for r in records if r.get("type") == "end"), None)
        found.append(
            SessionInfo(
                path=path,
                session_id=header.get("session_id"),
                scenario_id=header.get("scenario_id"),
                scenario_title=header.get("scenario_title"),
                started_at=header.get("started_at"),
                turns=len(_live_turn_numbers(records)),
                finished=end is not None,
                reason=end.get("reason") if end else None,
            )
        )
    found.sort(key=lambda s: (str(s.started_at or ""), s.path.name), reverse=True)
    return found


def unfinished_sessions(directory: Path | None = None) -> list[SessionInfo]:
    """Sessions without an end record (candidates for `coachdojo resume`), newest first."""
    return [s for s in list_sessions(directory) if not s.finished]


@dataclass(frozen=True)
class ResumePoint:
    """What an engine needs to continue an unfinished session.

    `state` is the engine state after the last turn not taken back (or after the opening;
    None if the session has not even opened). `next_turn` is the number for the next turn.
    """

    path: Path
    session_id: str | None
    scenario_id: str
    scenario_title: str | None
    scenario_path: str | None
    scenario_sha256: str | None
    seed: int | None
    coachee_name: str | None
    started_at: str | None
    state: dict[str, Any] | None
    node: str | None
    rapport: int | None
    variables: dict[str, Any]
    next_turn: int
    transcript: Transcript
    warnings: tuple[str, ...] = field(default=())

    @property
    def turns(self) -> tuple[Turn, ...]:
        """The conversation so far, without turns taken back."""
        return tuple(t for t in self.transcript.turns if not t.rewound)

    def scenario_changed(self, scenario_path: str | os.PathLike[str] | None = None) -> bool:
        """True if the scenario file (default: the one recorded) is missing or differs from
        the file the session began with."""
        target = scenario_path if scenario_path is not None else self.scenario_path
        if target is None or self.scenario_sha256 is None:
            return True
        try:
            return file_sha256(target) != self.scenario_sha256
        except OSError:
            return True


def resume_point(path: str | os.PathLike[str]) -> ResumePoint:
    """Where to continue the session in `path`. Raises TranscriptError if it cannot be read
    or has already ended."""
    path = Path(path)
    result = _read(path)
    records = result.records
    header = records[0]
    scenario_id = header.get("scenario_id")
    if not isinstance(scenario_id, str):
        raise TranscriptError(f"{path}:1: the session record has no scenario_id")
    if any(r.get("type") == "end" for r in records):
        raise TranscriptError(f"{path}: this session has already ended; there is nothing to resume")
    transcript = transcript_from_records(
        records, source=str(path), lines=result.lines, warnings=result.warnings
    )
    # The state to continue from: the last live turn, else the opening.
    live: list[Mapping[str, Any]] = []
    opening: Mapping[str, Any] | None = None
    for rec in records:
        if rec.get("type") == "opening":
            opening = rec
        elif rec.get("type") == "turn":
            live.append(rec)
        elif rec.get("type") == "rewind" and isinstance(rec.get("n"), int):
            live = [r for r in live if r.get("n", 0) < rec["n"]]
    last = live[-1] if live else opening
    state = (
        dict(last["state"]) if last is not None and isinstance(last.get("state"), dict) else None
    )
    return ResumePoint(
        path=path,
        session_id=header.get("session_id"),
        scenario_id=scenario_id,
        scenario_title=header.get("scenario_title"),
        scenario_path=header.get("scenario_path"),
        scenario_sha256=header.get("scenario_sha256"),
        seed=header.get("seed"),
        coachee_name=header.get("coachee_name"),
        started_at=header.get("started_at"),
        state=state,
        node=last.get("node") if last is not None else None,
        rapport=last.get("rapport") if live else None,
        variables=dict(live[-1].get("variables") or {}) if live else {},
        next_turn=(live[-1]["n"] + 1) if live else 1,
        transcript=transcript,
        warnings=tuple(result.warnings),
    )
