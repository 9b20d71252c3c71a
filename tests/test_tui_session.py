"""The practice room, driven the way a student uses it (Textual's Pilot, headless).

Each test reads like a session: pick a scenario, read the briefing, reply, take a reply back,
ask for a hint, turn on coach mode, end, read the report, export it. Untrusted text (scenario
lines, replies) must appear literally and never act as markup or terminal escapes.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Input, Static

from coachdojo.store import TranscriptWriter, read_records, unfinished_sessions
from coachdojo.tui.app import CoachdojoApp, create_app
from coachdojo.tui.hints import stage_name
from coachdojo.tui.messages import LibraryLoaded, ReportReady
from coachdojo.tui.screens.briefing import BriefingScreen
from coachdojo.tui.screens.confirm import ConfirmDialog
from coachdojo.tui.screens.conversation import ConversationScreen
from coachdojo.tui.screens.history import HistoryScreen
from coachdojo.tui.screens.picker import PickerScreen
from coachdojo.tui.screens.report import ReportScreen
from coachdojo.tui.screens.resume import ResumeDialog
from coachdojo.tui.widgets.chat_turn import ChatTurn
from coachdojo.tui.widgets.cue import Cue
from coachdojo.tui.widgets.exchange import Exchange
from coachdojo.tui.widgets.saving_notice import SavingNotice
from coachdojo.tui.widgets.scenario_table import ScenarioTable

SIX_REPLIES = [
    "What would you like to get from our time today?",
    "It sounds like you're carrying a lot, and part of you is worn out.",
    "What would a good week look like for you?",
    "You should just tell them no.",
    "What's the hardest part of saying no?",
    "It's your call what happens next. What will you do first?",
]
HOSTILE = ["[/", "[@click=app.quit]x[/]", "\x1b[31mred\x1b[0m"]


# --------------------------------------------------------------------------- helpers


def screen_text(app: CoachdojoApp) -> str:
    """Everything the Static widgets of the current screen hold, as plain text."""
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def visible_lines(app: CoachdojoApp) -> list[str]:
    """The terminal lines as the student sees them (the compositor's output)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def settle(app: CoachdojoApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()


async def reply(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type a reply the quick way (set the value, press Enter)."""
    box = pilot.app.screen.query_one("#reply", Input)
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def open_conversation(app: CoachdojoApp, pilot) -> ConversationScreen:  # type: ignore[no-untyped-def]
    """From the briefing (opened by create_app(scenario=...)) into the conversation."""
    await settle(app, pilot)
    assert isinstance(app.screen, BriefingScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ConversationScreen)
    return app.screen


def write_hostile_scenario(folder: Path) -> Path:
    """A small valid scenario whose title and coachee lines carry markup and escapes."""
    path = folder / "hostile.yaml"
    path.write_text(
        """format: 1
id: hostile
title: "Hostile [/ [@click=app.quit]x[/] \\e[31mred\\e[0m"
summary: "Text that tries markup [/ and escapes \\e[31mred\\e[0m."
difficulty: beginner
tags: [test]
minutes: 5
briefing: |
  Markup [b]bold[/b] and [@click=app.quit]x[/] must show literally.
practise:
  - "seeing [/ literally"
coachee:
  name: "Sam [/"
  role: "Tester [@click=app.quit]x[/]"
  style: plain
start: opening
nodes:
  opening:
    stage: reality
    say:
      - "Hello [/ there [@click=app.quit]x[/] and \\e[31mred\\e[0m."
    routes:
      - when:
          codes: {any: [open_question]}
        goto: done
endings:
  done:
    kind: breakthrough
    title: "Done [/"
    say: "Thanks [/ \\e[31mred\\e[0m"
    debrief: "Debrief [@click=app.quit]x[/]"
""",
        encoding="utf-8",
    )
    return path


# --------------------------------------------------------------------------- a whole session


async def test_student_picks_briefs_replies_six_times_ends_and_exports_the_report(
    coachdojo_home: Path,
) -> None:
    messages: list[Message] = []
    app = create_app(seed=1)
    async with app.run_test(size=(100, 32), message_hook=messages.append) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PickerScreen)
        assert any(isinstance(m, LibraryLoaded) for m in messages)

        # Filter by typing, then Enter reads the briefing.
        app.screen.query_one("#filter", Input).value = "priya"
        await pilot.pause()
        table = app.screen.query_one(ScenarioTable)
        assert table.row_count == 1 and table.current_id() == "new-team-lead"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert "Priya" in screen_text(app) and "What to practise" in screen_text(app)

        await pilot.press("enter")
        await pilot.pause()
        conversation = app.screen
        assert isinstance(conversation, ConversationScreen)
        assert app.focused is conversation.query_one("#reply", Input)

        for text in SIX_REPLIES:
            await reply(pilot, text)
            if conversation.practice.ended:
                break
        exchanges = conversation.query(Exchange)
        assert len(exchanges) >= 4
        assert "✓ open question" in screen_text(app)
        assert "✗ advice" in screen_text(app)
        assert conversation.query_one("#turns", Static).render().plain.startswith(f"Turn {len(exchanges)}")

        if not conversation.practice.ended:
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("enter")
            await pilot.pause()
        else:
            await pilot.click("#see-report")
            await pilot.pause()
        await settle(app, pilot)
        assert isinstance(app.screen, ReportScreen)
        ready = [m for m in messages if isinstance(m, ReportReady)]
        assert ready and ready[0].report.metrics.coach_turns == len(exchanges)
        assert "Non-directive index" in screen_text(app)
        assert "MITI bands" in screen_text(app)

        for key in ("m", "h", "j"):
            await pilot.press(key)
        await pilot.pause()
        exports = coachdojo_home / "exports"
        names = sorted(p.suffix for p in exports.iterdir())
        assert names == [".html", ".json", ".md"]
        data = json.loads(next(exports.glob("*.json")).read_text(encoding="utf-8"))
        assert data["session"]["scenario_id"] == "new-team-lead"

        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "Priya says yes to everything" in "\n".join(visible_lines(app))

    # The transcript is on disk, finished, with one turn record per reply.
    (path,) = (coachdojo_home / "sessions").glob("*.jsonl")
    records, warnings = read_records(path)
    assert not warnings
    turns = [r for r in records if r["type"] == "turn"]
    assert [t["coach"] for t in turns] == SIX_REPLIES[: len(turns)]
    assert all("state" in t and t["state"]["node"] for t in turns)
    assert records[-1]["type"] == "end"
    assert unfinished_sessions() == []


async def test_empty_reply_is_not_a_turn() -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test() as pilot:
        conversation = await open_conversation(app, pilot)
        await reply(pilot, "   ")
        assert conversation.practice.turn == 0
        assert not conversation.query(Exchange)
        records, _ = read_records(conversation.practice.writer.path)
        assert [r["type"] for r in records] == ["session", "opening"]


async def test_rewind_takes_back_the_last_reply_and_keeps_it_in_the_transcript() -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test() as pilot:
        conversation = await open_conversation(app, pilot)
        await reply(pilot, "What would you like to get from our time today?")
        await reply(pilot, "You should delegate the escalations to Tomasz.")
        assert conversation.practice.turn == 2

        await pilot.press("ctrl+r")
        await pilot.pause()
        assert conversation.practice.turn == 1
        assert len(conversation.query(Exchange)) == 1
        box = conversation.query_one("#reply", Input)
        assert box.value == "You should delegate the escalations to Tomasz."  # ready to rework
        assert "taken back" in screen_text(app)

        await reply(pilot, "What would a good week look like for you?")
        assert conversation.practice.turn == 2
        records, _ = read_records(conversation.practice.writer.path)
        kinds = [(r["type"], r.get("n")) for r in records[2:]]
        assert kinds == [("turn", 1), ("turn", 2), ("rewind", 2), ("turn", 2)]
        transcript = conversation.practice.transcript()
        assert [t.rewound for t in transcript.turns if t.speaker == "coach"] == [False, True, False]


async def test_rewind_with_nothing_to_take_back_just_says_so() -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test() as pilot:
        conversation = await open_conversation(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert conversation.practice.turn == 0
        assert any("Nothing to take back" in str(n.message) for n in app._notifications)


async def test_hint_suggests_an_open_question_for_this_moment() -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test() as pilot:
        conversation = await open_conversation(app, pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        hints = [t for t in conversation.query(ChatTurn) if t.has_class("hint")]
        assert len(hints) == 1
        assert "(Contracting)" in hints[0].text and hints[0].text.rstrip().endswith("?")
        from coachdojo.scoring import score

        question = hints[0].text.split("open question: ", 1)[1]
        assert "open_question" in score(question).codes
        assert conversation.practice.turn == 0  # a hint is not a turn


async def test_coach_mode_shows_the_tip_and_a_better_alternative() -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        conversation = await open_conversation(app, pilot)
        await reply(pilot, "You should block out your calendar.")
        exchange = conversation.query_one(Exchange)
        cue = exchange.query_one(Cue)
        annotation = exchange.annotation
        assert annotation is not None and annotation.tip and annotation.rewrite
        screen_text = " ".join(" ".join(visible_lines(app)).split())
        assert "✗ advice" in screen_text
        assert "Tip" not in screen_text and annotation.rewrite[:30] not in screen_text

        await pilot.press("ctrl+t")
        await pilot.pause()
        assert conversation.has_class("coach-mode")
        shown = " ".join(" ".join(visible_lines(app)).split())
        assert " ".join(annotation.tip.split())[:40] in shown
        assert " ".join(annotation.rewrite.split())[:40] in shown
        assert annotation.tip in cue.detail_text and annotation.rewrite in cue.detail_text

        await reply(pilot, "Have you tried saying no?")  # a new reply in coach mode shows its tip too
        second = conversation.query(Exchange).last().query_one(Cue)
        assert second.details and second.annotation is not None and second.annotation.tip in second.detail_text

        await pilot.press("ctrl+t")
        await pilot.pause()
        shown = " ".join(" ".join(visible_lines(app)).split())
        assert "Tip " not in shown


async def test_rapport_meter_toggles_and_shows_a_number() -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test() as pilot:
        conversation = await open_conversation(app, pilot)
        meter = conversation.query_one("#rapport", Static)
        assert "/10" in str(meter.render())
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert not meter.display


# --------------------------------------------------------------------------- untrusted text


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_a_reply_with_markup_or_escapes_is_shown_literally(hostile: str) -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test() as pilot:
        conversation = await open_conversation(app, pilot)
        await reply(pilot, hostile)
        assert app.is_running and isinstance(app.screen, ConversationScreen)
        shown = hostile.replace("\x1b", "␛")
        student = [t for t in conversation.query(ChatTurn) if t.has_class("student")]
        assert str(student[-1].render()).endswith(shown)
        assert shown in "\n".join(visible_lines(app))
        assert "\x1b" not in screen_text(app)
        records, _ = read_records(conversation.practice.writer.path)
        assert records[-1]["coach"] == hostile  # stored exactly as typed


async def test_a_scenario_with_markup_and_escapes_is_shown_literally(tmp_path: Path) -> None:
    path = write_hostile_scenario(tmp_path)
    app = create_app(seed=0, library_paths=[tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert "Hostile [/ [@click=app.quit]x[/] ␛[31mred␛[0m" in "\n".join(visible_lines(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        text = screen_text(app)
        assert "Markup [b]bold[/b] and [@click=app.quit]x[/] must show literally." in text
        assert "Sam [/, Tester [@click=app.quit]x[/]" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert "Hello [/ there [@click=app.quit]x[/] and ␛[31mred␛[0m." in screen_text(app)
        conversation = app.screen
        for hostile in HOSTILE:
            await reply(pilot, hostile)
        assert conversation.practice.turn == len(HOSTILE)  # none of them is a listening move
        await reply(pilot, "What matters most to you here?")
        assert app.is_running and conversation.practice.ended
        text = screen_text(app)
        assert "Thanks [/ ␛[31mred␛[0m" in text  # the coachee's last words
        assert "Debrief  Debrief [@click=app.quit]x[/]" in text
        assert "Done [/ (breakthrough)" in text
        assert "\x1b" not in text
    assert path.exists()


# --------------------------------------------------------------------------- small terminals, themes


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_everything_fits_an_80_by_24_terminal(theme: str) -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        conversation = await open_conversation(app, pilot)
        for text in SIX_REPLIES[:4]:
            await reply(pilot, text)
        lines = visible_lines(app)
        assert len(lines) == 24 and all(len(line) <= 80 for line in lines)
        assert lines[0].lstrip().startswith("Priya · Priya says yes to everything")
        assert "Turn 4 of 16" in lines[0] and "Rapport" in lines[0]
        assert "Your reply" in "\n".join(lines[-5:])  # the reply box stays on screen
        assert "^t Coach" in lines[-1] and "esc End" in lines[-1]
        # The latest coachee line is on screen (the chat is pinned to the bottom).
        last = conversation.query(Exchange).last().coachee or ""
        assert last.split()[0] in "\n".join(lines)
        await pilot.press("f1")
        await pilot.pause()
        assert "Keys" in "\n".join(visible_lines(app))
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReportScreen)
        assert all(len(line) <= 80 for line in visible_lines(app))


# --------------------------------------------------------------------------- persistence


def crashed_session(home: Path, replies: int = 2) -> Path:
    """A transcript left without an end record, as if the app had been killed."""
    from coachdojo.library import find_scenario
    from coachdojo.tui.practice import Practice

    practice = Practice.begin(find_scenario("new-team-lead"), seed=3, sessions_dir=home / "sessions")
    for text in SIX_REPLIES[:replies]:
        practice.reply(text)
    practice.close()  # no end record: the process "died" here
    return practice.writer.path


async def test_an_unfinished_session_is_offered_and_resumes_where_it_stopped(coachdojo_home: Path) -> None:
    path = crashed_session(coachdojo_home)
    records, _ = read_records(path)
    state = records[-1]["state"]
    app = create_app()
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ResumeDialog)
        assert "Priya says yes to everything" in screen_text(app)
        await pilot.click("#resume")
        await pilot.pause()
        conversation = app.screen
        assert isinstance(conversation, ConversationScreen)
        session = conversation.practice.session
        assert session.state.node == state["node"] and session.state.variables == state["variables"]
        assert len(conversation.query(Exchange)) == 2
        await reply(pilot, "What would you like instead?")
        assert conversation.practice.turn == 3
    records, _ = read_records(path)
    assert [r["n"] for r in records if r["type"] == "turn"] == [1, 2, 3]


async def test_an_unfinished_session_can_be_discarded(coachdojo_home: Path) -> None:
    path = crashed_session(coachdojo_home)
    app = create_app()
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ResumeDialog)
        await pilot.click("#discard")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
    assert read_records(path)[0][-1]["reason"] == "abandoned"
    assert unfinished_sessions() == []


async def test_a_changed_scenario_is_detected_and_a_fresh_start_offered(
    coachdojo_home: Path, tmp_path: Path
) -> None:
    from coachdojo.library import find_scenario
    from coachdojo.tui.practice import Practice

    scenario_file = write_hostile_scenario(tmp_path)
    practice = Practice.begin(find_scenario(str(scenario_file)), sessions_dir=coachdojo_home / "sessions")
    practice.close()
    scenario_file.write_text(scenario_file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    app = create_app(resume=practice.writer.path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "has changed since this session began" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
    assert unfinished_sessions() == []  # the old one was closed, its transcript kept


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs a non-root POSIX user")
async def test_a_read_only_data_dir_says_not_saving_and_the_session_goes_on(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        await _play_unsaved(home)
    finally:
        home.chmod(stat.S_IRWXU)


async def test_a_data_dir_that_cannot_be_created_says_not_saving(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    await _play_unsaved(blocker / "home")


async def _play_unsaved(home: Path) -> None:
    app = create_app("new-team-lead", seed=1, data_dir=home)
    async with app.run_test() as pilot:
        conversation = await open_conversation(app, pilot)
        notice = conversation.query_one(SavingNotice)
        assert notice.display and str(notice.render()).startswith("Not saving: ")
        await reply(pilot, "What would you like to get from our time today?")
        assert conversation.practice.turn == 1  # the session goes on
        assert "Not saving" in "\n".join(visible_lines(app))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReportScreen)  # the report still comes, from memory
        assert "Non-directive index" in screen_text(app)


async def test_quitting_mid_session_keeps_every_finished_turn(coachdojo_home: Path) -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test() as pilot:
        await open_conversation(app, pilot)
        await reply(pilot, SIX_REPLIES[0])
        await reply(pilot, SIX_REPLIES[1])
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert not app.is_running
    (info,) = unfinished_sessions()
    assert info.turns == 2


# --------------------------------------------------------------------------- the command palette and CLI


async def test_the_command_palette_lists_the_conversation_commands() -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test() as pilot:
        conversation = await open_conversation(app, pilot)
        titles = [c.title for c in app.get_system_commands(conversation)]
        for title in ("Coach mode", "Hint", "Rewind", "End session", "Help: keys", "History"):
            assert title in titles


def test_resume_without_an_unfinished_session_says_so(run_cli) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("resume")
    assert done.returncode == 1
    assert "no unfinished session" in done.stderr


def test_play_an_unknown_scenario_is_a_plain_error(run_cli) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("play", "no-such-scenario")
    assert done.returncode == 1
    assert "no scenario 'no-such-scenario'" in done.stderr
    done = run_cli("play", "new-team-lead", "--from", "nowhere")
    assert done.returncode == 1 and "no node 'nowhere'" in done.stderr


def test_help_lists_play_and_resume(run_cli) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("--help")
    assert done.returncode == 0
    assert "play" in done.stdout and "resume" in done.stdout


def test_transcript_writer_is_the_one_the_app_uses() -> None:
    """The app writes through the store's TranscriptWriter (no second format)."""
    from coachdojo.tui import practice

    assert practice.TranscriptWriter is TranscriptWriter


# --------------------------------------------------------------------------- review fixes


async def end_and_read_report(app: CoachdojoApp, pilot) -> ReportScreen:  # type: ignore[no-untyped-def]
    """Esc, confirm, and wait for the report (and the history) to be done."""
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmDialog)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, ReportScreen)
    return app.screen


