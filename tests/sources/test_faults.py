"""Files made to misbehave (FIFOs, unreadable files, links out of the folder, modules that
eat memory), scanned as a user would: the console script, with a time limit of its own so
that a hang fails the test instead of hanging the suite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import WriteTree

SCRIPT = Path(sys.executable).parent / "mlposture"
RULE = "MLP-AWS-SM-002"  # direct internet access disabled
OPEN_NOTEBOOK = """
resource "aws_sagemaker_notebook_instance" "{name}" {{
  name                   = "{name}"
  direct_internet_access = "Enabled"
}}
"""
TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/nb
      DirectInternetAccess: Enabled
"""
# Forty doublings of a list: a few hundred bytes that ask for terabytes.
DOUBLING = (
    'locals {\n  l0 = ["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]\n'
    + "".join(f"  l{i} = concat(local.l{i - 1}, local.l{i - 1})\n" for i in range(1, 41))
    + "}\n"
    + OPEN_NOTEBOOK.format(name="doubled")
)


def _scan(*args: str, timeout: float = 240) -> tuple[int, dict[str, Any], str]:
    done = subprocess.run(
        [str(SCRIPT), "scan", *args, "--format", "json", "--rule", RULE],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout), done.stderr


def _failed(report: dict[str, Any]) -> set[str]:
    return {r["resource"]["id"] for r in report["results"] if r["status"] == "failed"}


def _errors(report: dict[str, Any]) -> dict[str, str]:
    return {e["file"]: e["message"] for e in report["errors"]}


@pytest.mark.parametrize("name", ["main.tf", "plan.json", "template.yaml", "sub/main.tf"])
def test_a_fifo_named_like_a_source_is_an_error_and_never_opened(
    write_tree: WriteTree, name: str
) -> None:
    root = write_tree({"code/fine.tf": OPEN_NOTEBOOK.format(name="fine")})
    fifo = root / "code" / name
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    code, report, _ = _scan(str(root / "code"), "--no-cache", timeout=120)
    assert code == 1
    assert "named pipe" in _errors(report)[str(root / "code" / name)]
    if name == "main.tf":  # tfparse would open the FIFO: the folder is read unevaluated
        assert "not evaluated" in _errors(report)[str(root / "code")]
    assert _failed(report) == {"aws_sagemaker_notebook_instance.fine"}


def test_a_looping_link_named_like_a_template_is_an_error(write_tree: WriteTree) -> None:
    root = write_tree({"stack/ok.yaml": TEMPLATE})
    (root / "stack" / "loop.yaml").symlink_to(root / "stack" / "loop.yaml")
    code, report, _ = _scan(str(root / "stack"), "--no-cache")
    assert code == 1
    assert "broken or looping" in _errors(report)[str(root / "stack" / "loop.yaml")]
    assert _failed(report) == {"Notebook"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
@pytest.mark.parametrize("name", ["plan.json", "template.yaml"])
def test_an_unreadable_document_is_an_error(write_tree: WriteTree, name: str) -> None:
    root = write_tree({"code/fine.tf": OPEN_NOTEBOOK.format(name="fine"), f"code/{name}": "{}"})
    (root / "code" / name).chmod(0)
    code, report, _ = _scan(str(root / "code"), "--no-cache")
    assert code == 1
    assert "cannot read file" in _errors(report)[str(root / "code" / name)]


def test_file_links_out_of_the_folder_are_followed_only_when_asked(
    write_tree: WriteTree,
) -> None:
    root = write_tree(
        {
            "elsewhere/secret.tf": OPEN_NOTEBOOK.format(name="elsewhere"),
            "elsewhere/stack.yaml": TEMPLATE,
            "code/own.tf": OPEN_NOTEBOOK.format(name="own"),
            "code/inside/real.yaml": TEMPLATE.replace("Notebook:", "Inner:"),
        }
    )
    code_dir = root / "code"
    (code_dir / "linked.tf").symlink_to(root / "elsewhere" / "secret.tf")
    (code_dir / "linked.yaml").symlink_to(root / "elsewhere" / "stack.yaml")
    (code_dir / "same.yaml").symlink_to(code_dir / "inside" / "real.yaml")  # stays inside

    code, report, _ = _scan(str(code_dir), "--no-cache")
    skipped = {n["file"]: n["reason"] for n in report["not_scanned"]}
    for link in ("linked.tf", "linked.yaml"):
        assert "outside the scanned folder" in skipped[str(code_dir / link)]
    assert "elsewhere" not in json.dumps(report["results"])
    assert "aws_sagemaker_notebook_instance.elsewhere" not in _failed(report)
    assert "aws_sagemaker_notebook_instance.own" in _failed(report)
    assert "Inner" in _failed(report)  # a link inside the folder is read as before
    assert code == 1

    code, report, _ = _scan(str(code_dir), "--no-cache", "--follow-symlinks")
    assert report["not_scanned"] == []
    assert report["errors"] == []
    assert {"aws_sagemaker_notebook_instance.elsewhere", "Notebook"} <= _failed(report)


def test_a_local_module_outside_the_folder_is_evaluated_and_noted(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "shared/nb/main.tf": OPEN_NOTEBOOK.format(name="shared"),
            "live/main.tf": 'module "nb" {\n  source = "../shared/nb"\n}\n',
        }
    )
    code, report, _ = _scan(str(root / "live"), "--no-cache")
    assert code == 1
    assert _failed(report) == {"module.nb.aws_sagemaker_notebook_instance.shared"}
    (note,) = report["notes"]
    assert "'../shared/nb'" in note
    assert str((root / "shared" / "nb").resolve()) in note


