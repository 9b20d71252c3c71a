"""The scripted coachee: how a session reacts to the student's coaching, turn by turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdojo.engine import EmptyReply, Session, SessionOver, SessionState, parse_assignments
from coachdojo.engine.styles import shape_line
from coachdojo.errors import CoachdojoError
from coachdojo.scenario import check_scenario_bytes, load_scenario

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "first-scenario.yaml"


@pytest.fixture
def ana():
    return load_scenario(EXAMPLE)


def scenario_from(text: str):
    result = check_scenario_bytes("t.yaml", text.encode())
    assert result.scenario is not None, [str(d) for d in result.errors]
    return result.scenario


SMALL = """
format: 1
id: small
title: Small
summary: A small scenario.
difficulty: beginner
briefing: Brief.
coachee: {name: Sam, role: Tester, style: STYLE}
variables:
  trust: {default: 0, min: 0, max: 3}
turns: {max: 4, ending: out_of_time}
start: a
nodes:
  a:
    say: ["First variant. And more.", "Second variant. And more.", "Third variant. And more."]
    routes:
      - when: {topics: [deadline]}
        change: {trust: 1}
        goto: b
      - when: {codes: [complex_reflection], if: "rapport >= 7"}
        goto: done
  b:
    say: "We're at b."
    routes:
      - when: {codes: [listening], if: "trust >= 1"}
        goto: done
reactions:
  advice:
    say: ["Yes, but it's not that simple."]
    change: {rapport: -1}
endings:
  done: {kind: breakthrough, debrief: "Well done.", say: "Thanks, that helped."}
  out_of_time: {kind: out_of_time, debrief: "Time ran out.", say: "Is that the time?"}
