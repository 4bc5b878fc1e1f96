"""OCSF 1.5 Compliance Finding events (class_uid 2003), one JSON object a line.

Public, stable API (the exporters build SIEM events from a saved JSON report with it):

    ocsf_events(report: Mapping, *, time: datetime | None = None) -> list[dict]
        One event per result of a report in the JSON contract (`Report.as_dict()` or a saved
        `--format json` file). `time` stamps the events; default: the report's own
        `generated_at` if it has one, else now.
    write_ocsf(report: Report, out) -> None
        The events as JSON Lines.

Why Compliance Finding and not Detection Finding (what Prowler emits): OCSF defines 2003 for
"results of evaluations performed against resources, to check compliance with industry
frameworks or security standards", which is what a posture rule is. Its required
`compliance` object carries the check's own Pass / Fail (`compliance.status_id`), so a passed
check (`--include-passed`) is a first-class event rather than a detection that did not happen,
and the rule's mappings (AWS FSBP SageMaker.1, NIST 800-53 AC-6, ...) land in
`compliance.standards` / `requirements` instead of `unmapped`. Detection Finding is for
alerts from detection engines and has no place for a pass.

Mapping:
- `finding_info.uid` is the fingerprint (rule + resource identity), the same as SARIF's
  partialFingerprints, ASFF's Id suffix and the JSON `fingerprint`: a SIEM updates one finding.
- `severity_id`: info 1, low 2, medium 3, high 4, critical 5.
- failed: activity Create, status New, compliance Fail; suppressed: status Suppressed (with
  the reason in `status_detail`), compliance Fail; passed: activity Close, status Resolved,
  compliance Pass; resolved (failed in the scope's last recorded run, not any more; sent by
  `--export-changes`): like passed. `status_code` is the report's own status.
- `resources[0]`: uid = resource id (Terraform address, logical ID, ARN), type = native type,
  `data` = kind, source, file, line. The `cloud` profile adds provider, account and region.
Every event is built with the py-ocsf-models pydantic models (the OCSF objects Prowler uses);
`cloud`, which that package does not attach to Compliance Finding, is validated with its
`Cloud` model and added as the OCSF cloud profile allows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from py_ocsf_models import OCSF_VERSION
from py_ocsf_models.events.findings.activity_id import ActivityID
from py_ocsf_models.events.findings.compliance_finding import ComplianceFinding
from py_ocsf_models.events.findings.compliance_finding_type_id import ComplianceFindingTypeID
from py_ocsf_models.events.findings.severity_id import SeverityID
from py_ocsf_models.events.findings.status_id import StatusID
from py_ocsf_models.objects.account import Account, TypeID
from py_ocsf_models.objects.check import Check
from py_ocsf_models.objects.cloud import Cloud
from py_ocsf_models.objects.compliance import Compliance
from py_ocsf_models.objects.compliance_status import StatusID as ComplianceStatusID
from py_ocsf_models.objects.finding_info import FindingInformation
from py_ocsf_models.objects.metadata import Metadata
from py_ocsf_models.objects.product import Product
from py_ocsf_models.objects.remediation import Remediation
from py_ocsf_models.objects.resource_details import ResourceDetails

from scanner.writers.common import (
    JsonReport,
    framework_ids,
    report_time,
    resource,
    results,
    standards,
    suppression_reason,
    tool_version,
    where,
)

# Only named: a report kept by the run cache is written without loading the report model.
if TYPE_CHECKING:
    from scanner.report import Report

CLASS_NAME = "Compliance Finding"
_SEVERITY_IDS = {
    "info": SeverityID.Informational,
    "low": SeverityID.Low,
    "medium": SeverityID.Medium,
    "high": SeverityID.High,
    "critical": SeverityID.Critical,
}
_SEVERITY_CAPTIONS = {
    SeverityID.Informational: "Informational",
    SeverityID.Low: "Low",
    SeverityID.Medium: "Medium",
    SeverityID.High: "High",
    SeverityID.Critical: "Critical",
}
_PROVIDERS = {"aws": "AWS", "azure": "Azure", "gcp": "GCP"}
_ACCOUNT_TYPES = {"aws": TypeID.AWS_Account, "gcp": TypeID.GCP_Account}
# status -> (activity, finding status id, finding status caption, compliance status)
_STATES = {
    "failed": (ActivityID.Create, StatusID.New, "New", ComplianceStatusID.Fail),
    "suppressed": (ActivityID.Create, StatusID.Suppressed, "Suppressed", ComplianceStatusID.Fail),
    "passed": (ActivityID.Close, StatusID.Resolved, "Resolved", ComplianceStatusID.Pass),
    # Failed in the last recorded run, not any more (history store, --export-changes).
    "resolved": (ActivityID.Close, StatusID.Resolved, "Resolved", ComplianceStatusID.Pass),
}
_TYPE_UIDS = {
    ActivityID.Create: ComplianceFindingTypeID.Create,
    ActivityID.Close: ComplianceFindingTypeID.Close,
}


def _cloud(res: Mapping[str, Any]) -> Cloud:
    provider = str(res.get("provider") or "")
    account = res.get("account")
    return Cloud(
        provider=_PROVIDERS.get(provider, provider or "Unknown"),
        region=res.get("region") or None,
        account=Account(
            uid=str(account),
            name=str(account),
            type_id=_ACCOUNT_TYPES.get(provider, TypeID.Other),
        )
        if account
        else None,
    )


def _resource(res: Mapping[str, Any]) -> ResourceDetails:
    data = {
        key: res.get(key)
        for key in ("kind", "source", "file", "line", "account")
        if res.get(key) is not None
    }
    return ResourceDetails(
        uid=str(res.get("id")),
        name=str(res.get("name") or res.get("id")),
        type=str(res.get("type") or res.get("kind")),
        region=res.get("region") or None,
        cloud_partition=_partition(res),
        data=data or None,
    )


def _partition(res: Mapping[str, Any]) -> str | None:
    ident = str(res.get("id") or "")
    return ident.split(":", 2)[1] if ident.startswith("arn:") and ident.count(":") >= 2 else None


def _event(result: Mapping[str, Any], stamp: datetime, version: str) -> dict[str, Any]:
    res = resource(result)
    status = str(result.get("status"))
    activity, status_id, status_caption, compliance_status = _STATES.get(status, _STATES["failed"])
    severity_id = _SEVERITY_IDS.get(str(result.get("severity")), SeverityID.Unknown)
    millis = int(stamp.timestamp() * 1000)
    title = str(result.get("title"))
    verb = "passes" if status in ("passed", "resolved") else "fails"
    event = ComplianceFinding(
        activity_id=activity,
        activity_name=activity.name,
        type_uid=_TYPE_UIDS[activity],
        type_name=f"{CLASS_NAME}: {activity.name}",
        class_name=CLASS_NAME,
        time=millis,
        time_dt=stamp,
        severity_id=severity_id,
        severity=_SEVERITY_CAPTIONS.get(severity_id, "Unknown"),
        status_id=status_id,
        status=status_caption,
        status_code=status,
        status_detail=suppression_reason(result),
        message=f"{res.get('id')} {verb}: {title}",
        metadata=Metadata(
            product=Product(name="mlposture", vendor_name="mlposture", version=version),
            version=OCSF_VERSION,
            event_code=str(result.get("rule_id")),
            profiles=["cloud"],
        ),
        finding_info=FindingInformation(
            uid=str(result.get("fingerprint")),
            title=title,
            desc=f"{title}: {res.get('id')} ({where(res)})",
            types=[str(result.get("category"))],
            created_time=millis,
            created_time_dt=stamp,
        ),
        compliance=Compliance(
            control=str(result.get("rule_id")),
            category=str(result.get("category")),
            standards=standards(result) or None,
            requirements=framework_ids(result) or None,
            status_id=compliance_status,
            checks=[
                Check(
                    uid=str(result.get("rule_id")),
                    name=title,
                    severity=str(result.get("severity")),
                    severity_id=severity_id,
                    status="Pass" if compliance_status == ComplianceStatusID.Pass else "Fail",
                    status_id=compliance_status,
                )
            ],
        ),
        resources=[_resource(res)],
        remediation=Remediation(desc=str(result.get("remediation") or "See the rule.")),
    )
    payload: dict[str, Any] = event.model_dump(mode="json", exclude_none=True)
    payload["cloud"] = _cloud(res).model_dump(mode="json", exclude_none=True)
    return payload


def ocsf_events(report: JsonReport, *, time: datetime | None = None) -> list[dict[str, Any]]:
    """One OCSF Compliance Finding (2003) per result of a JSON-contract report."""
    stamp = report_time(report, time)
    version = tool_version(report)
    return [_event(result, stamp, version) for result in results(report)]


def write_ocsf(report: Report, out: TextIO, *, time: datetime | None = None) -> None:
    for event in ocsf_events(report.as_dict(), time=time):
        out.write(json.dumps(event, separators=(",", ":")))
        out.write("\n")
