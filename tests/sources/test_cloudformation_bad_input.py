"""Hostile or broken CloudFormation input: a clear error within bounded time and memory.

Each case is scanned by the real console script in a child process, next to a good
template, so the test sees what a user sees: the error listed under `errors` with its line,
the good template's findings still there, no traceback, and the child's wall time and peak
memory (from `wait4`) under generous bounds. Measured on the project machine: about 1.5 s
(most of it interpreter and Polars start-up) and 190 MB for every case.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

TIME_BOUND_SECONDS = 30.0
MEMORY_BOUND_MB = 1024
GOOD = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  GoodNotebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/nb
"""
HEAD = GOOD + "Metadata:\n"


def _billion_laughs() -> str:
    lines = ["  lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"  lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]")
    return HEAD + "\n".join(lines) + "\n"


def _deep_flow() -> str:
    return HEAD + "  Deep: " + "[" * 5000 + "]" * 5000 + "\n"


def _deep_block() -> str:
    return HEAD + "".join(" " * (i + 2) + f"k{i}:\n" for i in range(1500)) + " " * 1502 + "v\n"


def _deep_json() -> str:
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {"Notebook": {"Type": "AWS::SageMaker::NotebookInstance"}},
    }
    deep = "[" * 50_000 + "]" * 50_000
    return json.dumps(template)[:-1] + f', "Metadata": {{"Deep": {deep}}}}}'


def _circular() -> str:
    return """\
AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  UseKey: !Not [!Condition NoKey]
  NoKey: !Not [!Condition UseKey]
Resources:
  Key:
    Type: AWS::KMS::Key
    DependsOn: CircularNotebook
  CircularNotebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: r
      KmsKeyId: !If [UseKey, !GetAtt Key.Arn, !Ref AWS::NoValue]
"""


def _condition_chain() -> str:
    chain = "".join(f"  C{i}: !Not [!Condition C{i + 1}]\n" for i in range(3000))
    chained = GOOD.replace("GoodNotebook:", "ChainedNotebook:\n    Condition: C0")
    return chained.replace("Resources:", f"Conditions:\n{chain}  C3000: !Equals [a, a]\nResources:")


def _wide_mapping() -> str:
    return HEAD.replace("Metadata:\n", "Mappings:\n  Wide:\n") + "".join(
        f"    k{i}: {{a: {i}}}\n" for i in range(8000)
    )


def _syntax_error() -> str:
    return GOOD + "      KmsKeyId: [unclosed\n      SubnetId: subnet-1\n"


def _recursive_alias() -> str:
    return HEAD + "  Loop: &loop [1, *loop]\n"


def _over_template_limit() -> str:
    return HEAD + "  Blob: |\n" + ("    " + "x" * 1020 + "\n") * (5 * 1024)


def _big_parameter(body: str) -> str:
    """A template with a 200 KB parameter default (anchored `&big`), and `body` as a RoleArn."""
    return (
        'AWSTemplateFormatVersion: "2010-09-09"\n'
        f"Parameters:\n  Big: {{Type: String, Default: &big {'x' * 200_000}}}\n"
        "Resources:\n  Huge:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n"
        f"      InstanceType: ml.t3.medium\n      RoleArn: {body}\n"
    )


def _join_aliases() -> str:
    return _big_parameter("!Join ['', [" + ", ".join(["*big"] * 10_000) + "]]")  # 2 GB


def _sub_repeated() -> str:
    return _big_parameter("!Sub '" + "${Big}" * 200_000 + "'")  # 40 GB


def _resources_not_a_mapping() -> str:
    return 'AWSTemplateFormatVersion: "2010-09-09"\nResources: "abc"\n'


def _properties_a_list() -> str:
    return GOOD.replace("GoodNotebook", "Good").replace(
        "Resources:\n",
        "Resources:\n  Listed:\n    Type: AWS::SageMaker::NotebookInstance\n"
        "    Properties: [1, 2]\n",
    )


def _ref_to_nothing() -> str:
    return GOOD.replace("GoodNotebook", "Good") + "      KmsKeyId: !Ref NoSuchKey\n"


def _yaml_digits() -> str:
    return HEAD + "  Count: " + "9" * 5000 + "\n"


def _json_digits() -> str:
    return '{"AWSTemplateFormatVersion": "2010-09-09",\n "Metadata": {"n": ' + "9" * 5000 + "}}"


