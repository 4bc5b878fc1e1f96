"""The whole-run cache answers every output format, and the run's own report files in the
scanned folder do not make the next run judge again (scanner/cli_rerun.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.writers import FORMATS
from tests.conftest import WriteTree

NOTEBOOK = """
resource "aws_sagemaker_notebook_instance" "nb" {
  name                   = "nb"
  role_arn               = "arn:aws:iam::111122223333:role/nb"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "%s"
}
resource "aws_s3_bucket" "data" {
  bucket = "training-data"
}
"""
ASFF_TARGET = ("--aws-account-id", "111122223333", "--aws-region", "eu-west-1")


@pytest.fixture
def code(write_tree: WriteTree) -> Path:
    return write_tree({"code/main.tf": NOTEBOOK % "Enabled"}) / "code"


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """One time for the scan and the cached answer, so their bytes can be compared."""
    at = datetime.now(UTC).replace(microsecond=0)

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: object = None) -> Frozen:
            return at  # type: ignore[return-value]

    monkeypatch.setattr("scanner.pipeline.datetime", Frozen)
    monkeypatch.setattr("scanner.cli_rerun._now", lambda: at, raising=False)
    return at


def _run(*args: str) -> tuple[int, bytes]:
    result = CliRunner().invoke(main, ["scan", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout_bytes


def _judged_again(cache: Path) -> bool:
    """A run that judged reads the module cache, so it recreates the folder removed."""
    found = (cache / "terraform").is_dir()
    shutil.rmtree(cache / "terraform", ignore_errors=True)
    return found


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_cached_answer_in_each_format_is_the_bytes_of_a_scan(
    fmt: str, code: Path, tmp_path: Path, frozen: datetime
) -> None:
    cache, out = tmp_path / "cache", tmp_path / f"report.{fmt}"
    args = [str(code), "--format", fmt, "--include-passed", *ASFF_TARGET]
    fresh_code, _ = _run(*args, "--no-cache", "-o", str(out))
    fresh = out.read_bytes()
    out.unlink()
    _run(*args, "--cache-dir", str(cache), "-o", str(out))
    assert _judged_again(cache)
    assert out.read_bytes() == fresh
    kept_code, _ = _run(*args, "--cache-dir", str(cache), "-o", str(out))
    assert not _judged_again(cache), f"{fmt}: the unchanged tree was judged again"
    assert kept_code == fresh_code == 1
    assert out.read_bytes() == fresh


def test_the_default_table_on_stdout_is_answered_too(
    code: Path, tmp_path: Path, frozen: datetime
) -> None:
    cache = tmp_path / "cache"
    _, fresh = _run(str(code), "--no-cache")
    _, first = _run(str(code), "--cache-dir", str(cache))
    assert _judged_again(cache)
    _, kept = _run(str(code), "--cache-dir", str(cache))
    assert not _judged_again(cache), "the unchanged tree was judged again"
    assert kept == first == fresh and b"MLP-AWS-SM-002" in kept


def test_one_cached_run_answers_formats_made_from_its_json(code: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(str(code), "--format", "json", "--cache-dir", str(cache))
    assert _judged_again(cache)
    for fmt in ("csv", "junit", "html"):
        _run(str(code), "--format", fmt, "--cache-dir", str(cache))
        assert not _judged_again(cache), f"{fmt} judged again"


@pytest.mark.parametrize("name", ["report.sarif", "report.json", "out/findings.csv"])
def test_the_report_written_into_the_scanned_folder_leaves_it_unchanged(
    name: str, code: Path, tmp_path: Path
) -> None:
    cache, report = tmp_path / "cache", code / name
    report.parent.mkdir(exist_ok=True)
    fmt = {".sarif": "sarif", ".json": "json", ".csv": "csv"}[report.suffix]
    args = (str(code), "--format", fmt, "-o", str(report), "--cache-dir", str(cache))
    _run(*args)
    assert _judged_again(cache)
    _run(*args)
    assert not _judged_again(cache), f"its own {name} made the scan judge again"
    (code / "main.tf").write_text(NOTEBOOK % "Disabled", encoding="utf-8")
    _run(*args)
    assert _judged_again(cache), "a changed .tf file was answered from the cache"
    assert b"MLP-AWS-SM-002" not in report.read_bytes()


def test_a_report_file_a_source_reads_still_counts(code: Path, tmp_path: Path) -> None:
    """OCSF is JSON lines: named .json in the scanned folder, the next scan reads it (and
    says it is not valid JSON), so it is part of what that scan depends on."""
    cache, report = tmp_path / "cache", code / "findings.json"
    args = (str(code), "--format", "ocsf", "-o", str(report), "--cache-dir", str(cache))
    _run(*args)
    _judged_again(cache)
    _run(*args)
    assert _judged_again(cache)


def test_a_cached_answer_imports_no_polars(code: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ["scan", str(code), "--format", "json", "--cache-dir", str(cache)]
    probe = (
        "import sys\nfrom scanner.cli import main\n"
        f"try:\n    main({args!r})\nfinally:\n"
        "    print('polars' in sys.modules, 'scanner.pipeline' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert first.stderr.strip().endswith("True True")
    again = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert again.returncode == 1, again.stderr
    assert again.stderr.strip().endswith("False False"), again.stderr


# A scan in a fresh interpreter, as the installed `mlposture` runs it (scanner.entry); the
# last line on stderr says which of the heavy modules it loaded.
_LOADS_PROBE = """
import json, sys
from scanner.entry import main
heavy = json.loads(sys.argv.pop(1))
sys.argv[0] = "mlposture"
try:
    main()
