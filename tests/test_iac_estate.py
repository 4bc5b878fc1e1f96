"""The sample estate in iac/: every weak resource fails where it should, every hardened one passes.

The estate evaluates variables, locals, a local module called with for_each and references
known only after apply, so this is the end-to-end check of the Terraform path.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from scanner.pipeline import ScanOptions, scan

ESTATE = Path(__file__).resolve().parents[1] / "iac"

WEAK = {
    "aws_sagemaker_notebook_instance.sandbox": {
        # Direct internet, and its role can write the training data (reach): an attack path.
        "MLP-AWS-PATH-001": "attack-path",
        "MLP-AWS-SM-001": "encryption",
        "MLP-AWS-SM-002": "network",
        "MLP-AWS-SM-003": "iam",
        "MLP-AWS-SM-004": "network",
        "MLP-AWS-SM-005": "iam",
        "MLP-AWS-IAM-011": "iam",
        # Direct internet access and a role that can pass any role to SageMaker.
        "MLP-AWS-PATH-003": "attack-path",
    },
    'module.team_notebooks["churn"].aws_sagemaker_notebook_instance.this': {
        "MLP-AWS-SM-001": "encryption",
        "MLP-AWS-SM-002": "network",
        "MLP-AWS-SM-003": "iam",
        "MLP-AWS-SM-004": "network",
        "MLP-AWS-SM-005": "iam",
        "MLP-AWS-SM-006": "operations",
    },
    "aws_sagemaker_model.churn": {
        "MLP-AWS-SM-009": "network",
        "MLP-AWS-SM-010": "network",
        "MLP-AWS-SM-011": "supply-chain",
        "MLP-AWS-IAM-012": "iam",
        # Its artefacts sit in an unversioned bucket anyone may read and overwrite.
        "MLP-AWS-TH-001": "supply-chain",
        "MLP-AWS-TH-002": "exposure",
    },
    # iac/paths.tf: the churn endpoint serves a model whose artefacts anyone may read; its
    # configuration has no customer managed key.
    "aws_sagemaker_endpoint.churn": {
        "MLP-AWS-PATH-002": "attack-path",
        "MLP-AWS-SM-013": "encryption",
    },
    "aws_sagemaker_endpoint_configuration.churn": {
        "MLP-AWS-SM-007": "encryption",
        "MLP-AWS-SM-008": "resilience",
        "MLP-AWS-TH-010": "logging",
    },
    "aws_ecr_repository.sandbox": {
        "MLP-AWS-TH-007": "supply-chain",
        "MLP-AWS-TH-008": "supply-chain",
    },
    "aws_sagemaker_notebook_instance_lifecycle_configuration.sandbox": {
        "MLP-AWS-SEC-001": "secrets"
    },
    "aws_sagemaker_domain.studio_public": {
        "MLP-AWS-SM-020": "network",
        "MLP-AWS-SM-021": "encryption",
        "MLP-AWS-SM-022": "iam",
        "MLP-AWS-IAM-013": "iam",
    },
    "aws_sagemaker_feature_group.transactions_raw": {
        "MLP-AWS-SM-023": "encryption",
        "MLP-AWS-SM-024": "encryption",
        "MLP-AWS-TH-003": "resilience",
        "MLP-AWS-TH-004": "exposure",
    },
    # The poisoned pipeline's stores (iac/data_stores.tf).
    "aws_s3_bucket.sandbox_artifacts": {
        "MLP-AWS-S3-001": "exposure",
        "MLP-AWS-S3-002": "encryption",
    },
    "aws_s3_bucket.raw_features": {"MLP-AWS-S3-001": "exposure", "MLP-AWS-S3-002": "encryption"},
    # The weak notebook, model and Studio domain run as a role with AmazonSageMakerFullAccess
    # and a policy whose iam:Pass* wildcard passes any role to new training and processing jobs.
    "aws_iam_role.sandbox_execution": {
        "MLP-AWS-IAM-007": "iam",
        "MLP-AWS-IAM-009": "iam",
        "MLP-AWS-IAM-017": "iam",
    },
    "aws_iam_role_policy.sandbox_launch": {
        "MLP-AWS-IAM-002": "iam",
        "MLP-AWS-IAM-003": "iam",
        "MLP-AWS-IAM-004": "iam",
        "MLP-AWS-IAM-005": "iam",
    },
    # iac/people.tf: the data scientists may start a notebook and pass it the platform's
    # administrator role (one role, named by its ARN); their member holds the path through the
    # group.
    "aws_iam_group.data_scientists": {"MLP-AWS-IAM-016": "iam"},
    "aws_iam_user.data_scientist": {"MLP-AWS-IAM-015": "iam"},
    "aws_iam_group_policy.data_scientists_notebooks": {"MLP-AWS-IAM-004": "iam"},
    "aws_iam_role.platform_admin": {
        "MLP-AWS-IAM-007": "iam",
        "MLP-AWS-IAM-009": "iam",
        "MLP-AWS-IAM-010": "iam",
        "MLP-AWS-IAM-017": "iam",
        # AdministratorAccess invokes every model and can switch off its guardrail.
        "MLP-AWS-IAM-023": "iam",
    },
    # Bedrock (iac/genai.tf): a guardrail that lets prompt attacks and personal data through,
    # an agent without guardrail or key whose role reaches every bucket, a tuned model outside
    # any VPC with the AWS owned key, a knowledge base source without a key.
    "aws_bedrock_guardrail.chat_permissive": {
        "MLP-AWS-BR-002": "operations",
        "MLP-AWS-BR-003": "operations",
    },
    "aws_bedrockagent_agent.helpdesk_open": {
        "MLP-AWS-BR-004": "operations",
        "MLP-AWS-BR-005": "encryption",
        "MLP-AWS-BR-009": "iam",
    },
    "aws_bedrock_custom_model.churn_tuned": {
        "MLP-AWS-BR-006": "encryption",
        "MLP-AWS-BR-007": "network",
    },
    "aws_bedrockagent_data_source.wiki": {"MLP-AWS-BR-008": "encryption"},
    "aws_iam_role_policy.bedrock_agent_open": {"MLP-AWS-IAM-002": "iam"},  # s3:* on *
}
HARDENED = {
    # iac/paths.tf: the twins that break the churn endpoint's path, one hop each.
    "aws_sagemaker_endpoint.churn_external_config",  # undecided on its configuration's key
    "aws_sagemaker_endpoint.churn_external_model",
    "aws_sagemaker_endpoint_configuration.churn_external_model",
    "aws_sagemaker_endpoint.fraud",
    "aws_sagemaker_notebook_instance.research",
    'module.team_notebooks["fraud"].aws_sagemaker_notebook_instance.this',
    "aws_sagemaker_model.fraud",
    "aws_sagemaker_endpoint_configuration.fraud",
    "aws_sagemaker_domain.studio",
    "aws_sagemaker_feature_group.transactions",
    "aws_kms_key.ml",  # rotation on (MLP-AWS-KMS-001)
    "aws_s3_bucket.artifacts",  # versioned, KMS-encrypted, public access blocked
    "aws_s3_bucket.feature_store",
    "aws_ecr_repository.inference",
    "aws_sagemaker_notebook_instance_lifecycle_configuration.research",
    "aws_iam_role.sagemaker_execution",
    "aws_iam_role_policy.sagemaker_execution",
    "aws_iam_group.ml_engineers",
    "aws_iam_group_policy.ml_engineers",
    "aws_iam_user.ml_engineer",
    "aws_bedrock_model_invocation_logging_configuration.main",
    "aws_s3_bucket.bedrock_invocation_logs",  # its logs' bucket, SSE-KMS with the ML key
    "aws_bedrock_guardrail.chat",
    "aws_bedrockagent_agent.helpdesk",
    "aws_bedrock_custom_model.fraud_tuned",
    "aws_bedrockagent_data_source.manuals",
    "aws_iam_role.bedrock_agent",
    "aws_iam_role.bedrock_agent_open",  # only its agent is judged by what it allows
    "aws_iam_role.bedrock_logging",
    "aws_iam_role_policy.bedrock_agent",
    "aws_iam_role_policy.bedrock_logging",
}


def test_sample_estate_is_judged_right() -> None:
    report = scan([str(ESTATE)], ScanOptions(include_passed=True))
    assert report.errors == []
    # The one undecided check: an endpoint whose configuration is not in the code (its key).
    assert report.summary.undecided == 1
    failed: dict[str, dict[str, str]] = defaultdict(dict)
    passed: dict[str, set[str]] = defaultdict(set)
    # The Azure and Google parts of the estate (iac/azure, iac/gcp) have tests of their own.
    for result in (r for r in report.results if r.resource.provider == "aws"):
        if result.status == "failed":
            failed[result.resource.id][result.rule.id] = result.rule.category.value
        else:
            passed[result.resource.id].add(result.rule.id)
    assert dict(failed) == WEAK
    assert set(passed) >= HARDENED
    assert all(not failed.get(resource) for resource in HARDENED)
    assert set(failed) | set(passed) == set(WEAK) | HARDENED