# name -> (file name, content, message expected, line expected)
CASES: dict[str, tuple[str, Callable[[], str], str, int | None]] = {
    "yaml alias bomb": ("bomb.yaml", _billion_laughs, "expands to more than", 14),
    "deep flow nesting": ("deep.yaml", _deep_flow, "nested more than", 9),
    "deep block nesting": ("deep.yml", _deep_block, "nested more than", 1007),
    "deep json nesting": ("deep.json", _deep_json, "nested more than", 1),
    "circular condition": ("circular.yaml", _circular, "circular condition: UseKey", 3),
    "circular dependency": (
        "circular.yaml",
        _circular,
        "circular dependency between resources: CircularNotebook -> Key -> CircularNotebook",
        9,
    ),
    "condition chain": ("chain.yaml", _condition_chain, "refer to one another more than", 33),
    "quadratic mapping": ("wide.yaml", _wide_mapping, "too many keys", 10),
    "syntax error": ("broken.yaml", _syntax_error, "invalid YAML", 9),
    "recursive alias": ("loop.yaml", _recursive_alias, "alias refers to the value", 9),
    "template over 4 MB": ("big.yaml", _over_template_limit, "larger than 4 MB", None),
    "join over aliases of a big parameter": (
        "join.yaml",
        _join_aliases,
        "Fn::Join builds a value too large",
        9,
    ),
    "sub repeating a big parameter": (
        "sub.yaml",
        _sub_repeated,
        "Fn::Sub builds a value too large",
        9,
    ),
    "resources not a mapping": (
        "abc.yaml",
        _resources_not_a_mapping,
        "Resources is not a mapping",
        2,
    ),
    "properties a list": (
        "list.yaml",
        _properties_a_list,
        "Properties of Listed is not a mapping",
        5,
    ),
    "ref to nothing": (
        "ref.yaml",
        _ref_to_nothing,
        "Ref NoSuchKey names no parameter or resource",
        8,
    ),
    "yaml integer past the digit limit": ("digits.yaml", _yaml_digits, "more than 4300", 9),
    "integer past the digit limit": ("digits.json", _json_digits, "more than 4300 digits", 2),
}


# Linux carries a process's peak RSS across fork and exec, so a child of a large pytest process
# would report pytest's size as its own peak. A small launcher process starts the scan instead
# and reports the scan's own peak from `wait4`.
_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _run_bounded(args: list[str], timeout: float) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, seconds, peak MB) of a child killed after `timeout`."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as folder,
    ):
        peak_file = Path(folder) / "peak"
        start = time.monotonic()
        launcher = [sys.executable, "-c", _LAUNCHER, str(peak_file), *args]
        child = subprocess.Popen(launcher, stdout=out, stderr=err, start_new_session=True)
        watchdog = threading.Timer(timeout, lambda: os.killpg(child.pid, signal.SIGKILL))
        watchdog.start()
        code = child.wait()
        watchdog.cancel()
        elapsed = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        peak_kb = int(peak_file.read_text()) if peak_file.exists() else 0  # kB on Linux
        return code, out.read().decode(), err.read().decode(), elapsed, peak_kb / 1024


def _scan(folder: Path) -> tuple[int, dict[str, Any], float, float]:
    script = Path(sys.executable).parent / "mlposture"
    code, out, err, seconds, peak = _run_bounded(
        [str(script), "scan", str(folder), "--format", "json"], TIME_BOUND_SECONDS * 2
    )
    assert "Traceback" not in out + err, err
    assert seconds < TIME_BOUND_SECONDS, f"took {seconds:.1f} s"
    assert peak < MEMORY_BOUND_MB, f"peak {peak:.0f} MB"
    return code, json.loads(out), seconds, peak


@pytest.mark.parametrize("case", list(CASES))
def test_bad_template_is_an_error_and_hides_nothing(tmp_path: Path, case: str) -> None:
    name, content, message, line = CASES[case]
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_text(content(), encoding="utf-8")
    code, report, _, _ = _scan(tmp_path)
    assert code == 1  # an unreadable file is never a silent pass
    errors = [e for e in report["errors"] if e["file"].endswith(name)]
    assert any(message in e["message"] and e["line"] == line for e in errors), errors
    results = report["results"]
    assert any(r["resource"]["id"] == "GoodNotebook" for r in results)


