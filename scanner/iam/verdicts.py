"""What makes an IAM role or policy over-privileged: the computed findings that the verdict
`over_privileged` sums up, each with how a failed result's evidence says it. The analysis
(analyse.py) and the evidence (engine/evidence.py) both read this one table."""

from __future__ import annotations

# (computed field, evidence text); `{value}` is the field's value, for list fields.
OVER_PRIVILEGED_BECAUSE: tuple[tuple[str, str], ...] = (
    ("grants_full_admin", "allows every action (*) on every resource (*)"),
    ("passrole_on_any_resource", "allows iam:PassRole on every role (*)"),
    ("sagemaker_escalation_path", "can pass any role to the SageMaker jobs it creates"),
    ("allow_not_action", "has an Allow with NotAction (everything it does not name)"),
    ("risky_service_wildcards", "allows service-wide wildcards on {value}"),
)
# Of those, the list fields: a finding when the list is not empty.
LIST_FINDINGS = frozenset({"risky_service_wildcards"})

# The escalation path and the model-access verdicts, the same way: which grants make them.
ESCALATION_BECAUSE: tuple[tuple[str, str], ...] = (
    ("passrole_on_any_resource", "allows iam:PassRole on every role (*)"),
    ("ml_escalation_actions", "runs code as the role it passes with {value}"),
    ("passes_privileged_roles", "may pass the over-privileged roles {value}"),
    ("assume_role_on_any_resource", "allows sts:AssumeRole on every role (*)"),
    ("escalation_statements", "through the statements {value}"),
)
GUARDRAIL_BYPASS_BECAUSE: tuple[tuple[str, str], ...] = (
    ("model_invoke_actions", "allows {value} on every model"),
    (
        "guardrail_control_actions",
        "can loosen or stop guardrails or invocation logging with {value}",
    ),
)
ENDPOINT_INVOKE_BECAUSE: tuple[tuple[str, str], ...] = (
    ("endpoint_invoke_actions", "allows {value} on every endpoint"),
)
