"""Persistence: session transcripts (append-only, fsync'd JSON Lines) and the SQLite history.

See docs/storage.md for the file format, the database schema and how to recover from damage.
"""

from coachdojo.store.history import (
    History,
    HistoryError,
    RebuildResult,
    ScenarioProgress,
    SessionRecord,
    base_summary,
    history_path,
    open_history,
)
from coachdojo.store.transcripts import (
    FORMAT_VERSION,
    ResumePoint,
    SessionInfo,
    TranscriptWriter,
    abandon,
    file_sha256,
    is_coachdojo_transcript,
    list_sessions,
    load_transcript,
    read_records,
    resume_point,
    sessions_dir,
    transcript_from_records,
    unfinished_sessions,
)

__all__ = [
    "FORMAT_VERSION",
    "History",
    "HistoryError",
    "RebuildResult",
    "ResumePoint",
    "ScenarioProgress",
    "SessionInfo",
    "SessionRecord",
    "TranscriptWriter",
    "abandon",
    "base_summary",
    "file_sha256",
    "history_path",
    "is_coachdojo_transcript",
    "list_sessions",
    "load_transcript",
    "open_history",
    "read_records",
    "resume_point",
    "sessions_dir",
    "transcript_from_records",
    "unfinished_sessions",
]
