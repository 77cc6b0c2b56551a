"""Which devices can train here, and what a device choice (``auto``/``cpu``/``cuda``) means on this computer.

The choices themselves are torch-free constants in ``core.config`` (``DEVICE_CHOICES``) that any widget may import;
asking torch what exists costs the torch import and, on a machine with a GPU, starting CUDA, so the UI asks through
its worker: ``available_devices()`` answers plain frozen dataclasses of strings, safe to hand to another thread,
and ``describe_device(choice)`` the words for a status line ("GPU: NVIDIA H200", "CPU, 2 threads").
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from lenet_gui.core import threads
from lenet_gui.core.config import DEVICE_CHOICES


@dataclass(frozen=True)
class DeviceInfo:
    """One device that can train: ``name`` as ``--device`` and ``TrainingConfig.device`` take it, and words."""

    name: str  # "cpu", "cuda:0", …
    kind: str  # "cpu" or "cuda"
    label: str  # "CPU, 2 threads", "GPU: NVIDIA H200 (139 GiB)"
    # The parts a window words in its own language ("Training on the CPU (2 threads)"): the threads a CPU run
    # computes with, a GPU's own name.
    threads: int = 0
    model: str = ""


def available_devices() -> tuple[DeviceInfo, ...]:
    """The CPU first, then every CUDA GPU PyTorch sees (none when it was built without CUDA or sees no driver)."""
    # The count training uses (core.threads), not this thread's: a predicting thread computes on one.
    count = threads.DEFAULT_THREADS
    devices = [DeviceInfo("cpu", "cpu", f"CPU, {count} thread{'s' * (count != 1)}", threads=count)]
    if torch.cuda.is_available():
        for index in range(torch.cuda.device_count()):
            properties = torch.cuda.get_device_properties(index)
            memory = properties.total_memory / 2**30
            label = f"GPU: {properties.name} ({memory:.0f} GiB)"
            devices.append(DeviceInfo(f"cuda:{index}", "cuda", label, model=properties.name))
    return tuple(devices)


def resolve_device(name: str) -> torch.device:
    """'cpu', 'cuda', 'cuda:N' or 'auto' (the first GPU when there is one, else the CPU); a clear error when CUDA
    was asked for and is not there."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    device = torch.device(name)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ValueError("--device cuda was asked for, but PyTorch sees no CUDA GPU here; use --device cpu")
    return device


def describe_device(choice: str) -> str:
    """What a device choice trains on here, in words for the status line, e.g. "GPU: NVIDIA H200 (139 GiB)"."""
    return device_info(choice).label


def device_info(choice: str) -> DeviceInfo:
    """The device a choice (``auto``, ``cpu``, ``cuda``, ``cuda:N``) trains on here; ValueError for an unknown
    choice or a GPU that is not there (as ``resolve_device``)."""
    if choice not in DEVICE_CHOICES and not choice.startswith("cuda:"):
        raise ValueError(f"unknown device {choice!r} (choose {', '.join(DEVICE_CHOICES)})")
    device = resolve_device(choice)
    name = "cpu" if device.type == "cpu" else f"cuda:{device.index or 0}"
    return next(info for info in available_devices() if info.name == name)