finally:
    print(json.dumps([m for m in heavy if m in sys.modules]), file=sys.stderr)
"""
# What a miss needs and a hit does not: the scan pipeline and its engine (Polars, the rule
# models), the HCL parser, the history store (SQLAlchemy) and the cloud SDK.
_NOT_FOR_A_HIT = [
    "polars",
    "sqlalchemy",
    "boto3",
    "botocore",
    "hcl2",
    "tfparse",
    "scanner.pipeline",
    "scanner.engine.rules",
    "scanner.report",
]


def _loaded_by_scan(*args: str) -> tuple[int, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", _LOADS_PROBE, json.dumps(_NOT_FOR_A_HIT), "scan", *args],
        capture_output=True,
        text=True,
        env=env,
    )
    return done.returncode, json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_cached_answer_in_any_format_loads_no_engine_store_or_cloud_sdk(
    fmt: str, code: Path, tmp_path: Path
) -> None:
    """A re-scan answered from the cache costs the interpreter, the command line and the
    kept text: not Polars, SQLAlchemy or boto3 (most of a second before)."""
    cache = tmp_path / "cache"
    output = ["-o", str(tmp_path / f"report.{fmt}")] if fmt != "table" else []  # table: stdout
    args = [str(code), "--format", fmt, *ASFF_TARGET, "--cache-dir", str(cache), *output]
    code_first, loaded_first = _loaded_by_scan(*args)
    assert _judged_again(cache) and "polars" in loaded_first
    code_again, loaded_again = _loaded_by_scan(*args)
    assert not _judged_again(cache), f"{fmt}: the unchanged tree was judged again"
    assert code_again == code_first == 1
    assert loaded_again == [], f"{fmt}: a cached answer loaded {loaded_again}"


def test_the_names_the_run_cache_takes_as_read_are_those_the_sources_read() -> None:
    from scanner.cli_rerun import READ_SUFFIXES
    from scanner.sources import load

    assert set(READ_SUFFIXES) == set(load._READ_SUFFIXES)


def test_the_cached_answer_loads_no_writer_rule_or_pipeline_of_its_own() -> None:
    """The module that answers a hit is light by itself (the whole command's imports on a
    hit: test_a_cached_answer_in_any_format_loads_no_engine_store_or_cloud_sdk)."""
    probe = (
        "import sys\nimport scanner.cli_rerun\n"
        "heavy = ('polars', 'scanner.pipeline', 'scanner.writers', 'scanner.engine.rules')\n"
        "print([m for m in heavy if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_an_earlier_runs_report_file_in_the_folder_leaves_it_unchanged(
    code: Path, tmp_path: Path
) -> None:
    """CI writes report.sarif, a developer then asks for the JUnit file: the SARIF file
    left in the folder is the scanner's own, not a change."""
    cache = tmp_path / "cache"
    _run(
        str(code), "--format", "sarif", "-o", str(code / "report.sarif"), "--cache-dir", str(cache)
    )
    assert _judged_again(cache)
    _run(str(code), "--format", "junit", "-o", str(code / "report.xml"), "--cache-dir", str(cache))
    assert not _judged_again(cache), "the earlier run's report.sarif made it judge again"
    (code / "report.sarif").write_text("edited by hand", encoding="utf-8")
    _run(str(code), "--format", "junit", "-o", str(code / "report.xml"), "--cache-dir", str(cache))
    assert _judged_again(cache), "a report file changed since the scanner wrote it is a change"
