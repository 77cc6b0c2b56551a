"""What each phase of a training step did, as HTML and heatmap rows for the training step view.

Pure formatting: each function takes one of core's phase records (numpy arrays and floats) and returns text, or
(title, images) rows for ``HeatmapRows``. Translation goes through ``QCoreApplication.translate`` with one context.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from lenet_gui.ui.heatmap import signed_image

PARAMETER_ORDER = (
    "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias",
    "fc3.weight", "fc3.bias",
)  # fmt: skip
Rows = list[tuple[str, list[tuple[str, QImage]], int, int]]  # title, (caption, image)s, scale, maps per line


def number(value: float, digits: int = 4) -> str:
    return f"{value:+.{digits}f}".replace("-", "−")


def _numbers_row(values: np.ndarray, digits: int = 5) -> str:
    cells = "".join(f'<td align="right">{number(float(v), digits)}</td>' for v in values)
    return f'<table cellpadding="3" border="1" style="border-collapse:collapse"><tr>{cells}</tr></table>'


def _bar(fraction: float, color: str = "#4a78c8", width: int = 120) -> str:
    filled = max(1, round(width * max(0.0, min(1.0, fraction))))
    return f'<table cellspacing="0" cellpadding="0"><tr><td width="{filled}" bgcolor="{color}">&nbsp;</td></tr></table>'


def zero_grad_html(phase: Any) -> str:
    if phase.absent:
        how = QCoreApplication.translate(
            "TrainingStepView",
            "zero_grad set every .grad to None (PyTorch 2's default), so conv1.bias.grad is empty before backward; "
            "as numbers, that is six zeros:",
        )
    else:
        how = QCoreApplication.translate(
            "TrainingStepView", "conv1.bias.grad after zero_grad, before backward: six zeros."
        )
    return f"<p>{how}</p>" + _numbers_row(phase.conv1_bias_grad)


def forward_html(phase: Any, label: int, batch_note: str) -> str:
    rows = "".join(
        f"<tr><td>{'<b>' if d == label else ''}{d}{'</b>' if d == label else ''}</td>"
        f'<td align="right">{number(float(phase.outputs[d]), 3)}</td>'
        f'<td align="right">{100 * phase.probabilities[d]:.1f}%</td><td>{_bar(float(phase.probabilities[d]))}</td></tr>'
        for d in range(10)
    )
    head = "".join(
        f"<th>{t}</th>"
        for t in (
            QCoreApplication.translate("TrainingStepView", "digit"),
            QCoreApplication.translate("TrainingStepView", "output"),
            QCoreApplication.translate("TrainingStepView", "probability"),
            "",
        )
    )
    text = QCoreApplication.translate(
        "TrainingStepView",
        "The network's ten outputs for your drawing, and their softmax. The Network view shows every stage.",
    )
    return f"<p>{text} {batch_note}</p><table cellpadding='2'><tr>{head}</tr>{rows}</table>"


def loss_html(phase: Any, label: int, batch_size: int) -> str:
    name = (
        QCoreApplication.translate("TrainingStepView", "mean squared error")
        if phase.name == "mse"
        else QCoreApplication.translate("TrainingStepView", "cross-entropy")
    )
    value = QCoreApplication.translate(
        "TrainingStepView", "Loss ({name}), averaged over {n} images: <b>{value}</b>"
    ).format(name=name, n=batch_size, value=f"{phase.value:.5f}")
    if phase.name == "mse":
        target = QCoreApplication.translate("TrainingStepView", "Target for your drawing (one-hot for {0}):").format(
            label
        ) + _numbers_row(phase.target, 0)
    else:
        target = QCoreApplication.translate(
            "TrainingStepView", "Target: the label {0}; the loss is −log of its probability."
        ).format(label)
    chips = [f'<span style="background:#dde6fa"><tt>&nbsp;{node}&nbsp;</tt></span>' for node in phase.grad_fn_path]
    diagram = " → ".join(chips)  # wraps between nodes, never inside a name
    walk = " → ".join(phase.grad_fn)
    return (
        f"<p>{value}</p><p>{target}</p><p>"
        + QCoreApplication.translate(
            "TrainingStepView",
            "The graph autograd recorded, from the loss back to the first convolution (grad_fn names):",
        )
        + f'</p><p style="line-height:150%">{diagram}</p><p>'
        + QCoreApplication.translate(
            "TrainingStepView", "The tutorial's walk along next_functions[0][0] stops at fc3's bias: {0}"
        ).format(walk)
        + "</p>"
    )


def backward_html(phase: Any) -> str:
    norms = phase.gradient_norms
    largest = max(norms.values()) or 1.0
    rows = "".join(
        f'<tr><td><tt>{name}</tt></td><td align="right">{norms[name]:.5f}</td>'
        f"<td>{_bar(norms[name] / largest)}</td></tr>"
        for name in PARAMETER_ORDER
        if name in norms
    )
    return (
        "<p>"
        + QCoreApplication.translate("TrainingStepView", "conv1.bias.grad after backward (it was zeros before):")
        + "</p>"
        + _numbers_row(phase.conv1_bias_grad)
        + "<p>"
        + QCoreApplication.translate(
            "TrainingStepView", "Gradient norm of each tensor (how steeply the loss rises along it):"
        )
        + f"</p><table cellpadding='2'>{rows}</table>"
    )


def backward_rows(phase: Any) -> Rows:
    """Every filter's gradient: conv1's six 5×5, and conv2's sixteen as their six 5×5 input slices side by side."""
    conv1 = phase.gradients["conv1.weight"][:, 0]
    conv2 = phase.gradients["conv2.weight"]
    limit1 = float(np.abs(conv1).max())
    limit2 = float(np.abs(conv2).max())
    return [
        (
            QCoreApplication.translate("TrainingStepView", "conv1.weight.grad"),
            [(str(i), signed_image(conv1[i], limit1)) for i in range(len(conv1))],
            6,
            6,
        ),
        (
            QCoreApplication.translate("TrainingStepView", "conv2.weight.grad (6 input slices each)"),
            [(str(i), signed_image(np.hstack(list(conv2[i])), limit2)) for i in range(len(conv2))],
            3,
            4,
        ),
    ]


