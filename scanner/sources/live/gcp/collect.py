"""Fan-out of a live Google Cloud audit: projects x Vertex AI locations x collections on a
bounded pool.

Phase one lists, per project, the Vertex AI locations (--locations all) and what is read once
per project: Workbench instances, legacy notebooks and runtimes through `locations/-`, the
project's IAM policy, its service accounts, its buckets (and, when grants are judged, each
bucket's IAM policy, one task per bucket). Phase two lists each Vertex AI collection at each
location's own endpoint. Whatever fails becomes a coverage gap for its (project, location,
collection) and the audit goes on; an API that is not enabled means the project holds none of
its resources, said once per project.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import quote

from scanner.model.resource import NativeResource
from scanner.sources.live.common import CoverageGap, LiveLoad, ProgressSink
from scanner.sources.live.gcp.client import (
    GoogleApiError,
    GoogleClient,
    authorized_session,
    load_credentials,
)
from scanner.sources.live.gcp.endpoints import GLOBAL
from scanner.sources.live.gcp.gaps import gap, is_not_found, is_service_disabled
from scanner.sources.live.gcp.natives import (
    bucket_policy_grants,
    location_of,
    native_item,
    policy_audit_configs,
    policy_grants,
    storage_bucket,
)
from scanner.sources.live.gcp.options import GcpAuditOptions
from scanner.sources.live.gcp.pager import items, pages
from scanner.sources.live.gcp.projects import resolve_projects
from scanner.sources.live.gcp.specs import (
    BUCKET_GRANT_TYPE,
    EMPTY_WHEN_DISABLED,
    CollectionSpec,
    Reach,
    wanted_specs,
)
from scanner.sources.live.pool import merge_gaps

log = logging.getLogger(__name__)

LOCATIONS_LABEL = "aiplatform/locations"


class _Run:
    """One audit's shared state; tasks run on the pool and record what they read or met."""

    def __init__(
        self,
        client: GoogleClient,
        options: GcpAuditOptions,
        specs: list[CollectionSpec],
        since: datetime,
        progress: ProgressSink | None,
        bucket_policies: bool = False,
    ) -> None:
        self.client = client
        self.bucket_policies = bucket_policies  # each bucket's IAM policy after the list
        self.options = options
        self.since = since.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.progress = progress
        self.regional = [s for s in specs if s.reach is Reach.REGIONAL and not s.child_of]
        self.once = [s for s in specs if s.reach is not Reach.REGIONAL]
        self.children: dict[str, list[CollectionSpec]] = {}
        for spec in specs:
            if spec.child_of:
                self.children.setdefault(spec.child_of, []).append(spec)
        self.explicit = [] if options.locations == ("all",) else list(options.locations)
        self.locations: dict[str, list[str]] = {}
        self.resources: list[NativeResource] = []
        self.gaps: list[CoverageGap] = []
        self.notes: dict[tuple[str, str], str] = {}
        self.readable: set[str] = set()  # projects where at least one read succeeded
        self.attempted: set[str] = set()
        self._disabled: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=max(1, options.workers))
        self._pending: list[tuple[Future[None], str, str]] = []

    # -- the pool ---------------------------------------------------------------------------

    def submit(
        self, project: str, region: str, spec_api: str, label: str, task: Callable[[], None]
    ) -> None:
        self.attempted.add(project)
        future = self._executor.submit(self._guarded, project, region, spec_api, label, task)
        self._pending.append((future, project, region))

    def plan(self, project: str, region: str, total: int) -> None:
        if self.progress is not None and total:
            self.progress.add(project, region, total)

    def wait(self) -> None:
        # A task may submit more (each bucket's policy after the bucket list) before it ends:
        # they are appended while this loop runs and waited for in turn.
        for future, project, region in self._pending:
            future.result()
            if self.progress is not None:
                self.progress.advance(project, region)
        self._pending.clear()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _guarded(
        self, project: str, region: str, api: str, label: str, task: Callable[[], None]
    ) -> None:
        try:
            task()
        except Exception as exc:  # any failure of one collection is a gap, not the audit's end
            self.failed(project, region, api, label, exc)
        else:
            with self._lock:
                self.readable.add(project)

    def failed(self, project: str, region: str, api: str, label: str, exc: Exception) -> None:
        if not isinstance(exc, GoogleApiError):
            log.debug("%s in %s/%s failed", label, project, region, exc_info=True)
        with self._lock:
            if is_service_disabled(exc) and api in EMPTY_WHEN_DISABLED:
                self._disabled.add((project, api))
                self.notes.setdefault(
                    (project, api), f"project {project}: {EMPTY_WHEN_DISABLED[api]}"
                )
                self.readable.add(project)
            else:
                self.gaps.append(gap(project, region, label, exc))

    def disabled(self, project: str, api: str) -> bool:
        with self._lock:
            return (project, api) in self._disabled

    def emit(self, found: Iterable[NativeResource | None]) -> None:
        kept = [r for r in found if r is not None]
        with self._lock:
            self.resources.extend(kept)

    # -- the tasks --------------------------------------------------------------------------

    def discover_locations(self, project: str) -> None:
        if self.disabled(project, "aiplatform"):
            return
        url = self.client.url("aiplatform", "v1", f"projects/{project}/locations")
        found = {
            str(item.get("locationId") or location_of(str(item.get("name", ""))) or "")
            for item in items(self.client, url, "locations")
        }
        with self._lock:
            self.locations[project] = sorted(found - {""})

    def list_regional(self, project: str, location: str, spec: CollectionSpec) -> None:
        if self.disabled(project, spec.api):
            return
        parent = f"projects/{project}/locations/{location}"
        url = self.client.url(spec.api, spec.version, f"{parent}/{spec.collection}", location)
        found: list[NativeResource | None] = []
        try:
            for item in self._listed(url, spec):
                native = native_item(spec, item, project, location)
                found.append(native)
                if native is not None:
                    for child in self.children.get(spec.native_type, ()):
                        found.extend(self._list_children(project, location, child, native.id))
        finally:
            self.emit(found)  # what was read before a failure is judged; the gap says the rest

    def _listed(self, url: str, spec: CollectionSpec) -> Iterator[dict[str, Any]]:
        if spec.running_state is None:
            yield from items(self.client, url, spec.key)
            return
        # Jobs: created since --jobs-since, and those still running; each once.
        seen: set[str] = set()
        for condition in (f'create_time>="{self.since}"', f'state="{spec.running_state}"'):
            for item in items(self.client, url, spec.key, {"filter": condition}):
                name = str(item.get("name", ""))
                if name not in seen:
                    seen.add(name)
                    yield item

    def _list_children(
        self, project: str, location: str, spec: CollectionSpec, parent: str
    ) -> list[NativeResource | None]:
        url = self.client.url(spec.api, spec.version, f"{parent}/{spec.collection}", location)
        try:
            return [
                native_item(spec, item, project, location, parent=parent)
                for item in items(self.client, url, spec.key)
            ]
        except Exception as exc:  # one parent's children never hide its siblings
            if not is_not_found(exc):  # else: the parent was deleted since it was listed
                self.failed(project, location, spec.api, spec.label, exc)
            return []

    def list_once(self, project: str, spec: CollectionSpec) -> None:
        if self.disabled(project, spec.api):
            return
        if spec.iam_policy:
            url = self.client.url(spec.api, spec.version, f"projects/{project}:getIamPolicy")
            policy = self.client.get_iam_policy(url)
            self.emit([*policy_grants(project, policy), *policy_audit_configs(project, policy)])
            return
        if spec.reach is Reach.API_LOCATIONS:
            self._list_api_locations(project, spec)
            return
        if spec.reach is Reach.PROJECT_QUERY:
            url = self.client.url(spec.api, spec.version, spec.collection)
            found: list[NativeResource | None] = []
            try:
                for item in items(self.client, url, spec.key, {"project": project}):
                    found.append(storage_bucket(item, project))
            finally:
                self.emit(found)
            if self.bucket_policies:  # one read per bucket, on the pool like the lists
                buckets = [bucket.name for bucket in found if bucket is not None]
                self.plan(project, GLOBAL, len(buckets))
                for bucket in buckets:
                    task = partial(self._bucket_policy, project, spec, bucket)
                    self.submit(project, GLOBAL, spec.api, f"{spec.label}.iam", task)
            return
        where = "/locations/-" if spec.reach is Reach.ALL_LOCATIONS else ""
        url = self.client.url(
            spec.api, spec.version, f"projects/{project}{where}/{spec.collection}"
        )
        listed_here: list[NativeResource | None] = []
        try:
            for body in pages(self.client, url):
                listed = body.get(spec.key) or []
                for item in listed if isinstance(listed, list) else []:
                    native = native_item(spec, item, project, GLOBAL)
                    if native is not None and self.asked_for(native.location.region):
                        listed_here.append(native)
                for missed in body.get("unreachable") or []:
                    if self.asked_for(location_of(str(missed))):
                        self._unreachable(project, spec, str(missed))
        finally:
            self.emit(listed_here)

    def _bucket_policy(self, project: str, spec: CollectionSpec, bucket: str) -> None:
        """One bucket's IAM policy as grants; a bucket whose policy cannot be read is a gap
        of its own (its grants unknown, raised to the pool), and the others are still read."""
        url = self.client.url(spec.api, spec.version, f"{spec.collection}/{quote(bucket)}/iam")
        try:
            policy = self.client.get(url, {"optionsRequestedPolicyVersion": "3"})
        except Exception as exc:
            if is_not_found(exc):  # the bucket was deleted since it was listed
                return
            raise
        self.emit(bucket_policy_grants(project, bucket, policy))

    def _list_api_locations(self, project: str, spec: CollectionSpec) -> None:
        """The collection at each location the API lists for the project (or --locations);
        a location that fails is a gap of its own and the others are still read."""
        locations = self.explicit
        if not locations:
            url = self.client.url(spec.api, spec.version, f"projects/{project}/locations")
            locations = sorted(
                {
                    str(item.get("locationId") or location_of(str(item.get("name", ""))) or "")
                    for item in items(self.client, url, "locations")
                }
                - {""}
            )
        for location in locations:
            parent = f"projects/{project}/locations/{location}"
            url = self.client.url(spec.api, spec.version, f"{parent}/{spec.collection}")
            found: list[NativeResource | None] = []
            try:
                for item in items(self.client, url, spec.key):
                    found.append(native_item(spec, item, project, location))
            except Exception as exc:  # one location's failure never hides the others
                self.failed(project, location, spec.api, spec.label, exc)
                if self.disabled(project, spec.api):  # the API is off: nothing elsewhere either
                    return
            finally:
                self.emit(found)

    def asked_for(self, location: str | None) -> bool:
        """With --locations r1,r2, a zone of one of them (us-central1-a of us-central1)."""
        if not self.explicit or location is None:
            return True
        return any(location == r or location.startswith(f"{r}-") for r in self.explicit)

    def _unreachable(self, project: str, spec: CollectionSpec, where: str) -> None:
        location = location_of(where) or where
        detail = f"{spec.label}: the API listed {where} as unreachable"
        with self._lock:
            self.gaps.append(
                CoverageGap(project, location, spec.label, "unreachable", detail, "gcp")
            )


