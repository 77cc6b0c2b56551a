"""Numbers about the weights, for the filter and parameter panels: per-tensor statistics and weight histograms.

Pure numpy over a numpy state (what training snapshots carry), so it runs on whichever thread holds the state and
is tested without Qt; the panels only draw the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

# The layers whose weights get a histogram (biases are too few to show a distribution).
LAYER_WEIGHTS = ("conv1.weight", "conv2.weight", "fc1.weight", "fc2.weight", "fc3.weight")
HISTOGRAM_BINS = 60


@dataclass(frozen=True)
class ParameterStats:
    """One row of the parameter table."""

    name: str
    shape: tuple[int, ...]
    count: int
    mean: float
    std: float
    minimum: float
    maximum: float
    gradient_norm: float | None  # only while training


@dataclass(frozen=True)
class Histogram:
    """A layer's weights counted in bins symmetric around zero (``edges`` has one more entry than ``counts``)."""

    counts: np.ndarray  # (HISTOGRAM_BINS,) int64
    edges: np.ndarray  # (HISTOGRAM_BINS + 1,) float64


@dataclass(frozen=True)
class ParameterSummary:
    """Everything the filter and parameter panels show about one set of weights."""

    conv1: np.ndarray  # (6, 5, 5) float32: the first layer's filters
    conv2: np.ndarray  # (16, 6, 5, 5) float32
    stats: tuple[ParameterStats, ...]  # in the state's order
    histograms: dict[str, Histogram]  # for LAYER_WEIGHTS
    total: int  # numbers in all tensors


def parameter_stats(
    state: Mapping[str, np.ndarray], gradient_norms: Mapping[str, float] | None = None
) -> tuple[ParameterStats, ...]:
    """Shape, count, mean, spread and range of every tensor, with its gradient norm when known."""
    norms = gradient_norms or {}
    rows = []
    for name, array in state.items():
        values = np.asarray(array, dtype=np.float32)
        norm = norms.get(name)
        rows.append(
            ParameterStats(
                name=name,
                shape=tuple(values.shape),
                count=int(values.size),
                mean=float(values.mean()),
                std=float(values.std()),
                minimum=float(values.min()),
                maximum=float(values.max()),
                gradient_norm=None if norm is None else float(norm),
            )
        )
    return tuple(rows)


def weight_histogram(values: np.ndarray, bins: int = HISTOGRAM_BINS) -> Histogram:
    """Counts over a range symmetric around zero, as wide as the largest weight (so zero sits in the middle)."""
    array = np.asarray(values, dtype=np.float32)
    limit = float(np.abs(array).max(initial=0.0)) or 1.0
    counts, edges = np.histogram(array, bins=bins, range=(-limit, limit))
    return Histogram(counts, edges)


def summarize_parameters(
    state: Mapping[str, np.ndarray], gradient_norms: Mapping[str, float] | None = None
) -> ParameterSummary:
    """Filters, statistics and histograms of a LeNet state (numpy arrays by ``state_dict`` name)."""
    return ParameterSummary(
        conv1=np.asarray(state["conv1.weight"], dtype=np.float32)[:, 0].copy(),
        conv2=np.asarray(state["conv2.weight"], dtype=np.float32).copy(),
        stats=parameter_stats(state, gradient_norms),
        histograms={name: weight_histogram(state[name]) for name in LAYER_WEIGHTS if name in state},
        total=int(sum(np.asarray(array).size for array in state.values())),
    )
