"""Subcommands that live in modules of their own (``step``, ``explain``, ``export``, …).

Each module named in ``COMMANDS`` defines ``add_parser(subparsers) -> None`` (torch-free: ``--help`` answers at once)
and ``run(args) -> int``, which imports what it needs. ``cli.py`` registers them after its own commands, so
``lenet-gui --help`` lists every command in one place while ``cli.py`` stays small.
"""

from __future__ import annotations

import argparse
import importlib
from types import ModuleType

COMMANDS: tuple[str, ...] = ("step", "explain", "export")


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"lenet_gui.commands.{name}")


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name in COMMANDS:
        command_module(name).add_parser(subparsers)
