"""Exit codes and the usage-error exit: light, so that every command can import them."""

from __future__ import annotations

import sys
from typing import NoReturn

import rich_click as click

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def fail_usage(message: object) -> NoReturn:
    click.echo(f"mlposture: {message}", err=True)
    sys.exit(EXIT_USAGE)