"""


def small(style: str = "plain"):
    return scenario_from(SMALL.replace("STYLE", style))


def test_open_question_moves_the_coachee_on(ana):
    session = Session(ana, seed=3)
    session.opening()
    step = session.reply("What would you like to get out of today?")
    assert "open_question" in step.annotation.codes
    assert step.node == "busy"
    assert step.variables["clarity"] == 1
    assert step.coachee == "Every time I sit down to plan, someone needs me. I say yes to all of it."


def test_unasked_advice_gets_yes_but_and_costs_rapport(ana):
    session = Session(ana, seed=3)
    session.opening()
    step = session.reply("You should block out time in your calendar.")
    assert step.node == "opening"
    assert step.fired == "reaction advice"
    assert step.coachee.startswith(("Yes, but", "I've tried that"))
    # rapport rules (advice -2 in this scenario) and the reaction's own change (-1)
    assert step.variables["rapport"] == 2
    assert step.rapport_change == -3


def test_same_seed_same_conversation_and_different_seed_can_differ(ana):
    replies = ["You should delegate.", "Have you tried saying no?", "Just delegate more.", "Try a planning app."]

    def play(seed):
        session = Session(ana, seed=seed)
        lines = [session.opening()[0]]
        lines += [session.reply(r).coachee for r in replies]
        return lines

    assert play(5) == play(5)
    assert len({tuple(play(seed)) for seed in range(8)}) > 1


def test_no_line_repeated_twice_running_when_variants_exist():
    scenario = small()
    session = Session(scenario, seed=1)
    previous = session.opening()[1]
    for _ in range(3):
        step = session.reply("Mm-hmm.")
        assert step.line_id != previous
        previous = step.line_id


def test_topic_mentioned_with_a_typo_takes_the_topic_route():
    session = Session(small(), seed=1)
    session.opening()
    step = session.reply("What's making the deadlnes so hard?")
    assert step.node == "b"
    assert step.variables["trust"] == 1


def test_condition_on_rapport_gates_a_route():
    scenario = small()
    low = Session(scenario, seed=1)
    low.opening()
    assert low.reply("Part of you wants to keep going, and part of you is exhausted.").node == "a"
    high = Session(scenario, seed=1, overrides={"rapport": 8})
    high.opening()
    step = high.reply("Part of you wants to keep going, and part of you is exhausted.")
    assert step.ending is not None and step.ending.id == "done"
    assert step.coachee == "Thanks, that helped."
    assert high.ended


def test_turn_limit_ends_the_session_out_of_time():
    session = Session(small(), seed=1)
    session.opening()
    steps = [session.reply("Mm-hmm.") for _ in range(4)]
    assert steps[-1].ending is not None and steps[-1].ending.id == "out_of_time"
    assert steps[-1].ending_reason == "turn_limit"
    assert steps[-1].ending_line == "Is that the time?"
    with pytest.raises(SessionOver):
        session.reply("One more?")


def test_empty_reply_is_not_a_turn():
    session = Session(small(), seed=1)
    session.opening()
    with pytest.raises(EmptyReply):
        session.reply("   ")
    assert session.state.turn == 0


def test_a_huge_reply_is_taken_kindly():
    session = Session(small(), seed=1)
    session.opening()
    step = session.reply("What matters most to you? " * 5000)
    assert step.turn == 1 and step.coachee
    assert len(step.student) <= 10_000


def test_rewind_takes_back_the_last_reply():
    session = Session(small(), seed=1)
    session.opening()
    session.reply("What's going on with the deadline?")
    assert session.state.node == "b"
    assert session.rewind()
    assert session.state.node == "a" and session.state.turn == 0
    assert session.state.variables["trust"] == 0
    assert len(session.history) == 1
    assert not session.rewind()


def test_start_anywhere_with_variables_set():
    session = Session(small(), seed=1, start="b", overrides={"trust": 2, "rapport": 9})
    assert session.opening()[0] == "We're at b."
    assert session.state.variables == {"rapport": 9, "trust": 2}
    assert session.reply("Tell me more about that.").ending.id == "done"


def test_unknown_start_node_or_variable_is_a_clear_error():
    with pytest.raises(CoachdojoError, match="no node 'bb'.*did you mean 'b'"):
        Session(small(), start="bb")
    with pytest.raises(CoachdojoError, match="no variable 'trsut'.*did you mean 'trust'"):
        Session(small(), overrides={"trsut": 1})


def test_set_values_are_kept_within_bounds():
    session = Session(small(), overrides={"trust": 99})
    assert session.state.variables["trust"] == 3


def test_parse_assignments():
    assert parse_assignments(["rapport=7", " trust = 2 "]) == {"rapport": 7, "trust": 2}
    with pytest.raises(CoachdojoError, match="expected NAME=NUMBER"):
        parse_assignments(["rapport"])
    with pytest.raises(CoachdojoError):
        parse_assignments(["rapport=high"])


def test_saved_state_resumes_the_same_conversation(ana):
    replies = ["What would you like from today?", "What would a good week look like?", "Part of you wants time to plan, and part of you wants to be there for them."]
    whole = Session(ana, seed=4)
    whole.opening()
    expected = [whole.reply(r).coachee for r in replies]

    first = Session(ana, seed=4)
    first.opening()
    first.reply(replies[0])
    saved = first.state.to_dict()
    resumed = Session(ana, seed=4, state=SessionState.from_dict(saved), history=first.history)
    assert [resumed.reply(r).coachee for r in replies[1:]] == expected[1:]


def test_a_resumed_session_rewinds_exactly_like_an_uninterrupted_one(ana):
    replies = ["What would you like from today?", "You should delegate more.", "What would a good week look like?"]
    whole = Session(ana, seed=4)
    opening = whole.opening()[0]
    opened = SessionState.from_dict(whole.state.to_dict())
    saved = []
    for text in replies:
        step = whole.reply(text)
        saved.append((step.student, step.coachee, SessionState.from_dict(whole.state.to_dict())))

    resumed = Session.resumed(ana, seed=4, opening=(opening, opened), turns=saved)
    assert resumed.state == whole.state and resumed.history == whole.history
    for _ in replies:  # take back every reply, one by one, in step with the uninterrupted run
        assert resumed.rewind() and whole.rewind()
        assert resumed.state == whole.state and resumed.history == whole.history
    assert not resumed.rewind()
    # After taking back the last reply, the same new reply gets the same answer.
    whole_again = Session(ana, seed=4)
    whole_again.opening()
    for text in replies[:2]:
        whole_again.reply(text)
    again = Session.resumed(ana, seed=4, opening=(opening, opened), turns=saved)
    again.rewind()
    assert again.reply("What matters most to you?") == whole_again.reply("What matters most to you?")


def test_a_resumed_session_refuses_a_saved_state_from_another_scenario(ana):
    opened = SessionState(node="opening", variables={"rapport": 5, "clarity": 0})
    gone = SessionState(node="gone", variables={"rapport": 5})
    with pytest.raises(CoachdojoError, match="no longer has"):
        Session.resumed(ana, opening=("Hi.", opened), turns=[("Hello?", "Hi.", gone)])


def test_a_saved_state_from_another_scenario_is_refused(ana):
    with pytest.raises(CoachdojoError, match="no longer has"):
        Session(ana, state=SessionState(node="gone", variables={"rapport": 5}))


def test_reserved_coachee_answers_a_closed_question_tersely():
    assert shape_line("reserved", "Yes. It's been a hard year, to be honest.", frozenset({"closed_question"}), fallback=False) == "Yes."
    assert shape_line("plain", "Yes. It's been a hard year.", frozenset({"closed_question"}), fallback=False) == "Yes. It's been a hard year."


def test_verbose_coachee_wanders_when_nothing_lands():
    line = shape_line("verbose", "It's the inbox.", frozenset({"other"}), fallback=True)
    assert line.startswith("Well, it's hard to say") and line.endswith("it's the inbox.")


def test_coachee_always_has_something_to_say_when_nothing_fires():
    session = Session(small("defensive"), seed=2)
    session.opening()
    step = session.reply("OK.")
    assert step.fired == "style"
    assert step.coachee.startswith("I'm not sure what you're getting at.")
