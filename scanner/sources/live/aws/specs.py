"""What to collect for each live native type, as data (Cloud Custodian style).

A spec names the list call and the key of its items, the describe call and its parameter,
the ARN field, and the paths inside the describe response that refer to an IAM role, a KMS
key or an S3 location. The collector does the rest; adding a resource type adds a row here
and a `sagemaker:Describe...` table in the kind's mapping file. A regional setting that is not
listed (Bedrock's invocation logging) is a spec without a list call: one describe per region.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExtraRead:
    """A second call per described resource whose answer joins the describe response.

    `param` takes the value of the describe response's field `from_field`; the answer's
    `result_key` is stored under `attribute` (decoded when it is JSON text). An error whose
    code is in `absent_codes` means there is nothing to read (no policy); any other failure
    leaves the attribute unknown and is reported as a coverage gap.
    """

    operation: str
    param: str
    from_field: str
    result_key: str
    attribute: str
    absent_codes: frozenset[str] = frozenset()
    json_text: bool = False


@dataclass(frozen=True, slots=True)
class ParentList:
    """Resources that live inside a parent (user profiles inside a Studio domain): the parents
    are listed first and the children per parent (`filter_param`), so a region without any
    parent makes no call for the children at all."""

    operation: str
    key: str
    id_field: str
    filter_param: str


@dataclass(frozen=True, slots=True)
class CollectSpec:
    native_type: str  # the mapping tables' type, e.g. sagemaker:DescribeNotebookInstance
    service: str
    list_operation: str | None  # None: a regional setting, described once per region
    list_key: str  # key of the items in each list page
    list_id: str  # field of a listed item passed to the describe call
    describe_operation: str
    describe_param: str
    arn_field: str  # dotted: an answer may wrap the resource (`agent.agentArn`)
    name_field: str
    role_paths: tuple[str, ...] = ()
    kms_paths: tuple[str, ...] = ()
    s3_paths: tuple[str, ...] = ()
    # Paths that hold a bucket's plain name rather than an s3:// URI (Bedrock's log bucket).
    bucket_paths: tuple[str, ...] = ()
    # Jobs: only those created since --jobs-since, plus the ones still running; never the
    # whole history (an account can hold hundreds of thousands of finished jobs).
    bounded_history: bool = False
    in_progress_status: str = "InProgress"
    # Fields of a listed item passed to the describe call under the same name, beside
    # `describe_param` (a user profile is named within its domain: DomainId too).
    describe_also: tuple[str, ...] = ()
    extra_reads: tuple[ExtraRead, ...] = ()
    parent: ParentList | None = None
    # A regional setting has no ARN of its own: its id, from the account and region.
    setting_id: str = ""
    # The list call answers the full description (ECR's DescribeRepositories): no describe
    # per item; `describe_operation` names the list call itself.
    listed_in_full: bool = False


# Model Monitor's four job definition types: the same shape, each with its own calls.
_MONITORING_TYPES = ("DataQuality", "ModelQuality", "ModelBias", "ModelExplainability")


def _monitoring_job_definition(job_type: str) -> CollectSpec:
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in job_type).lstrip("_")
    return CollectSpec(
        native_type=f"sagemaker:Describe{job_type}JobDefinition",
        service="sagemaker",
        list_operation=f"list_{snake}_job_definitions",
        list_key="JobDefinitionSummaries",
        list_id="MonitoringJobDefinitionName",
        describe_operation=f"describe_{snake}_job_definition",
        describe_param="JobDefinitionName",
        arn_field="JobDefinitionArn",
        name_field="JobDefinitionName",
        role_paths=("RoleArn",),
        kms_paths=(
            f"{job_type}JobOutputConfig.KmsKeyId",
            "JobResources.ClusterConfig.VolumeKmsKeyId",
        ),
        s3_paths=(f"{job_type}JobOutputConfig.MonitoringOutputs.S3Output.S3Uri",),
    )


SAGEMAKER_SPECS: tuple[CollectSpec, ...] = (
    CollectSpec(
        native_type="sagemaker:DescribeNotebookInstance",
        service="sagemaker",
        list_operation="list_notebook_instances",
        list_key="NotebookInstances",
        list_id="NotebookInstanceName",
        describe_operation="describe_notebook_instance",
        describe_param="NotebookInstanceName",
        arn_field="NotebookInstanceArn",
        name_field="NotebookInstanceName",
        role_paths=("RoleArn",),
        kms_paths=("KmsKeyId",),
    ),
    CollectSpec(
        native_type="sagemaker:DescribeEndpointConfig",
        service="sagemaker",
        list_operation="list_endpoint_configs",
        list_key="EndpointConfigs",
        list_id="EndpointConfigName",
        describe_operation="describe_endpoint_config",
        describe_param="EndpointConfigName",
        arn_field="EndpointConfigArn",
        name_field="EndpointConfigName",
        kms_paths=("KmsKeyId", "DataCaptureConfig.KmsKeyId"),
        s3_paths=("DataCaptureConfig.DestinationS3Uri",),
    ),
    CollectSpec(
        native_type="sagemaker:DescribeEndpoint",
        service="sagemaker",
        list_operation="list_endpoints",
        list_key="Endpoints",
        list_id="EndpointName",
        describe_operation="describe_endpoint",
        describe_param="EndpointName",
        arn_field="EndpointArn",
        name_field="EndpointName",
    ),
    CollectSpec(
        native_type="sagemaker:DescribeUserProfile",
        service="sagemaker",
        list_operation="list_user_profiles",
        list_key="UserProfiles",
        list_id="UserProfileName",
        describe_operation="describe_user_profile",
        describe_param="UserProfileName",
        describe_also=("DomainId",),
        parent=ParentList("list_domains", "Domains", "DomainId", "DomainIdEquals"),
        arn_field="UserProfileArn",
        name_field="UserProfileName",
        role_paths=("UserSettings.ExecutionRole",),
        kms_paths=("UserSettings.SharingSettings.S3KmsKeyId",),
        s3_paths=("UserSettings.SharingSettings.S3OutputPath",),
    ),
    CollectSpec(
        native_type="sagemaker:DescribeModelPackageGroup",
        service="sagemaker",
        list_operation="list_model_package_groups",
        list_key="ModelPackageGroupSummaryList",
        list_id="ModelPackageGroupName",
        describe_operation="describe_model_package_group",
        describe_param="ModelPackageGroupName",
        arn_field="ModelPackageGroupArn",
        name_field="ModelPackageGroupName",
        extra_reads=(
            ExtraRead(
                operation="get_model_package_group_policy",
                param="ModelPackageGroupName",
                from_field="ModelPackageGroupName",
                result_key="ResourcePolicy",
                attribute="ResourcePolicy",
                # A group without a resource policy (assumed: SageMaker's not-found errors).
                absent_codes=frozenset({"ResourceNotFound", "ValidationException"}),
                json_text=True,
            ),
        ),
    ),
    CollectSpec(
        native_type="sagemaker:DescribeModel",
        service="sagemaker",
        list_operation="list_models",
        list_key="Models",
        list_id="ModelName",
        describe_operation="describe_model",
        describe_param="ModelName",
        arn_field="ModelArn",
        name_field="ModelName",
        role_paths=("ExecutionRoleArn",),
        s3_paths=("PrimaryContainer.ModelDataUrl", "Containers.ModelDataUrl"),
    ),
    CollectSpec(
        native_type="sagemaker:DescribeTrainingJob",
        service="sagemaker",
        list_operation="list_training_jobs",
        list_key="TrainingJobSummaries",
        list_id="TrainingJobName",
        describe_operation="describe_training_job",
        describe_param="TrainingJobName",
        arn_field="TrainingJobArn",
        name_field="TrainingJobName",
        role_paths=("RoleArn",),
        kms_paths=("ResourceConfig.VolumeKmsKeyId", "OutputDataConfig.KmsKeyId"),
        s3_paths=(
            "OutputDataConfig.S3OutputPath",
            "InputDataConfig.DataSource.S3DataSource.S3Uri",
        ),
        bounded_history=True,
    ),
    CollectSpec(
        native_type="sagemaker:DescribeProcessingJob",
        service="sagemaker",
        list_operation="list_processing_jobs",
        list_key="ProcessingJobSummaries",
        list_id="ProcessingJobName",
        describe_operation="describe_processing_job",
        describe_param="ProcessingJobName",
        arn_field="ProcessingJobArn",
        name_field="ProcessingJobName",
        role_paths=("RoleArn",),
        kms_paths=(
            "ProcessingResources.ClusterConfig.VolumeKmsKeyId",
            "ProcessingOutputConfig.KmsKeyId",
        ),
        s3_paths=("ProcessingOutputConfig.Outputs.S3Output.S3Uri",),
        bounded_history=True,
    ),
    CollectSpec(
        native_type="sagemaker:DescribeDomain",
        service="sagemaker",
        list_operation="list_domains",
        list_key="Domains",
        list_id="DomainId",
        describe_operation="describe_domain",
        describe_param="DomainId",
        arn_field="DomainArn",
        name_field="DomainName",
        role_paths=("DefaultUserSettings.ExecutionRole",),
        kms_paths=("KmsKeyId",),
    ),
    CollectSpec(
        native_type="sagemaker:DescribeFeatureGroup",
        service="sagemaker",
        list_operation="list_feature_groups",
        list_key="FeatureGroupSummaries",
        list_id="FeatureGroupName",
        describe_operation="describe_feature_group",
        describe_param="FeatureGroupName",
        arn_field="FeatureGroupArn",
        name_field="FeatureGroupName",
        role_paths=("RoleArn",),
        kms_paths=(
            "OfflineStoreConfig.S3StorageConfig.KmsKeyId",
            "OnlineStoreConfig.SecurityConfig.KmsKeyId",
        ),
        s3_paths=("OfflineStoreConfig.S3StorageConfig.S3Uri",),
    ),
    CollectSpec(
        native_type="sagemaker:DescribeMonitoringSchedule",
        service="sagemaker",
        list_operation="list_monitoring_schedules",
        list_key="MonitoringScheduleSummaries",
        list_id="MonitoringScheduleName",
        describe_operation="describe_monitoring_schedule",
        describe_param="MonitoringScheduleName",
        arn_field="MonitoringScheduleArn",
        name_field="MonitoringScheduleName",
    ),
    *(_monitoring_job_definition(job_type) for job_type in _MONITORING_TYPES),
)

# Amazon Bedrock (control plane and agents). GetGuardrail without a version answers the
# working draft, which is what the next published version is made from.
BEDROCK_SPECS: tuple[CollectSpec, ...] = (
    CollectSpec(
        native_type="bedrock:GetModelInvocationLoggingConfiguration",
        service="bedrock",
        list_operation=None,
        list_key="",
        list_id="",
        describe_operation="get_model_invocation_logging_configuration",
        describe_param="",
        arn_field="",
        name_field="",
        setting_id="arn:aws:bedrock:{region}:{account}:model-invocation-logging",
        bucket_paths=("loggingConfig.s3Config.bucketName",),
    ),
    CollectSpec(
        native_type="bedrock:GetGuardrail",
        service="bedrock",
        list_operation="list_guardrails",
        list_key="guardrails",
        list_id="id",
        describe_operation="get_guardrail",
        describe_param="guardrailIdentifier",
        arn_field="guardrailArn",
        name_field="name",
        kms_paths=("kmsKeyArn",),
    ),
    CollectSpec(
        native_type="bedrock-agent:GetAgent",
        service="bedrock-agent",
        list_operation="list_agents",
        list_key="agentSummaries",
        list_id="agentId",
        describe_operation="get_agent",
        describe_param="agentId",
        arn_field="agent.agentArn",
        name_field="agent.agentName",
        role_paths=("agent.agentResourceRoleArn",),
        kms_paths=("agent.customerEncryptionKeyArn",),
    ),
    CollectSpec(
        native_type="bedrock:GetModelCustomizationJob",
        service="bedrock",
        list_operation="list_model_customization_jobs",
        list_key="modelCustomizationJobSummaries",
        list_id="jobArn",
        describe_operation="get_model_customization_job",
        describe_param="jobIdentifier",
        arn_field="jobArn",
        name_field="outputModelName",
        role_paths=("roleArn",),
        kms_paths=("outputModelKmsKeyArn",),
    ),
)
# The private image repositories SageMaker models and jobs pull from. DescribeRepositories
# lists every repository with its settings; the policy is a second read per repository.
ECR_SPECS: tuple[CollectSpec, ...] = (
    CollectSpec(
        native_type="ecr:DescribeRepositories",
        service="ecr",
        list_operation="describe_repositories",
        list_key="repositories",
        list_id="repositoryName",
        describe_operation="describe_repositories",
        describe_param="repositoryNames",
        arn_field="repositoryArn",
        name_field="repositoryName",
        listed_in_full=True,
        extra_reads=(
            ExtraRead(
                operation="get_repository_policy",
                param="repositoryName",
                from_field="repositoryName",
                result_key="policyText",
                attribute="policyText",
                absent_codes=frozenset({"RepositoryPolicyNotFoundException"}),
                json_text=True,
            ),
        ),
    ),
)
COLLECT_SPECS: tuple[CollectSpec, ...] = (*SAGEMAKER_SPECS, *BEDROCK_SPECS, *ECR_SPECS)

# Native types of the resources around the SageMaker ones, collected when a rule needs them.
IAM_ROLE_TYPE = "AWS::IAM::Role"  # CloudFormation's property names: IAM rules read both
IAM_MANAGED_POLICY_TYPE = "AWS::IAM::ManagedPolicy"
IAM_USER_TYPE = "AWS::IAM::User"  # users and groups: every one of the account, bounded
IAM_GROUP_TYPE = "AWS::IAM::Group"
KMS_KEY_TYPE = "kms:DescribeKey"
S3_BUCKET_TYPE = "s3:Bucket"

SPECS_BY_TYPE: dict[str, CollectSpec] = {spec.native_type: spec for spec in COLLECT_SPECS}
LIVE_TYPES = frozenset(
    {
        *SPECS_BY_TYPE,
        IAM_ROLE_TYPE,
        IAM_MANAGED_POLICY_TYPE,
        IAM_USER_TYPE,
        IAM_GROUP_TYPE,
        KMS_KEY_TYPE,
        S3_BUCKET_TYPE,
    }
)
