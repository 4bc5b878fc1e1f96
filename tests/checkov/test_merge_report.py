"""`scan --checkov-report FILE`: Checkov's results in mlposture's report, judged once."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from scanner.scoring import SEVERITY_WEIGHTS
from tests.checkov.conftest import NOTEBOOK, REPORT, SAGEMAKER_EQUIVALENTS, checkov_results
from tests.pr.conftest import run, run_json

SARIF_SCHEMA = Path(__file__).parents[1] / "data" / "schemas" / "sarif-schema-2.1.0.json"
SCAN = ("scan", "infra", "--checkov-report", str(REPORT))


def test_sagemaker_checks_mlposture_judges_are_dropped_and_general_checks_merged(
    project: Path,
) -> None:
    code, report = run_json(*SCAN, "--include-passed")
    assert code == 1
    assert report["errors"] == []
    merged = checkov_results(report)
    on_notebook = {check for resource, check in merged if resource == NOTEBOOK}
    assert on_notebook.isdisjoint(SAGEMAKER_EQUIVALENTS)
    # Checkov passes CKV_AWS_122 (it misses the service default); mlposture's failure stands.
    mine = {(r["resource"]["id"], r["rule_id"]): r for r in report["results"] if "engine" not in r}
    assert mine[(NOTEBOOK, "MLP-AWS-SM-002")]["status"] == "failed"
    # S3 and KMS checks mlposture lacks are there, in the contract's terms.
    logging = merged[("aws_s3_bucket.training", "CKV_AWS_18")]
    assert logging["status"] == "failed"
    assert logging["title"] == "Ensure the S3 bucket has access logging enabled"
    assert (logging["severity"], logging["category"]) == ("low", "logging")
    assert logging["resource"] | {"account": None} == {
        "id": "aws_s3_bucket.training",
        "kind": "aws.s3.bucket",
        "type": "aws_s3_bucket",
        "provider": "aws",
        "name": "training",
        "source": "terraform",
        "file": "infra/main.tf",
        "line": 10,
        "account": None,
        "region": None,
    }
    assert merged[("aws_kms_key.ml", "CKV2_AWS_64")]["status"] == "failed"
    assert merged[("aws_kms_key.ml", "CKV_AWS_33")]["status"] == "passed"
    # Equivalents of S3 and KMS rules: MLP-AWS-S3-001 / -002, MLP-AWS-KMS-001.
    assert {"CKV2_AWS_6", "CKV_AWS_145", "CKV_AWS_7"}.isdisjoint(c for _, c in merged)
    assert report["tool"]["engines"] == {"checkov": "3.3.30"}
    # 33 results in the report: 7 on the notebook, 2 x CKV_AWS_145, 2 x CKV2_AWS_6, CKV_AWS_7.
    assert report["summary"]["engines"] == {"checkov": {"merged": 21, "dropped": 12}}
    assert len(merged) == 21


def test_checkov_skips_and_mlposture_suppressions_both_hold(project: Path) -> None:
    _, report = run_json(*SCAN)
    merged = checkov_results(report)
    skipped = merged[("aws_s3_bucket.scratch", "CKV_AWS_21")]
    assert skipped["status"] == "suppressed"
    assert skipped["suppression"]["reason"] == "scratch data is disposable"
    ignored = merged[("aws_s3_bucket.scratch", "CKV_AWS_18")]
    assert ignored["status"] == "suppressed"
    assert ignored["suppression"]["reason"] == "scratch space: access logs are not kept"
    assert ignored["suppression"]["line"] == 14
    assert merged[("aws_s3_bucket.training", "CKV_AWS_18")]["status"] == "failed"
    assert report["summary"]["suppressed"] == 2
    assert report["errors"] == []


def test_a_report_in_a_list_gives_the_same_results_and_fingerprints(project: Path) -> None:
    listed = project / "listed.json"
    listed.write_text(json.dumps([json.loads(REPORT.read_text())]))
    _, first = run_json(*SCAN)
    _, again = run_json(*SCAN)
    _, from_list = run_json("scan", "infra", "--checkov-report", str(listed))
    prints = [sorted(r["fingerprint"] for r in rep["results"]) for rep in (first, again, from_list)]
    assert prints[0] == prints[1] == prints[2]
    assert len(set(prints[0])) == len(prints[0])


def test_baseline_accepts_checkov_failures_like_mlposture_ones(project: Path) -> None:
    code, _ = run(*SCAN, "--create-baseline", "baseline.json")
    assert code == 1
    accepted = json.loads((project / "baseline.json").read_text())["findings"]
    assert {"rule_id": "CKV_AWS_18", "resource": "aws_s3_bucket.training"}.items() <= next(
        f for f in accepted if f["rule_id"] == "CKV_AWS_18"
    ).items()
    code, report = run_json(*SCAN, "--baseline", "baseline.json")
    assert code == 0
    assert [r for r in report["results"] if r["status"] == "failed"] == []
    assert report["summary"]["baselined"] == len(accepted)


def test_fail_on_and_score_take_checkov_results(project: Path) -> None:
    # Only the KMS rotation rule of mlposture's (it passes): the notebook's Checkov checks
    # stay (mlposture judged nothing there), and CKV_AWS_307 (root access, iam) is high.
    narrowed = (*SCAN, "--rule", "MLP-AWS-KMS-001", "--include-passed")
    assert run("scan", "infra", "--rule", "MLP-AWS-KMS-001", "--fail-on", "high")[0] == 0
    assert run(*narrowed, "--fail-on", "critical")[0] == 0
    code, report = run_json(*narrowed, "--fail-on", "high")
    assert code == 1
    high = [r["rule_id"] for r in report["results"] if r["status"] == "failed"]
    assert "CKV_AWS_307" in high
    # The score weighs every decided check: Checkov's passed and failed too (a skipped one
    # says nothing; one suppressed by an mlposture comment still failed).
    weights = {s.value: w for s, w in SEVERITY_WEIGHTS.items()}
    decided = [
        (r["severity"], r["status"] == "passed")
        for r in report["results"]
        if r["status"] in ("passed", "failed") or r["rule_id"] == "CKV_AWS_18"
    ]
    total = sum(weights[s] for s, _ in decided)
    passed = sum(weights[s] for s, ok in decided if ok)
    assert report["summary"]["score"] == round(100 * passed / total, 1)
    assert report["summary"]["passed"] + report["summary"]["failed"] + 1 == len(decided)


def test_every_writer_carries_checkov_results(project: Path) -> None:
    code, _ = run(
        *SCAN,
        "--output-format",
        "sarif=out.sarif",
        "--output-format",
        "csv=out.csv",
        "--output-format",
        "junit=out.xml",
    )
    assert code == 1
    sarif = json.loads((project / "out.sarif").read_text())
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    run_ = sarif["runs"][0]
    rule = next(r for r in run_["tool"]["driver"]["rules"] if r["id"] == "CKV_AWS_18")
    assert rule["properties"]["category"] == "logging"
    found = [r for r in run_["results"] if r["ruleId"] == "CKV_AWS_18"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in found} == {
        "infra/main.tf"
    }
    assert "CKV_AWS_18" in (project / "out.csv").read_text()
    assert "CKV2_AWS_64" in (project / "out.xml").read_text()
    _, table = run(*SCAN, "--format", "table")
    assert "CKV_AWS_18" in table
    assert "Checkov 3.3.30: 21 results merged, 12 left out" in table


def test_an_unreadable_report_is_an_input_error_and_mlposture_results_stand(
    project: Path,
) -> None:
    garbage = project / "checkov.json"
    garbage.write_text("Traceback (most recent call last):\n  oops\n")
    for given in (garbage, project / "missing.json"):
        code, report = run_json("scan", "infra", "--checkov-report", str(given))
        assert code == 1
        assert [e["file"] for e in report["errors"]] == [str(given)]
        message = report["errors"][0]["message"]
        assert "Checkov" in message
        assert "Traceback" not in message
        rules = {r["rule_id"] for r in report["results"]}
        assert "MLP-AWS-SM-002" in rules
        assert not any(r.startswith("CKV") for r in rules)


def test_with_checkov_and_a_report_together_is_a_usage_error(project: Path) -> None:
    code, out = run(*SCAN, "--with-checkov")
    assert code == 2
    assert "--checkov-report" in out


def test_a_checkov_id_in_an_mlposture_comment_is_no_error_without_checkov(
    project: Path,
) -> None:
    _, report = run_json("scan", "infra")
    assert report["errors"] == []
    main = project / "infra" / "main.tf"
    main.write_text(main.read_text().replace("CKV_AWS_18 ", "CKV_AWS_18888 "))
    code, report = run_json("scan", "infra")
    assert code == 1
    assert [(e["line"], e["message"]) for e in report["errors"]] == [
        (14, "suppression names unknown rule 'CKV_AWS_18888'")
    ]


def test_a_module_outside_the_scanned_folder_lands_on_mlposture_s_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checkov names a called module's file from the scanned folder (`/../modules/...`), as
    mlposture does (`infra/../modules/...`): the same resource, so its SageMaker check drops."""
    project = tmp_path / "project"
    (project / "infra").mkdir(parents=True)
    (project / "modules" / "nb").mkdir(parents=True)
    (project / "infra" / "main.tf").write_text('module "team" {\n  source = "../modules/nb"\n}\n')
    module_code = (REPORT.parent / "tree" / "main.tf").read_text()
    (project / "modules" / "nb" / "main.tf").write_text(module_code)
    framework = json.loads(REPORT.read_text())
    checks = framework["results"]
    moved = []
    for status, check_id, resource in (
        ("failed_checks", "CKV_AWS_18", "aws_s3_bucket.training"),
        ("passed_checks", "CKV_AWS_122", NOTEBOOK),
    ):
        check = next(
            c for c in checks[status] if (c["check_id"], c["resource"]) == (check_id, resource)
        )
        moved.append(
            (
                status,
                {
                    **check,
                    "resource": f"module.team.{resource}",
                    "file_path": "/../modules/nb/main.tf",
                    "file_abs_path": "/github/workspace/modules/nb/main.tf",
                    "repo_file_path": "/modules/nb/main.tf",
                    "caller_file_path": "/main.tf",
                },
            )
        )
    framework["results"] = {
        "failed_checks": [c for s, c in moved if s == "failed_checks"],
        "passed_checks": [c for s, c in moved if s == "passed_checks"],
        "skipped_checks": [],
        "parsing_errors": [],
    }
    (project / "checkov.json").write_text(json.dumps(framework))
    monkeypatch.chdir(project)
    _, report = run_json("scan", "infra", "--checkov-report", "checkov.json", "--include-passed")
    assert report["summary"]["engines"] == {"checkov": {"merged": 1, "dropped": 1}}
    [logging] = [r for r in report["results"] if r.get("engine") == "checkov"]
    assert (logging["rule_id"], logging["resource"]["id"], logging["resource"]["file"]) == (
        "CKV_AWS_18",
        "module.team.aws_s3_bucket.training",
        "infra/../modules/nb/main.tf",
    )
    mine = {r["resource"]["file"] for r in report["results"] if "engine" not in r}
    assert mine == {"infra/../modules/nb/main.tf"}


def test_a_file_checkov_could_not_parse_is_an_input_error_once(project: Path) -> None:
    broken = project / "infra" / "broken.tf"
    broken.write_text('resource "aws_s3_bucket" "b" {\n  bucket = \n')
    framework = json.loads(REPORT.read_text())
    framework["results"]["parsing_errors"] = [
        str(project / "infra" / "main.tf"),
        str(broken),
    ]
    report_file = project / "checkov.json"
    report_file.write_text(json.dumps(framework))
    code, report = run_json("scan", "infra", "--checkov-report", str(report_file))
    assert code == 1
    by_file: dict[str, list[str]] = {}
    for error in report["errors"]:
        by_file.setdefault(error["file"], []).append(error["message"])
    # main.tf: mlposture read it, Checkov did not; broken.tf: mlposture's own error only.
    assert by_file["infra/main.tf"] == [
        "Checkov could not parse this file: its checks did not run on it"
    ]
    assert len(by_file["infra/broken.tf"]) == 1
    assert "Checkov" not in by_file["infra/broken.tf"][0]
