#!/usr/bin/env python3
"""Generate a deterministic Terraform estate that looks like many ML team stacks.

The tree is the shared input of the side-by-side benchmark (bench/run.py): it is
made of root-module folders (``stack-0000`` ...), each holding the same five
files a team would write (``main.tf``, ``variables.tf``, ``iam.tf``,
``storage.tf``, ``sagemaker.tf``).  Resources are SageMaker, IAM, S3 and KMS,
wired together with references (``aws_iam_role.x.arn``), variables with
defaults and locals, with a per-team mix of weak and hardened settings so both
tools have findings to produce.

Usage:
    python bench/generate_tf.py OUT_DIR [--files 5000] [--resources 20000]
                                        [--seed 42] [--force]

Everything is derived from ``--seed``, so the same arguments always produce
byte-identical files.  The tree is written into a sibling temporary folder and
renamed into place at the end, so an existing OUT_DIR is always complete.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias, Union

# Bumped whenever the output changes, so cached trees (bench/run.py) are rebuilt.
GENERATOR_VERSION = 1

FILES_PER_STACK = 5
STACK_FILES = ("main.tf", "variables.tf", "iam.tf", "storage.tf", "sagemaker.tf")

# --------------------------------------------------------------------------- #
# A tiny HCL writer.  Rendering from a value model rather than from f-string
# templates keeps the output valid (quoting, nesting, `terraform fmt`-style
# alignment) however the generator combines the pieces.
# --------------------------------------------------------------------------- #


class Raw(str):
    """An HCL expression emitted verbatim (a reference, a function call...)."""


@dataclass(frozen=True)
class Call:
    """A function call with one multi-line argument, e.g. ``jsonencode({...})``."""

    name: str
    arg: HclValue


HclValue: TypeAlias = Union[Raw, str, int, bool, Call, list["HclValue"], dict[str, "HclValue"]]  # noqa: UP007
# (Union, not "|": the alias is evaluated at run time and refers to itself.)


@dataclass
class Block:
    type: str
    labels: tuple[str, ...] = ()
    body: list[tuple[str, HclValue] | Block] = field(default_factory=list)

    def attr(self, key: str, value: HclValue) -> Block:
        self.body.append((key, value))
        return self

    def block(self, child: Block) -> Block:
        self.body.append(child)
        return self


_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
INDENT = "  "


def _key(key: str) -> str:
    return key if _IDENT.match(key) else json.dumps(key)


def _is_scalar(value: HclValue) -> bool:
    return not isinstance(value, (list, dict, Call))


def render_value(value: HclValue, depth: int) -> str:
    """Render a value whose first line starts at the current position."""
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "true" if value else "false"
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, str):
        # JSON string escaping is valid HCL; "${...}" interpolations survive.
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Call):
        return f"{value.name}({render_value(value.arg, depth)})"
    if isinstance(value, list):
        return _render_list(value, depth)
    return _render_object(value, depth)


def _render_list(items: list[HclValue], depth: int) -> str:
    if all(_is_scalar(item) for item in items):
        return "[" + ", ".join(render_value(item, depth) for item in items) + "]"
    pad = INDENT * (depth + 1)
    inner = ",\n".join(pad + render_value(item, depth + 1) for item in items)
    return "[\n" + inner + ",\n" + INDENT * depth + "]"


def _render_object(obj: dict[str, HclValue], depth: int) -> str:
    if not obj:
        return "{}"
    pad = INDENT * (depth + 1)
    lines = _aligned([(_key(k), v) for k, v in obj.items()], pad, depth + 1)
    return "{\n" + "\n".join(lines) + "\n" + INDENT * depth + "}"


def _aligned(pairs: list[tuple[str, HclValue]], pad: str, depth: int) -> list[str]:
    width = max(len(key) for key, _ in pairs)
    return [f"{pad}{key.ljust(width)} = {render_value(v, depth)}" for key, v in pairs]


def render_block(block: Block, depth: int = 0) -> str:
    pad = INDENT * depth
    header = " ".join([block.type, *(json.dumps(label) for label in block.labels)])
    if not block.body:
        return f"{pad}{header} {{}}\n"
    # Body segments: each nested block, or a run of consecutive attributes
    # (aligned together, as `terraform fmt` does); a blank line separates them.
    segments: list[list[str]] = []
    run: list[tuple[str, HclValue]] = []
    for item in block.body:
        if isinstance(item, Block):
            if run:
                segments.append(_aligned(run, pad + INDENT, depth + 1))
                run = []
            segments.append([render_block(item, depth + 1).rstrip("\n")])
        else:
            run.append(item)
    if run:
        segments.append(_aligned(run, pad + INDENT, depth + 1))
    inner = "\n\n".join("\n".join(lines) for lines in segments)
    return f"{pad}{header} {{\n{inner}\n{pad}}}\n"


def render_file(blocks: Iterable[Block]) -> str:
    return "\n".join(render_block(b) for b in blocks)


# --------------------------------------------------------------------------- #
# Stack model
# --------------------------------------------------------------------------- #

ROLE = "aws_iam_role"
POLICY = "aws_iam_role_policy"
KMS = "aws_kms_key"
BUCKET = "aws_s3_bucket"
SSE = "aws_s3_bucket_server_side_encryption_configuration"
MODEL = "aws_sagemaker_model"
ENDPOINT_CONFIG = "aws_sagemaker_endpoint_configuration"
NOTEBOOK = "aws_sagemaker_notebook_instance"
DOMAIN = "aws_sagemaker_domain"
FEATURE_GROUP = "aws_sagemaker_feature_group"

# Creation order: everything a resource may reference comes before it.
KIND_ORDER = (
    ROLE,
    KMS,
    BUCKET,
    SSE,
    POLICY,
    MODEL,
    ENDPOINT_CONFIG,
    NOTEBOOK,
    DOMAIN,
    FEATURE_GROUP,
)

# A stack's first resources are one of each kind (in KIND_ORDER); the rest are
# drawn with these weights: models and endpoints dominate real ML estates, and a
# stack has at most one Studio domain (it is per account and region).
EXTRA_WEIGHTS = {
    ROLE: 1.0,
    KMS: 0.8,
    BUCKET: 2.0,
    SSE: 1.6,
    POLICY: 2.0,
    MODEL: 3.0,
    ENDPOINT_CONFIG: 3.0,
    NOTEBOOK: 2.0,
    FEATURE_GROUP: 1.4,
}

TARGET_FILE = {
    ROLE: "iam.tf",
    POLICY: "iam.tf",
    KMS: "storage.tf",
    BUCKET: "storage.tf",
    SSE: "storage.tf",
    MODEL: "sagemaker.tf",
    ENDPOINT_CONFIG: "sagemaker.tf",
    NOTEBOOK: "sagemaker.tf",
    FEATURE_GROUP: "sagemaker.tf",
    DOMAIN: "main.tf",  # one Studio domain per stack, owned by the platform layer
}

LABELS = {
    ROLE: ("sagemaker_execution", "training", "inference", "pipelines", "feature_store"),
    POLICY: ("execution", "artifacts_access", "ecr_pull", "logs", "admin_break_glass"),
    KMS: ("ml", "s3", "notebooks", "feature_store"),
    BUCKET: ("model_artifacts", "training_data", "feature_offline_store", "data_capture", "raw"),
    SSE: ("model_artifacts", "training_data", "feature_offline_store", "data_capture", "raw"),
    MODEL: ("churn", "fraud", "recsys", "forecast", "nlp_classifier", "image_tagger", "ranker"),
    ENDPOINT_CONFIG: ("churn", "fraud", "recsys", "forecast", "nlp_classifier", "image_tagger"),
    NOTEBOOK: ("research", "exploration", "training_dev", "eda"),
    DOMAIN: ("studio",),
    FEATURE_GROUP: ("customers", "transactions", "sessions", "items", "devices"),
}

TEAMS = ("fraud", "growth", "search", "ads", "risk", "vision", "nlp", "forecasting", "platform")
ENVIRONMENTS = ("dev", "staging", "prod")
REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2")
IMAGES = (
    "pytorch-inference:2.1.0-cpu-py310-ubuntu20.04-sagemaker",
    "pytorch-inference:2.1.0-gpu-py310-cu118-ubuntu20.04-sagemaker",
    "tensorflow-inference:2.13.0-cpu",
    "huggingface-pytorch-inference:2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04",
    "sagemaker-xgboost:1.7-1",
)
ENDPOINT_TYPES = ("ml.m5.large", "ml.m5.xlarge", "ml.c5.xlarge", "ml.g4dn.xlarge", "ml.g5.2xlarge")


@dataclass
class Stack:
    """One root module: a team's ML stack and the names it can reference."""

    index: int
    rng: random.Random
    maturity: float  # chance that any given control is hardened
    team: str
    env: str
    names: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, list[Block]] = field(default_factory=lambda: {f: [] for f in STACK_FILES})

    def hardened(self, bias: float = 0.0) -> bool:
        return self.rng.random() < min(1.0, max(0.0, self.maturity + bias))

    def pick(self, kind: str) -> str | None:
        """Label of an existing resource of ``kind`` to reference, if any."""
        labels = self.names.get(kind, [])
        return self.rng.choice(labels) if labels else None

    def ref(self, kind: str, attr: str, fallback: str) -> Raw:
        label = self.pick(kind)
        return Raw(f"{kind}.{label}.{attr}" if label else fallback)


