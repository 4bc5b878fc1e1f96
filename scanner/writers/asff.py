"""AWS Security Finding Format (ASFF) for Security Hub `BatchImportFindings`.

Public, stable API (the Security Hub exporter imports saved JSON reports with it):

    asff_findings(report: Mapping, *, account_id: str, region: str,
                  partition: str = "aws", time: datetime | None = None) -> list[dict]
        One AwsSecurityFinding per result of a report in the JSON contract
        (`Report.as_dict()` or a saved `--format json` file), for the account's default
        product `arn:<partition>:securityhub:<region>:<account>:product/<account>/default`.
    write_asff(report: Report, out, *, account_id, region, ...) -> None
        The findings as one JSON array (the `Findings` list of `BatchImportFindings`).

Mapping:
- `Id` is `mlposture/<fingerprint>`: the same finding keeps its Id across runs, so a re-import
  updates it instead of adding a duplicate. `GeneratorId` is `mlposture/<rule id>`.
- `AwsAccountId` is `account_id` (the importing account: Security Hub accepts findings of the
  default product only for the caller's own account); a live resource's own account is in its
  ARN (`Resources[0].Id`). `Region` is the resource's region, else `region`.
- Severity.Label: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL (`Original` keeps ours).
- failed: Compliance FAILED, Workflow NEW; suppressed: FAILED, Workflow SUPPRESSED (reason in
  ProductFields); passed: PASSED, Workflow RESOLVED. RecordState is ACTIVE: archiving findings
  that no longer appear is the exporter's job. resolved (a finding the history store saw
  fail in the scope's last run, sent by `--export-changes`): PASSED, Workflow RESOLVED,
  RecordState ARCHIVED.
- Resources: a live ARN keeps its ASFF type where one exists (AwsSageMakerNotebookInstance);
  code (a Terraform address, a logical ID) is type `Other`, with file, line and kind in
  `Details.Other`.
- Lengths follow the API's documented limits (Title 256, Description 1024, Remediation text
  512, 32 related requirements); longer text is cut with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from scanner.writers.common import (
    JsonReport,
    framework_ids,
    report_time,
    resource,
    results,
    suppression_reason,
    tool_version,
    where,
)
from scanner.writers.json_text import write_indented_json

# Only named: a report kept by the run cache is written without loading the report model.
if TYPE_CHECKING:
    from scanner.report import Report

SCHEMA_VERSION = "2018-10-08"
_LABELS = {
    "critical": "CRITICAL",
    "high": "HIGH",
    "medium": "MEDIUM",
    "low": "LOW",
    "info": "INFORMATIONAL",
}
_COMPLIANCE = {"failed": "FAILED", "suppressed": "FAILED", "passed": "PASSED", "resolved": "PASSED"}
_WORKFLOW = {
    "failed": "NEW",
    "suppressed": "SUPPRESSED",
    "passed": "RESOLVED",
    "resolved": "RESOLVED",
}
# Kinds whose live resources have an ASFF resource type of their own.
_RESOURCE_TYPES = {
    "aws.sagemaker.notebook_instance": "AwsSageMakerNotebookInstance",
    "aws.iam.role": "AwsIamRole",
    "aws.iam.policy": "AwsIamPolicy",
    "aws.kms.key": "AwsKmsKey",
    "aws.s3.bucket": "AwsS3Bucket",
    "aws.ec2.security_group": "AwsEc2SecurityGroup",
}
_TYPES_BY_FRAMEWORK = {
    "aws-fsbp": "Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices",
    "nist-800-53": "Industry and Regulatory Standards/NIST-800-53",
    "cis-aws": "Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
}
_NAMESPACE = "Software and Configuration Checks"
_MAX = {"Title": 256, "Description": 1024, "Text": 512, "Other": 1024, "Field": 1024}


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _timestamp(stamp: datetime) -> str:
    return (
        stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"
    )


def product_arn(account_id: str, region: str, partition: str = "aws") -> str:
    """The account's own (default) Security Hub product, the one custom findings use."""
    return f"arn:{partition}:securityhub:{region}:{account_id}:product/{account_id}/default"