def collect_gcp(
    options: GcpAuditOptions,
    wanted: frozenset[str],
    progress: ProgressSink | None = None,
    now: datetime | None = None,
) -> LiveLoad:
    """Native resources of the `wanted` live types in every project and location asked for.

    Raises AuditSetupError when the credentials do not work or no project is known.
    """
    identity = load_credentials(options)
    client = GoogleClient(authorized_session(identity.credentials, options), options.endpoints)
    since = (now or datetime.now(UTC)) - timedelta(days=options.jobs_since_days)
    bucket_policies = BUCKET_GRANT_TYPE in wanted
    run = _Run(client, options, wanted_specs(wanted), since, progress, bucket_policies)
    try:
        projects, setup_gaps = resolve_projects(client, options, identity.default_project)
        _audit(run, projects)
    finally:
        run.close()
        client.close()
    locations = sorted({loc for locs in run.locations.values() for loc in locs})
    return LiveLoad(
        resources=run.resources,
        gaps=merge_gaps([*setup_gaps, *run.gaps]),
        # A project counts as audited unless every read of it failed.
        accounts=len([p for p in projects if p in run.readable or p not in run.attempted]),
        regions=len(locations),
        notes=[run.notes[key] for key in sorted(run.notes)],
        scope={"projects": sorted(projects), "locations": locations},
    )


def _audit(run: _Run, projects: list[str]) -> None:
    for project in projects:
        tasks: list[tuple[str, str, Callable[[], None]]] = []
        if run.regional and run.explicit:
            run.locations[project] = run.explicit
        elif run.regional:
            tasks.append(("aiplatform", LOCATIONS_LABEL, partial(run.discover_locations, project)))
        for spec in run.once:
            tasks.append((spec.api, spec.label, partial(run.list_once, project, spec)))
        run.plan(project, GLOBAL, len(tasks))
        for api, label, task in tasks:
            run.submit(project, GLOBAL, api, label, task)
    run.wait()
    for project in projects:
        for location in run.locations.get(project, []):
            run.plan(project, location, len(run.regional))
            for spec in run.regional:
                run.submit(
                    project,
                    location,
                    spec.api,
                    spec.label,
                    partial(run.list_regional, project, location, spec),
                )
    run.wait()
