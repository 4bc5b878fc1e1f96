"""Live Google audit through the fake: 3 projects x 10 Vertex AI locations x 100 resources.

Starts the test suite's fake Google (tests/live/gcp/fake_google.py) on 127.0.0.1, seeds it,
and runs the whole audit in process (`audit(gcp_source(...))`: locations, every collection at
every location, Workbench, IAM, then judging with every rule). Prints the wall time, the
requests the fake answered and the resources and results. A benchmark, never a test: it
prints figures and asserts nothing about them.

    .venv/bin/python bench/gcp_audit_bench.py [--projects 3 --locations 10 --resources 100]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: tests.live.gcp

from google.oauth2.credentials import Credentials

from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.common import LiveLoad, ProgressSink
from scanner.sources.live.gcp.options import GcpAuditOptions
from scanner.sources.live.gcp.source import gcp_source
from tests.live.gcp.fake_google import FakeGoogle

COLLECTIONS = (
    "endpoints",
    "indexEndpoints",
    "indexes",
    "datasets",
    "featurestores",
    "featureOnlineStores",
    "tensorboards",
    "metadataStores",
)
REGIONS = (
    "us-central1",
    "us-east1",
    "us-west1",
    "europe-west1",
    "europe-west2",
    "europe-west4",
    "asia-east1",
    "asia-northeast1",
    "asia-southeast1",
    "australia-southeast1",
    "southamerica-east1",
    "northamerica-northeast1",
)


def seed(fake: FakeGoogle, projects: int, locations: int, per_location: int) -> int:
    count = 0
    for p in range(projects):
        project = f"ml-bench-{p}"
        for region in REGIONS[:locations]:
            for i in range(per_location):
                collection = COLLECTIONS[i % len(COLLECTIONS)]
                body: dict[str, object] = {
                    "name": f"projects/{project}/locations/{region}/{collection}/r{i}",
                    "displayName": f"{collection}-{i}",
                }
                if i % 2:
                    body["encryptionSpec"] = {"kmsKeyName": f"projects/k/locations/{region}/x"}
                fake.add("aiplatform", body)
                count += 1
        fake.policies[project] = {"bindings": [{"role": "roles/viewer", "members": ["user:a@b"]}]}
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=3)
    parser.add_argument("--locations", type=int, default=10, choices=range(1, len(REGIONS) + 1))
    parser.add_argument("--resources", type=int, default=100, help="per project and location")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument(
        "--latency-ms", type=float, default=0.0, help="delay of each answer, as over a network"
    )
    args = parser.parse_args()

    fake = FakeGoogle(page_size=args.page_size, latency=args.latency_ms / 1000).start()
    try:
        seeded = seed(fake, args.projects, args.locations, args.resources)
        options = GcpAuditOptions(
            projects=tuple(f"ml-bench-{p}" for p in range(args.projects)),
            credentials=Credentials(token="bench"),  # type: ignore[no-untyped-call]
            endpoints={"*": fake.url},
            workers=args.workers,
        )
        source = gcp_source(options)
        timings: dict[str, float] = {}

        def timed_collect(wanted: frozenset[str], progress: ProgressSink | None) -> LiveLoad:
            begun = time.perf_counter()
            try:
                return source.collect(wanted, progress)
            finally:
                timings["collect"] = time.perf_counter() - begun

        started = time.perf_counter()
        report = audit(replace(source, collect=timed_collect), ScanOptions())
        wall = time.perf_counter() - started
    finally:
        fake.stop()
    by_api = Counter((s.permission or "token").split(".")[0] for s in fake.seen)
    print(
        f"{args.projects} projects x {args.locations} locations x {args.resources} resources"
        f" ({seeded} Vertex AI resources seeded), {args.workers} workers, page size"
        f" {args.page_size}, answer latency {args.latency_ms:g} ms"
    )
    print(f"wall time        {wall:8.2f} s  (collection {timings['collect']:.2f} s)")
    apis = ", ".join(f"{api} {count}" for api, count in sorted(by_api.items()))
    print(f"requests         {len(fake.seen):8d}  ({apis})")
    print(f"resources read   {report.summary.resources_read:8d}")
    print(
        f"results          {report.summary.passed + report.summary.failed:8d}"
        f"  (failed {report.summary.failed})"
    )
    print(f"coverage gaps    {len(report.errors):8d}")


if __name__ == "__main__":
    main()
