"""The technique scorer: classify a coach reply (codes, primary, stage, evidence, tip, rewrite).

Use `score(text, context)`; it shares one Scorer whose lexicon is compiled once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from coachdojo.scoring.scorer import Scorer
from coachdojo.transcript import Annotation, Utterance

__all__ = ["Annotation", "Scorer", "Utterance", "default_scorer", "score"]


@lru_cache(maxsize=1)
def default_scorer() -> Scorer:
    """The shared Scorer (built on first use)."""
    return Scorer()


def score(text: str, context: Sequence[Utterance] = ()) -> Annotation:
    """Annotate one coach reply given the conversation before it, oldest first."""
    return default_scorer().score(text, context)
