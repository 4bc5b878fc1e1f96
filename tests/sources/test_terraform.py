"""The Terraform loader: evaluation, addresses, relations, and broken input."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner.mappings import load_catalog
from scanner.model.values import UNKNOWN
from scanner.pipeline import normalize_all
from scanner.sources.terraform import load_terraform
from scanner.sources.terraform.hcl import parse_file
from tests.conftest import WriteTree

NOTEBOOK = "aws_sagemaker_notebook_instance"

MODULE_TREE = {
    "main.tf": """
        variable "team" { default = "risk" }
        variable "kms_key" {}
        locals { prefix = "ml-${var.team}" }

        resource "aws_iam_role" "notebook" {
          name               = "${local.prefix}-notebook"
          assume_role_policy = "{}"
        }

        resource "aws_sagemaker_notebook_instance" "team" {
          for_each      = toset(["alpha", "beta"])
          name          = "${local.prefix}-${each.key}"
          role_arn      = aws_iam_role.notebook.arn
          instance_type = "ml.t3.medium"
          kms_key_id    = var.kms_key
        }

        module "shared" {
          source      = "./modules/notebook"
          name_prefix = local.prefix
        }

        module "vpc" {
          source = "terraform-aws-modules/vpc/aws"
        }
    """,
    "modules/notebook/main.tf": """
        variable "name_prefix" {}
        resource "aws_sagemaker_notebook_instance" "this" {
          count                  = 2
          name                   = "${var.name_prefix}-shared-${count.index}"
          role_arn               = "arn:aws:iam::111122223333:role/shared"
          instance_type          = "ml.t3.large"
          direct_internet_access = "Disabled"
        }
    """,
}


def _load(paths: list[Path]) -> tuple[object, dict[str, dict[str, object]]]:
    catalog = load_catalog()
    load = load_terraform([(p, str(p)) for p in paths], catalog.native_types, workers=1)
    natives = {r.id: r.attributes for r in load.resources}
    return load, natives


def test_evaluates_variables_locals_for_each_count_and_local_modules(write_tree: WriteTree) -> None:
    root = write_tree(MODULE_TREE)
    catalog = load_catalog()
    load = load_terraform([(root, "estate")], catalog.native_types, workers=1)
    by_id = {r.id: r for r in load.resources}
    # The notebooks' IAM role is read too (IAM kinds); this test is about the notebooks.
    assert sorted(i for i in by_id if "aws_sagemaker_notebook_instance" in i) == [
        'aws_sagemaker_notebook_instance.team["alpha"]',
        'aws_sagemaker_notebook_instance.team["beta"]',
        "module.shared.aws_sagemaker_notebook_instance.this[0]",
        "module.shared.aws_sagemaker_notebook_instance.this[1]",
    ]
    alpha = by_id['aws_sagemaker_notebook_instance.team["alpha"]']
    assert alpha.attributes["name"] == "ml-risk-alpha"
    assert alpha.location.file == "estate/main.tf"
    assert alpha.location.line == 11
    shared = by_id["module.shared.aws_sagemaker_notebook_instance.this[1]"]
    assert shared.attributes["name"] == "ml-risk-shared-1"
    assert shared.location.file == "estate/modules/notebook/main.tf"


def test_references_become_relations_and_unknown_values(write_tree: WriteTree) -> None:
    root = write_tree(MODULE_TREE)
    catalog = load_catalog()
    load = load_terraform([(root, "estate")], catalog.native_types, workers=1)
    normalized = normalize_all(load.resources, catalog)
    alpha = next(r for r in normalized.resources if r.id.endswith('team["alpha"]'))
    # The role's ARN is known only after apply; the unset variable too.
    assert {"role_arn", "kms_key_id"} <= alpha.unknown
    edges = {(rel.source_id, rel.field, rel.target_id) for rel in normalized.relations}
    assert (alpha.id, "role_arn", "aws_iam_role.notebook") in edges
    # Defaults apply to what the code leaves out.
    assert alpha.values["direct_internet_access"] is True
    assert alpha.values["root_access"] is True


def test_remote_module_is_reported_once_as_not_scanned(write_tree: WriteTree) -> None:
    root = write_tree(MODULE_TREE)
    load = load_terraform([(root, "estate")], load_catalog().native_types, workers=1)
    assert [(n.what, n.file, n.line) for n in load.not_scanned] == [
        ("module.vpc", "estate/main.tf", 24)
    ]
    assert "terraform-aws-modules/vpc/aws" in load.not_scanned[0].reason


def test_var_files_and_auto_tfvars_are_applied(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "main.tf": """
                variable "access" {}
                variable "root" {}
                resource "aws_sagemaker_notebook_instance" "nb" {
                  name                   = "nb"
                  role_arn               = "arn:aws:iam::111122223333:role/r"
                  instance_type          = "ml.t3.medium"
                  direct_internet_access = var.access
                  root_access            = var.root
                }
            """,
            "terraform.tfvars": 'access = "Disabled"\n',
            "prod.tfvars": 'root = "Disabled"\n',
        }
    )
    catalog = load_catalog()
    load = load_terraform(
        [(root, "x")], catalog.native_types, var_files=(str(root / "prod.tfvars"),), workers=1
    )
    (notebook,) = load.resources
    assert notebook.attributes["direct_internet_access"] == "Disabled"
    assert notebook.attributes["root_access"] == "Disabled"


def test_broken_file_is_reported_with_its_line_and_hides_nothing(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "good.tf": f"""
                resource "{NOTEBOOK}" "kept" {{
                  name          = "kept"
                  role_arn      = "arn:aws:iam::111122223333:role/r"
                  instance_type = "ml.t3.medium"
                }}
            """,
            "broken.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n',
            "also_broken.tf": 'resource "aws_s3_bucket" "c" {\n  bucket = "x"\n',
            "other/ok.tf": f"""
                resource "{NOTEBOOK}" "elsewhere" {{
                  name          = "elsewhere"
                  role_arn      = "arn:aws:iam::111122223333:role/r"
                  instance_type = "ml.t3.medium"
                }}
            """,
        }
    )
    load = load_terraform([(root, "t")], load_catalog().native_types, workers=1)
    assert sorted(r.id for r in load.resources) == [f"{NOTEBOOK}.elsewhere", f"{NOTEBOOK}.kept"]
    errors = sorted((e.file, e.line) for e in load.errors)
    assert errors == [("t/also_broken.tf", 3), ("t/broken.tf", 2)]
    assert all(e.message.startswith("syntax error") for e in load.errors)


def test_binary_and_non_utf8_files_are_errors_not_crashes(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "blob.tf": b"\x00\x01\x02binary",
            "latin1.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "caf\xe9"\n}\n'.encode(
                "latin-1"
            ),
            "ok.tf": f'resource "{NOTEBOOK}" "n" {{\n  name = "n"\n}}\n',
        }
    )
    load = load_terraform([(root, "t")], load_catalog().native_types, workers=1)
    messages = {e.file: (e.line, e.message) for e in load.errors}
    assert messages["t/blob.tf"] == (None, "binary file, not Terraform text")
    assert messages["t/latin1.tf"][0] == 2
    assert "UTF-8" in messages["t/latin1.tf"][1]
    assert [r.id for r in load.resources] == [f"{NOTEBOOK}.n"]


def test_folders_are_evaluated_in_parallel_processes(write_tree: WriteTree) -> None:
    files = {
        f"team{i}/main.tf": f"""
            resource "{NOTEBOOK}" "nb" {{
              name          = "team{i}"
              role_arn      = "arn:aws:iam::111122223333:role/r"
              instance_type = "ml.t3.medium"
            }}
        """
        for i in range(12)
    }
    root = write_tree(files)
    load = load_terraform([(root, "t")], load_catalog().native_types, workers=2)
    assert sorted(r.location.file for r in load.resources) == sorted(
        f"t/team{i}/main.tf" for i in range(12)
    )
    assert all(r.attributes["name"] == r.location.file.split("/")[1] for r in load.resources)


def test_unknown_survives_the_process_boundary(write_tree: WriteTree) -> None:
    files = {
        f"s{i}/main.tf": f"""
            variable "k" {{}}
            resource "{NOTEBOOK}" "nb" {{
              name       = "n{i}"
              kms_key_id = var.k
            }}
        """
        for i in range(9)
    }
    root = write_tree(files)
    load = load_terraform([(root, "t")], load_catalog().native_types, workers=2)
    assert len(load.resources) == 9
    assert all(r.attributes["kms_key_id"] is UNKNOWN for r in load.resources)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet='resourcevariable"{}=[]()\n #.,$:-_0123456789xyz', max_size=120))
def test_parse_file_never_raises(tmp_path: Path, text: str) -> None:
    target = tmp_path / "fuzz.tf"
    target.write_text(text, encoding="utf-8")
    parsed = parse_file(target, "fuzz.tf")
    assert (parsed.document is None) == (parsed.error is not None)
    if parsed.error is not None:
        assert parsed.error.file == "fuzz.tf"


def test_terraform_json_syntax_is_read(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "main.tf.json": '{"resource": {"aws_sagemaker_notebook_instance": {"j": {'
            '"name": "from-json", "direct_internet_access": "Disabled"}}}}',
            "broken/main.tf.json": '{"resource": ',
        }
    )
    load = load_terraform([(root, "t")], load_catalog().native_types, workers=1)
    assert [(r.id, r.attributes["name"]) for r in load.resources] == [
        ("aws_sagemaker_notebook_instance.j", "from-json")
    ]
    assert [(e.file, e.message.split(":")[0]) for e in load.errors] == [
        ("t/broken/main.tf.json", "invalid JSON")
    ]


def test_local_module_cycle_is_an_error_not_a_hang(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "main.tf": f"""
                module "a" {{
                  source = "./a"
                }}
                resource "{NOTEBOOK}" "top" {{
                  name = "top"
                }}
            """,
            "a/main.tf": 'module "back" {\n  source = "../"\n}\n',
        }
    )
    started = time.monotonic()
    load = load_terraform([(root, "t")], load_catalog().native_types, workers=1)
    assert time.monotonic() - started < 20
    assert [r.id for r in load.resources] == [f"{NOTEBOOK}.top"]
    assert len(load.errors) == 1
    assert "local module cycle" in load.errors[0].message


def test_module_that_never_finishes_is_cut_off_and_the_rest_scanned(write_tree: WriteTree) -> None:
    # tfparse expands count in full: a hundred million instances never finish.
    root = write_tree(
        {
            "huge/main.tf": f"""
                resource "{NOTEBOOK}" "fleet" {{
                  count                  = 100000000
                  name                   = "fleet-${{count.index}}"
                  direct_internet_access = "Enabled"
                }}
            """,
            "fine/main.tf": f'resource "{NOTEBOOK}" "fine" {{\n  name = "fine"\n}}\n',
        }
    )
    started = time.monotonic()
    load = load_terraform([(root, "t")], load_catalog().native_types, workers=2, timeout=3.0)
    assert time.monotonic() - started < 60
    assert [(e.file, e.message) for e in load.errors] == [
        ("t/huge", "terraform evaluation did not finish in 3 s")
    ]
    by_id = {r.id: r for r in load.resources}
    assert set(by_id) == {f"{NOTEBOOK}.fleet", f"{NOTEBOOK}.fine"}
    # Read as written: the literal values still judge the resource.
    assert by_id[f"{NOTEBOOK}.fleet"].attributes["direct_internet_access"] == "Enabled"


def test_modules_waiting_behind_one_that_never_finishes_are_still_evaluated(
    write_tree: WriteTree,
) -> None:
    # A worker is given the next module while it runs one; when the running one is cut off,
    # the one that waited in its inbox goes to another worker and is evaluated, not lost.
    files = {
        "a-huge/main.tf": f"""
            resource "{NOTEBOOK}" "fleet" {{
              count = 100000000
              name  = "fleet-${{count.index}}"
            }}
        """,
    }
    for name in ("b", "c", "d", "e"):
        files[f"{name}-next/main.tf"] = (
            f'locals {{\n  name = "{name}-evaluated"\n}}\n'
            f'resource "{NOTEBOOK}" "{name}" {{\n  name = local.name\n}}\n'
        )
    root = write_tree(files)
    load = load_terraform([(root, "t")], load_catalog().native_types, workers=2, timeout=3.0)
    assert [(e.file, e.message) for e in load.errors] == [
        ("t/a-huge", "terraform evaluation did not finish in 3 s")
    ]
    names = {r.id: r.attributes["name"] for r in load.resources if r.id != f"{NOTEBOOK}.fleet"}
    assert names == {f"{NOTEBOOK}.{n}": f"{n}-evaluated" for n in ("b", "c", "d", "e")}
