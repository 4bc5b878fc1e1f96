"""The Checkov options of `mlposture scan`: --with-checkov, --checkov-bin, --checkov-report."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from scanner.checkov.run import CheckovOptions


def checkov_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the Checkov options; the command receives `checkov: CheckovOptions | None`.

    `--checkov-bin` alone asks for nothing (a config file may name the executable once, and
    `--with-checkov` turn the bridge on per run); `--with-checkov` with `--checkov-report` is
    a usage error: Checkov's results come from one place."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        with_checkov: bool,
        checkov_bin: str | None,
        checkov_report: Path | None,
        **kwargs: Any,
    ) -> Any:
        if with_checkov and checkov_report is not None:
            raise click.UsageError(
                "--with-checkov runs Checkov; --checkov-report reads its report: give one"
            )
        checkov: CheckovOptions | None = None
        if with_checkov or checkov_report is not None:
            from scanner.checkov.run import CheckovOptions  # its report models: only when asked
        if with_checkov:
            checkov = CheckovOptions(binary=checkov_bin)
        elif checkov_report is not None:
            checkov = CheckovOptions(report=checkov_report)
        kwargs["checkov"] = checkov
        return command(*args, **kwargs)

    options = [
        click.option(
            "--with-checkov",
            is_flag=True,
            help="Run Checkov on the same paths and merge its general checks into the report "
            "(the checks an mlposture rule judges are left out).",
        ),
        click.option(
            "--checkov-bin",
            metavar="PATH",
            help="The Checkov executable for --with-checkov (default: `checkov` on PATH).",
        ),
        click.option(
            "--checkov-report",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Merge this Checkov JSON report (checkov -o json) made elsewhere, instead of "
            "running Checkov.",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