def update_html(phase: Any, label: int) -> str:
    rule = QCoreApplication.translate(
        "TrainingStepView", "weight = weight − learning_rate × gradient, with learning_rate = {0}"
    ).format(phase.learning_rate)
    changes = "".join(
        f'<tr><td><tt>{name}</tt></td><td align="right">{phase.max_abs_change[name]:.6f}</td></tr>'
        for name in PARAMETER_ORDER
        if name in phase.max_abs_change
    )
    before, after = phase.probabilities_before, phase.probabilities_after
    rows = "".join(
        f"<tr><td>{'<b>' if d == label else ''}{d}{'</b>' if d == label else ''}</td>"
        f'<td align="right">{100 * before[d]:.2f}%</td><td align="right">{100 * after[d]:.2f}%</td>'
        f'<td align="right">{number(100 * float(after[d] - before[d]), 2)}</td></tr>'
        for d in range(10)
    )
    head = "".join(
        f"<th>{t}</th>"
        for t in (
            QCoreApplication.translate("TrainingStepView", "digit"),
            QCoreApplication.translate("TrainingStepView", "before"),
            QCoreApplication.translate("TrainingStepView", "after"),
            QCoreApplication.translate("TrainingStepView", "change (points)"),
        )
    )
    return (
        f"<p><tt>{rule}</tt></p><p>"
        + QCoreApplication.translate("TrainingStepView", "Your drawing's probabilities before and after this step:")
        + f"</p><table cellpadding='2'><tr>{head}</tr>{rows}</table><p>"
        + QCoreApplication.translate(
            "TrainingStepView", "Largest change of any weight in each tensor (= learning_rate × its largest gradient):"
        )
        + f"</p><table cellpadding='2'>{changes}</table>"
    )


def update_rows(phase: Any) -> Rows:
    """conv1's six filters before, after, and the change (on its own scale: it is about a hundred times smaller)."""
    before = phase.before["conv1.weight"][:, 0]
    after = phase.after["conv1.weight"][:, 0]
    change = phase.change["conv1.weight"][:, 0]
    limit = float(max(np.abs(before).max(), np.abs(after).max()))
    limit_change = float(np.abs(change).max())

    def row(title: str, maps: np.ndarray, lim: float) -> tuple[str, list[tuple[str, QImage]], int, int]:
        return title, [(str(i), signed_image(maps[i], lim)) for i in range(len(maps))], 7, 6

    return [
        row(QCoreApplication.translate("TrainingStepView", "conv1.weight before"), before, limit),
        row(QCoreApplication.translate("TrainingStepView", "after"), after, limit),
        row(QCoreApplication.translate("TrainingStepView", "change (own scale)"), change, limit_change),
    ]


def phase_strip(names: Sequence[str], current: int, done: int) -> str:
    """zero_grad → forward → loss → backward → update, the phase just shown highlighted, those done in black."""
    parts = []
    for i, name in enumerate(names):
        if i == current:
            parts.append(f'<span style="background:#ffe996"><b>{name}</b></span>')
        elif i < done:
            parts.append(name)
        else:
            parts.append(f'<span style="color:#999999">{name}</span>')
    return " → ".join(parts)
