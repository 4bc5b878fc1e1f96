"""End to end: N resources from Terraform plan JSON documents to the JSON report.

Builds plan documents (one per 1,000 resources, as many root modules' plans would be) in the
shape `terraform show -json` writes: planned values, the changes' unknown values, and the
configuration's expressions with their references. Each is read by the plan source, then
everything goes through normalize -> enrich -> engine -> report -> JSON writer, the stages a
scan runs. Prints the time of each stage and the peak memory after it. A benchmark, never a
test: it prints figures and asserts nothing about them.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from scanner.engine.rules import builtin_rules_dir, load_rules
from scanner.mappings import load_catalog
from scanner.model.resource import NativeResource
from scanner.sources.documents import Document
from scanner.sources.terraform.plan import plan_resources
from scanner.stages import enrich, normalize_all, results_of, run_engine
from scanner.summary import Read, build_report, tally
from scanner.writers.json_writer import write_json

_PER_DOCUMENT = 1000
_DISTINCT = 20  # distinct plans generated
_TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "sagemaker.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
_POLICIES = [
    json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", **grant}]})
    for grant in (
        {"Action": "s3:GetObject", "Resource": "arn:aws:s3:::ml-data/*"},
        {"Action": ["s3:*", "iam:PassRole"], "Resource": "*"},
        {"Action": "sagemaker:Describe*", "Resource": "*"},
    )
]


def _block(
    kind: str, name: str, values: dict[str, Any], refs: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A resource's planned values, its change, and its configuration block."""
    address = f"{kind}.{name}"
    unknown = {key: True for key in refs}
    planned = {
        "address": address,
        "mode": "managed",
        "type": kind,
        "name": name,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "values": values,
        "sensitive_values": {},
    }
    change = {"address": address, "change": {"actions": ["create"], "after_unknown": unknown}}
    expressions: dict[str, Any] = {key: {"references": [target]} for key, target in refs.items()}
    expressions.update({k: {"constant_value": v} for k, v in values.items() if k not in refs})
    config = {
        "address": address,
        "mode": "managed",
        "type": kind,
        "name": name,
        "provider_config_key": "aws",
        "expressions": expressions,
    }
    return planned, change, config


def _stack(number: int, rng: random.Random) -> Iterator[tuple[str, dict[str, Any], dict[str, str]]]:
    """Ten resources of an ML stack: role, policy, key, bucket (+ its encryption), notebook,
    model, endpoint configuration, feature group, image repository."""
    n = f"s{number}"
    yes = rng.random() < 0.5
    yield "aws_iam_role", {"name": f"role-{n}", "assume_role_policy": _TRUST}, {}
    policy = rng.choice(_POLICIES)
    yield "aws_iam_role_policy", {"name": f"p-{n}", "policy": policy}, {"role": "aws_iam_role.r"}
    yield "aws_kms_key", {"enable_key_rotation": yes, "deletion_window_in_days": 30}, {}
    yield "aws_s3_bucket", {"bucket": f"ml-data-{n}", "force_destroy": False}, {}
    encryption = {
        "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]
    }
    sse_refs = (
        {"bucket": "aws_s3_bucket.b", "rule": "aws_kms_key.k"}
        if yes
        else {"bucket": "aws_s3_bucket.b"}
    )
    yield "aws_s3_bucket_server_side_encryption_configuration", encryption, sse_refs
    notebook = {
        "name": f"nb-{n}",
        "instance_type": rng.choice(["ml.t3.medium", "ml.m5.xlarge"]),
        "direct_internet_access": rng.choice(["Enabled", "Disabled"]),
        "root_access": rng.choice(["Enabled", "Disabled", None]),
        "platform_identifier": rng.choice([None, "notebook-al2-v2", "notebook-al2023-v1"]),
        "security_groups": ["sg-1"] if yes else [],
        "subnet_id": None,
        "instance_metadata_service_configuration": [
            {"minimum_instance_metadata_service_version": rng.choice(["1", "2"])}
        ],
        "tags": {"owner": "ml", "env": rng.choice(["dev", "prod"])},
    }
    refs = {"role_arn": "aws_iam_role.r"}
    if yes:
        refs["kms_key_id"] = "aws_kms_key.k"
    yield "aws_sagemaker_notebook_instance", notebook, refs
    container = {"image": f"123456789012.dkr.ecr.us-east-1.amazonaws.com/m:{number % 50}"}
    model = {
        "name": f"model-{n}",
        "enable_network_isolation": yes,
        "primary_container": [{**container, "environment": {"STAGE": "prod"}}],
        "vpc_config": [],
    }
    yield "aws_sagemaker_model", model, {"execution_role_arn": "aws_iam_role.r"}
    endpoint = {
        "name": f"ep-{n}",
        "production_variants": [{"variant_name": "main", "model_name": f"model-{n}"}],
        "data_capture_config": [],
    }
    yield "aws_sagemaker_endpoint_configuration", endpoint, {"kms_key_arn": "aws_kms_key.k"}
    group = {
        "feature_group_name": f"fg-{n}",
        "online_store_config": [{"enable_online_store": yes, "security_config": []}],
        "offline_store_config": [],
    }
    yield "aws_sagemaker_feature_group", group, {"role_arn": "aws_iam_role.r"}
    repository = {
        "name": f"repo-{n}",
        "image_tag_mutability": rng.choice(["MUTABLE", "IMMUTABLE"]),
        "image_scanning_configuration": [{"scan_on_push": yes}],
        "encryption_configuration": [],
    }
    yield "aws_ecr_repository", repository, {}


