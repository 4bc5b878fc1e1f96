"""Attack paths as a user sees them: first in the table, the HTML report and the JSON results,
counted in the summary, weighed in the score, hops as SARIF related locations, and
`mlposture paths` over a report, a fresh scan and one resource's blast radius."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import polars as pl
from click.testing import CliRunner

from scanner.cli import main
from scanner.pipeline import ScanOptions, scan
from scanner.report import Report
from scanner.scoring import scores
from scanner.writers.html import write_html
from scanner.writers.sarif import write_sarif
from scanner.writers.table import write_table

ROOT = Path(__file__).resolve().parents[1]
ESTATE = ROOT / "iac"  # a full attack path per cloud (iac/paths.tf, azure/, gcp/)
SARIF_SCHEMA = ROOT / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json"
PATH_RULES = (
    "MLP-AWS-PATH-001",
    "MLP-AWS-PATH-002",
    "MLP-AWS-PATH-003",
    "MLP-AZ-PATH-002",
    "MLP-AZ-PATH-004",  # the ARM template of iac/azure/arm
    "MLP-GCP-PATH-001",
    "MLP-GCP-PATH-003",
)


@cache
def _report() -> Report:
    return scan([str(ESTATE)], ScanOptions())


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def test_paths_come_first_and_are_counted() -> None:
    report = _report()
    failed = [r for r in report.results if r.status == "failed"]
    paths = [r for r in failed if r.is_attack_path]
    assert {r.rule.id for r in paths} == set(PATH_RULES)
    assert failed[: len(paths)] == paths  # before every other finding, critical ones too
    contract = report.as_dict()
    assert contract["summary"]["attack_paths"] == len(paths)  # type: ignore[index]
    table = io.StringIO()
    write_table(report, table, color=False)
    text = table.getvalue()
    assert text.startswith(f"Attack paths ({len(paths)})")
    assert "path 1 hop 3: model_data_buckets -> aws_s3_bucket.sandbox_artifacts" in text
    assert f", {len(paths)} attack paths" in text


def test_the_html_report_lists_paths_first() -> None:
    page = io.StringIO()
    write_html(_report().as_dict(), page)
    html = page.getvalue()
    first_path = min(html.find(rule) for rule in PATH_RULES if rule in html)
    first_other = html.find("MLP-AWS-SM-")
    assert 0 < first_path < first_other
    assert 'data-count="attack-paths"' in html


def test_a_path_found_weighs_twice_its_severity_and_an_absent_one_nothing() -> None:
    decided = pl.DataFrame(
        {
            "passed": [False, True, True, False],
            "severity": ["critical", "critical", "medium", "low"],
            "category": ["attack-path", "attack-path", "network", "iam"],
            "provider": ["aws"] * 4,
        }
    )
    # Weights: the path found 2 x 10, the path absent 0, medium 3 (passed), low 1.
    assert scores(decided)[0] == round(100 * 3 / (20 + 3 + 1), 1)
    with_paths = _report()
    without = scan([str(ESTATE)], ScanOptions(skip_rules=("*-PATH-*",)))
    assert with_paths.summary.score is not None and without.summary.score is not None
    assert with_paths.summary.score < without.summary.score
    hardened = str(ESTATE / "gcp" / "hardened.tf")
    clean, clean_without = (
        scan([hardened], ScanOptions()),
        scan([hardened], ScanOptions(skip_rules=("*-PATH-*",))),
    )
    assert clean.summary.attack_paths == 0
    assert clean.summary.score == clean_without.summary.score  # absent paths move nothing


def test_sarif_related_locations_are_the_hops_and_validate() -> None:
    out = io.StringIO()
    write_sarif(_report(), out)
    log: dict[str, Any] = json.loads(out.getvalue())
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
    assert errors == []
    results = {
        (r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]): r
        for r in log["runs"][0]["results"]
    }
    path = results[("MLP-AWS-PATH-002", "aws_sagemaker_endpoint.churn")]
    related = path["relatedLocations"]
    assert [loc["logicalLocations"][0]["fullyQualifiedName"] for loc in related] == [
        "aws_sagemaker_endpoint_configuration.churn",
        "aws_sagemaker_model.churn",
        "aws_s3_bucket.sandbox_artifacts",
    ]
    assert related[2]["physicalLocation"]["artifactLocation"]["uri"].endswith("data_stores.tf")
    assert related[2]["physicalLocation"]["region"]["startLine"] > 0
    assert (
        "relatedLocations"
        not in results[("MLP-AWS-SM-002", "aws_sagemaker_notebook_instance.sandbox")]
    )


def test_fingerprints_of_paths_are_stable_across_runs() -> None:
    again = scan([str(ESTATE)], ScanOptions())
    first = {r.fingerprint for r in _report().results if r.is_attack_path}
    assert first == {r.fingerprint for r in again.results if r.is_attack_path}


def test_paths_command_reads_a_report_or_scans(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text(json.dumps(_report().as_dict()), "utf-8")
    code, out = _run("paths", str(report), "--format", "json")
    assert code == 1
    listed = json.loads(out)["attack_paths"]
    assert sorted(r["rule_id"] for r in listed) == sorted(
        r.rule.id for r in _report().results if r.is_attack_path
    )
    churn = next(r for r in listed if r["resource"]["id"] == "aws_sagemaker_endpoint.churn")
    assert [hop["relation"] for hop in churn["chains"][0]] == [
        None,
        "endpoint_config_name",
        "variant_model_names",
        "model_data_buckets",
    ]
    code, out = _run("paths", str(ESTATE / "gcp"))
    assert code == 1
    assert "google_workbench_instance.research_exposed" in out
    assert "members -> google_project_iam_member.research_editor" in out
    code, out = _run(
        "paths",
        str(ROOT / "rules" / "aws" / "paths" / "exposed-notebook-escalating-role" / "pass.tf"),
    )
    assert (code, out.strip()) == (0, "No attack paths.")


def test_blast_radius_of_one_resource() -> None:
    code, out = _run(
        "paths", str(ESTATE), "--from", "aws_sagemaker_endpoint.churn", "--format", "json"
    )
    assert code == 0
    reached = {r["resource"]: r for r in json.loads(out)["reached"]}
    assert reached["aws_sagemaker_endpoint_configuration.churn"]["depth"] == 1
    assert reached["aws_sagemaker_model.churn"]["depth"] == 2
    assert (
        reached["aws_sagemaker_model.churn"]["from"] == "aws_sagemaker_endpoint_configuration.churn"
    )
    assert reached["aws_sagemaker_model.churn"]["relation"] == "variant_model_names"
    code, out = _run("paths", str(ESTATE), "--from", "no.such.resource")
    assert code == 2
