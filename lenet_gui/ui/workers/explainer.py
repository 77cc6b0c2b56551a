"""Explain and poke the network off the GUI thread, on a private copy of the weights in use (issue 12).

``ExplainService`` keeps its own LeNet (core's ``explain.explainable_model``) on a ``JobQueue`` thread ("explain")
that computes with one torch thread: with two, integrated gradients takes ~170 ms instead of ~20 ms on the busy
two-core machine. Drawings, silenced units and kernel edits are keyed jobs, so only the newest waiting one is
computed ("latest request wins"). It follows the weights the app uses (``follow``): committed weights when the
inference service announces them, and every live training snapshot. The model (and torch) is only made when a job
needs it: a drawing poked with nothing silenced or edited goes through core's numpy LeNet, so the idle window never
imports torch (issue 10: ~500 MB); the first explanation, silenced unit or "make it" imports it (a few seconds, once).

Longer work (accuracy without some units, ranking the 22 conv filters, "what does it look for", the confusion
drill-down) runs as ``GeneratorWorker``s that yield ``Progress`` and return a plain result. Each builds a model of
its own from a snapshot of the weights: silencing works by forward hooks, which hold for every thread that uses a
module, so no two threads may share one.

Only numpy arrays, plain values and core's frozen dataclasses leave this module.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from lenet_gui.core import numpy_lenet
from lenet_gui.core.events import Progress
from lenet_gui.core.prediction import softmax
from lenet_gui.ui.pacing import Paced
from lenet_gui.ui.workers import lazy_imports as core
from lenet_gui.ui.workers.background import GeneratorWorker, JobQueue, RunFlags
from lenet_gui.ui.workers.runs import mnist_source

NumpyState = dict[str, np.ndarray]
Silence = dict[str, tuple[int, ...]]
ACCURACY_DIGITS = 2000  # the sample for "accuracy without it" and the ranking: ≤ 5 s on two cores
LOOK_FOR_DIGITS = 2000  # test digits searched for each filter's top patches
CONFUSION_DIGITS = 10000  # the whole test set, as the training panel's matrix counts it
CHUNK = 500  # digits per step of a background evaluation: progress this often
INK_SHARE = 0.2  # a pixel is ink for the placement box at this share of the strongest ink (as preprocess does)


@dataclass(frozen=True)
class KernelEdit:
    """conv1 filter ``index`` painted by hand: its 5×5 kernel and bias replace the learned ones in the preview."""

    index: int
    kernel: np.ndarray  # (5, 5) float32
    bias: float


@dataclass(frozen=True)
class ExplainResult:
    """One explanation of the current drawing, in numbers a widget can paint."""

    explanation: Any  # core Explanation (frozen, numpy)
    pixel_map: np.ndarray  # (32, 32) float32 on the model input's grid (``explain.map_to_pixels``)
    model_input: np.ndarray  # (32, 32) standardized: what was explained
    pixels: np.ndarray  # (32, 32) 0..1 white on black: what the network sees
    placement: tuple[float, float, float] | None  # x, y, side in paper units where the 32×32 grid lies on the canvas
    seconds: float


@dataclass(frozen=True)
class PokeResult:
    """The drawing through the network with units silenced and a conv1 kernel edited (if any)."""

    probabilities: np.ndarray  # (10,)
    intact: np.ndarray  # (10,) the same drawing through the network as it is (nothing silenced or edited)
    conv1: np.ndarray  # (6, 28, 28) after ReLU
    conv2: np.ndarray  # (16, 10, 10) after ReLU
    silence: Silence
    edited: bool


@dataclass(frozen=True)
class MadeIt:
    """ "Make it a D": core's Counterfactual and the input it started from (for the changed pixels and animation)."""

    counterfactual: Any  # core Counterfactual
    original: np.ndarray  # (32, 32) standardized
    seconds: float


@dataclass(frozen=True)
class LookFor:
    """What each unit looks for: preferred inputs (standardized) and the top-9 test patches of each conv filter."""

    preferred: dict[str, np.ndarray]  # "conv1" (6, 32, 32), "conv2" (16, 32, 32), "logits" (10, 32, 32)
    patches: dict[tuple[str, int], np.ndarray]  # (layer, index) → (9, k, k) 0..1
    activations: dict[tuple[str, int], np.ndarray]  # (layer, index) → (9,)


