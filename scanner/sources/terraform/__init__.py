"""Terraform HCL: evaluated per root module with tfparse, validated with python-hcl2.

`load_terraform` is imported on first use: importing a light module of this package (the
address helpers that the mappings use) must not load tfparse and the HCL parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scanner.sources.terraform.loader import load_terraform

__all__ = ["load_terraform"]


def __getattr__(name: str) -> Any:
    if name == "load_terraform":
        from scanner.sources.terraform.loader import load_terraform

        return load_terraform
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
