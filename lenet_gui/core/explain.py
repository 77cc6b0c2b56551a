"""Why did it say 7: attributions of one drawing ("what would make it a 3" lives in ``make_it``).

Each method is a few lines of autograd on the tutorial's LeNet, hand-written rather than imported (Captum costs
start-up time and LeNet is tiny); the tests prove every one against Captum, the field's reference. The definitions
are the same in the app, the CLI and the tests (issue 12):

- ``x`` is the (32, 32) standardized model input from ``preprocess``; the baseline ``x0`` is the blank canvas
  standardized (every pixel ``(0 − MNIST_MEAN) / MNIST_STD``); the score is ``logit_t``, or ``logit_t − logit_c``
  with a contrast digit ``c`` ("why 7 rather than 1").
- saliency = |∂score/∂x|; integrated gradients = (x − x0) ⊙ mean over α = (k + ½)/S of ∂score/∂x at x0 + α(x − x0);
  Grad-CAM = ReLU(Σ_k w_k A_k), A = conv2 after ReLU (16×10×10), w_k = mean over 10×10 of ∂score/∂A_k;
  occlusion: a 6×6 patch of baseline value, stride 2 (14×14 positions), each softmax_t(x) − softmax_t(occluded)
  (with a contrast: of softmax_t − softmax_c).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from lenet_gui.core.errors import UserError
from lenet_gui.core.make_it import Counterfactual, make_it  # noqa: F401  (here too: the app's workers import it from here)
from lenet_gui.core.model import NUM_CLASSES, Net
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD, MODEL_SIZE, standardize

METHODS = ("saliency", "integrated-gradients", "occlusion", "grad-cam")
DEFAULT_STEPS = 32  # integrated gradients: 32 points on the path, one batched forward and backward
MAX_STEPS = 1024  # all points go through the network as one batch: this keeps it within ~100 MB
OCCLUSION_PATCH = 6
OCCLUSION_STRIDE = 2
OCCLUSION_POSITIONS = (MODEL_SIZE - OCCLUSION_PATCH) // OCCLUSION_STRIDE + 1  # 14 per axis
# Input pixels one conv2 unit sees: its 5×5 over pool1 covers 10×10 of conv1, whose 5×5 kernels reach 14×14 of x;
# neighbouring units are 2 pixels apart, the first centred at 6.5.
GRAD_CAM_FIELD = 14
GRAD_CAM_STRIDE = 2


@dataclass(frozen=True)
class Explanation:
    """One attribution map as plain numpy, ready for an overlay, a JSON dump or a test."""

    method: str
    target: int
    contrast: int | None
    map: np.ndarray  # float32: (32, 32) saliency and IG, (10, 10) Grad-CAM, (14, 14) occlusion
    probabilities: np.ndarray  # (10,) float32 softmax of the explained input


def baseline_input() -> np.ndarray:
    """x0: the blank canvas as the network sees it, every pixel (0 − mean)/std. Nothing drawn, nothing explained."""
    return standardize(np.zeros((MODEL_SIZE, MODEL_SIZE), np.float32))


def explainable_model(state_dict: Mapping[str, torch.Tensor]) -> Net:
    """A private LeNet in eval mode whose weights need no gradients: backward then computes input gradients only."""
    model = Net().eval()
    model.load_state_dict({k: torch.as_tensor(v, dtype=torch.float32) for k, v in state_dict.items()})
    model.requires_grad_(False)
    return model


def explain(
    model: Net,
    model_input: np.ndarray,
    method: str = "saliency",
    *,
    target: int | None = None,
    contrast: int | None = None,
    steps: int = DEFAULT_STEPS,
) -> Explanation:
    """Attribute the score of ``target`` (default: the predicted digit), minus ``contrast``'s if given, to ``x``."""
    if method not in _METHODS:
        raise UserError(f"unknown explanation method {method!r}: choose one of {', '.join(METHODS)}")
    if not 1 <= steps <= MAX_STEPS:
        raise UserError(f"integrated gradients takes 1 to {MAX_STEPS} steps, not {steps}")
    x = _as_batch(model_input)
    with torch.no_grad():
        probabilities = torch.softmax(model(x), dim=1)[0]
    target = int(probabilities.argmax()) if target is None else _digit(target, "target")
    if contrast is not None and _digit(contrast, "contrast") == target:
        raise UserError(f"the contrast digit must differ from the target ({target})")
    attribution = _METHODS[method](model, x, target, contrast, steps)
    return Explanation(method, target, contrast, attribution.numpy(), probabilities.numpy())