@dataclass(frozen=True)
class ConfusedDigit:
    index: int  # in the MNIST test set
    true: int
    said: int
    probability: float  # of ``said``
    pixels: np.ndarray  # (28, 28) uint8 white on black, as MNIST stores it


def placement(image: np.ndarray, pixels: np.ndarray) -> tuple[float, float, float] | None:
    """Where the network's 32×32 grid lies on the 280×280 paper: (x, y, side) in paper units.

    Preprocessing crops the ink, scales its longer side to 20 pixels and centres it by mass; the same ink box seen
    in both pictures gives the scale (longer sides) and the offset (box centres), within about one model pixel
    (stroke thickening moves the box edges by a fraction of a pixel). None when either picture is blank.
    """
    gray = np.asarray(image, np.float32)
    border = np.concatenate((gray[0], gray[-1], gray[1:-1, 0], gray[1:-1, -1]))
    background = float(np.median(border))
    ink = np.abs(gray - background)
    paper_box = _box(ink >= INK_SHARE * float(ink.max())) if float(ink.max()) > 0 else None
    model_box = _box(pixels >= INK_SHARE * float(pixels.max())) if float(pixels.max()) > 0 else None
    if paper_box is None or model_box is None:
        return None
    (pt, pl, pb, pr), (mt, ml, mb, mr) = paper_box, model_box
    scale = max(pb - pt, pr - pl) / max(mb - mt, mr - ml)
    x = (pl + pr) / 2 - scale * (ml + mr) / 2
    y = (pt + pb) / 2 - scale * (mt + mb) / 2
    return float(x), float(y), float(scale * pixels.shape[1])


def _box(solid: np.ndarray) -> tuple[int, int, int, int] | None:
    """(top, left, bottom, right) with exclusive bottom/right: pixel edges, not centres."""
    rows, cols = np.flatnonzero(solid.any(axis=1)), np.flatnonzero(solid.any(axis=0))
    if rows.size == 0:
        return None
    return int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1


def with_edit(state: Mapping[str, np.ndarray], edit: KernelEdit | None) -> NumpyState:
    """A copy of ``state`` with the painted conv1 kernel and bias in place."""
    result = {name: np.array(value, np.float32) for name, value in state.items()}
    if edit is not None:
        result["conv1.weight"][edit.index, 0] = edit.kernel
        result["conv1.bias"][edit.index] = edit.bias
    return result


