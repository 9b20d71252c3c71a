"""The scripted coachee: sessions that react to how the student coaches, and scenario testing."""

from coachdojo.engine.session import (
    EmptyReply,
    Session,
    SessionOver,
    SessionState,
    Step,
    parse_assignments,
)

__all__ = ["EmptyReply", "Session", "SessionOver", "SessionState", "Step", "parse_assignments"]
