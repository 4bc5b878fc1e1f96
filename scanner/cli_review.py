"""The pull-request options of `mlposture scan`: baseline, diff base, soft fail."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click


@dataclass(frozen=True, slots=True)
class ReviewFlags:
    baseline: Path | None = None
    create_baseline: Path | None = None
    diff_base: str | None = None
    soft_fail: bool = False


def review_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --baseline, --create-baseline, --diff-base and --soft-fail; the command receives
    them as `review: ReviewFlags`."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        baseline: Path | None,
        create_baseline: Path | None,
        diff_base: str | None,
        soft_fail: bool,
        **kwargs: Any,
    ) -> Any:
        kwargs["review"] = ReviewFlags(baseline, create_baseline, diff_base, soft_fail)
        return command(*args, **kwargs)

    options = [
        click.option(
            "--baseline",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Leave out the failures recorded in this baseline file: only new ones fail.",
        ),
        click.option(
            "--create-baseline",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write the current failures to this baseline file (JSON, commit it).",
        ),
        click.option(
            "--diff-base",
            metavar="REF",
            help="Report only failures that are new against this git ref (branch, tag, commit).",
        ),
        click.option(
            "--soft-fail",
            is_flag=True,
            help="Exit 0 whatever fails; unreadable input and usage errors still exit non-zero.",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