class ExplainService(QObject):
    """Attributions, silenced and edited forwards, and "make it a …" for the current drawing, on one thread."""

    explained = Signal(object)  # ExplainResult, or None when the drawing is blank
    poked = Signal(object)  # PokeResult, or None when the drawing is blank
    madeIt = Signal(object)  # MadeIt
    weightsChanged = Signal()  # the private copy follows new weights (look-for results are stale now)
    failed = Signal(str)  # one sentence
    loadingTorch = Signal()  # the first job that needs torch imports it now (a few seconds, once)

    def __init__(self, *, test_source: Callable[[Any], Any] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue = JobQueue("explain", self)
        # The MNIST test set, read (once, cached by core) by the evaluation's thread; it stops reading when told to.
        self._test_source = test_source or (lambda stop: mnist_source(False, stop)[1])
        self._state: NumpyState | None = None
        self._model: Any = None  # built on the explain thread only, from _loaded, when a job needs torch
        self._loaded: NumpyState | None = None  # the weights the explain thread computes with
        self._image: np.ndarray | None = None
        self._settings: tuple[str, int | None, int | None] = ("saliency", None, None)
        self._explaining = False
        self._silence: Silence = {}
        self._edit: KernelEdit | None = None
        self._workers: set[GeneratorWorker[Any]] = set()
        self._paced = Paced(self._again, parent=self)  # a new drawing: not on every mouse move (ui/pacing.py)

    # --- called from the GUI thread -------------------------------------------------------------------------

    def follow(self, inference: Any, runs: Any) -> None:
        """Use the weights the app uses: committed ones when the inference service announces them (loaded, kept,
        discarded), and each live snapshot and the last weights of a training or fine-tuning run."""

        def announced(view: Any) -> None:
            if not view.live:
                state = runs.committed_state()
                if state is not None:
                    self.set_weights(state)

        def started(_kind: str, run: Any) -> None:
            run.snapshot.connect(lambda event: self.set_weights(event.state))
            run.runFinished.connect(lambda event: self.set_weights(event.state))

        inference.weightsChanged.connect(announced)
        runs.runStarted.connect(started)
        state = runs.committed_state()
        if state is not None:
            self.set_weights(state)

    @property
    def state(self) -> NumpyState | None:
        """The weights the private copy holds (without a kernel edit)."""
        return self._state

    def set_weights(self, state: Mapping[str, np.ndarray]) -> None:
        snapshot = {name: np.array(value, np.float32) for name, value in state.items()}
        self._state = snapshot
        self._queue.submit(lambda: self._load(snapshot), key="weights", on_error=self._on_error)
        self.weightsChanged.emit()
        self._again()

    def set_drawing(self, image: np.ndarray) -> None:
        """The canvas changed: explain and poke it again (the newest drawing wins), once the drawing pauses and a few
        times a second while it keeps changing."""
        self._image = image
        self._paced.request()

    def set_explaining(self, on: bool, method: str, target: int | None, contrast: int | None) -> None:
        self._explaining = on
        self._settings = (method, target, contrast)
        if on:
            self._submit_explain()

    def set_silence(self, silence: Mapping[str, tuple[int, ...]]) -> None:
        self._silence = {layer: tuple(units) for layer, units in silence.items() if units}
        self._submit_poke()

    def set_edit(self, edit: KernelEdit | None) -> None:
        self._edit = edit
        self._submit_poke()

    @property
    def silence(self) -> Silence:
        return dict(self._silence)

    @property
    def edit(self) -> KernelEdit | None:
        return self._edit

    def edited_state(self) -> NumpyState | None:
        """The weights in use with the painted kernel: what Keep saves."""
        return None if self._state is None else with_edit(self._state, self._edit)

    def make_it(self, digit: int) -> None:
        image = self._image
        if image is None:
            self.madeIt.emit(None)
        else:
            self._queue.submit(
                lambda: self._make(image, digit), key="make", then=self.madeIt.emit, on_error=self._on_error
            )

    def accuracy(self, silence: Mapping[str, tuple[int, ...]]) -> GeneratorWorker[Progress]:
        """Test accuracy on ``ACCURACY_DIGITS`` digits with ``silence`` (and the kernel edit), and the intact
        network's on the same digits: returns (accuracy, intact accuracy)."""
        state, edit, quiet = self._snapshot(), self._edit, dict(silence)
        return self._start(lambda flags: _accuracy(state, edit, quiet, self._test_source, flags), "accuracy")

    def rank_filters(self) -> GeneratorWorker[Progress]:
        """The 22 conv filters' accuracy drops (core FilterImportance list, most important first)."""
        state, edit = self._snapshot(), self._edit
        return self._start(lambda flags: _ranking(state, edit, self._test_source, flags), "ranking")

    def look_for(self) -> GeneratorWorker[Progress]:
        """Preferred inputs per conv filter and digit, and the top-9 test patches per conv filter (LookFor)."""
        state = self._snapshot()
        return self._start(lambda flags: _look_for(state, self._test_source, flags), "look-for")

    def confused(self, true: int, said: int) -> GeneratorWorker[Progress]:
        """The test digits of ``true`` that the network says are ``said`` (tuple of ConfusedDigit, surest first)."""
        state = self._snapshot()
        return self._start(lambda flags: _confused(state, true, said, self._test_source, flags), "confusion")

    def stop(self) -> None:
        """At shutdown: stop the background evaluations and the explain thread (a job takes milliseconds)."""
        for worker in list(self._workers):
            worker.stop()
        self._queue.close(keep=False)
        self._queue.join()
        for worker in list(self._workers):
            worker.join(5.0)

    # --- helpers on the GUI thread ------------------------------------------------------------------------------

    def _snapshot(self) -> NumpyState:
        if self._state is None:
            raise RuntimeError(self.tr("the network has not loaded yet"))
        return self._state

    def _start(self, make: Callable[[RunFlags], Iterator[Progress]], name: str) -> GeneratorWorker[Progress]:
        worker: GeneratorWorker[Progress] = GeneratorWorker(make, name=name)
        self._workers.add(worker)
        worker.finished.connect(lambda: self._workers.discard(worker))
        worker.errored.connect(lambda error: self.failed.emit(_sentence(error)))
        return worker

    def _again(self) -> None:
        if self._explaining:
            self._submit_explain()
        self._submit_poke()

    def _submit_explain(self) -> None:
        image, (method, target, contrast) = self._image, self._settings
        if image is None:
            return
        self._queue.submit(
            lambda: self._explain(image, method, target, contrast),
            key="explain",
            then=self.explained.emit,
            on_error=self._on_error,
        )

    def _submit_poke(self) -> None:
        image, silence, edit = self._image, dict(self._silence), self._edit
        if image is None:
            return
        self._queue.submit(
            lambda: self._poke(image, silence, edit), key="poke", then=self.poked.emit, on_error=self._on_error
        )

    def _on_error(self, error: BaseException) -> None:
        self.failed.emit(_sentence(error))

    # --- the explain thread -------------------------------------------------------------------------------------

    def _load(self, state: NumpyState) -> None:
        """Every job before the first one found no weights and did nothing. The torch model is made later, by the
        first job that needs it (``_torch_model``)."""
        self._loaded = state
        self._model = None

    def _torch_model(self) -> Any:
        """The explainable torch model over the loaded weights, made now if needed (imports torch the first time)."""
        if self._model is None and self._loaded is not None:
            if not core.torch_imported():
                self.loadingTorch.emit()
            core.preload_torch_libraries()  # without the interpreter lock: the GUI thread keeps running
            core.threads().use_one_thread()
            torch = core.torch()
            self._model = core.explain().explainable_model({k: torch.from_numpy(v) for k, v in self._loaded.items()})
        return self._model

    def _normalized(self, image: np.ndarray) -> Any:
        return core.preprocess().normalize(image)

    def _explain(
        self, image: np.ndarray, method: str, target: int | None, contrast: int | None
    ) -> ExplainResult | None:
        if self._loaded is None:
            return None
        normalized = self._normalized(image)
        if normalized is None:
            return None
        model = self._torch_model()
        explain = core.explain()
        start = time.perf_counter()
        if contrast is not None and target is None:
            first = explain.explain(model, normalized.model_input, "saliency")  # the predicted digit
            target = first.target if first.target != contrast else None
            if target is None:  # "why 3 rather than 3": explain against the runner-up instead
                target = int(np.argsort(first.probabilities)[-2])
        explanation = explain.explain(model, normalized.model_input, method, target=target, contrast=contrast)
        return ExplainResult(
            explanation,
            explain.map_to_pixels(explanation),
            normalized.model_input,
            normalized.pixels,
            placement(image, normalized.pixels),
            time.perf_counter() - start,
        )

    def _poke(self, image: np.ndarray, silence: Silence, edit: KernelEdit | None) -> PokeResult | None:
        if self._loaded is None or self._state is None:
            return None
        normalized = self._normalized(image)
        if normalized is None:
            return None
        if not silence and edit is None:  # the network as it is: numpy's forward pass, no torch needed
            stages = numpy_lenet.forward(self._loaded, normalized.model_input)
            intact = softmax(stages["logits"])
            return PokeResult(intact, intact, stages["conv1"], stages["conv2"], silence, False)
        torch, ablation = core.torch(), core.ablation()
        model = self._torch_model()
        if edit is not None:
            model = core.explain().explainable_model(
                {k: torch.from_numpy(v) for k, v in with_edit(self._state, edit).items()}
            )
        x = torch.from_numpy(normalized.model_input).reshape(1, 1, 32, 32)
        with torch.no_grad(), ablation.silenced(model, silence):
            stages = model.forward_with_activations(x)  # conv layers called as modules: the hooks fire
        with torch.no_grad():  # outside the hooks: the network as it is
            intact = torch.softmax(self._model(x), dim=1)[0].numpy()
        probabilities = torch.softmax(stages["logits"], dim=1)[0].numpy()
        conv1, conv2 = stages["conv1"][0].numpy(), stages["conv2"][0].numpy()
        return PokeResult(probabilities, intact, conv1, conv2, silence, edit is not None)

    def _make(self, image: np.ndarray, digit: int) -> MadeIt | None:
        if self._loaded is None:
            return None
        normalized = self._normalized(image)
        if normalized is None:
            return None
        start = time.perf_counter()
        counterfactual = core.explain().make_it(self._torch_model(), normalized.model_input, digit)
        return MadeIt(counterfactual, normalized.model_input, time.perf_counter() - start)


# --- background evaluations, each on a thread and a model of its own --------------------------------------------------


def _private_model(state: NumpyState, edit: KernelEdit | None = None) -> Any:
    core.threads().use_one_thread()
    torch = core.torch()
    return core.explain().explainable_model({k: torch.from_numpy(v) for k, v in with_edit(state, edit).items()})


def _accuracy(
    state: NumpyState, edit: KernelEdit | None, silence: Silence, source: Callable[[Any], Any], flags: RunFlags
) -> Generator[Progress, None, tuple[float, float] | None]:
    torch, data, ablation = core.torch(), core.data(), core.ablation()
    model, intact_model = _private_model(state, edit), _private_model(state)
    digits = source(flags.stop_event).head(ACCURACY_DIGITS)
    total, correct, intact = len(digits), 0, 0
    for start in range(0, total, CHUNK):
        if flags.stopped:
            return None
        batch = data.to_model_batch(digits.images[start : start + CHUNK])
        labels = digits.labels[start : start + CHUNK]
        with torch.no_grad():
            intact += int((intact_model(batch).argmax(1) == labels).sum())
            with ablation.silenced(model, silence):
                correct += int((model(batch).argmax(1) == labels).sum())
        yield Progress(min(start + CHUNK, total), total)
    return correct / max(total, 1), intact / max(total, 1)


def _ranking(
    state: NumpyState, edit: KernelEdit | None, source: Callable[[Any], Any], flags: RunFlags
) -> Generator[Progress, None, list[Any] | None]:  # core FilterImportance, most important first
    ablation = core.ablation()
    model = _private_model(state, edit)
    found = []
    for found_one in ablation.filter_importances(model, source(flags.stop_event), limit=ACCURACY_DIGITS):
        found.append(found_one)
        yield Progress(len(found), 22)
        if flags.stopped:
            return None
    return sorted(found, key=lambda f: (-f.drop, f.layer, f.index))


def _look_for(
    state: NumpyState, source: Callable[[Any], Any], flags: RunFlags
) -> Generator[Progress, None, LookFor | None]:
    explain, data = core.explain(), core.data()
    model = _private_model(state)
    preferred = {}
    layers = ("conv1", "conv2", "logits")
    for step, layer in enumerate(layers):
        preferred[layer] = explain.preferred_inputs(model, layer)
        yield Progress(step + 1, len(layers) + 1)
        if flags.stopped:
            return None
    digits = source(flags.stop_event).head(LOOK_FOR_DIGITS)
    found = explain.top_patches(model, data.to_model_batch(digits.images))
    yield Progress(len(layers) + 1, len(layers) + 1)
    return LookFor(
        preferred,
        {(t.layer, t.index): t.patches for t in found},
        {(t.layer, t.index): t.activations for t in found},
    )


def _confused(
    state: NumpyState, true: int, said: int, source: Callable[[Any], Any], flags: RunFlags
) -> Generator[Progress, None, tuple[ConfusedDigit, ...] | None]:
    torch, data = core.torch(), core.data()
    model = _private_model(state)
    digits = source(flags.stop_event).head(CONFUSION_DIGITS)
    total = len(digits)
    found: list[ConfusedDigit] = []
    with torch.no_grad():
        for start in range(0, total, 2 * CHUNK):
            if flags.stopped:
                return None
            labels = digits.labels[start : start + 2 * CHUNK]
            probabilities = torch.softmax(model(data.to_model_batch(digits.images[start : start + 2 * CHUNK])), 1)
            chosen = (labels == true) & (probabilities.argmax(1) == said)
            for offset in torch.nonzero(chosen).flatten().tolist():
                found.append(
                    ConfusedDigit(
                        start + offset,
                        true,
                        said,
                        float(probabilities[offset, said]),
                        digits.images[start + offset].numpy().copy(),
                    )
                )
            yield Progress(min(start + 2 * CHUNK, total), total)
    return tuple(sorted(found, key=lambda d: -d.probability))


def _sentence(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text if text.endswith(".") else text + "."