def _score(logits: torch.Tensor, target: int, contrast: int | None) -> torch.Tensor:
    """Per example: logit_t, or logit_t − logit_c ("why t rather than c")."""
    return logits[:, target] if contrast is None else logits[:, target] - logits[:, contrast]


def _input_gradient(model: Net, x: torch.Tensor, target: int, contrast: int | None) -> torch.Tensor:
    """∂score/∂x for every example of the batch (examples are independent, so the sum's gradient is each one's)."""
    x = x.detach().requires_grad_(True)
    (gradient,) = torch.autograd.grad(_score(model(x), target, contrast).sum(), x)
    return gradient


def saliency(model: Net, x: torch.Tensor, target: int, contrast: int | None, steps: int = 0) -> torch.Tensor:
    return _input_gradient(model, x, target, contrast)[0, 0].abs()


def integrated_gradients(model: Net, x: torch.Tensor, target: int, contrast: int | None, steps: int) -> torch.Tensor:
    """The midpoint Riemann sum of the path integral from x0 to x: all ``steps`` points in one batch."""
    x0 = torch.from_numpy(baseline_input()).reshape(1, 1, MODEL_SIZE, MODEL_SIZE)
    alphas = (torch.arange(steps, dtype=torch.float32) + 0.5).div_(steps).reshape(-1, 1, 1, 1)
    gradients = _input_gradient(model, x0 + alphas * (x - x0), target, contrast)
    return ((x - x0) * gradients.mean(dim=0, keepdim=True))[0, 0]


def conv2_features(model: Net, x: torch.Tensor) -> torch.Tensor:
    """A = conv2's output after ReLU (B, 16, 10, 10), computed in the tutorial's order (ReLU, then pooling)."""
    pool1 = F.max_pool2d(F.relu(model.conv1(x)), 2)
    return F.relu(model.conv2(pool1))


def logits_from_conv2(model: Net, features: torch.Tensor) -> torch.Tensor:
    """The rest of the network from A: pool, fc1, fc2, fc3 (ReLU between), the same function ``Net`` computes."""
    hidden = F.relu(model.fc1(torch.flatten(F.max_pool2d(features, 2), 1)))
    return model.fc3(F.relu(model.fc2(hidden)))  # type: ignore[no-any-return]


def grad_cam(model: Net, x: torch.Tensor, target: int, contrast: int | None, steps: int = 0) -> torch.Tensor:
    with torch.no_grad():
        features = conv2_features(model, x)
    features.requires_grad_(True)
    (gradient,) = torch.autograd.grad(_score(logits_from_conv2(model, features), target, contrast).sum(), features)
    weights = gradient.mean(dim=(2, 3), keepdim=True)  # (1, 16, 1, 1)
    return F.relu((weights * features).sum(dim=1))[0].detach()


@functools.cache
def occlusion_masks() -> torch.Tensor:
    """(196, 1, 32, 32): 1 under each position of the 6×6 patch, row by row, 0 elsewhere (made once: 8 ms; read
    only)."""
    masks = torch.zeros(OCCLUSION_POSITIONS, OCCLUSION_POSITIONS, MODEL_SIZE, MODEL_SIZE)
    for row in range(OCCLUSION_POSITIONS):
        for col in range(OCCLUSION_POSITIONS):
            top, left = row * OCCLUSION_STRIDE, col * OCCLUSION_STRIDE
            masks[row, col, top : top + OCCLUSION_PATCH, left : left + OCCLUSION_PATCH] = 1.0
    return masks.reshape(-1, 1, MODEL_SIZE, MODEL_SIZE)


def occlusion(model: Net, x: torch.Tensor, target: int, contrast: int | None, steps: int = 0) -> torch.Tensor:
    """How much the probability (or the gap between two) falls with each patch hidden: 197 inputs, one forward."""
    masks = occlusion_masks()
    x0 = float(baseline_input()[0, 0])
    batch = torch.cat([x, x * (1.0 - masks) + x0 * masks])
    with torch.no_grad():
        probabilities = torch.softmax(model(batch), dim=1)
    score = probabilities[:, target] - (probabilities[:, contrast] if contrast is not None else 0.0)
    return (score[0] - score[1:]).reshape(OCCLUSION_POSITIONS, OCCLUSION_POSITIONS)


