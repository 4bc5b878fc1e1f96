"""Live Azure audit through the fake: 2 subscriptions x 50 workspaces x 20 children.

Starts the test suite's fake Resource Manager (tests/live/azure/fake_arm.py) over HTTPS on
127.0.0.1, seeds it (each workspace with compute instances and clusters, online endpoints,
datastores and diagnostic settings, and a role assignment to its identity), and runs the whole
audit in process (`audit(azure_source(...))`: subscriptions, workspaces, registries, role
assignments, every workspace's children, role definitions, then judging with every rule).
Prints the wall time, the requests the fake answered, the resources and results. A benchmark,
never a test: it prints figures and asserts nothing about them.

    .venv/bin/python bench/azure_audit_bench.py [--subscriptions 2 --workspaces 50 --children 20]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: tests.live.azure

from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.azure import AzureAuditOptions, azure_source
from scanner.sources.live.common import LiveLoad, LiveSource, ProgressSink
from tests.live.azure.ca import make_certificates
from tests.live.azure.estate import (
    child,
    compute,
    diagnostic_setting,
    group_id,
    role_assignment,
    workspace,
)
from tests.live.azure.fake_arm import OWNER, READER, FakeArm
from tests.live.azure.harness import FakeCredential


def _child(ws: dict[str, Any], n: int) -> dict[str, Any]:
    """The n-th child of a workspace, cycling through the collections the rules read."""
    slot = n % 5
    if slot == 0:
        inner = {"vmSize": "STANDARD_DS3_V2", "enableNodePublicIp": bool(n % 2)}
        return compute(
            ws,
            f"ci-{n}",
            "ComputeInstance",
            bool(n % 3),
            inner,
            principal=f"{n:08x}-0000-4000-8000-{n:012x}",
        )
    if slot == 1:
        inner = {"vmSize": "STANDARD_NC6", "remoteLoginPortPublicAccess": "Disabled"}
        return compute(ws, f"cc-{n}", "AmlCompute", bool(n % 3), inner)
    if slot == 2:
        properties = {"authMode": "Key" if n % 2 else "AADToken", "publicNetworkAccess": "Enabled"}
        return child(
            ws, "onlineEndpoints", f"ep-{n}", {"location": "westeurope", "properties": properties}
        )
    if slot == 3:
        credentials = {"credentialsType": "AccountKey" if n % 2 else "None"}
        return child(
            ws,
            "datastores",
            f"ds-{n}",
            {"properties": {"datastoreType": "AzureBlob", "credentials": credentials}},
        )
    return diagnostic_setting(
        ws,
        f"diag-{n}",
        "/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/log",
    )


def seed(fake: FakeArm, subscriptions: int, workspaces: int, children: int) -> int:
    bodies: list[dict[str, Any]] = []
    for s in range(subscriptions):
        subscription = f"{s:08x}-aaaa-4bbb-8ccc-000000000000"
        for w in range(workspaces):
            group = f"rg-ml-{w % 5}"
            principal = f"{s:04x}{w:04x}-1111-4222-8333-444455556666"
            ws = workspace(
                subscription,
                group,
                f"mlw-{w}",
                principal,
                {"publicNetworkAccess": "Enabled" if w % 2 else "Disabled"},
            )
            bodies.append(ws)
            bodies.extend(_child(ws, n) for n in range(children))
            role = OWNER if w % 4 == 0 else READER
            bodies.append(
                role_assignment(
                    group_id(subscription, group),
                    f"{s:04x}{w:04x}-2222-4333-8444-555566667777",
                    role,
                    principal,
                )
            )
    fake.seed(bodies)
    return len(bodies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=2)
    parser.add_argument("--workspaces", type=int, default=50, help="per subscription")
    parser.add_argument("--children", type=int, default=20, help="per workspace")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument(
        "--page-size", type=int, default=100, help="items per page the fake answers"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        certificates = make_certificates(Path(folder))
        fake = FakeArm(certificates, page_size=args.page_size)
        seeded = seed(fake, args.subscriptions, args.workspaces, args.children)
        fake.start()
        try:
            options = AzureAuditOptions(
                endpoint=fake.url,
                credential=FakeCredential(),
                connection_verify=str(certificates.ca_pem),
                workers=args.workers,
            )
            source = azure_source(options)
            collect_seconds: list[float] = []

            def timed(wanted: frozenset[str], progress: ProgressSink | None) -> LiveLoad:
                begun = time.perf_counter()
                load = source.collect(wanted, progress)
                collect_seconds.append(time.perf_counter() - begun)
                return load

            started = time.perf_counter()
            timed_source = LiveSource(source.provider, source.native_types, timed)
            report = audit(timed_source, ScanOptions(include_passed=True))
            wall = time.perf_counter() - started
        finally:
            fake.stop()
    by_status = Counter(r.status for r in report.results)
    print(
        f"seeded {seeded} resources: {args.subscriptions} subscriptions x {args.workspaces} "
        f"workspaces x {args.children} children "
        f"(page size {args.page_size}, {args.workers} workers)"
    )
    print(f"wall time      {wall:.2f} s, of which reading {collect_seconds[0]:.2f} s")
    only_gets = all(method == "GET" for method, _ in fake.requests)
    print(f"requests       {len(fake.requests)} (all GET: {only_gets})")
    print(f"resources read {report.summary.resources_read}")
    print(f"results        {len(report.results)} {dict(by_status)}")
    print(f"errors         {len(report.errors)}")


if __name__ == "__main__":
    main()