def test_sub_with_unclosed_variables_is_linear(tmp_path: Path) -> None:
    """`${` without `}` 40,000 times: each opening scanned to the end took 13 s (80 KB: 30 s)."""
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    unclosed = GOOD.replace("GoodNotebook", "Unclosed") + (
        "      KmsKeyId: !Sub '" + "${" * 40_000 + "'\n"
        "      SubnetId: !Sub ['" + "${" * 40_000 + "', {}]\n"
    )
    (tmp_path / "unclosed.yaml").write_text(unclosed, encoding="utf-8")
    code, report, seconds, _ = _scan(tmp_path)
    assert seconds < 10, f"took {seconds:.1f} s"
    assert code == 1
    assert {"GoodNotebook", "Unclosed"} <= {r["resource"]["id"] for r in report["results"]}


def test_file_over_64_mb_is_refused_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    with (tmp_path / "huge.yaml").open("w", encoding="utf-8") as handle:
        handle.write(HEAD + "  Blob: |\n")
        line = "    " + "x" * 1020 + "\n"
        for _ in range(65 * 1024):
            handle.write(line)
    code, report, _, _ = _scan(tmp_path)
    assert code == 1
    assert [(e["file"].rsplit("/", 1)[-1], e["message"]) for e in report["errors"]] == [
        ("huge.yaml", "file is larger than 64 MB; not read")
    ]


def test_yaml_that_is_not_cloudformation_is_skipped_quietly(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "deployment.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n---\nkind: Service\n",
        encoding="utf-8",
    )
    (tmp_path / "workflow.yml").write_text(
        "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: aws cloudformation deploy --region AWS::Region\n",
        encoding="utf-8",
    )
    (tmp_path / "compose.yaml").write_text("services: {db: {image: postgres}}\n", "utf-8")
    code, report, _, _ = _scan(tmp_path)
    assert code == 1  # GoodNotebook's findings
    assert report["errors"] == []
    assert report["summary"]["files"] == 1


def test_nested_stacks_that_multiply_are_capped(tmp_path: Path) -> None:
    stacks = "".join(
        f"  S{i}:\n    Type: AWS::CloudFormation::Stack\n    Properties: {{TemplateURL: ./NEXT}}\n"
        for i in range(300)
    )
    for name, child in (("a", "b"), ("b", "c"), ("c", "good")):
        text = f"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n{stacks}"
        (tmp_path / f"{name}.yaml").write_text(text.replace("NEXT", f"{child}.yaml"), "utf-8")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    code, report, _, _ = _scan(tmp_path)  # 300 x 300 x 300 includes, were they all read
    assert code == 1
    assert [e["message"] for e in report["errors"]] == [
        "more than 2000 nested stacks in one scan; the rest not read"
    ]


def test_a_parameter_default_that_is_an_object_is_unknown_not_a_crash(tmp_path: Path) -> None:
    """No parameter type takes an object (or null) as its value: a `Ref` to one is unknown.
    It reached normalization as cfn-lint's node class, which pickle cannot write, and the
    whole scan ended in a traceback (found by `make fuzz`, seed 2812)."""
    from tests.sources.hostile import scan_beside_good

    template = """\
{"AWSTemplateFormatVersion": "2010-09-09",
 "Parameters": {"Key": {"Type": "String", "Default": {"a": null}},
                "Platform": {"Type": "String", "Default": {"b": [1]}}},
 "Resources": {"Churn": {"Type": "AWS::SageMaker::NotebookInstance",
   "Properties": {"InstanceType": "ml.t3.medium",
                  "RoleArn": "arn:aws:iam::111122223333:role/nb",
                  "KmsKeyId": {"Ref": "Key"},
                  "PlatformIdentifier": {"Ref": "Platform"}}}}}
"""
    scan = scan_beside_good(tmp_path, {"bad/object-default.json": template}, "--include-passed")
    scan.assert_good_files_judged()
    assert not scan.errors_of("object-default.json")
    outcomes = {
        r["rule_id"]: r["status"]
        for r in scan.report["results"]
        if r["resource"]["id"].endswith("Churn")
    }
    # Judged as a parameter without a default is: its key is given at deployment.
    assert outcomes["MLP-AWS-SM-001"] == "passed"
    assert outcomes["MLP-AWS-SM-002"] == "failed"  # the rest of the notebook is still judged
