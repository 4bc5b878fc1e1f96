"""The `mlposture` command's entry point.

`mlposture --version` answers before the scanner is imported: pre-commit and CI wrappers run
it on every call, and importing the pipeline (Polars, boto3, the HCL parser) costs half a
second it does not need.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from scanner import __version__

        print(f"mlposture, version {__version__}")
        return
    from scanner.cli import main as cli

    cli()
