"""A small SageMaker estate with a weak and a hardened variant of each resource, seeded with
boto3 into a moto server, and the findings each variant must get."""

from __future__ import annotations

import json
from typing import Any

import boto3

ACCOUNT = "123456789012"
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "sagemaker.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}
ADMIN = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}
SCOPED = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject"],
            "Resource": "arn:aws:s3:::estate-hardened-output/*",
        }
    ],
}
SUBNETS = ["subnet-0e1d2c3b4a5968778"]
GROUPS = ["sg-0a9b8c7d6e5f40312"]
IMAGE = f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/estate:3"

# Rule ids each resource (by name) fails, IAM rules aside (they are the IAM rule pack's: see
# ON_WEAK_ROLE). moto does not model a notebook's IMDS setting (so
# every notebook reads as IMDSv1, MLP-AWS-SM-005) nor a model's network isolation (always off,
# SM-009): the hardened variants fail those.
EXPECTED_FAILURES = {
    # Direct internet access and a role allowed everything: attack paths to escalation
    # (MLP-AWS-PATH-003) and to the ML buckets it can overwrite (MLP-AWS-PATH-001, reach).
    "nb-weak": {
        "MLP-AWS-SM-001",
        "MLP-AWS-SM-002",
        "MLP-AWS-SM-003",
        "MLP-AWS-SM-004",
        "MLP-AWS-SM-005",
        "MLP-AWS-PATH-001",
        "MLP-AWS-PATH-003",
    },
    "nb-hardened": {"MLP-AWS-SM-005"},
    "nb-weak-us": {
        "MLP-AWS-SM-001",
        "MLP-AWS-SM-002",
        "MLP-AWS-SM-003",
        "MLP-AWS-SM-004",
        "MLP-AWS-SM-005",
        "MLP-AWS-PATH-001",
        "MLP-AWS-PATH-003",
    },
    # nb-weak's path broken at its entry (no direct internet access, same role) and at its
    # hop (exposed, with the scoped role). The scoped role may still put objects in the
    # model artefact bucket, so the exposed twin keeps the path to it (MLP-AWS-PATH-001).
    "nb-path-private": {"MLP-AWS-SM-005"},
    "nb-path-scoped": {"MLP-AWS-SM-002", "MLP-AWS-SM-005", "MLP-AWS-PATH-001"},
    "m-weak": {"MLP-AWS-SM-009", "MLP-AWS-SM-010", "MLP-AWS-SM-011"},
    "m-hardened": {"MLP-AWS-SM-009"},
    "ec-weak": {"MLP-AWS-SM-007", "MLP-AWS-SM-008", "MLP-AWS-TH-010"},
    "ec-hardened": set(),
    "ep-weak": {"MLP-AWS-SM-013"},
    "ep-hardened": set(),
    "tj-weak": {"MLP-AWS-SM-040", "MLP-AWS-SM-041", "MLP-AWS-SM-042", "MLP-AWS-SM-043"},
    "tj-hardened": set(),
    "pj-weak": {"MLP-AWS-SM-044", "MLP-AWS-SM-045", "MLP-AWS-SM-046"},
    "pj-hardened": set(),
    "d-weak": {"MLP-AWS-SM-020", "MLP-AWS-SM-021", "MLP-AWS-SM-022"},
    "d-hardened": set(),
    "dq-weak": {"MLP-AWS-SM-025", "MLP-AWS-SM-026", "MLP-AWS-SM-027", "MLP-AWS-SM-028"},
    "dq-hardened": set(),
    "mb-weak": {"MLP-AWS-SM-025", "MLP-AWS-SM-026", "MLP-AWS-SM-027", "MLP-AWS-SM-028"},
    "mb-hardened": set(),
    "estate-weak-output": {"MLP-AWS-S3-001", "MLP-AWS-S3-002"},
    "estate-hardened-output": set(),
}


# Resources that run as the over-privileged role: each fails at least one IAM rule, and their
# hardened twins none.
ON_WEAK_ROLE = ("nb-weak", "nb-weak-us", "m-weak", "d-weak")


def seed_estate(
    endpoint_url: str | None, regions: tuple[str, ...] = ("eu-west-1",)
) -> dict[str, str]:
    """Build the estate in every region given (the us-east-1 notebook only there).

    Returns the KMS key ids by label (weak, hardened) of the first region.
    """
    session = boto3.Session(region_name=regions[0])

    def client(service: str, region: str | None = None) -> Any:
        return session.client(service, endpoint_url=endpoint_url, region_name=region)

    iam = client("iam")
    for name, policy in (("ml-weak", ADMIN), ("ml-hardened", SCOPED)):
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))
        iam.put_role_policy(RoleName=name, PolicyName="access", PolicyDocument=json.dumps(policy))
    weak_role = f"arn:aws:iam::{ACCOUNT}:role/ml-weak"
    hardened_role = f"arn:aws:iam::{ACCOUNT}:role/ml-hardened"
    keys: dict[str, str] = {}
    for region in regions:
        keys = _seed_region(client, region, weak_role, hardened_role)
    if "us-east-1" not in regions:
        client("sagemaker", "us-east-1").create_notebook_instance(
            NotebookInstanceName="nb-weak-us", InstanceType="ml.t3.medium", RoleArn=weak_role
        )
    return keys


