"""Reach alone: what every role can read / write / manage, on a synthetic estate of real shape.

Builds normalized resources and relations directly (no parsing): teams of roles, each role
with a customer policy of five statements, and the team's buckets, image repositories, model
package groups, endpoints and keys. Statements mix what real estates write: literal object
ARNs of one bucket, a team prefix (`arn:aws:s3:::team7-*/*`), repository and registry ARNs,
key ARNs, service wildcards (`s3:*`, `ecr:BatchGet*`), a rare `*` resource, NotAction and
unconditional Deny. The rest of the estate (notebooks, models, Azure and Google resources
that reach nothing) fills the resource and relation counts. Times the estate index and the
reach computation (stages.enrich's `compute_reach`) and prints the peak memory. A benchmark,
never a test: it prints figures and asserts nothing about them.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
import tracemalloc

from scanner.iam.catalog import ActionCatalog
from scanner.iam.computed import Estate
from scanner.iam.managed import load_managed_policies
from scanner.iam.reach import compute_reach
from scanner.model.resource import Location, Relation, Resource
from scanner.model.values import UNKNOWN_TEXT

SCOPE = "bench"
HERE = Location("terraform", file="bench/main.tf", line=1)
# Share of each target kind among the targets.
TARGETS = {
    "aws.s3.bucket": 0.55,
    "aws.ecr.repository": 0.2,
    "aws.sagemaker.model_package_group": 0.1,
    "aws.sagemaker.endpoint": 0.1,
    "aws.kms.key": 0.05,
}
_ACTIONS = {
    "aws.s3.bucket": ["s3:GetObject", "s3:PutObject", "s3:Get*", "s3:*", "s3:PutBucketPolicy"],
    "aws.ecr.repository": ["ecr:BatchGetImage", "ecr:PutImage", "ecr:BatchGet*", "ecr:*"],
    "aws.sagemaker.model_package_group": ["sagemaker:CreateModelPackage", "sagemaker:Describe*"],
    "aws.sagemaker.endpoint": ["sagemaker:InvokeEndpoint", "sagemaker:UpdateEndpoint"],
    "aws.kms.key": ["kms:Decrypt", "kms:*", "kms:PutKeyPolicy"],
}


def _arn(kind: str, name: str) -> str:
    return {
        "aws.s3.bucket": f"arn:aws:s3:::{name}/*",
        "aws.ecr.repository": f"arn:aws:ecr:eu-west-1:111122223333:repository/{name}",
        "aws.sagemaker.model_package_group": (
            f"arn:aws:sagemaker:eu-west-1:111122223333:model-package/{name}/*"
        ),
        "aws.sagemaker.endpoint": f"arn:aws:sagemaker:eu-west-1:111122223333:endpoint/{name}",
        "aws.kms.key": f"arn:aws:kms:eu-west-1:111122223333:key/{name}",
    }[kind]


def _resource(rid: str, kind: str, name: str, values: dict[str, object]) -> Resource:
    return Resource(rid, kind, kind.split(".", 1)[0], kind, name, HERE, values, scope=SCOPE)


def _statement(
    rng: random.Random, team: int, names: dict[str, list[str]], star_share: float
) -> dict[str, object]:
    kind = rng.choices(list(TARGETS), weights=list(TARGETS.values()))[0]
    own = names[kind]
    roll = rng.random()
    if roll < star_share:
        resources = ["*"]
    elif roll < 0.35 or not own:
        resources = [_arn(kind, f"team{team}-*")]  # the team's prefix
    else:
        resources = [_arn(kind, rng.choice(own)) for _ in range(rng.randint(1, 3))]
    statement: dict[str, object] = {
        "Effect": "Deny" if rng.random() < 0.03 else "Allow",
        "NotAction" if rng.random() < 0.01 else "Action": rng.sample(
            _ACTIONS[kind], rng.randint(1, 2)
        ),
        "Resource": resources,
    }
    return statement


def build(
    resources_n: int,
    relations_n: int,
    statements_n: int,
    star_share: float,
    seed: int,
    literal_names: bool = False,
) -> tuple[list[Resource], list[Relation]]:
    rng = random.Random(seed)
    per_policy = 5
    roles_n = statements_n // per_policy
    teams = max(1, roles_n // 20)
    targets_n = int(resources_n * 0.5)
    resources: list[Resource] = []
    relations: list[Relation] = []
    names: dict[int, dict[str, list[str]]] = {t: {k: [] for k in TARGETS} for t in range(teams)}
    for i in range(targets_n):
        kind = rng.choices(list(TARGETS), weights=list(TARGETS.values()))[0]
        team = i % teams
        name = f"team{team}-{kind.rsplit('.', 1)[-1].replace('_', '-')}-{i}"
        names[team][kind].append(name)
        resources.append(_resource(f"{kind}.t{i}", kind, name, {"name": name}))
    for r in range(roles_n):
        team = r % teams
        role = _resource(
            f"aws_iam_role.r{r}", "aws.iam.role", f"role-{r}", {"role_name": f"role-{r}"}
        )
        statements = [_statement(rng, team, names[team], star_share) for _ in range(per_policy)]
        document = json.dumps({"Version": "2012-10-17", "Statement": statements})
        policy = _resource(
            f"aws_iam_policy.p{r}",
            "aws.iam.policy",
            f"policy-{r}",
            # The role by reference (known at apply), as `role = aws_iam_role.x.id` in a
            # plan; or, with --literal-names, by its name written out (`Roles: [name]`), which
            # holders.py looks up by name.
            {
                "policy_name": f"policy-{r}",
                "document": document,
                "roles": [f"role-{r}" if literal_names else UNKNOWN_TEXT],
            },
        )
        resources += [role, policy]
        if not literal_names:
            relations.append(Relation(policy.id, "roles", role.id, SCOPE))
    filler = resources_n - len(resources)
    for i in range(filler):
        resources.append(_resource(f"aws_sagemaker_model.m{i}", "aws.sagemaker.model", f"m{i}", {}))
    # The rest of the relations: models to their roles and to targets (artefacts, keys).
    while len(relations) < relations_n:
        model = f"aws_sagemaker_model.m{rng.randrange(max(filler, 1))}"
        other = resources[rng.randrange(len(resources))]
        relations.append(Relation(model, "execution_role_arn", other.id, SCOPE))
    return resources, relations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=300_000)
    parser.add_argument("--statements", type=int, default=50_000)
    parser.add_argument("--star-share", type=float, default=0.002)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--literal-names", action="store_true", help="policies name their roles, no reference"
    )
    parser.add_argument("--tracemalloc", action="store_true", help="Python heap peak too (slower)")
    args = parser.parse_args()

    started = time.perf_counter()
    resources, relations = build(
        args.resources,
        args.relations,
        args.statements,
        args.star_share,
        args.seed,
        args.literal_names,
    )
    built = time.perf_counter()
    catalog = ActionCatalog.load()
    managed = load_managed_policies()
    loaded = time.perf_counter()
    if args.tracemalloc:
        tracemalloc.start()
    estate = Estate.build(resources, relations)
    indexed = time.perf_counter()
    cpu_start = time.process_time()
    reach = compute_reach(estate, catalog, managed)
    done = time.perf_counter()
    cpu = time.process_time() - cpu_start
    heap = tracemalloc.get_traced_memory()[1] / 2**20 if args.tracemalloc else None
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    counts = reach.group_by("field").len().sort("field").iter_rows()
    print(
        f"estate: {len(resources):,} resources, {len(relations):,} relations, "
        f"{args.statements:,} statements in {args.statements // 5:,} policies "
        f"(built in {built - started:.2f} s; catalog and managed policies {loaded - built:.2f} s)"
    )
    print(f"estate index: {indexed - loaded:.2f} s")
    print(
        f"reach: {reach.height:,} edges ({', '.join(f'{f} {n:,}' for f, n in counts)}) "
        f"in {done - indexed:.2f} s (CPU {cpu:.2f} s, all threads)"
    )
    heap_text = f"; Python heap peak {heap:,.0f} MB" if heap is not None else ""
    print(f"peak memory (max RSS of the process) {peak_mb:,.0f} MB{heap_text}")


if __name__ == "__main__":
    main()
