"""Baseline files: the failures a project has accepted for now, by fingerprint.

`--create-baseline FILE` writes the current failures; `--baseline FILE` then leaves those out
of the results (counted as `baselined` in the summary), so only new failures fail a build.
The file is meant to be committed and reviewed: sorted, stable, one finding per entry with
the rule, resource and file beside the fingerprint for the humans reading the diff.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

from scanner.errors import UsageError
from scanner.report import Report, Result, fingerprint

log = logging.getLogger(__name__)

BASELINE_FORMAT = "mlposture-baseline"
BASELINE_VERSION = 1


def baseline_document(results: list[Result]) -> dict[str, object]:
    """The baseline of `results`: their failures, sorted by file, resource and rule."""
    entries = {
        r.fingerprint: {
            "fingerprint": r.fingerprint,
            "rule_id": r.rule.id,
            "resource": r.resource.id,
            "file": r.resource.location.file or r.resource.location.account or "",
        }
        for r in results
        if r.status == "failed"
    }
    findings = sorted(
        entries.values(),
        key=lambda e: (e["file"], e["resource"], e["rule_id"], e["fingerprint"]),
    )
    return {"format": BASELINE_FORMAT, "version": BASELINE_VERSION, "findings": findings}


def write_baseline(results: list[Result], path: Path) -> None:
    text = json.dumps(baseline_document(results), indent=2, ensure_ascii=False) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write baseline {path}: {exc.strerror}") from exc


def read_baseline(path: Path) -> frozenset[str]:
    """The fingerprints of a baseline file; a file that is not one is a usage error."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read baseline {path}: {exc.strerror}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"baseline {path} is not JSON: {exc}") from exc
    findings = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(document, dict) or document.get("format") != BASELINE_FORMAT:
        raise UsageError(f"{path} is not an mlposture baseline (write one with --create-baseline)")
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and isinstance(f.get("fingerprint"), str) for f in findings
    ):
        raise UsageError(f"baseline {path}: findings must be a list of {{fingerprint, ...}}")
    return frozenset(f["fingerprint"] for f in findings)


def leave_out(
    report: Report, known: frozenset[str], renamed: Mapping[str, str] | None = None
) -> int:
    """Drop the failures whose fingerprint is in `known`; how many were dropped.

    `renamed` maps a replaced rule id to the rule that runs in its place: a baseline written
    before the rule was replaced names the old id, and still accepts the same finding."""
    former: dict[str, list[str]] = defaultdict(list)
    for old, new in (renamed or {}).items():
        if old != new:
            former[new].append(old)

    def accepted(result: Result) -> bool:
        if result.fingerprint in known:
            return True
        for old in former.get(result.rule.id, ()):
            if fingerprint(old, result.resource) in known:
                log.warning(
                    "the baseline names %s, replaced by %s: applied to it", old, result.rule.id
                )
                return True
        return False

    kept = [r for r in report.results if r.status != "failed" or not accepted(r)]
    dropped = len(report.results) - len(kept)
    report.results = kept
    return dropped