def _seed_region(client: Any, region: str, weak_role: str, hardened_role: str) -> dict[str, str]:
    kms = client("kms", region)
    weak_key = kms.create_key(Description="estate weak")["KeyMetadata"]
    hardened_key = kms.create_key(Description="estate hardened")["KeyMetadata"]
    kms.enable_key_rotation(KeyId=hardened_key["KeyId"])
    s3 = client("s3", region)
    for bucket in ("estate-weak-output", "estate-hardened-output"):
        if region == "eu-west-1":  # buckets are global: one set of them
            s3.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region}
            )
    if region == "eu-west-1":
        s3.put_public_access_block(
            Bucket="estate-hardened-output",
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            },
        )
        s3.put_bucket_versioning(
            Bucket="estate-hardened-output", VersioningConfiguration={"Status": "Enabled"}
        )
        s3.put_bucket_encryption(
            Bucket="estate-hardened-output",
            ServerSideEncryptionConfiguration={
                "Rules": [
                    {
                        "ApplyServerSideEncryptionByDefault": {
                            "SSEAlgorithm": "aws:kms",
                            "KMSMasterKeyID": hardened_key["Arn"],
                        }
                    }
                ]
            },
        )
    sm = client("sagemaker", region)
    sm.create_notebook_instance(
        NotebookInstanceName="nb-weak", InstanceType="ml.t3.medium", RoleArn=weak_role
    )
    sm.create_notebook_instance(
        NotebookInstanceName="nb-hardened",
        InstanceType="ml.t3.large",
        RoleArn=hardened_role,
        KmsKeyId=hardened_key["Arn"],
        SubnetId=SUBNETS[0],
        SecurityGroupIds=GROUPS,
        DirectInternetAccess="Disabled",
        RootAccess="Disabled",
    )
    for name, role, internet in (
        ("nb-path-private", weak_role, "Disabled"),
        ("nb-path-scoped", hardened_role, "Enabled"),
    ):
        sm.create_notebook_instance(
            NotebookInstanceName=name,
            InstanceType="ml.t3.large",
            RoleArn=role,
            KmsKeyId=hardened_key["Arn"],
            SubnetId=SUBNETS[0],
            SecurityGroupIds=GROUPS,
            DirectInternetAccess=internet,
            RootAccess="Disabled",
        )
    container = {"Image": IMAGE, "ModelDataUrl": "s3://estate-hardened-output/model.tar.gz"}
    sm.create_model(ModelName="m-weak", ExecutionRoleArn=weak_role, PrimaryContainer=container)
    sm.create_model(
        ModelName="m-hardened",
        ExecutionRoleArn=hardened_role,
        PrimaryContainer={**container, "ImageConfig": {"RepositoryAccessMode": "Vpc"}},
        VpcConfig={"Subnets": SUBNETS, "SecurityGroupIds": GROUPS},
    )
    for name, count, key in (("ec-weak", 1, None), ("ec-hardened", 3, hardened_key["Arn"])):
        variant = {
            "VariantName": "primary",
            "ModelName": "m-hardened",
            "InstanceType": "ml.m5.large",
            "InitialInstanceCount": count,
        }
        extra: dict[str, Any] = {"KmsKeyId": key} if key else {}
        if key:  # the hardened one captures its traffic (MLP-AWS-TH-010)
            extra["DataCaptureConfig"] = {
                "EnableCapture": True,
                "InitialSamplingPercentage": 20,
                "DestinationS3Uri": "s3://estate-hardened-output/data-capture",
                "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
            }
        sm.create_endpoint_config(EndpointConfigName=name, ProductionVariants=[variant], **extra)
        sm.create_endpoint(EndpointName=name.replace("ec-", "ep-"), EndpointConfigName=name)
    _seed_jobs(sm, weak_role, hardened_role, weak_key["KeyId"], hardened_key["Arn"])
    sm.create_domain(
        DomainName="d-weak",
        AuthMode="IAM",
        DefaultUserSettings={"ExecutionRole": weak_role},
        SubnetIds=SUBNETS,
        VpcId="vpc-0123abcd4567ef890",
    )
    sm.create_domain(
        DomainName="d-hardened",
        AuthMode="SSO",
        AppNetworkAccessType="VpcOnly",
        KmsKeyId=hardened_key["Arn"],
        DefaultUserSettings={"ExecutionRole": hardened_role, "SecurityGroups": GROUPS},
        SubnetIds=SUBNETS,
        VpcId="vpc-0123abcd4567ef890",
    )
    return {"weak": weak_key["Arn"], "hardened": hardened_key["Arn"]}


