"""Hostile Terraform (HCL, JSON syntax, azapi bodies): one error with its line, no traceback.

The bad file sits in a root module of its own beside a good azapi module and good documents
of every format; their findings must still be reported.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.sources.hostile import GOOD_AZAPI, Scan, assert_one_error, scan_beside_good

GOOD_MODULE = {"good/main.tf": GOOD_AZAPI}
GOOD_AZAPI_ID = "azapi_resource.cc_train"
NOTEBOOK = """\
resource "aws_sagemaker_notebook_instance" "deep" {
  name          = "deep"
  role_arn      = "arn:aws:iam::111122223333:role/r"
  instance_type = "ml.t3.medium"
}
"""


def _scan(tmp_path: Path, files: dict[str, str | bytes]) -> Scan:
    scan = scan_beside_good(tmp_path, {**GOOD_MODULE, **files})
    assert GOOD_AZAPI_ID in scan.resource_ids(), scan.report["errors"]
    return scan


def test_deeply_nested_list_in_hcl_is_one_error_with_its_line(tmp_path: Path) -> None:
    deep = NOTEBOOK + "locals {\n  x = " + "[" * 10_000 + "]" * 10_000 + "\n}\n"
    scan = _scan(tmp_path, {"bad/bad.tf": deep})
    assert_one_error(scan, "bad.tf", "nested more than 100 levels deep", 7)


def test_deeply_nested_object_in_hcl_is_one_error_with_its_line(tmp_path: Path) -> None:
    deep = NOTEBOOK + "locals {\n  x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n}\n"
    scan = _scan(tmp_path, {"bad/bad.tf": deep})
    assert_one_error(scan, "bad.tf", "nested more than 100 levels deep", 7)


def test_deeply_nested_terraform_json_is_one_error_with_its_line(tmp_path: Path) -> None:
    deep = '{"locals": {\n"x": ' + "[" * 10_000 + "]" * 10_000 + "}}"
    scan = _scan(tmp_path, {"bad/bad.tf.json": deep})
    assert_one_error(scan, "bad.tf.json", "nested more than 100 levels deep", 2)


def test_deeply_nested_azapi_body_is_one_error_with_its_line(tmp_path: Path) -> None:
    deep = GOOD_AZAPI.replace("cc_train", "deep").replace(
        'computeType      = "AmlCompute"',
        'computeType      = "AmlCompute"\n      x = ' + "[" * 3000 + "]" * 3000,
    )
    line = deep[: deep.index("x = [")].count("\n") + 1
    scan = _scan(tmp_path, {"bad/bad.tf": deep})
    assert_one_error(scan, "bad.tf", "nested more than 100 levels deep", line)


def test_jsonencoded_body_too_deep_or_past_the_digit_limit_is_unknown(tmp_path: Path) -> None:
    """A body string that is not JSON within the bounds is not read: unknown, never a crash."""
    deep = json.dumps("[" * 3000 + "]" * 3000)
    digits = json.dumps('{"properties": {"disableLocalAuth": ' + "9" * 5000 + "}}")
    bodies = {"deep": deep, "digits": digits}
    for name, body in bodies.items():
        module = GOOD_AZAPI.replace("cc_train", name).replace(
            "body = jsonencode({", f"body = {body}\n  ignored = ({{", 1
        )
        (tmp_path / f"{name}/main.tf").parent.mkdir()
        (tmp_path / f"{name}/main.tf").write_text(module, encoding="utf-8")
    scan = _scan(tmp_path, {})
    assert scan.report["errors"] == []
    assert {"azapi_resource.deep", "azapi_resource.digits"} <= scan.resource_ids()
    scan.assert_good_files_judged()


def test_unclosed_template_markers_in_a_value_are_linear(tmp_path: Path) -> None:
    """`$${` is a literal `${`: 40,000 of them without `}` were scanned to the end each time."""
    many = NOTEBOOK.replace('name          = "deep"', 'name = "' + "$${" * 40_000 + '"')
    scan = _scan(tmp_path, {"bad/main.tf": many})
    assert scan.seconds < 20, f"took {scan.seconds:.1f} s"
    assert "aws_sagemaker_notebook_instance.deep" in scan.resource_ids()
    assert scan.report["errors"] == []


def test_deeply_nested_hcl_evaluated_in_process_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """With workers=1 tfparse runs in the scanning process: its reader must never see a file
    nested past the bound (it recursed past Python's limit and the whole scan crashed)."""
    from scanner.pipeline import ScanOptions, scan

    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "bad.tf").write_text(
        "locals {\n  x = " + "[" * 10_000 + "]" * 10_000 + "\n}\n"
    )
    (tmp_path / "bad" / "main.tf").write_text(NOTEBOOK)  # same module, a good file
    report = scan([str(tmp_path / "bad")], ScanOptions(workers=1))
    assert any("nested more than 100 levels deep" in e.message for e in report.errors)
    assert any(r.resource.id.endswith(".deep") for r in report.results)  # still judged


def test_a_name_set_as_argument_and_block_is_an_error_when_read_unevaluated(
    tmp_path: Path,
) -> None:
    """tfparse crashes on an argument set again and again beside a block of its name; the
    module is then read without evaluation, where python-hcl2 raised a bare RuntimeError
    ("Attribute rule is already defined.") through the whole scan (found by `make fuzz`)."""
    twice = "\n".join(["  rule = aws_s3_bucket.data.id"] * 3)
    bad = f"""\
resource "aws_s3_bucket" "data" {{
  bucket = "data"
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {{
  bucket = aws_s3_bucket.data.id
{twice}
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "aws:kms"
    }}
  }}
}}
"""
    scan = _scan(tmp_path, {"bad/bad.tf": bad})
    assert any("already defined" in e["message"] for e in scan.errors_of("bad.tf")), scan.report
    assert scan.code == 1
    scan.assert_good_files_judged()


def test_a_block_with_thousands_of_labels_is_one_error_not_a_recursion(tmp_path: Path) -> None:
    """Labels nest the parsed document one level each, past what the text's brackets show:
    `"{"a":{"a":...` is a string label, an identifier label, a string label ... (found by
    `make fuzz`, seed 2812: read without evaluation, the reader recursed past Python's limit)."""
    labels = '{"a":' * 3000 + "1" + "}" * 3000
    bad = NOTEBOOK + f'resource "aws_s3_bucket" "{labels}" {{\n  bucket = "x"\n}}\n'
    scan = _scan(tmp_path, {"bad/bad.tf": bad})
    messages = [e["message"] for e in scan.errors_of("bad.tf")]
    assert any("nested more than 100 levels deep" in m for m in messages), scan.report["errors"]
    assert scan.code == 1
