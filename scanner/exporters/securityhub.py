"""AWS Security Hub: `BatchImportFindings` in batches of 100, stale findings archived.

Findings are built by `scanner.writers.asff.asff_findings` (Id `mlposture/<fingerprint>`,
so a re-import updates a finding instead of duplicating it) and tagged with the export
scope in `ProductFields["mlposture/scope"]`.

Archiving scope: after a report has been delivered in full, the exporter lists the ACTIVE
findings of this account's default product in this region whose GeneratorId starts with
`mlposture/` and whose `mlposture/scope` equals this export's scope, and re-imports those
whose Id is not in the report with `RecordState: ARCHIVED` (the provider-owned field;
`BatchUpdateFindings` cannot change it). Two estates exported into the same account and
region must therefore use different scopes (`--scope`), or each run would archive the
other's findings. Nothing is archived after a partial delivery.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    NoCredentialsError,
    NoRegionError,
    PartialCredentialsError,
)

from scanner.exporters.base import (
    Delivery,
    Destination,
    ExportFailure,
    JsonResult,
    ReceiverRejected,
    ReceiverUnavailable,
    findings,
)
from scanner.writers.asff import asff_findings, product_arn

if TYPE_CHECKING:
    from mypy_boto3_securityhub import SecurityHubClient
    from mypy_boto3_securityhub.type_defs import AwsSecurityFindingFiltersTypeDef

log = logging.getLogger(__name__)

BATCH = 100  # BatchImportFindings takes at most 100 findings a call
SCOPE_FIELD = "mlposture/scope"
GENERATOR_PREFIX = "mlposture/"
_THROTTLED = frozenset(
    {"ThrottlingException", "TooManyRequestsException", "LimitExceededException"}
)
_CONFIG_ERRORS = (NoCredentialsError, PartialCredentialsError, NoRegionError)


class SecurityHubExporter:
    """Imports findings into the Security Hub of the caller's account and region."""

    def __init__(self, destination: Destination, *, session: boto3.Session | None = None) -> None:
        self._destination = destination
        session = session or boto3.Session(region_name=destination.region)
        config = Config(
            retries={"mode": "standard", "total_max_attempts": destination.retries + 1},
            connect_timeout=destination.timeout,
            read_timeout=destination.timeout,
        )
        try:
            self._client: SecurityHubClient = session.client(
                "securityhub", endpoint_url=destination.url or None, config=config
            )
            self._sts = session.client("sts", config=config)
        except _CONFIG_ERRORS as exc:
            raise ReceiverRejected(f"AWS configuration: {exc}") from None
        self._region = self._client.meta.region_name
        self._account: str | None = None

    def __repr__(self) -> str:
        return f"SecurityHubExporter({self._region!r}, scope={self._destination.scope!r})"

    def deliver(self, results: Sequence[JsonResult], tool: Mapping[str, Any]) -> Delivery:
        try:
            batch = self._findings({"tool": dict(tool), "results": list(results)})
        except ExportFailure as exc:
            return Delivery(0, list(results), exc)
        delivered = 0
        rejected: list[JsonResult] = []
        first_error = ""
        for start in range(0, len(batch), BATCH):
            chunk = batch[start : start + BATCH]
            members = results[start : start + BATCH]
            try:
                answer = self._call(lambda c=chunk: self._client.batch_import_findings(Findings=c))
            except ExportFailure as exc:
                return Delivery(delivered, [*rejected, *results[start:]], exc)
            failed_ids = {f["Id"] for f in answer.get("FailedFindings", [])}
            for finding, result in zip(chunk, members, strict=True):
                if finding["Id"] in failed_ids:
                    rejected.append(result)
                else:
                    delivered += 1
            if answer.get("FailedFindings") and not first_error:
                failure = answer["FailedFindings"][0]
                first_error = f"{failure.get('ErrorCode')}: {failure.get('ErrorMessage')}"
        if rejected:
            failure_text = (
                f"{len(rejected)} findings rejected by BatchImportFindings ({first_error})"
            )
            return Delivery(delivered, rejected, ReceiverRejected(failure_text))
        return Delivery(delivered, [], None)

    def reconcile(self, report: Mapping[str, Any]) -> int:
        # Passed results are not findings: one that failed before is archived like a gone one.
        current = {f["Id"] for f in self._findings({**report, "results": findings(report)})}
        stale = [f for f in self._active_in_scope() if f["Id"] not in current]
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        archived = [_archived(finding, now) for finding in stale]
        for start in range(0, len(archived), BATCH):
            chunk = archived[start : start + BATCH]
            answer = self._call(lambda c=chunk: self._client.batch_import_findings(Findings=c))
            if answer.get("FailedFindings"):
                count = len(answer["FailedFindings"])
                raise ReceiverRejected(f"{count} stale findings could not be archived")
        if archived:
            log.info("archived %d findings no longer reported", len(archived))
        return len(archived)

    def close(self) -> None:
        self._client.close()
        self._sts.close()

    def _findings(self, report: Mapping[str, Any]) -> list[dict[str, Any]]:
        findings = asff_findings(report, account_id=self._account_id(), region=self._region)
        for finding in findings:
            finding["ProductFields"][SCOPE_FIELD] = self._destination.scope
        return findings

    def _account_id(self) -> str:
        if self._account is None:
            answer = self._call(self._sts.get_caller_identity)
            self._account = str(answer["Account"])
        return self._account

    def _active_in_scope(self) -> Iterator[dict[str, Any]]:
        product = product_arn(self._account_id(), self._region)
        filters: AwsSecurityFindingFiltersTypeDef = {
            "ProductArn": [{"Value": product, "Comparison": "EQUALS"}],
            "RecordState": [{"Value": "ACTIVE", "Comparison": "EQUALS"}],
            "GeneratorId": [{"Value": GENERATOR_PREFIX, "Comparison": "PREFIX"}],
            "ProductFields": [
                {"Key": SCOPE_FIELD, "Value": self._destination.scope, "Comparison": "EQUALS"}
            ],
        }
        pages = self._client.get_paginator("get_findings").paginate(
            Filters=filters, PaginationConfig={"PageSize": 100}
        )
        iterator = iter(pages)
        while True:
            page = self._call(lambda: next(iterator, None))
            if page is None:
                return
            for finding in page["Findings"]:
                # Checked here too: a filter the service ignored must not widen the scope.
                if (
                    finding.get("ProductArn") == product
                    and finding.get("RecordState", "ACTIVE") == "ACTIVE"
                    and str(finding.get("GeneratorId", "")).startswith(GENERATOR_PREFIX)
                    and finding.get("ProductFields", {}).get(SCOPE_FIELD) == self._destination.scope
                ):
                    yield dict(finding)

    def _call(self, operation: Any) -> Any:
        """Run one AWS call, turning its failures into the exporter's two kinds."""
        try:
            return operation()
        except _CONFIG_ERRORS as exc:
            raise ReceiverRejected(f"AWS configuration: {exc}") from None
        except ClientError as exc:
            error = exc.response.get("Error", {})
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            text = f"{error.get('Code')}: {error.get('Message')}"
            if status >= 500 or error.get("Code") in _THROTTLED:
                raise ReceiverUnavailable(text) from None
            raise ReceiverRejected(text) from None
        except BotoCoreError as exc:  # endpoint down, timed out, connection closed
            raise ReceiverUnavailable(f"{type(exc).__name__}: {exc}") from None


def _archived(finding: Mapping[str, Any], now: str) -> dict[str, Any]:
    archived = {k: v for k, v in finding.items() if k not in ("ProcessedAt",)}
    fields = archived.get("ProductFields") or {}
    archived["ProductFields"] = {
        k: v for k, v in fields.items() if not k.startswith("aws/securityhub/")
    }
    archived["RecordState"] = "ARCHIVED"
    archived["UpdatedAt"] = now
    return archived