def _seed_jobs(sm: Any, weak_role: str, hardened_role: str, weak_key: str, key: str) -> None:
    base = {
        "AlgorithmSpecification": {"TrainingImage": IMAGE, "TrainingInputMode": "File"},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }
    sm.create_training_job(
        TrainingJobName="tj-weak",
        RoleArn=weak_role,
        OutputDataConfig={"S3OutputPath": "s3://estate-weak-output/tj", "KmsKeyId": weak_key},
        ResourceConfig={"InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30},
        **base,
    )
    sm.create_training_job(
        TrainingJobName="tj-hardened",
        RoleArn=hardened_role,
        OutputDataConfig={"S3OutputPath": "s3://estate-hardened-output/tj", "KmsKeyId": key},
        ResourceConfig={
            "InstanceType": "ml.m5.xlarge",
            "InstanceCount": 2,
            "VolumeSizeInGB": 30,
            "VolumeKmsKeyId": key,
        },
        VpcConfig={"Subnets": SUBNETS, "SecurityGroupIds": GROUPS},
        EnableNetworkIsolation=True,
        EnableInterContainerTrafficEncryption=True,
        **base,
    )
    processing = {
        "AppSpecification": {"ImageUri": IMAGE},
        "ProcessingResources": {
            "ClusterConfig": {
                "InstanceCount": 2,
                "InstanceType": "ml.m5.large",
                "VolumeSizeInGB": 20,
            }
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": 600},
    }
    sm.create_processing_job(ProcessingJobName="pj-weak", RoleArn=weak_role, **processing)
    sm.create_processing_job(
        ProcessingJobName="pj-hardened",
        RoleArn=hardened_role,
        NetworkConfig={
            "EnableNetworkIsolation": True,
            "EnableInterContainerTrafficEncryption": True,
            "VpcConfig": {"Subnets": SUBNETS, "SecurityGroupIds": GROUPS},
        },
        **processing,
    )
    job = {
        "DataQualityAppSpecification": {"ImageUri": IMAGE},
        "DataQualityJobInput": {
            "EndpointInput": {"EndpointName": "churn", "LocalPath": "/opt/ml/processing/input"}
        },
        "DataQualityJobOutputConfig": {
            "MonitoringOutputs": [
                {
                    "S3Output": {
                        "S3Uri": "s3://estate-hardened-output/dq",
                        "LocalPath": "/opt/ml/processing/output",
                    }
                }
            ],
        },
    }
    cluster = {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 20}
    sm.create_data_quality_job_definition(
        JobDefinitionName="dq-weak",
        RoleArn=weak_role,
        JobResources={"ClusterConfig": cluster},
        **job,
    )
    hardened_job = {
        **job,
        "DataQualityJobOutputConfig": {**job["DataQualityJobOutputConfig"], "KmsKeyId": key},
    }
    sm.create_data_quality_job_definition(
        JobDefinitionName="dq-hardened",
        RoleArn=hardened_role,
        JobResources={"ClusterConfig": {**cluster, "VolumeKmsKeyId": key}},
        NetworkConfig={
            "EnableNetworkIsolation": True,
            "EnableInterContainerTrafficEncryption": True,
        },
        **hardened_job,
    )
    bias = {
        "ModelBiasAppSpecification": {
            "ImageUri": IMAGE,
            "ConfigUri": "s3://estate-hardened-output/clarify/analysis_config.json",
        },
        "ModelBiasJobInput": {
            "EndpointInput": {
                "EndpointName": "ep-hardened",
                "LocalPath": "/opt/ml/processing/input",
            },
            "GroundTruthS3Input": {"S3Uri": "s3://estate-hardened-output/ground-truth"},
        },
    }
    bias_output = {
        "MonitoringOutputs": [
            {
                "S3Output": {
                    "S3Uri": "s3://estate-hardened-output/bias",
                    "LocalPath": "/opt/ml/processing/output",
                }
            }
        ]
    }
    sm.create_model_bias_job_definition(
        JobDefinitionName="mb-weak",
        RoleArn=weak_role,
        JobResources={"ClusterConfig": cluster},
        ModelBiasJobOutputConfig=bias_output,
        **bias,
    )
    sm.create_model_bias_job_definition(
        JobDefinitionName="mb-hardened",
        RoleArn=hardened_role,
        JobResources={"ClusterConfig": {**cluster, "VolumeKmsKeyId": key}},
        ModelBiasJobOutputConfig={**bias_output, "KmsKeyId": key},
        NetworkConfig={
            "EnableNetworkIsolation": True,
            "EnableInterContainerTrafficEncryption": True,
        },
        **bias,
    )
