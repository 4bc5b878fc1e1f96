"""Terraform HCL: evaluated per root module with tfparse, validated with python-hcl2."""

from scanner.sources.terraform.loader import load_terraform

__all__ = ["load_terraform"]
