"""Who may call the models: the actions behind the model-access flags of IAM documents.

Three lists per document (and per holder, as the union of its documents): the Bedrock
invocation actions granted on every model, the actions that switch off a guardrail or the
invocation logging (write access to guardrails, to the account's enforced guardrail, to the
logging configuration), and the SageMaker endpoint invocation actions granted on every
endpoint. Together they answer "can this principal call any model and also turn off what
watches or filters those calls?" and "can it call every endpoint?".
"""

from __future__ import annotations

import polars as pl

# Converse and ConverseStream are authorised by these two actions.
MODEL_INVOKE = ("bedrock:invokemodel", "bedrock:invokemodelwithresponsestream")
GUARDRAIL_CONTROL = tuple(
    sorted(
        f"bedrock:{a}".lower()
        for a in (
            "UpdateGuardrail",
            "DeleteGuardrail",
            "PutEnforcedGuardrailConfiguration",
            "DeleteEnforcedGuardrailConfiguration",
            "PutModelInvocationLoggingConfiguration",
            "DeleteModelInvocationLoggingConfiguration",
        )
    )
)
ENDPOINT_INVOKE = (
    "sagemaker:invokeendpoint",
    "sagemaker:invokeendpointasync",
    "sagemaker:invokeendpointwithresponsestream",
)
MODEL_ACCESS = (*MODEL_INVOKE, *GUARDRAIL_CONTROL, *ENDPOINT_INVOKE)
# The per-document list flags, with the actions each may hold.
MODEL_ACCESS_FLAGS = {
    "model_invoke_actions": MODEL_INVOKE,
    "guardrail_control_actions": GUARDRAIL_CONTROL,
    "endpoint_invoke_actions": ENDPOINT_INVOKE,
}

# Resources that cover every model (`*`, every foundation model or inference profile), any
# Bedrock resource (a guardrail, the logging configuration is account-wide: `*`), every
# SageMaker endpoint.
_ANY_MODEL = r"^(\*|arn:[^:]*:bedrock:[^:]*:[^:]*:(\*|[a-z-]+/\*))$"
_BEDROCK = r"^(\*|arn:[^:]*:(bedrock|\*):.*)$"
_ANY_ENDPOINT = r"^(\*|arn:[^:]*:sagemaker:[^:]*:[^:]*:(\*|endpoint/\*))$"
_RESOURCE_OF_FLAG = {
    "model_invoke_actions": _ANY_MODEL,
    "guardrail_control_actions": _BEDROCK,
    "endpoint_invoke_actions": _ANY_ENDPOINT,
}


def model_access_feature(every: pl.Expr) -> pl.Expr:
    """Per action pattern (over its catalog expansion): the model-access actions it covers."""
    covered = pl.col("model_access").fill_null([])
    return pl.when(every).then(pl.lit(list(MODEL_ACCESS))).otherwise(covered).alias("model_access")


def model_access_per_statement() -> list[pl.Expr]:
    """Aggregations over a statement's rows: the actions and resource coverage it grants."""
    return [
        pl.col("model_access")
        .list.explode(keep_nulls=False, empty_as_null=False)
        .drop_nulls()
        .unique()
        .alias("model_access"),
        *(
            pl.col("resource").str.contains(pattern).any().alias(f"__{flag}_resource")
            for flag, pattern in _RESOURCE_OF_FLAG.items()
        ),
    ]


def model_access_of_statement(inverted: pl.Expr) -> list[pl.Expr]:
    """Per Allow statement: the three lists, NotAction inverted, kept where the resources
    cover what the flag is about (NotResource counts as every resource)."""
    granted = (
        pl.when(inverted)
        .then(pl.lit(list(MODEL_ACCESS)).list.set_difference(pl.col("model_access")))
        .otherwise(pl.col("model_access"))
    )
    empty = pl.lit([], dtype=pl.List(pl.String()))
    return [
        pl.when(pl.col("not_resource") | pl.col(f"__{flag}_resource"))
        .then(granted.list.set_intersection(pl.lit(list(actions))))
        .otherwise(empty)
        .alias(flag)
        for flag, actions in MODEL_ACCESS_FLAGS.items()
    ]


def model_access_per_document() -> list[pl.Expr]:
    return [
        pl.col(flag)
        .list.explode(keep_nulls=False, empty_as_null=False)
        .drop_nulls()
        .unique()
        .sort()
        .alias(flag)
        for flag in MODEL_ACCESS_FLAGS
    ]


def guardrail_bypass() -> pl.Expr:
    """Invoke every model and switch off its guardrail or logging."""
    return (pl.col("model_invoke_actions").list.len() > 0) & (
        pl.col("guardrail_control_actions").list.len() > 0
    )