async def test_one_reply_taken_back_is_one_in_the_report_and_the_history(coachdojo_home: Path) -> None:
    from coachdojo.store import History

    messages: list[Message] = []
    app = create_app("new-team-lead", seed=1)
    async with app.run_test(message_hook=messages.append) as pilot:
        await open_conversation(app, pilot)
        await reply(pilot, SIX_REPLIES[0])
        await reply(pilot, "You should just tell them no.")
        await pilot.press("ctrl+r")
        await pilot.pause()
        await reply(pilot, SIX_REPLIES[2])
        await end_and_read_report(app, pilot)
        ready = next(m for m in messages if isinstance(m, ReportReady))
        assert ready.report.metrics.rewound_turns == 1
        assert "2 replies · 1 taken back" in screen_text(app)
        assert "(+1 rewound, not counted)" in screen_text(app)  # the full text report agrees
    with History(coachdojo_home / "history.sqlite3") as history:
        (row,) = history.sessions()
    assert row.turns == 2 and row.metrics["rewound_turns"] == 1


async def test_a_session_ended_before_any_reply_is_not_recorded(coachdojo_home: Path) -> None:
    from coachdojo.store import History

    app = create_app("new-team-lead", seed=1)
    async with app.run_test() as pilot:
        await open_conversation(app, pilot)
        await end_and_read_report(app, pilot)
        assert "nothing to record yet" in screen_text(app)
        assert any("Nothing to record yet" in str(n.message) for n in app._notifications)
        await pilot.press("y")
        await settle(app, pilot)
        assert "No finished sessions yet" in screen_text(app)
    (path,) = (coachdojo_home / "sessions").glob("*.jsonl")
    records, _ = read_records(path)
    assert records[-1]["type"] == "end" and records[-1]["reason"] == "ended_by_student"  # ended properly
    with History(coachdojo_home / "history.sqlite3") as history:
        assert history.sessions() == []


