"""A run's weights over time (the time machine): a bounded list of moments, each a copy of every weight.

Torch-free on purpose: the window records the snapshots a run already sends for live predictions (numpy state
dicts) and scrubs through them without importing torch. Saving and opening a run is ``core.run_files``.

Memory is capped by the number of moments (``MAX_MOMENTS``, each 61,706 float32 = 247 KB, so about 47 MB at most):
when a long run fills it, every other moment is dropped and from then on only every second snapshot is kept (then
every fourth, …), so the moments stay spread evenly over the whole run. Epoch ends are pinned (they carry that
epoch's per-digit results and confusion matrix) and so are the first and the last moments.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

NumpyState = dict[str, np.ndarray]

LENET_PARAMETERS = 61_706
MOMENT_BYTES = LENET_PARAMETERS * 4  # one moment: every weight and bias as float32 (247 KB)
MAX_MOMENTS = 200  # at most ~47 MB (MiB) of moments per run (only the latest run is kept in memory)


@dataclass(frozen=True)
class EpochMark:
    """What the end-of-epoch test said about the weights of one moment."""

    epoch: int
    test_accuracy: float  # 0..1, NaN without a test set
    train_accuracy: float
    per_class_accuracy: np.ndarray  # (10,) float
    confusion: np.ndarray  # (10, 10) int64, rows = true digit


@dataclass(frozen=True)
class Moment:
    position: float  # in epochs from the run's start: 1.5 is halfway through the second epoch
    epoch: int  # 1-based, as the run's events count
    step: int  # 1-based within the epoch
    state: NumpyState = field(repr=False)
    pinned: bool = False  # an epoch end, or the last weights: never thinned away
    mark: EpochMark | None = None


@dataclass
class CurvePoint:
    position: float
    loss: float
    accuracy: float  # running training accuracy, 0..1


class RunHistory:
    """The moments of one run, oldest first, never more than ``max_moments``."""

    def __init__(self, *, kind: str = "training", epochs: int = 0, max_moments: int = MAX_MOMENTS) -> None:
        if max_moments < 3:
            raise ValueError("a run history needs room for at least 3 moments")
        self.kind = kind
        self.epochs = epochs  # how many the run was asked for (0: not known yet)
        self.max_moments = max_moments
        self.moments: list[Moment] = []
        self.curve: list[CurvePoint] = []
        self.finished = False
        self._stride = 1  # keep every ``_stride``-th snapshot offered (doubles each time the history is thinned)
        self._offered = 0

    def __len__(self) -> int:
        return len(self.moments)

    @property
    def nbytes(self) -> int:
        """Memory the moments' weights take."""
        return sum(array.nbytes for moment in self.moments for array in moment.state.values())

    @property
    def stride(self) -> int:
        return self._stride

    # --- recording ------------------------------------------------------------------------------------------

    def add(
        self,
        state: Mapping[str, np.ndarray],
        *,
        epoch: int,
        step: int,
        steps_per_epoch: int,
        pinned: bool = False,
    ) -> bool:
        """A snapshot of the run; returns whether it was kept (not every one is, once the history was thinned).
        An epoch's last step is always kept: its end-of-epoch test comes next (``mark_epoch``)."""
        if self.finished:
            return False
        pinned = pinned or step == steps_per_epoch
        self._offered += 1
        if not pinned and (self._offered - 1) % self._stride:
            return False
        position = epoch - 1 + step / max(steps_per_epoch, 1)
        self.epochs = max(self.epochs, epoch)
        state = {name: np.asarray(value, dtype=np.float32) for name, value in state.items()}
        self.moments.append(Moment(position, epoch, step, state, pinned))
        if len(self.moments) > self.max_moments:
            self._thin()
        return True

    def mark_epoch(self, mark: EpochMark) -> None:
        """The end-of-epoch test: it belongs to the latest moment (the run sends the weights at each epoch end)."""
        for index in range(len(self.moments) - 1, -1, -1):
            moment = self.moments[index]
            if moment.epoch == mark.epoch:
                self.moments[index] = replace(moment, pinned=True, mark=mark)
                return
            if moment.epoch < mark.epoch:
                return

    def record_progress(self, position: float, loss: float, accuracy: float) -> None:
        self.curve.append(CurvePoint(position, loss, accuracy))

    def finish(self, state: Mapping[str, np.ndarray] | None) -> None:
        """The run's last weights: the last moment (unless the latest moment already holds exactly them)."""
        if self.finished:
            return
        if state is not None:
            last = self.moments[-1] if self.moments else None
            same = last is not None and all(
                name in last.state and np.array_equal(last.state[name], value) for name, value in state.items()
            )
            if last is not None and same:
                self.moments[-1] = replace(last, pinned=True)
            else:
                position = self.curve[-1].position if self.curve else (last.position if last else 0.0)
                epoch, step = (last.epoch, last.step) if last else (1, 0)
                if last is not None:
                    position = max(position, last.position)
                frozen = {name: np.asarray(value, dtype=np.float32) for name, value in state.items()}
                self.moments.append(Moment(position, epoch, step, frozen, True))
                if len(self.moments) > self.max_moments:
                    self._thin()
        self.finished = True

    def _thin(self) -> None:
        """Drop every other moment that is not pinned (the first and the last stay), and keep half as many from now
        on. When pinned moments alone overflow (a very long run), every other one of those goes too."""
        self._stride *= 2
        keep: list[Moment] = []
        unpinned = 0
        last = len(self.moments) - 1
        for index, moment in enumerate(self.moments):
            if moment.pinned or index in (0, last):
                keep.append(moment)
                continue
            if unpinned % 2 == 0:
                keep.append(moment)
            unpinned += 1
        if len(keep) > self.max_moments:
            keep = [m for i, m in enumerate(keep) if i % 2 == 0 or i == len(keep) - 1]
        self.moments = keep

    # --- reading --------------------------------------------------------------------------------------------

    def index_near(self, position: float) -> int:
        """The moment closest to ``position`` (in epochs)."""
        if not self.moments:
            raise IndexError("the history is empty")
        positions = [moment.position for moment in self.moments]
        right = bisect.bisect_left(positions, position)
        candidates = [i for i in (right - 1, right) if 0 <= i < len(positions)]
        return min(candidates, key=lambda i: abs(positions[i] - position))

    def mark_at(self, index: int) -> EpochMark | None:
        """The latest end-of-epoch test at or before moment ``index``: the results the network had then."""
        for moment in reversed(self.moments[: index + 1]):
            if moment.mark is not None:
                return moment.mark
        return None

    def marks(self) -> list[tuple[int, EpochMark]]:
        return [(i, m.mark) for i, m in enumerate(self.moments) if m.mark is not None]