_METHODS: dict[str, Callable[[Net, torch.Tensor, int, int | None, int], torch.Tensor]] = {
    "saliency": saliency,
    "integrated-gradients": integrated_gradients,
    "occlusion": occlusion,
    "grad-cam": grad_cam,
}


def map_to_pixels(explanation: Explanation) -> np.ndarray:
    """Any method's map on the 32×32 input grid, for overlays.

    Occlusion: each pixel gets the mean of the positions whose patch covered it (Captum's convention, so this is
    Captum's Occlusion map). Grad-CAM: bilinear between the centres of the conv2 units' receptive fields.
    """
    values = np.asarray(explanation.map, np.float32)
    if explanation.method == "occlusion":
        total = np.zeros((MODEL_SIZE, MODEL_SIZE), np.float32)
        count = np.zeros((MODEL_SIZE, MODEL_SIZE), np.float32)
        for (row, col), value in np.ndenumerate(values):
            top, left = row * OCCLUSION_STRIDE, col * OCCLUSION_STRIDE
            total[top : top + OCCLUSION_PATCH, left : left + OCCLUSION_PATCH] += value
            count[top : top + OCCLUSION_PATCH, left : left + OCCLUSION_PATCH] += 1.0
        return total / count
    if explanation.method == "grad-cam":
        cells = values.shape[0]
        centres = np.arange(cells) * GRAD_CAM_STRIDE + (GRAD_CAM_FIELD - 1) / 2
        weights = np.stack([np.interp(np.arange(MODEL_SIZE), centres, np.eye(cells)[k]) for k in range(cells)], 1)
        result: np.ndarray = (weights @ values @ weights.T).astype(np.float32)
        return result
    return values


def overlay_rgb(explanation: Explanation, model_input: np.ndarray, scale: int = 8) -> np.ndarray:
    """(32·scale, 32·scale, 3) uint8: the drawing grey on white, the map over it (red: for the digit, blue: against).

    Colour strength is relative to the map's largest magnitude, so the picture shows where, not how much.
    """
    pixels = np.clip(np.asarray(model_input, np.float32) * MNIST_STD + MNIST_MEAN, 0.0, 1.0)
    paper = np.repeat((1.0 - 0.6 * pixels)[..., None], 3, axis=2)  # ink grey, so colour shows on it
    heat = map_to_pixels(explanation)
    peak = float(np.abs(heat).max())
    if peak > 0:
        strength = np.clip(np.abs(heat) / peak, 0.0, 1.0)[..., None] * 0.75
        colour = np.where((heat >= 0)[..., None], np.array([0.85, 0.1, 0.1]), np.array([0.1, 0.3, 0.9]))
        paper = paper * (1.0 - strength) + colour * strength
    image = np.rint(paper * 255.0).astype(np.uint8)
    return np.repeat(np.repeat(image, scale, axis=0), scale, axis=1)


def _as_batch(model_input: np.ndarray) -> torch.Tensor:
    array = np.asarray(model_input, np.float32)
    if array.size != MODEL_SIZE * MODEL_SIZE:
        raise ValueError(f"expected a {MODEL_SIZE}×{MODEL_SIZE} model input, got shape {array.shape}")
    return torch.from_numpy(array.copy()).reshape(1, 1, MODEL_SIZE, MODEL_SIZE)


def _digit(value: int, what: str) -> int:
    if not 0 <= int(value) < NUM_CLASSES:
        raise UserError(f"the {what} must be a digit 0-9, not {value}")
    return int(value)


# --- What does it look for? -----------------------------------------------------------------------------------------

PREFERRED_LAYERS = {"conv1": 6, "conv2": 16, "logits": NUM_CLASSES}
RECEPTIVE_FIELD = {"conv1": (5, 1), "conv2": (GRAD_CAM_FIELD, GRAD_CAM_STRIDE)}  # (size, stride) on the 32×32 input
PREFERRED_STEPS = 96
PREFERRED_JITTER = 2  # pixels of random shift per step: features that survive a shift, not pixel noise
PREFERRED_BLUR_EVERY = 4  # steps between light blurs, which keep the picture smooth enough to read
TOP_PATCHES = 9