async def test_after_resuming_rewind_takes_back_the_last_reply(coachdojo_home: Path) -> None:
    path = crashed_session(coachdojo_home, replies=2)
    records, _ = read_records(path)
    after_first = records[2]["state"]
    app = create_app(resume=path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        conversation = app.screen
        assert isinstance(conversation, ConversationScreen)
        assert len(conversation.query(Exchange)) == 2
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not any("Nothing to take back" in str(n.message) for n in app._notifications)
        session = conversation.practice.session
        assert session.state.to_dict() == after_first  # exactly where reply 1 left it
        assert len(conversation.query(Exchange)) == 1
        assert conversation.query_one("#reply", Input).value == SIX_REPLIES[1]
        assert "Turn 1 of 16" in str(conversation.query_one("#turns", Static).render())
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert session.state.turn == 0 and not conversation.query(Exchange)
        await reply(pilot, SIX_REPLIES[0])
    # The same as an unbroken session that took both replies back and said the first again.
    from coachdojo.library import find_scenario
    from coachdojo.tui.practice import Practice

    unbroken = Practice.begin(find_scenario("new-team-lead"), seed=3, sessions_dir=coachdojo_home / "other")
    for text in SIX_REPLIES[:2]:
        unbroken.reply(text)
    unbroken.rewind()
    unbroken.rewind()
    again = unbroken.reply(SIX_REPLIES[0])
    unbroken.close()
    records, _ = read_records(path)
    kinds = [(r["type"], r.get("n")) for r in records[2:]]
    assert kinds == [("turn", 1), ("turn", 2), ("rewind", 2), ("rewind", 1), ("turn", 1)]
    assert records[-1]["coachee"] == again.coachee and records[-1]["state"] == unbroken.session.state.to_dict()


async def test_resumed_replies_keep_their_rapport_cue(coachdojo_home: Path) -> None:
    path = crashed_session(coachdojo_home, replies=2)
    records, _ = read_records(path)
    moved = records[3]["variables"]["rapport"] - records[2]["variables"]["rapport"]
    assert moved  # reply 2 is a complex reflection: rapport goes up
    app = create_app(resume=path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert f"▲ rapport {moved:+d}" in screen_text(app)


async def test_a_hint_built_on_a_reply_taken_back_goes_with_it() -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test() as pilot:
        conversation = await open_conversation(app, pilot)
        await reply(pilot, SIX_REPLIES[0])
        await reply(pilot, SIX_REPLIES[2])
        taken_back_answer = conversation.query(Exchange).last().coachee or ""
        await pilot.press("ctrl+g")
        await pilot.pause()
        stale = [t for t in conversation.query(ChatTurn) if t.has_class("hint")]
        assert len(stale) == 1
        await pilot.press("ctrl+r")
        await pilot.pause()
        hints = [t for t in conversation.query(ChatTurn) if t.has_class("hint")]
        assert stale[0] not in hints  # the old hint is gone...
        assert len(hints) == 1  # ...and a fresh one is shown for where the conversation is now
        session = conversation.practice.session
        assert taken_back_answer not in [u.text for u in session.history]
        assert f"({stage_name(session.node.stage)})" in hints[0].text


async def test_every_screen_reads_well_at_80_by_24(coachdojo_home: Path) -> None:
    app = create_app("new-team-lead", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert "⏎ Begin" in visible_lines(app)[-1]  # the footer shows Enter
        await pilot.press("enter")
        await pilot.pause()
        await reply(pilot, SIX_REPLIES[1])  # a complex reflection: no questions, R:Q shown in words

        await pilot.press("escape")
        await pilot.pause()
        footer = visible_lines(app)[-1]
        assert "Cancel" in footer and "Coach" not in footer and "Rewind" not in footer

        await pilot.press("enter")
        await settle(app, pilot)
        lines = visible_lines(app)
        assert not any(line.strip() in ("2)", "good 2)") for line in lines)
        band = next(i for i, line in enumerate(lines) if "Reflections : questions" in line)
        thresholds = lines[band] + lines[band + 1]
        assert "(fair 1, good 2)" in thresholds  # kept together, on one line or the next
        assert "started at 5, ended at 6 (low 5, high 6)" in screen_text(app)  # the start included

        await pilot.press("f1")
        await pilot.pause()
        text = visible_lines(app)
        saved = next(line for line in text if "already saved" in line)
        key_line = next(line for line in text if "Leave (ctrl+c too)" in line)
        assert saved.index("already saved") >= key_line.index("Leave") or "already saved" in key_line
        assert "Close" in text[-1]

        await pilot.press("escape")
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        shown = screen_text(app)
        assert "1 finished session." in shown
        assert "no sessions yet" not in shown and "(1 sessions)" not in shown
        assert "(1 session)" in shown  # the index trend
        assert "Reflections per question: not measured in your 1 session yet" in shown


def test_play_without_a_terminal_says_so_instead_of_hanging(run_cli) -> None:  # type: ignore[no-untyped-def]
    for args in (("play", "new-team-lead"), ("play",)):
        done = run_cli(*args, stdin=subprocess.DEVNULL)
        assert done.returncode == 2, done.stderr
        assert "needs an interactive terminal" in done.stderr
    done = run_cli("play", "new-team-lead", stdin=subprocess.DEVNULL)
    assert "coachdojo play needs an interactive terminal" in done.stderr