def test_a_module_calling_its_own_folder_is_a_cycle(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "self/main.tf": 'module "again" {\n  source = "."\n}\n'
            + OPEN_NOTEBOOK.format(name="looped"),
            "fine/main.tf": OPEN_NOTEBOOK.format(name="fine"),
        }
    )
    code, report, _ = _scan(str(root), "--no-cache", "--module-memory", "400")
    assert code == 1
    assert "local module cycle" in _errors(report)[f"{root}/self"]
    assert _failed(report) == {
        "aws_sagemaker_notebook_instance.looped",
        "aws_sagemaker_notebook_instance.fine",
    }


def test_a_module_that_eats_memory_is_cut_off_and_never_cached(
    write_tree: WriteTree, tmp_path: Path
) -> None:
    root = write_tree(
        {"code/blow/main.tf": DOUBLING, "code/fine/main.tf": OPEN_NOTEBOOK.format(name="fine")}
    )
    cache = tmp_path / "cache"
    for _ in range(2):  # the second scan evaluates it again: a cut-off module is not cached
        code, report, _ = _scan(
            str(root / "code"), "--module-memory", "400", "--cache-dir", str(cache)
        )
        assert code == 1
        message = _errors(report)[f"{root}/code/blow"]
        assert "needed more than 400 MB of memory" in message
        # Read as written, the module is still judged.
        assert _failed(report) == {
            "aws_sagemaker_notebook_instance.doubled",
            "aws_sagemaker_notebook_instance.fine",
        }
    assert len(list((cache / "terraform").rglob("*.json"))) == 1  # the fine module only
    # A run with an error is not remembered as a whole either.
    assert not [p for p in cache.glob("runs/*.json") if p.name != "outputs.json"]


def test_count_and_for_each_terraform_refuses_are_errors_with_their_line(
    write_tree: WriteTree,
) -> None:
    root = write_tree(
        {
            "code/main.tf": """\
                locals {
                  many = range(1025)
                }
                resource "aws_sagemaker_notebook_instance" "negative" {
                  count                  = -1
                  direct_internet_access = "Enabled"
                }
                resource "aws_sagemaker_notebook_instance" "too_many" {
                  for_each               = toset([for i in range(1025) : tostring(i)])
                  direct_internet_access = "Enabled"
                }
                resource "aws_sagemaker_notebook_instance" "through_a_local" {
                  count                  = length(local.many)
                  direct_internet_access = "Enabled"
                }
                resource "aws_sagemaker_notebook_instance" "counted" {
                  count                  = length(range(1024))
                  name                   = "counted-${count.index}"
                  direct_internet_access = "Enabled"
                }
            """
        }
    )
    code, report, _ = _scan(str(root / "code"), "--no-cache")
    assert code == 1
    errors = {(e["file"], e["line"]): e["message"] for e in report["errors"]}
    main = str(root / "code" / "main.tf")
    assert set(errors) == {(main, 5), (main, 9), (main, 13)}
    assert "count is -1" in errors[(main, 5)]
    assert "range(1025)" in errors[(main, 9)] and "1,024" in errors[(main, 9)]
    assert "local.many" in errors[(main, 13)]
    # 1,024 is Terraform's limit, not beyond it: every instance is judged.
    counted = [r for r in report["results"] if "counted" in r["resource"]["id"]]
    assert len(counted) == 1024


def test_a_tfvars_link_out_of_the_folder_is_not_read_unless_asked(write_tree: WriteTree) -> None:
    root = write_tree(
        {
            "elsewhere/values.tfvars": 'access = "Enabled"\n',
            "code/main.tf": """
                variable "access" { default = "Disabled" }
                resource "aws_sagemaker_notebook_instance" "nb" {
                  direct_internet_access = var.access
                }
            """,
        }
    )
    (root / "code" / "terraform.tfvars").symlink_to(root / "elsewhere" / "values.tfvars")
    code, report, _ = _scan(str(root / "code"), "--no-cache")
    skipped = {n["file"]: n["reason"] for n in report["not_scanned"]}
    assert "outside the scanned folder" in skipped[str(root / "code" / "terraform.tfvars")]
    assert _failed(report) == set()
    assert code == 0  # a notice, not an error: what was scanned passed
    code, report, _ = _scan(str(root / "code"), "--no-cache", "--follow-symlinks")
    assert _failed(report) == {"aws_sagemaker_notebook_instance.nb"}
    assert code == 1
