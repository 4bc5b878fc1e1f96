"""IAM analysis alone: N policy statements, wildcard expansion against the action catalog.

Generates policy documents of five statements each with a mix that real estates have: literal
actions drawn from the whole catalog, read wildcards (`ec2:Describe*`), write wildcards
(`s3:Put*`, `sagemaker:Create*`), `iam:Pass*`, service-wide `svc:*`, `*`, NotAction, resources
that are `*`, role patterns or ARNs, and PassedToService conditions. Then builds the statements
table (one row per statement x action x resource), expands every distinct action pattern once
and computes what each document grants once its unconditional Deny statements are subtracted.
Prints the time of each phase and the peak memory. A benchmark, never a test: it prints figures
and asserts nothing about them.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from scanner.iam import ActionCatalog, parse_document, statements_table
from scanner.iam.denies import effective_flags

_WILDCARDS = [
    "iam:Pass*",
    "iam:*",
    "iam:Get*",
    "s3:*",
    "s3:Get*",
    "s3:Put*",
    "sagemaker:Create*",
    "sagemaker:Describe*",
    "kms:*",
    "ecr:BatchGet*",
    "secretsmanager:*",
    "sts:Assume*",
    "logs:*",
    "ec2:Describe*",
    "*",
]
_RESOURCES = [
    "*",
    "arn:aws:iam::111122223333:role/*",
    "arn:aws:s3:::ml-data-{n}/*",
    "arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/nb-{n}",
    "arn:aws:kms:eu-west-1:111122223333:key/{n}",
]


def _statement(rng: random.Random, actions: list[str], n: int) -> dict[str, object]:
    chosen = [
        rng.choice(_WILDCARDS) if rng.random() < 0.3 else rng.choice(actions)
        for _ in range(rng.randint(1, 4))
    ]
    resources = [rng.choice(_RESOURCES).format(n=n) for _ in range(rng.randint(1, 2))]
    statement: dict[str, object] = {
        "Effect": "Deny" if rng.random() < 0.05 else "Allow",
        "NotAction" if rng.random() < 0.02 else "Action": chosen,
        "Resource": resources,
    }
    if rng.random() < 0.2:
        statement["Condition"] = {
            "StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}
        }
    return statement


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--per-document", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    start = time.perf_counter()
    catalog = ActionCatalog.load()
    actions = [
        f"{s}:{name}" for s, found in catalog.services.items() for _, (name, _) in found.items()
    ]
    loaded = time.perf_counter()

    documents = {}
    for doc in range(args.statements // args.per_document):
        statements = [_statement(rng, actions, doc) for _ in range(args.per_document)]
        documents[doc] = parse_document({"Version": "2012-10-17", "Statement": statements})
    generated = time.perf_counter()

    cpu_start = time.process_time()
    table = statements_table(documents)
    tabled = time.perf_counter()
    flags = effective_flags(table, catalog)  # grants, less each document's unconditional Denies
    judged = time.perf_counter()
    cpu = time.process_time() - cpu_start

    patterns = table["action"].n_unique()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    statements = sum(len(s) for s in documents.values())
    print(
        f"catalog: {len(actions):,} actions of {len(catalog.services)} services, "
        f"loaded in {loaded - start:.2f} s"
    )
    print(
        f"generated {statements:,} statements in {len(documents):,} documents "
        f"({generated - loaded:.2f} s, parsing included)"
    )
    print(
        f"statements table: {table.height:,} rows (statement x action x resource), "
        f"{patterns:,} distinct action patterns, {tabled - generated:.2f} s"
    )
    print(
        f"expansion + evaluation: {judged - tabled:.2f} s "
        f"({flags['passrole_on_any_resource'].sum():,} documents pass any role, "
        f"{flags['grants_full_admin'].sum():,} full admin)"
    )
    print(
        f"analysis total (table + expansion + evaluation): {judged - generated:.2f} s; "
        f"CPU {cpu:.2f} s; peak memory {peak_mb:,.0f} MB"
    )


if __name__ == "__main__":
    main()
