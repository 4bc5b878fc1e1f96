"""Terraform HCL: evaluated per root module with tfparse, validated with python-hcl2."""

from scanner.sources.terraform.loader import TerraformLoad, load_terraform

__all__ = ["TerraformLoad", "load_terraform"]
