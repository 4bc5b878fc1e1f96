"""The terminal table names the ML resources that run with a failing IAM role or policy."""

from __future__ import annotations

import io
from pathlib import Path

from scanner.pipeline import ScanOptions, scan
from scanner.writers.table import write_table

LINKED = """
resource "aws_iam_role" "notebook" {
  name = "ml-notebook"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" },
                   Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_policy" "launch" {
  name = "ml-launch"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:Pass*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "scoped" {
  name = "ml-read"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole",
                   Resource = "arn:aws:iam::111122223333:role/ml-notebook" }]
  })
}

resource "aws_iam_role_policy_attachment" "launch" {
  role       = aws_iam_role.notebook.name
  policy_arn = aws_iam_policy.launch.arn
}

resource "aws_iam_role_policy_attachment" "scoped" {
  role       = aws_iam_role.notebook.name
  policy_arn = aws_iam_policy.scoped.arn
}
"""
NOTEBOOK = """
resource "aws_sagemaker_notebook_instance" "{name}" {{
  name          = "{name}"
  role_arn      = aws_iam_role.notebook.arn
  instance_type = "ml.t3.medium"
}}
"""


def _table(root: Path) -> str:
    options = ScanOptions(only_rules=("MLP-AWS-IAM-003",), include_passed=True, workers=1)
    out = io.StringIO()
    write_table(scan([str(root)], options), out, color=False)
    return out.getvalue()


def test_failed_iam_result_names_the_ml_resources_that_run_with_it(tmp_path: Path) -> None:
    notebooks = "".join(NOTEBOOK.format(name=n) for n in ("lab", "prod", "scratch"))
    (tmp_path / "main.tf").write_text(LINKED + notebooks, encoding="utf-8")
    text = _table(tmp_path)
    launch = text.split("aws_iam_policy.launch", 1)[1].split("\n\n", 1)[0]
    assert "used by: aws_sagemaker_notebook_instance.lab (+2 more)" in launch
    # A policy that passes is shown without it.
    scoped = text.split("aws_iam_policy.scoped", 1)[1].split("\n\n", 1)[0]
    assert "used by" not in scoped


def test_one_user_is_named_alone(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(LINKED + NOTEBOOK.format(name="lab"), encoding="utf-8")
    assert "used by: aws_sagemaker_notebook_instance.lab\n" in _table(tmp_path)