def _types(result: Mapping[str, Any]) -> list[str]:
    types = [f"{_NAMESPACE}/AWS Security Best Practices"]
    frameworks = result.get("frameworks") or {}
    types += [
        f"{_NAMESPACE}/{_TYPES_BY_FRAMEWORK[f]}" for f in frameworks if f in _TYPES_BY_FRAMEWORK
    ]
    return types


def _resource(res: Mapping[str, Any], region: str, partition: str) -> dict[str, Any]:
    ident = str(res.get("id"))
    live = ident.startswith("arn:")
    details = {
        key: _cut(str(res.get(key)), _MAX["Other"])
        for key in ("kind", "type", "name", "source", "file", "line", "account")
        if res.get(key) not in (None, "")
    }
    out: dict[str, Any] = {
        "Type": _RESOURCE_TYPES.get(str(res.get("kind")), "Other") if live else "Other",
        "Id": ident,
        "Partition": ident.split(":", 2)[1] if live else partition,
        "Region": str(res.get("region") or region),
    }
    if details:
        out["Details"] = {"Other": details}
    return out


def _finding(
    result: Mapping[str, Any], account_id: str, region: str, partition: str, now: str, version: str
) -> dict[str, Any]:
    res = resource(result)
    status = str(result.get("status"))
    rule_id = str(result.get("rule_id"))
    title = str(result.get("title"))
    fields = {
        "mlposture/fingerprint": str(result.get("fingerprint")),
        "mlposture/rule_id": rule_id,
        "mlposture/status": status,
        "mlposture/category": str(result.get("category")),
        "mlposture/location": where(res),
        "mlposture/version": version,
    }
    reason = suppression_reason(result)
    if reason:
        fields["mlposture/suppression_reason"] = reason
    finding: dict[str, Any] = {
        "SchemaVersion": SCHEMA_VERSION,
        "Id": f"mlposture/{result.get('fingerprint')}",
        "ProductArn": product_arn(account_id, region, partition),
        "ProductName": "mlposture",
        "CompanyName": "mlposture",
        "GeneratorId": f"mlposture/{rule_id}",
        "AwsAccountId": account_id,
        "Region": str(res.get("region") or region),
        "Types": _types(result),
        "FirstObservedAt": now,
        "LastObservedAt": now,
        "CreatedAt": now,
        "UpdatedAt": now,
        "Severity": {
            "Label": _LABELS.get(str(result.get("severity")), "INFORMATIONAL"),
            "Original": str(result.get("severity")),
        },
        "Title": _cut(f"{rule_id} {title}", _MAX["Title"]),
        "Description": _cut(
            f"{title}: {res.get('id')} ({where(res) or 'no location'}) "
            f"{'passes' if status in ('passed', 'resolved') else 'fails'} rule {rule_id}.",
            _MAX["Description"],
        ),
        "Remediation": {
            "Recommendation": {
                "Text": _cut(str(result.get("remediation") or "See the rule."), _MAX["Text"])
            }
        },
        "ProductFields": {k: _cut(v, _MAX["Field"]) for k, v in fields.items()},
        "Resources": [_resource(res, region, partition)],
        "Compliance": {"Status": _COMPLIANCE.get(status, "FAILED")},
        "Workflow": {"Status": _WORKFLOW.get(status, "NEW")},
        # A finding resolved since the last recorded run (--export-changes) is archived.
        "RecordState": "ARCHIVED" if status == "resolved" else "ACTIVE",
    }
    requirements = framework_ids(result)[:32]
    if requirements:
        finding["Compliance"]["RelatedRequirements"] = requirements
    return finding


def asff_findings(
    report: JsonReport,
    *,
    account_id: str,
    region: str,
    partition: str = "aws",
    time: datetime | None = None,
) -> list[dict[str, Any]]:
    """One AwsSecurityFinding per result of a JSON-contract report."""
    now = _timestamp(report_time(report, time))
    version = tool_version(report)
    return [
        _finding(result, account_id, region, partition, now, version) for result in results(report)
    ]


def write_asff(
    report: Report,
    out: TextIO,
    *,
    account_id: str,
    region: str,
    partition: str = "aws",
    time: datetime | None = None,
) -> None:
    findings = asff_findings(
        report.as_dict(), account_id=account_id, region=region, partition=partition, time=time
    )
    write_indented_json(findings, out)
    out.write("\n")
