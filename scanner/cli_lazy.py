"""Subcommands imported when they run: `mlposture rules list` must not pay for the scan
pipeline (Polars, the HCL parser, boto3), nor `mlposture scan` for the cloud SDKs.

A group names its subcommands in a table, name -> "module:attribute"; a command's module is
imported the first time the command is looked up (to run it, or to list it in `--help`).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

import rich_click as click

from scanner.cli_config import name_environment


def _load(target: str) -> click.Command:
    module, _, attribute = target.partition(":")
    command = getattr(importlib.import_module(module), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{target} is not a click command")
    return command


class LazyGroup(click.RichGroup):
    """A group whose `lazy_commands` (name -> "module:attribute") load on first use."""

    def __init__(self, *args: Any, lazy_commands: Mapping[str, str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            self._add_loaded(cmd_name)
        return super().get_command(ctx, cmd_name)

    def load_all(self) -> None:
        """Every subcommand, at every level: what reads every option (a configuration file
        checked against all of them) needs them all."""
        for name in self.lazy_commands:
            if name not in self.commands:
                self._add_loaded(name)
        for command in self.commands.values():
            if isinstance(command, LazyGroup):
                command.load_all()

    def _add_loaded(self, name: str) -> None:
        command = _load(self.lazy_commands[name])
        # Options read MLPOSTURE_* variables; a command loaded after the root's callback
        # named its own options' variables gets them here.
        name_environment(command)
        self.add_command(command, name)
