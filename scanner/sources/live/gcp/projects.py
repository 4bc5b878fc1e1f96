"""Which projects to audit: those named, those below an organization or folder (Cloud
Resource Manager v3, folders followed recursively), or the credentials' own project."""

from __future__ import annotations

import logging

from scanner.sources.live.common import AuditSetupError, CoverageGap
from scanner.sources.live.gcp.client import GoogleApiError, GoogleClient
from scanner.sources.live.gcp.endpoints import GLOBAL
from scanner.sources.live.gcp.gaps import classify, gap
from scanner.sources.live.gcp.options import GcpAuditOptions
from scanner.sources.live.gcp.pager import items

log = logging.getLogger(__name__)

PROJECTS_PERMISSION = "resourcemanager.projects.list"
FOLDERS_PERMISSION = "resourcemanager.folders.list"
_ACTIVE = "ACTIVE"
MAX_FOLDERS = 10_000  # an organization deeper or wider than this is not walked further


def _parent(kind: str, value: str) -> str:
    return value if value.startswith(f"{kind}/") else f"{kind}/{value}"


def _children(client: GoogleClient, parent: str, collection: str) -> list[dict[str, object]]:
    url = client.url("cloudresourcemanager", "v3", collection)
    found = items(client, url, collection, {"parent": parent})
    return [item for item in found if item.get("state", _ACTIVE) == _ACTIVE]


def _below(client: GoogleClient, top: str, gaps: list[CoverageGap]) -> list[str]:
    """Project IDs of every active project below `top`; a folder that cannot be read is a
    gap, `top` itself an AuditSetupError."""
    found: list[str] = []
    pending, seen = [top], {top}
    while pending and len(seen) <= MAX_FOLDERS:
        parent = pending.pop(0)
        try:
            projects = _children(client, parent, "projects")
            folders = _children(client, parent, "folders")
        except Exception as exc:  # any failure of one folder is a gap, not the audit's end
            if parent == top:
                reason, detail = classify(exc)
                raise AuditSetupError(
                    f"cannot list the projects of {top} ({reason}): {detail}"
                ) from exc
            if not isinstance(exc, GoogleApiError):
                log.debug("listing %s failed", parent, exc_info=True)
            gaps.append(gap(parent, GLOBAL, "cloudresourcemanager/projects", exc))
            continue
        found.extend(str(p["projectId"]) for p in projects if p.get("projectId"))
        for folder in folders:
            name = str(folder.get("name", ""))
            if name and name not in seen:
                seen.add(name)
                pending.append(name)
    return found


def resolve_projects(
    client: GoogleClient, options: GcpAuditOptions, default_project: str | None
) -> tuple[list[str], list[CoverageGap]]:
    """The project IDs to audit, and the folders that could not be listed."""
    gaps: list[CoverageGap] = []
    wanted = list(options.projects)
    tops = [_parent("folders", f) for f in options.folders]
    if options.organization:
        tops.insert(0, _parent("organizations", options.organization))
    for top in tops:
        wanted.extend(_below(client, top, gaps))
    if not options.projects and not tops:
        if not default_project:
            raise AuditSetupError(
                "no project: give --project ID, --organization ID or --folder ID, or set"
                " GOOGLE_CLOUD_PROJECT"
            )
        wanted.append(default_project)
    if not wanted and not gaps:
        raise AuditSetupError(f"no active project below {', '.join(tops)}")
    return list(dict.fromkeys(wanted)), gaps