def label_for(kind: str, i: int) -> str:
    pool = LABELS[kind]
    base = pool[i % len(pool)]
    return base if i < len(pool) else f"{base}_{i // len(pool) + 1}"


def plan_kinds(rng: random.Random, count: int) -> list[str]:
    """Kinds of the ``count`` resources of one stack, in creation order."""
    kinds = list(KIND_ORDER[:count])
    extra = count - len(kinds)
    if extra > 0:
        population = list(EXTRA_WEIGHTS)
        weights = list(EXTRA_WEIGHTS.values())
        kinds += rng.choices(population, weights=weights, k=extra)
    # Each encryption configuration belongs to its own bucket (two for one
    # bucket would fight in Terraform), so surplus ones become buckets.
    surplus = kinds.count(SSE) - kinds.count(BUCKET)
    for _ in range(max(0, (surplus + 1) // 2)):
        kinds[kinds.index(SSE)] = BUCKET
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    return sorted(kinds, key=order.__getitem__)


def split_total(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split ``total`` into ``parts`` uneven sizes that add up exactly.

    Teams' stacks differ in size; largest-remainder rounding keeps the sum exact.
    """
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    sizes = [int(r) for r in raw]
    by_remainder = sorted(range(parts), key=lambda i: raw[i] - sizes[i], reverse=True)
    for i in by_remainder[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


# --------------------------------------------------------------------------- #
# Resource builders: each returns the block for one resource.
# --------------------------------------------------------------------------- #


def kms_arn(s: Stack) -> Raw:
    # Half of the teams route key ARNs through locals, as shared modules do.
    label = s.pick(KMS)
    if label is None:
        return Raw("var.kms_key_arn")
    if s.index % 2 == 0:
        return Raw("local.kms_key_arn")
    return Raw(f"{KMS}.{label}.arn")


def build_role(s: Stack, label: str) -> Block:
    principal: dict[str, HclValue] = {"Service": "sagemaker.amazonaws.com"}
    statement: dict[str, HclValue] = {"Effect": "Allow", "Action": "sts:AssumeRole"}
    if not s.hardened(bias=0.35):
        # Weak: any principal in any account may assume the role.
        principal = {"AWS": "*"}
    statement["Principal"] = principal
    if s.hardened():
        statement["Condition"] = {"StringEquals": {"aws:SourceAccount": Raw("var.account_id")}}
    policy: dict[str, HclValue] = {"Version": "2012-10-17", "Statement": [statement]}
    return (
        Block("resource", (ROLE, label))
        .attr("name", f"${{local.name_prefix}}-{label.replace('_', '-')}")
        .attr("assume_role_policy", Call("jsonencode", policy))
        .attr("max_session_duration", 3600 if s.hardened() else 43200)
        .attr("tags", Raw("local.common_tags"))
    )


def build_policy(s: Stack, label: str) -> Block:
    statements: list[HclValue] = []
    bucket = s.pick(BUCKET)
    bucket_arn = f"${{{BUCKET}.{bucket}.arn}}" if bucket else "arn:aws:s3:::${var.data_bucket}"
    if s.hardened():
        statements.append(
            {
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                "Resource": [bucket_arn, f"{bucket_arn}/*"],
            }
        )
    else:
        statements.append({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})
    if s.pick(KMS):
        statements.append(
            {
                "Effect": "Allow",
                "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                "Resource": kms_arn(s),
            }
        )
    if not s.hardened(bias=0.2):
        weak = s.rng.choice([("*", "*"), ("sagemaker:*", "*"), ("iam:PassRole", "*")])
        statements.append({"Effect": "Allow", "Action": weak[0], "Resource": weak[1]})
    policy: dict[str, HclValue] = {"Version": "2012-10-17", "Statement": statements}
    return (
        Block("resource", (POLICY, label))
        .attr("name", f"${{local.name_prefix}}-{label.replace('_', '-')}")
        .attr("role", s.ref(ROLE, "id", "var.execution_role_name"))
        .attr("policy", Call("jsonencode", policy))
    )


def build_kms(s: Stack, label: str) -> Block:
    return (
        Block("resource", (KMS, label))
        .attr("description", f"{s.team} {s.env} {label.replace('_', ' ')} key")
        .attr("enable_key_rotation", s.hardened())
        .attr("deletion_window_in_days", 30 if s.hardened() else 7)
        .attr("is_enabled", True)
        .attr("tags", Raw("local.common_tags"))
    )


def build_bucket(s: Stack, label: str) -> Block:
    block = Block("resource", (BUCKET, label)).attr(
        "bucket", f"${{local.name_prefix}}-{label.replace('_', '-')}"
    )
    if not s.hardened(bias=0.4):
        block.attr("acl", "public-read")  # legacy inline ACL, still seen in old stacks
    block.attr("force_destroy", not s.hardened())
    purpose = label.split("_")[0]
    return block.attr("tags", Raw(f'merge(local.common_tags, {{ Purpose = "{purpose}" }})'))


def build_sse(s: Stack, label: str) -> Block:
    # Labelled like the bucket it encrypts (plan_kinds guarantees one exists).
    bucket = label if label in s.names.get(BUCKET, []) else s.pick(BUCKET)
    default = Block("apply_server_side_encryption_by_default")
    if s.hardened():
        default.attr("sse_algorithm", "aws:kms").attr("kms_master_key_id", kms_arn(s))
    else:
        default.attr("sse_algorithm", "AES256")
    rule = Block("rule").block(default).attr("bucket_key_enabled", True)
    return (
        Block("resource", (SSE, label))
        .attr("bucket", Raw(f"{BUCKET}.{bucket}.id") if bucket else Raw("var.data_bucket"))
        .block(rule)
    )


def s3_uri(s: Stack, suffix: str) -> str:
    bucket = s.pick(BUCKET)
    base = f"${{{BUCKET}.{bucket}.bucket}}" if bucket else "${var.data_bucket}"
    return f"s3://{base}/{suffix}"


def build_model(s: Stack, label: str) -> Block:
    container = (
        Block("primary_container")
        .attr("image", f"${{local.ecr_registry}}/{s.rng.choice(IMAGES)}")
        .attr("model_data_url", s3_uri(s, f"models/{label}/model.tar.gz"))
        .attr("mode", "SingleModel")
        .attr("environment", {"SAGEMAKER_PROGRAM": "inference.py", "MODEL_NAME": label})
    )
    block = (
        Block("resource", (MODEL, label))
        .attr("name", f"${{local.name_prefix}}-{label.replace('_', '-')}")
        .attr("execution_role_arn", s.ref(ROLE, "arn", "var.execution_role_arn"))
        .attr("enable_network_isolation", s.hardened())
        .block(container)
    )
    if s.hardened():
        vpc = Block("vpc_config").attr("subnets", Raw("var.subnet_ids"))
        block.block(vpc.attr("security_group_ids", Raw("var.security_group_ids")))
    return block.attr("tags", Raw("local.common_tags"))


def build_variant(s: Stack, name: str, model: Raw, weight: int) -> Block:
    variant = Block("production_variants").attr("variant_name", name).attr("model_name", model)
    if s.rng.random() < 0.2:
        serverless = (
            Block("serverless_config").attr("max_concurrency", 5).attr("memory_size_in_mb", 2048)
        )
        return variant.block(serverless)
    return (
        variant.attr("initial_instance_count", s.rng.choice([1, 2, 3]))
        .attr(
            "instance_type",
            Raw("var.endpoint_instance_type") if weight else s.rng.choice(ENDPOINT_TYPES),
        )
        .attr("initial_variant_weight", weight)
    )


def build_endpoint_config(s: Stack, label: str) -> Block:
    # An endpoint serves the model of the same name when the stack has one.
    same = label in s.names.get(MODEL, [])
    model = Raw(f"{MODEL}.{label}.name") if same else s.ref(MODEL, "name", "var.model_name")
    block = Block("resource", (ENDPOINT_CONFIG, label)).attr(
        "name", f"${{local.name_prefix}}-{label.replace('_', '-')}-epc"
    )
    if s.hardened():
        block.attr("kms_key_arn", kms_arn(s))
    block.block(build_variant(s, "primary", model, 1))
    if s.rng.random() < 0.25:
        block.block(build_variant(s, "shadow", s.ref(MODEL, "name", "var.model_name"), 0))
    if s.rng.random() < 0.5:
        capture = (
            Block("data_capture_config")
            .attr("enable_capture", True)
            .attr("initial_sampling_percentage", s.rng.choice([5, 20, 100]))
            .attr("destination_s3_uri", s3_uri(s, f"capture/{label}"))
        )
        if s.hardened():
            capture.attr("kms_key_id", kms_arn(s))
        capture.block(Block("capture_options").attr("capture_mode", "Input"))
        capture.block(Block("capture_options").attr("capture_mode", "Output"))
        block.block(capture)
    return block.attr("tags", Raw("local.common_tags"))


def build_notebook(s: Stack, label: str) -> Block:
    block = (
        Block("resource", (NOTEBOOK, label))
        .attr("name", f"${{local.name_prefix}}-{label.replace('_', '-')}")
        .attr("role_arn", s.ref(ROLE, "arn", "var.execution_role_arn"))
        .attr("instance_type", Raw("var.notebook_instance_type"))
        .attr("volume_size", s.rng.choice([5, 20, 50, 100]))
        .attr("platform_identifier", "notebook-al2-v2")
    )
    # Some teams drive the toggles through variables whose defaults are weak.
    if s.index % 3 == 0:
        block.attr("direct_internet_access", Raw("var.notebook_direct_internet_access"))
    else:
        block.attr("direct_internet_access", "Disabled" if s.hardened() else "Enabled")
    block.attr("root_access", "Disabled" if s.hardened() else "Enabled")
    if s.hardened():
        block.attr("kms_key_id", kms_arn(s))
    if s.hardened(bias=0.1):
        block.attr("subnet_id", Raw("var.subnet_ids[0]"))
        block.attr("security_groups", Raw("var.security_group_ids"))
    imds = Block("instance_metadata_service_configuration").attr(
        "minimum_instance_metadata_service_version", "2" if s.hardened() else "1"
    )
    return block.block(imds).attr("tags", Raw("local.common_tags"))


def build_domain(s: Stack, label: str) -> Block:
    vpc_only = s.hardened()
    user = Block("default_user_settings").attr(
        "execution_role", s.ref(ROLE, "arn", "var.execution_role_arn")
    )
    if vpc_only:
        user.attr("security_groups", Raw("var.security_group_ids"))
    block = (
        Block("resource", (DOMAIN, label))
        .attr("domain_name", f"${{local.name_prefix}}-{label.replace('_', '-')}")
        .attr("auth_mode", "SSO" if s.hardened() else "IAM")
        .attr("vpc_id", Raw("var.vpc_id"))
        .attr("subnet_ids", Raw("var.subnet_ids"))
        .attr("app_network_access_type", "VpcOnly" if vpc_only else "PublicInternetOnly")
    )
    if s.hardened():
        block.attr("kms_key_id", kms_arn(s))
    block.block(user)
    block.block(Block("retention_policy").attr("home_efs_file_system", "Retain"))
    return block.attr("tags", Raw("local.common_tags"))


def build_feature_group(s: Stack, label: str) -> Block:
    block = (
        Block("resource", (FEATURE_GROUP, label))
        .attr("feature_group_name", f"${{local.name_prefix}}-{label.replace('_', '-')}")
        .attr("record_identifier_feature_name", "entity_id")
        .attr("event_time_feature_name", "event_time")
        .attr("role_arn", s.ref(ROLE, "arn", "var.execution_role_arn"))
    )
    features = [("entity_id", "String"), ("event_time", "String")]
    features += [
        (f"feature_{i}", s.rng.choice(["Integral", "Fractional", "String"])) for i in range(3)
    ]
    for name, ftype in features:
        block.block(
            Block("feature_definition").attr("feature_name", name).attr("feature_type", ftype)
        )
    store = s.rng.choice(["online", "offline", "both"])
    if store in ("online", "both"):
        online = Block("online_store_config").attr("enable_online_store", True)
        if s.hardened():
            online.block(Block("security_config").attr("kms_key_id", kms_arn(s)))
        block.block(online)
    if store in ("offline", "both"):
        storage = Block("s3_storage_config").attr("s3_uri", s3_uri(s, f"feature-store/{label}"))
        if s.hardened():
            storage.attr("kms_key_id", kms_arn(s))
        offline = (
            Block("offline_store_config").block(storage).attr("disable_glue_table_creation", False)
        )
        block.block(offline)
    return block.attr("tags", Raw("local.common_tags"))


BUILDERS = {
    ROLE: build_role,
    POLICY: build_policy,
    KMS: build_kms,
    BUCKET: build_bucket,
    SSE: build_sse,
    MODEL: build_model,
    ENDPOINT_CONFIG: build_endpoint_config,
    NOTEBOOK: build_notebook,
    DOMAIN: build_domain,
    FEATURE_GROUP: build_feature_group,
}


# --------------------------------------------------------------------------- #
# Per-stack files that are not resources
# --------------------------------------------------------------------------- #


def variable(name: str, type_: str, default: HclValue, description: str) -> Block:
    return (
        Block("variable", (name,))
        .attr("description", description)
        .attr("type", Raw(type_))
        .attr("default", default)
    )


def variables_file(s: Stack) -> list[Block]:
    region = REGIONS[s.index % len(REGIONS)]
    octet = s.index % 250
    weak_default = "Enabled" if not s.hardened() else "Disabled"
    return [
        variable("team", "string", s.team, "Owning team"),
        variable("environment", "string", s.env, "Deployment environment"),
        variable("region", "string", region, "AWS region"),
        variable("account_id", "string", f"{100000000000 + s.index * 7919:012d}", "AWS account id"),
        variable(
            "vpc_id", "string", f"vpc-{s.index:08x}{octet:02x}abcdef0", "VPC for ML workloads"
        ),
        variable(
            "subnet_ids",
            "list(string)",
            [f"subnet-{s.index:08x}a{i}b2c3d4e5" for i in range(2)],
            "Private subnets",
        ),
        variable(
            "security_group_ids", "list(string)", [f"sg-{s.index:08x}9f8e7d6c5"], "Security groups"
        ),
        variable("notebook_instance_type", "string", "ml.t3.medium", "Notebook instance type"),
        variable(
            "endpoint_instance_type",
            "string",
            s.rng.choice(ENDPOINT_TYPES),
            "Endpoint instance type",
        ),
        variable(
            "notebook_direct_internet_access", "string", weak_default, "Notebook internet access"
        ),
        variable("data_bucket", "string", f"{s.team}-{s.env}-shared-data", "Shared data bucket"),
        variable(
            "kms_key_arn", "string", f"arn:aws:kms:{region}:111122223333:key/shared", "Shared key"
        ),
        variable(
            "execution_role_arn",
            "string",
            "arn:aws:iam::111122223333:role/shared-exec",
            "Shared role",
        ),
        variable("execution_role_name", "string", "shared-exec", "Shared role name"),
        variable("model_name", "string", f"{s.team}-default-model", "Fallback model name"),
    ]


def main_file_header(s: Stack) -> list[Block]:
    terraform = Block("terraform").attr("required_version", ">= 1.5.0")
    aws: dict[str, HclValue] = {"source": "hashicorp/aws", "version": "~> 5.40"}
    terraform.block(Block("required_providers").attr("aws", aws))
    provider = Block("provider", ("aws",)).attr("region", Raw("var.region"))
    provider.block(Block("default_tags").attr("tags", {"CostCenter": f"ml-{s.team}"}))
    local_values: dict[str, HclValue] = {
        "name_prefix": f"${{var.team}}-${{var.environment}}-{s.index:04d}",
        "ecr_registry": "763104351884.dkr.ecr.${var.region}.amazonaws.com",
        "common_tags": {
            "Team": Raw("var.team"),
            "Environment": Raw("var.environment"),
            "ManagedBy": "terraform",
        },
    }
    kms = s.pick(KMS)
    if kms:
        local_values["kms_key_arn"] = Raw(f"{KMS}.{kms}.arn")
    return [terraform, provider, _locals_block(local_values)]


def _locals_block(values: dict[str, HclValue]) -> Block:
    block = Block("locals")
    for key, value in values.items():
        block.attr(key, value)
    return block


# --------------------------------------------------------------------------- #
# Driver
# --------------------------------------------------------------------------- #


def build_stack(seed: int, index: int, size: int) -> tuple[dict[str, str], Counter[str]]:
    """Render the five files of one stack; return them and its resource counts."""
    # A string seed per stack keeps each stack stable whatever the others do.
    rng = random.Random(f"{seed}:{index}")
    stack = Stack(
        index=index,
        rng=rng,
        maturity=rng.uniform(0.15, 0.9),
        team=TEAMS[index % len(TEAMS)],
        env=ENVIRONMENTS[(index // len(TEAMS)) % len(ENVIRONMENTS)],
    )
    kinds = plan_kinds(rng, size)
    counts: Counter[str] = Counter()
    for kind in kinds:
        label = label_for(kind, counts[kind])
        # Registered only after building, so a resource never references itself.
        block = BUILDERS[kind](stack, label)
        stack.names.setdefault(kind, []).append(label)
        stack.files[TARGET_FILE[kind]].append(block)
        counts[kind] += 1
    # main.tf's locals may reference a key, so it is built after the resources.
    stack.files["main.tf"] = main_file_header(stack) + stack.files["main.tf"]
    stack.files["variables.tf"] = variables_file(stack)
    rendered = {name: _file_text(name, blocks) for name, blocks in stack.files.items()}
    return rendered, counts


def _file_text(name: str, blocks: list[Block]) -> str:
    if not blocks:
        # An empty file is valid HCL, but a comment says why it is there.
        return f"# {name}: nothing of this kind in this stack yet.\n"
    return render_file(blocks)


def generate(out_dir: Path, files: int, resources: int, seed: int) -> Counter[str]:
    """Write the tree into ``out_dir`` (which must not exist); return resource counts."""
    if files <= 0 or files % FILES_PER_STACK:
        raise ValueError(f"--files must be a positive multiple of {FILES_PER_STACK}")
    stacks = files // FILES_PER_STACK
    sizes = split_total(random.Random(seed), resources, stacks)
    totals: Counter[str] = Counter()
    for index, size in enumerate(sizes):
        rendered, counts = build_stack(seed, index, size)
        stack_dir = out_dir / f"stack-{index:04d}"
        stack_dir.mkdir(parents=True)
        for name, text in rendered.items():
            (stack_dir / name).write_text(text, encoding="utf-8")
        totals += counts
    return totals


def generate_atomically(
    out_dir: Path, files: int, resources: int, seed: int, force: bool
) -> Counter[str]:
    """Generate next to ``out_dir`` and rename, so a present OUT_DIR is complete."""
    if out_dir.exists() and any(out_dir.iterdir()):
        if not force:
            raise FileExistsError(f"{out_dir} exists and is not empty (use --force to replace it)")
        shutil.rmtree(out_dir)
    elif out_dir.exists():
        out_dir.rmdir()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    partial = out_dir.with_name(f".{out_dir.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        totals = generate(partial, files, resources, seed)
        partial.rename(out_dir)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return totals


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "out_dir", type=Path, help="folder to create (must not exist, or use --force)"
    )
    parser.add_argument(
        "--files",
        type=int,
        default=5000,
        help=f"number of .tf files (multiple of {FILES_PER_STACK})",
    )
    parser.add_argument("--resources", type=int, default=20000, help="total number of resources")
    parser.add_argument("--seed", type=int, default=42, help="random seed (same seed, same bytes)")
    parser.add_argument("--force", action="store_true", help="replace OUT_DIR if it exists")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        totals = generate_atomically(
            args.out_dir, args.files, args.resources, args.seed, args.force
        )
    except (ValueError, FileExistsError) as exc:
        print(f"generate_tf: {exc}", file=sys.stderr)
        return 2
    stacks = args.files // FILES_PER_STACK
    total = sum(totals.values())
    print(f"wrote {args.files} files, {total} resources ({stacks} stacks) to {args.out_dir}")
    for kind in KIND_ORDER:
        print(f"  {kind:<52} {totals[kind]:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
