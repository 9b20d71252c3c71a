"""Words for strengths and growth areas: titles, reasons and code-specific alternatives.

Kept apart from the builder so tutors can reword them without touching the arithmetic.
Weights rank candidates: score = weight x number of turns (see docs/report.md).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Guide:
    """How the report talks about one behaviour."""

    title: str
    why: str
    suggestion: str
    weight: float


STRENGTHS: dict[str, Guide] = {
    "complex_reflection": Guide(
        "Complex reflections",
        "You added meaning, feeling or a two-sided view to what the coachee said (MITI CR; ICF 6.3, 6.5).",
        "Keep going: after a complex reflection, pause and let the coachee take it further before you ask anything.",
        3.0,
    ),
    "summary": Guide(
        "Summaries",
        "You gathered what the coachee had said across turns (MITI reflection; ICF 6.7).",
        "Close a summary with a light invitation: \"What stands out for you in that?\"",
        2.5,
    ),
    "affirmation": Guide(
        "Specific affirmations",
        "You named a strength or effort of the coachee's own (MITI Affirm; ICF 4.1).",
        "Tie the next affirmation to a value the coachee named: \"Your loyalty to your team shows in how you...\"",
        2.0,
    ),
    "autonomy": Guide(
        "Putting the choice with the coachee",
        "You left the decision with the coachee (MITI Emphasizing Autonomy; ICF 5.3).",
        "Offer it at the points of choice as well: \"Where would you like to go from here?\"",
        2.0,
    ),
    "asks_permission": Guide(
        "Asking before offering",
        "You asked before sharing an idea or information (MITI Seeking Collaboration; ICF 4.4).",
        "After you share, hand it back: \"What do you make of that?\"",
        2.0,
    ),
    "simple_reflection": Guide(
        "Reflective listening",
        "You gave back what the coachee said, so they could hear it (MITI SR; ICF 6.7).",
        "Try adding one step of meaning: \"...and it sounds like that matters because...\" turns it into a complex reflection.",
        1.5,
    ),
    "clarifying": Guide(
        "Exploring the coachee's words",
        "You asked about the coachee's own words and specifics (ICF 6.2).",
        "Follow a clarifying question with a reflection of the answer before moving on.",
        1.5,
    ),
    "open_question": Guide(
        "Open questions",
        "You invited free answers rather than yes or no (ICF 7.1-7.4, 7.6).",
        "Aim the next open question at feelings or values: \"What matters most to you here?\"",
        1.0,
    ),
    "contracting": Guide(
        "Agreeing the session",
        "You agreed what the coachee wants from the session and how they will know (ICF 3.1, 3.2).",
        "Come back to the agreement at the end: \"How close did we get to what you wanted?\"",
        3.0,
    ),
    "client_talks": Guide(
        "The coachee did most of the talking",
        "The coachee spoke more words than you did (ICF 7.8).",
        "Keep it that way: short questions and reflections leave room for the coachee.",
        1.0,
    ),
}

GROWTH: dict[str, Guide] = {
    "advice": Guide(
        "Advice without permission",
        "Telling the coachee what to do moves you into consulting or mentoring (MITI Persuade; ICF fails a session that is mostly telling).",
        "Ask what they have already tried or thought of: \"What options can you see?\" If you have an idea, ask first: \"Would it help if I shared one?\"",
        3.0,
    ),
    "confront": Guide(
        "Confronting or judging",
        "Disagreeing, correcting or moralising tends to raise resistance (MITI Confront).",
        "Reflect the difficulty instead: \"It sounds like this has been hard to get started on.\"",
        3.0,
    ),
    "leading": Guide(
        "Leading questions",
        "A question that carries its answer steers the coachee towards your view.",
        "Ask it open and neutral: \"What do you make of that?\"",
        2.0,
    ),
    "self_disclosure": Guide(
        "Talking about your own experience",
        "Sharing your own story is a mentoring move, not a coaching one; the focus leaves the coachee.",
        "Turn it back to the coachee: \"What has worked for you before in a situation like this?\"",
        2.0,
    ),
    "stacked_questions": Guide(
        "Several questions at once",
        "Stacked questions leave the coachee to choose which one to answer (ICF 7.6: one at a time).",
        "Ask just the first question, then wait for the answer.",
        1.5,
    ),
    "why_question": Guide(
        "Why questions",
        "\"Why\" can sound like a demand for justification.",
        "Ask \"What led to...\" or \"What's important about...\" instead of \"Why...\".",
        1.0,
    ),
    "closed_question": Guide(
        "Closed questions",
        "Yes/no questions narrow the answer (ICF 7.6 asks for primarily open questions).",
        "Open it up: start with \"What\" or \"How\", or \"Tell me more about...\".",
        1.0,
    ),
    "few_reflections": Guide(
        "More questions than reflections",
        "MITI 4.2.1 looks for at least one reflection per question (fair) and two per question (good).",
        "Before your next question, give back what you heard: \"So ...\" or \"It sounds like ...\".",
        2.0,
    ),
    "few_complex": Guide(
        "Reflections that stay on the surface",
        "MITI 4.2.1 looks for at least 40 % complex reflections (fair) and 50 % (good).",
        "Add meaning to the reflection: name the feeling, the value or both sides (\"Part of you... and part of you...\").",
        2.0,
    ),
    "missed": Guide(
        "Feelings and values left unreflected",
        "The coachee named a feeling or a value and the next turn moved on (ICF 6.3, 6.7).",
        "Reflect it first: \"It sounds like you feel ...\" or \"... really matters to you.\"",
        2.0,
    ),
    "talk_share": Guide(
        "You did most of the talking",
        "ICF 7.8: the client does more of the talking.",
        "Shorten your turns: one question or one reflection, then stop.",
        1.5,
    ),
    "no_contracting": Guide(
        "No agreement at the start",
        "The session began without agreeing what the coachee wants and how they will know (ICF 3.1, 3.2).",
        "Open with: \"What would you like to get out of our time today, and how will you know it was useful?\"",
        2.0,
    ),
}
