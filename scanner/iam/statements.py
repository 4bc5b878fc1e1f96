"""The statements table (one row per statement x action x resource) and what it grants.

Python only turns each document into statement records; everything after that is Polars:
the table is exploded, each distinct action pattern is expanded once against the catalog and
joined back, and the findings of each document are group-by aggregations.

`permission_flags` says what the Allow statements grant; denies.py subtracts what unconditional
Deny statements take away, per document or across all the documents of a role or policy.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from scanner.iam.catalog import ALL_ACTIONS, ActionCatalog
from scanner.iam.documents import UNKNOWN_MARK, Statement
from scanner.iam.model_access import (
    MODEL_ACCESS,
    MODEL_ACCESS_FLAGS,
    model_access_feature,
    model_access_of_statement,
    model_access_per_document,
    model_access_per_statement,
)
from scanner.iam.role_resources import role_resources

# Services whose write or permissions-management actions on every resource let a workload take
# over data, keys, images, identities or secrets.
RISKY_SERVICES = ("ecr", "iam", "kms", "s3", "sagemaker", "secretsmanager", "sts")
BROAD_ACCESS_LEVELS = ("Write", "Permissions management")
PASS_ROLE = "iam:passrole"
PASSED_TO_SERVICE = "iam:passedtoservice"
# Actions that, with iam:PassRole, run code as a role the caller chooses (or reach a notebook
# that runs as one): the SageMaker privilege-escalation paths.
SAGEMAKER_ESCALATION = tuple(
    sorted(
        f"sagemaker:{a}".lower()
        for a in (
            "CreateNotebookInstance",
            "CreatePresignedNotebookInstanceUrl",
            "UpdateNotebookInstance",
            "CreateTrainingJob",
            "CreateProcessingJob",
            "CreateHyperParameterTuningJob",
            "CreateAutoMLJob",
            "CreateAutoMLJobV2",
            "CreateTransformJob",
            "CreateModel",
            "CreateEndpoint",
            "CreatePipeline",
            "CreateDomain",
            "CreateUserProfile",
            "CreateLabelingJob",
            "CreateCompilationJob",
        )
    )
)
# The same with a role passed to Glue (a development endpoint, a job or an interactive
# session runs the caller's code as it) or to Bedrock AgentCore (a code interpreter or an agent
# runtime runs it): every ML service path to run code as a role.
ML_ESCALATION = tuple(
    sorted(
        (
            *SAGEMAKER_ESCALATION,
            *(
                f"glue:{a}".lower()
                for a in (
                    "CreateDevEndpoint",
                    "UpdateDevEndpoint",
                    "CreateJob",
                    "UpdateJob",
                    "CreateSession",
                )
            ),
            *(
                f"bedrock-agentcore:{a}".lower()
                for a in ("CreateCodeInterpreter", "CreateAgentRuntime", "UpdateAgentRuntime")
            ),
        )
    )
)
ASSUME_ROLE = "sts:assumerole"
# A resource one of those actions can apply to: `*` or an ARN of the service (pattern).
_SAGEMAKER_RESOURCE = r"^(\*|arn:[^:]*:(sagemaker|glue|bedrock-agentcore|\*):.*)$"
# A resource that covers every role: `*`, `arn:aws:iam::*:*`, `arn:aws:iam::123:role/*`.
_ANY_ROLE = r"^(\*|arn:[^:]*:iam::[^:]*:(\*|role/\*))$"

STATEMENTS_SCHEMA = {
    "doc": pl.UInt32(),
    "stmt": pl.UInt32(),
    "effect": pl.String(),
    "not_action": pl.Boolean(),
    "not_resource": pl.Boolean(),
    "has_condition": pl.Boolean(),
    "passed_to_service": pl.Boolean(),  # an iam:PassedToService condition applies
    "action": pl.String(),
    "resource": pl.String(),
}

PERMISSION_FLAGS_SCHEMA = {
    "doc": pl.UInt32(),
    "grants_full_admin": pl.Boolean(),
    "passrole_on_any_resource": pl.Boolean(),
    "passrole_without_service_condition": pl.Boolean(),
    "sagemaker_escalation_actions": pl.List(pl.String()),
    "ml_escalation_actions": pl.List(pl.String()),
    "allow_not_action": pl.Boolean(),
    "assume_role_on_any_resource": pl.Boolean(),
    "risky_service_wildcards": pl.List(pl.String()),
    # The action patterns behind `risky_service_wildcards` (`s3:*` for a NotAction grant):
    # what a Deny of some actions of those services is checked against.
    "risky_patterns": pl.List(pl.String()),
    # Who may call the models (model_access.py).
    **{flag: pl.List(pl.String()) for flag in MODEL_ACCESS_FLAGS},
}


def statements_table(documents: Mapping[int, list[Statement]]) -> pl.DataFrame:
    """One row per (document, statement, action pattern, resource); patterns lowercased.

    A statement without actions or resources keeps one row with a null there. Built as flat
    columns joined in Polars (Python lists of lists are slow to load).
    """
    scalar_names = list(STATEMENTS_SCHEMA)[:7]
    cols: dict[str, list[object]] = {name: [] for name in scalar_names}
    action_rows: list[int] = []
    actions: list[str] = []
    resource_rows: list[int] = []
    resources: list[str] = []
    row = 0
    for doc, statements in documents.items():
        for index, s in enumerate(statements):
            cols["doc"].append(doc)
            cols["stmt"].append(index)
            cols["effect"].append(s.effect)
            cols["not_action"].append(s.not_action)
            cols["not_resource"].append(s.not_resource)
            cols["has_condition"].append(bool(s.condition_keys))
            cols["passed_to_service"].append(PASSED_TO_SERVICE in s.condition_keys)
            action_rows.extend([row] * len(s.actions))
            actions.extend(a.lower() for a in s.actions)
            resource_rows.extend([row] * len(s.resources))
            resources.extend(s.resources)
            row += 1
    schema = {name: STATEMENTS_SCHEMA[name] for name in scalar_names}
    base = pl.DataFrame(cols, schema=schema).with_row_index("__row")
    by_action = pl.DataFrame(
        {"__row": action_rows, "action": actions},
        schema={"__row": pl.UInt32(), "action": pl.String()},
    )
    by_resource = pl.DataFrame(
        {"__row": resource_rows, "resource": resources},
        schema={"__row": pl.UInt32(), "resource": pl.String()},
    )
    return (
        base.lazy()
        .join(by_action.lazy(), on="__row", how="left")
        .join(by_resource.lazy(), on="__row", how="left")
        .sort("__row", maintain_order=True)
        .drop("__row")
        .collect()
    )


def pattern_features(patterns: pl.Series, catalog: ActionCatalog) -> pl.DataFrame:
    """Per distinct action pattern: whether it covers PassRole, which escalation actions, which
    risky services it opens with write / permissions-management actions through a wildcard,
    and which services it names whole (`s3:*`)."""
    distinct = patterns.drop_nulls().unique()
    expansion = catalog.expand(distinct.to_list()).with_columns(pl.col("action").str.to_lowercase())
    by_pattern = expansion.group_by("pattern").agg(
        (pl.col("action") == PASS_ROLE).any().alias("passrole"),
        (pl.col("action") == ASSUME_ROLE).any().alias("assume_role"),
        pl.col("action").filter(pl.col("action").is_in(ML_ESCALATION)).alias("escalation"),
        pl.col("service")
        .filter(
            pl.col("service").is_in(RISKY_SERVICES)
            & pl.col("access_level").is_in(BROAD_ACCESS_LEVELS)
        )
        .unique()
        .alias("risky"),
        pl.col("action").filter(pl.col("action").is_in(MODEL_ACCESS)).alias("model_access"),
    )
    every = pl.col("pattern") == ALL_ACTIONS
    wildcard = pl.col("pattern").str.contains(r"[*?]")
    whole_service = pl.col("pattern").str.extract(r"^([a-z0-9-]+):\*$")
    return (
        pl.DataFrame({"pattern": distinct})
        .join(by_pattern, on="pattern", how="left")
        .select(
            "pattern",
            every.alias("all_actions"),
            (every | pl.col("passrole").fill_null(False)).alias("passrole"),
            (every | pl.col("assume_role").fill_null(False)).alias("assume_role"),
            pl.when(every)
            .then(pl.lit(list(ML_ESCALATION)))
            .otherwise(pl.col("escalation").fill_null([]))
            .alias("escalation"),
            pl.when(every)
            .then(pl.lit(list(RISKY_SERVICES)))
            .when(wildcard)
            .then(pl.col("risky").fill_null([]))
            .otherwise(pl.lit([], dtype=pl.List(pl.String())))
            .alias("risky"),
            pl.when(every)
            .then(pl.lit(list(RISKY_SERVICES)))
            .otherwise(pl.concat_list(whole_service).list.drop_nulls())
            .alias("whole_services"),
            model_access_feature(every),
        )
    )


def per_statement(
    table: pl.DataFrame, catalog: ActionCatalog, features: pl.DataFrame | None
) -> pl.LazyFrame:
    """What each Allow statement grants, NotAction inverted: one row per statement."""
    if features is None:
        features = pattern_features(table["action"], catalog)
    joined = (
        table.lazy()
        .join(features.lazy(), left_on="action", right_on="pattern", how="left")
        .join(role_resources(table["resource"]).lazy(), on="resource", how="left")
    )
    covered = joined.group_by("doc", "stmt").agg(
        pl.col("effect").first(),
        pl.col("not_action").first(),
        pl.col("not_resource").first(),
        pl.col("passed_to_service").first(),
        pl.col("all_actions").fill_null(False).any().alias("all_actions"),
        pl.col("passrole").fill_null(False).any().alias("passrole"),
        pl.col("assume_role").fill_null(False).any().alias("assume_role"),
        pl.col("escalation")
        .list.explode(keep_nulls=False, empty_as_null=False)
        .unique()
        .alias("escalation"),
        pl.col("risky").list.explode(keep_nulls=False, empty_as_null=False).unique().alias("risky"),
        pl.col("action").filter(pl.col("risky").list.len() > 0).unique().alias("risky_patterns"),
        pl.col("whole_services")
        .list.explode(keep_nulls=False, empty_as_null=False)
        .unique()
        .alias("whole_services"),
        (pl.col("resource") == "*").any().alias("resource_star"),
        pl.col("resource").str.contains(_ANY_ROLE).any().alias("resource_any_role"),
        pl.col("resource").str.contains(_SAGEMAKER_RESOURCE).any().alias("resource_sagemaker"),
        # A statement without Resource is not narrowed to non-roles.
        pl.col("role_resource").fill_null(True).any().alias("resource_role"),
        *model_access_per_statement(),
    )
    inverted = pl.col("not_action")
    return covered.filter(pl.col("effect").str.to_lowercase() == "allow").select(
        "doc",
        "stmt",
        "not_action",
        (pl.col("all_actions") & ~inverted).alias("all_actions"),
        pl.when(inverted).then(~pl.col("passrole")).otherwise(pl.col("passrole")).alias("passrole"),
        pl.when(inverted)
        .then(~pl.col("assume_role"))
        .otherwise(pl.col("assume_role"))
        .alias("assume_role"),
        pl.when(~pl.col("not_resource") & ~pl.col("resource_sagemaker"))
        .then(pl.lit([], dtype=pl.List(pl.String())))
        .when(inverted)
        .then(pl.lit(list(ML_ESCALATION)).list.set_difference(pl.col("escalation")))
        .otherwise(pl.col("escalation"))
        .alias("escalation"),
        pl.when(inverted)
        .then(pl.lit(list(RISKY_SERVICES)).list.set_difference(pl.col("whole_services")))
        .otherwise(pl.col("risky"))
        .alias("risky"),
        pl.when(inverted)
        .then(
            pl.lit(list(RISKY_SERVICES))
            .list.set_difference(pl.col("whole_services"))
            .list.eval(pl.element() + ":*")
        )
        .otherwise(pl.col("risky_patterns"))
        .alias("risky_patterns"),
        (pl.col("not_resource") | pl.col("resource_star")).alias("any_resource"),
        (pl.col("not_resource") | pl.col("resource_any_role")).alias("any_role"),
        pl.col("passed_to_service").alias("service_condition"),
        (pl.col("not_resource") | pl.col("resource_role")).alias("role_resource"),
        *model_access_of_statement(inverted),
    )


def permission_flags(
    table: pl.DataFrame, catalog: ActionCatalog, features: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Per document: what its Allow statements grant (see PERMISSION_FLAGS_SCHEMA).

    `sagemaker_escalation_actions` are those granted on `*` or SageMaker ARNs; the path is
    those together with PassRole on any role (`escalation_path`), judged per role too.
    """
    if table.is_empty():
        return pl.DataFrame(schema=PERMISSION_FLAGS_SCHEMA)
    statements = per_statement(table, catalog, features)
    flags = statements.group_by("doc").agg(
        (pl.col("all_actions") & pl.col("any_resource")).any().alias("grants_full_admin"),
        (pl.col("passrole") & pl.col("any_role")).any().alias("passrole_on_any_resource"),
        (pl.col("passrole") & pl.col("role_resource") & ~pl.col("service_condition"))
        .any()
        .alias("passrole_without_service_condition"),
        pl.col("escalation")
        .list.explode(keep_nulls=False, empty_as_null=False)
        .unique()
        .sort()
        .alias("ml_escalation_actions"),
        pl.col("not_action").any().alias("allow_not_action"),
        (pl.col("assume_role") & pl.col("any_role")).any().alias("assume_role_on_any_resource"),
        pl.col("risky")
        .filter(pl.col("any_resource"))
        .list.explode(keep_nulls=False, empty_as_null=False)
        .drop_nulls()
        .unique()
        .sort()
        .alias("risky_service_wildcards"),
        pl.col("risky_patterns")
        .filter(pl.col("any_resource"))
        .list.explode(keep_nulls=False, empty_as_null=False)
        .drop_nulls()
        .unique()
        .sort()
        .alias("risky_patterns"),
        *model_access_per_document(),
    )
    # An action known only after apply (`actions = var.actions`) could be anything: a flag it
    # could turn on is undecided, unless the known actions already turn it on.
    docs = table.group_by("doc").agg(
        (pl.col("action") == UNKNOWN_MARK).any().fill_null(False).alias("__unknown_action")
    )
    return (
        docs.lazy()
        .join(flags, on="doc", how="left")
        .with_columns(
            pl.when(pl.col(name))
            .then(True)
            .when(pl.col("__unknown_action"))
            .then(None)
            .otherwise(False)
            .alias(name)
            for name, dtype in PERMISSION_FLAGS_SCHEMA.items()
            if dtype == pl.Boolean()
        )
        .with_columns(
            pl.col("ml_escalation_actions").fill_null([]),
            pl.col("ml_escalation_actions")
            .fill_null([])
            .list.eval(pl.element().filter(pl.element().str.starts_with("sagemaker:")))
            .alias("sagemaker_escalation_actions"),
            pl.col("risky_service_wildcards").fill_null([]),
            pl.col("risky_patterns").fill_null([]),
            *(pl.col(flag).fill_null([]) for flag in MODEL_ACCESS_FLAGS),
        )
        .collect()
        .cast(PERMISSION_FLAGS_SCHEMA)  # type: ignore[arg-type]
        .select(list(PERMISSION_FLAGS_SCHEMA))
    )


def passrole_resources(table: pl.DataFrame, features: pl.DataFrame) -> pl.DataFrame:
    """(doc, resource) of every Allow that grants iam:PassRole on something narrower than every
    role: the roles a document may pass by name, wildcard or reference."""
    if table.is_empty():
        return pl.DataFrame(schema={"doc": pl.UInt32(), "resource": pl.String()})
    return (
        table.lazy()
        .filter((pl.col("effect").str.to_lowercase() == "allow") & ~pl.col("not_action"))
        .join(features.lazy().filter("passrole"), left_on="action", right_on="pattern")
        .filter(pl.col("resource").is_not_null() & ~pl.col("not_resource"))
        .filter(~pl.col("resource").str.contains(_ANY_ROLE))
        .select("doc", "resource")
        .unique()
        .sort("doc", "resource")
        .collect()
    )


def escalation_path() -> pl.Expr:
    """PassRole on any role together with an action that runs (or reaches) code as it."""
    return pl.col("passrole_on_any_resource") & (
        pl.col("sagemaker_escalation_actions").list.len() > 0
    )
