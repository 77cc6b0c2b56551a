"""Where things live on disk: the per-user data folder, MNIST inside it, the weights and examples kept there, and
the files shipped with the app. Torch-free and Qt-free, so every layer asks here instead of re-deriving a path.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "LENET_GUI_DATA_DIR"
RAW_FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)
WEIGHTS_FOLDER = "weights"  # kept training and fine-tuning runs, inside the user data folder
PERSONAL_FOLDER = "my-digits"  # the user's own examples, inside the user data folder


def default_data_dir() -> Path:
    """The per-user data folder (XDG on Linux, the platform's own elsewhere)."""
    return Path(platformdirs.user_data_dir("lenet-gui", appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` if given, else ``$LENET_GUI_DATA_DIR``, else the user's data folder (XDG on Linux)."""
    if explicit:
        return Path(explicit).expanduser()
    if env := os.environ.get(DATA_DIR_ENV):
        return Path(env).expanduser()
    return default_data_dir()


def mnist_raw_dir(data_dir: Path) -> Path:
    return data_dir / "MNIST" / "raw"


def mnist_available(data_dir: Path) -> bool:
    raw = mnist_raw_dir(data_dir)
    return all((raw / name).is_file() or (raw / f"{name}.gz").is_file() for name in RAW_FILES)


def missing_data_message(data_dir: Path) -> str:
    raw = mnist_raw_dir(data_dir)
    files = "\n".join(f"  {name}  (or {name}.gz)" for name in RAW_FILES)
    return (
        f"MNIST is not in {raw} and could not be downloaded (offline?).\n"
        f"Put these four files there:\n{files}\n"
        f"or point --data-dir / ${DATA_DIR_ENV} at a folder that has MNIST/raw/ inside, "
        f"or connect to the internet and try again to download them (about 12 MB)."
    )


def user_weights_dir() -> Path:
    """Where the app keeps the weights of the runs the user kept: ``weights/`` in the per-user data folder."""
    return default_data_dir() / WEIGHTS_FOLDER


def default_personal_dir() -> Path:
    """The user's own examples: ``my-digits/`` in the per-user data folder."""
    return default_data_dir() / PERSONAL_FOLDER


def asset_path(*parts: str) -> Path:
    """``assets/<parts>`` inside the installed package, or in the source tree when running from a checkout."""
    packaged = resources.files("lenet_gui").joinpath("assets", *parts)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "assets" / Path(*parts)