def plan_text(index: int, rng: random.Random) -> str:
    """One plan of 1,000 resources: 100 stacks, each in a module of its own."""
    planned: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    calls: dict[str, Any] = {}
    children = []
    for stack in range(_PER_DOCUMENT // 10):
        number = index * 1000 + stack
        module = f"module.m{stack}"
        resources, configs = [], []
        names = {"aws_iam_role": "r", "aws_kms_key": "k", "aws_s3_bucket": "b"}
        for kind, values, refs in _stack(number, rng):
            block, change, config = _block(kind, names.get(kind, "x"), values, refs)
            block["address"] = change["address"] = f"{module}.{block['address']}"
            resources.append(block)
            changes.append(change)
            configs.append(config)
        children.append({"address": module, "resources": resources})
        calls[f"m{stack}"] = {"module": {"resources": configs}}
    content = {
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": planned, "child_modules": children}},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {"aws": {"name": "aws"}},
            "root_module": {"module_calls": calls},
        },
    }
    return json.dumps(content)


def plan_document(text: str, index: int) -> Document:
    """A plan's text read as the scan reads it (parsed here: each document its own objects)."""
    shown = f"plans/estate-{index:04}.tfplan.json"
    return Document(Path(shown), shown, text, json.loads(text), "terraform-plan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stage(
    name: str, run: Callable[[], Any], seconds: dict[str, float], profiled: str | None = None
) -> Any:
    """Run one stage; print its wall time, its CPU time (this process: on a shared machine
    the steadier figure) and the peak memory so far. The `profiled` stage runs under
    cProfile (its times then include the profiler's cost) and its top calls are printed."""
    profiler = cProfile.Profile() if profiled == name else None
    start, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    out = run()
    if profiler is not None:
        profiler.disable()
    seconds[name] = time.perf_counter() - start
    spent = time.process_time() - cpu
    print(
        f"  {name:<10} {seconds[name]:7.2f} s wall {spent:7.2f} s CPU"
        f"   peak RSS {_peak_mb():8,.0f} MB",
        flush=True,
    )
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resources", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the JSON report here (to compare runs)")
    parser.add_argument(
        "--profile", choices=["read", "normalize", "enrich", "engine", "report"], help="cProfile"
    )
    args = parser.parse_args()

    catalog = load_catalog()
    rules = load_rules([builtin_rules_dir()], catalog)
    rng = random.Random(args.seed)
    documents = max(1, args.resources // _PER_DOCUMENT)
    seconds: dict[str, float] = {}
    print(f"end to end: {documents * _PER_DOCUMENT:,} resources in {documents:,} plan documents")

    # Making the plans is not the scan's work: a few distinct ones, each read many times
    # under its own name (its own scope, as another root module's plan would be).
    start = time.perf_counter()
    texts = [plan_text(index, rng) for index in range(min(documents, _DISTINCT))]
    print(f"  (plans generated in {time.perf_counter() - start:.1f} s, not counted)")

    def read() -> list[NativeResource]:
        natives: list[NativeResource] = []
        for index in range(documents):
            document = plan_document(texts[index % len(texts)], index)
            natives.extend(plan_resources(document, catalog.native_types))
        return natives

    natives = _stage("read", read, seconds, args.profile)
    # Each stage's input is let go after the next stage, as `stages.judge` lets it go (the
    # natives stay: a scan keeps them for its suppressions).
    profiled = args.profile
    normalized = _stage("normalize", partial(normalize_all, natives, catalog), seconds, profiled)
    counts = len(normalized.resources), len(normalized.relations)
    enriched = _stage("enrich", partial(enrich, normalized, []), seconds, args.profile)
    del normalized
    judged = _stage("engine", partial(run_engine, enriched, catalog, rules), seconds, args.profile)
    del enriched

    def report() -> int:
        results = results_of(judged, include_passed=False)
        counted = tally(judged.outcomes, judged.resources, judged.rules, None)
        built = build_report(counted, results, [], Read(documents, len(natives)))
        # To a file, as `--output` writes it: the report is not kept in memory twice.
        if args.keep is not None:
            with args.keep.open("w", encoding="utf-8") as kept:
                write_json(built, kept)
                return kept.tell()
        with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
            write_json(built, out)
            return out.tell()

    size = _stage("report", report, seconds, args.profile)
    total = sum(v for k, v in seconds.items() if k != "read")
    print(
        f"  resources normalized {counts[0]:,}, relations {counts[1]:,};"
        f" report {size / 1e6:,.0f} MB of JSON"
    )
    print(
        f"  normalize .. report {total:7.2f} s wall (read: {seconds['read']:.2f} s more);"
        f" peak RSS {_peak_mb():,.0f} MB"
    )


if __name__ == "__main__":
    main()