def _layer_score(model: Net, x: torch.Tensor, layer: str) -> torch.Tensor:
    """(B, units), before ReLU so that gradients never die: conv1's centre unit (a 5×5 kernel is linear, so the mean
    of its map would be maximized by a flat picture; one unit shows its pattern), conv2's mean over its map (a
    texture of what it responds to), or the logits."""
    conv1: torch.Tensor = model.conv1(x)
    if layer == "conv1":
        return conv1[:, :, conv1.shape[2] // 2, conv1.shape[3] // 2]
    conv2: torch.Tensor = model.conv2(F.max_pool2d(F.relu(conv1), 2))
    if layer == "conv2":
        return conv2.mean(dim=(2, 3))
    return logits_from_conv2(model, F.relu(conv2))


def preferred_inputs(model: Net, layer: str, *, steps: int = PREFERRED_STEPS, seed: int = 0) -> np.ndarray:
    """(units, 32, 32) standardized inputs, one per filter (or digit) of ``layer``, each exciting its unit most.

    Activation maximization, all units in one batch: normalized gradient ascent from a faint noisy canvas, a random
    shift of up to ``PREFERRED_JITTER`` pixels each step (not for conv1), a light blur every few steps, pixels kept
    between paper and full ink (pictures the canvas could hold).
    """
    if layer not in PREFERRED_LAYERS:
        raise ValueError(f"layer must be one of {', '.join(PREFERRED_LAYERS)}, not {layer!r}")
    units = PREFERRED_LAYERS[layer]
    generator = torch.Generator().manual_seed(seed)
    paper, ink = float(baseline_input()[0, 0]), (1.0 - MNIST_MEAN) / MNIST_STD
    x = paper + 0.1 * (ink - paper) * torch.rand(units, 1, MODEL_SIZE, MODEL_SIZE, generator=generator)
    blur = torch.tensor([0.25, 0.5, 0.25])
    blur = (blur[:, None] * blur[None, :]).reshape(1, 1, 3, 3)
    chosen = torch.arange(units)
    jitter = 0 if layer == "conv1" else PREFERRED_JITTER  # a shifted 5×5 pattern is smeared, not made robust
    for step in range(steps):
        dy, dx = (int(v) for v in torch.randint(-jitter, jitter + 1, (2,), generator=generator))
        shifted = torch.roll(x, (dy, dx), dims=(2, 3)).requires_grad_(True)
        score = _layer_score(model, shifted, layer)[chosen, chosen].sum()
        (gradient,) = torch.autograd.grad(score, shifted)
        gradient = torch.roll(gradient, (-dy, -dx), dims=(2, 3))
        norms = gradient.flatten(1).norm(dim=1).clamp_min(1e-12).reshape(-1, 1, 1, 1)
        x = x + 0.5 * gradient / norms
        if (step + 1) % PREFERRED_BLUR_EVERY == 0:
            x = F.conv2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), blur)
        x = x.clamp(paper, ink)
    return x[:, 0].detach().numpy()


@dataclass(frozen=True)
class TopPatches:
    """The test digits that excite one conv filter most, and the part of each that its strongest unit sees."""

    layer: str
    index: int
    patches: np.ndarray  # (9, k, k) float32 0..1 pixels: k = 5 for conv1, 14 for conv2
    digits: np.ndarray  # (9,) indices into the test set, strongest first (each digit at most once)
    activations: np.ndarray  # (9,) the filter's largest value (after ReLU) in each of those digits


def top_patches(model: Net, model_inputs: torch.Tensor, *, count: int = TOP_PATCHES) -> list[TopPatches]:
    """For each of the 22 conv filters: the ``count`` digits of ``model_inputs`` (B, 1, 32, 32) that excite it most
    (by its largest value anywhere on the map), with the receptive field of that strongest position."""
    results: list[TopPatches] = []
    with torch.no_grad():
        conv1 = F.relu(model.conv1(model_inputs))
        maps = {"conv1": conv1, "conv2": F.relu(model.conv2(F.max_pool2d(conv1, 2)))}
    pixels = (model_inputs[:, 0] * MNIST_STD + MNIST_MEAN).clamp(0.0, 1.0)
    for layer, values in maps.items():
        size, stride = RECEPTIVE_FIELD[layer]
        width = values.shape[3]
        best, where = values.flatten(2).max(dim=2)  # (B, filters)
        for index in range(values.shape[1]):
            strongest, digits = best[:, index].topk(min(count, len(best)))
            patches = []
            for digit in digits.tolist():
                row, col = divmod(int(where[digit, index]), width)
                top, left = row * stride, col * stride
                patches.append(pixels[digit, top : top + size, left : left + size])
            results.append(TopPatches(layer, index, torch.stack(patches).numpy(), digits.numpy(), strongest.numpy()))
    return results
