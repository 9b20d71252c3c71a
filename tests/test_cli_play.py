"""`coachdojo play` checks its options before any screen opens."""

from __future__ import annotations


def test_malformed_set_is_a_usage_error(run_cli):
    done = run_cli("play", "new-team-lead", "--set", "rapport")
    assert done.returncode == 2
    assert "--set 'rapport': expected NAME=NUMBER" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_value_out_of_bounds_is_named_not_silently_clamped(run_cli):
    done = run_cli("play", "new-team-lead", "--set", "rapport=99")
    assert "rapport is kept between 0 and 10: starting at 10, not 99" in done.stderr


def test_unknown_node_is_a_clear_error(run_cli):
    done = run_cli("play", "new-team-lead", "--from", "nowhere")
    assert done.returncode == 1
    assert "no node 'nowhere'" in done.stderr
