"""How sure the network is about one drawing, in four plain kinds, from its ten probabilities alone.

A learner reads the verdict, not the softmax, so the verdict must not overstate: a scribble that gets 10% for every
digit is not "maybe 0 or 9", it is no digit at all; "maybe A or B" is only said when two digits really share the
answer. Torch-free, so the window can classify a prediction it was handed without importing torch.

The thresholds, on the top probability ``p1`` and the runner-up's ``p2``:

* confident: ``p1 >= 0.6`` and ``p1 - p2 >= 0.25`` (the app's "sure" since the first version);
* two-way: not confident, ``p2 >= 0.2`` and ``p1 + p2 >= 0.7``: two digits hold most of the answer between them;
* leaning: neither, but ``p1 >= 0.45``: one digit stands out without enough of a lead to be sure;
* unclear: the rest: no digit stands out (``p1 < 0.45`` with the rest spread), "this doesn't look like a digit".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

# Below this top probability the app says "not sure" rather than pretending.
CONFIDENT_PROBABILITY = 0.6
# Nor is it sure when the runner-up is close behind: the drawing sits between two digits.
CONFIDENT_MARGIN = 0.25
# Two digits compete when the runner-up has at least this much…
TWO_WAY_RUNNER_UP = 0.2
# …and the two of them together at least this much (three digits at 30% each are not "A or B").
TWO_WAY_TOGETHER = 0.7
# Not sure, no real competitor, but one digit still stands out above this.
LEANING_PROBABILITY = 0.45


class Kind(Enum):
    CONFIDENT = "confident"
    TWO_WAY = "two-way"
    LEANING = "leaning"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class Reading:
    """What the probabilities say, ready to be put in words."""

    kind: Kind
    digit: int  # the most probable digit (shown as the answer only when it is not UNCLEAR)
    probability: float
    runner_up: int
    runner_up_probability: float

    @property
    def sure(self) -> bool:
        return self.kind is Kind.CONFIDENT

    @property
    def looks_like_a_digit(self) -> bool:
        """False when no digit stands out: nothing should be offered as "the" digit (nor saved as one)."""
        return self.kind is not Kind.UNCLEAR


def read_probabilities(probabilities: np.ndarray) -> Reading:
    """Classify a (10,) probability vector (softmax output) by the thresholds above."""
    values = np.asarray(probabilities, dtype=np.float64).reshape(-1)
    order = np.argsort(-values, kind="stable")  # ties: the lower digit first, as argmax does
    first, second = int(order[0]), int(order[1])
    p1, p2 = float(values[first]), float(values[second])
    if p1 >= CONFIDENT_PROBABILITY and p1 - p2 >= CONFIDENT_MARGIN:
        kind = Kind.CONFIDENT
    elif p2 >= TWO_WAY_RUNNER_UP and p1 + p2 >= TWO_WAY_TOGETHER:
        kind = Kind.TWO_WAY
    elif p1 >= LEANING_PROBABILITY:
        kind = Kind.LEANING
    else:
        kind = Kind.UNCLEAR
    return Reading(kind, first, p1, second, p2)
