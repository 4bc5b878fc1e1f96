"""What a live Azure audit reads, as data: the native types, one api-version per type, and
the collections listed per subscription and per workspace.

The native types are those the ARM template mappings already read
(scanner/mappings/azure/**): a GET body is the body a template declares, so a live resource
lands on the same kind as its template twin. Adding a collection adds a row here.
"""

from __future__ import annotations

from dataclasses import dataclass

_ML = "Microsoft.MachineLearningServices"
WORKSPACE_TYPE = f"{_ML}/workspaces"
COMPUTE_TYPE = f"{_ML}/workspaces/computes"
ONLINE_ENDPOINT_TYPE = f"{_ML}/workspaces/onlineEndpoints"
BATCH_ENDPOINT_TYPE = f"{_ML}/workspaces/batchEndpoints"
DATASTORE_TYPE = f"{_ML}/workspaces/datastores"
# AI Foundry hubs' and projects' connections; a managed online endpoint's deployments.
CONNECTION_TYPE = f"{_ML}/workspaces/connections"
ONLINE_DEPLOYMENT_TYPE = f"{_ML}/workspaces/onlineEndpoints/deployments"
# The model versions deployments serve and the jobs that trained them: read by the name a
# deployment or a model version gives, never listed (a workspace's job history is unbounded).
MODEL_VERSION_TYPE = f"{_ML}/workspaces/models/versions"
JOB_TYPE = f"{_ML}/workspaces/jobs"
REGISTRY_TYPE = f"{_ML}/registries"
# The container registries workspaces build and pull their environment images from.
CONTAINER_REGISTRY_TYPE = "Microsoft.ContainerRegistry/registries"
# The storage accounts workspaces keep their data and models in.
STORAGE_ACCOUNT_TYPE = "Microsoft.Storage/storageAccounts"
COGNITIVE_ACCOUNT_TYPE = "Microsoft.CognitiveServices/accounts"  # Azure OpenAI, AI Services
# An account's model deployments and the content filters (RAI policies) they name.
COGNITIVE_DEPLOYMENT_TYPE = f"{COGNITIVE_ACCOUNT_TYPE}/deployments"
RAI_POLICY_TYPE = f"{COGNITIVE_ACCOUNT_TYPE}/raiPolicies"
DIAGNOSTIC_SETTING_TYPE = "Microsoft.Insights/diagnosticSettings"
PRIVATE_ENDPOINT_TYPE = "Microsoft.Network/privateEndpoints"
ROLE_ASSIGNMENT_TYPE = "Microsoft.Authorization/roleAssignments"
ROLE_DEFINITION_TYPE = "Microsoft.Authorization/roleDefinitions"
IDENTITY_TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities"
SUBSCRIPTION_TYPE = "Microsoft.Resources/subscriptions"
MANAGEMENT_GROUP_TYPE = "Microsoft.Management/managementGroups"

# Properties that hold another resource's ARM id, by the type that holds them: a template
# writes them `[resourceId(...)]`, a reference; live, they become references when the
# resource they name was read too (a workspace's storage account and container registry).
REFERENCE_PATHS: dict[str, tuple[str, ...]] = {
    WORKSPACE_TYPE: ("properties.storageAccount", "properties.containerRegistry"),
}

# One api-version per resource type. Stable versions whose bodies carry every property the
# mappings read (2024-10-01 has managedNetwork, systemDatastoresAuthMode, serverless and
# registry private endpoints). Diagnostic settings: 2021-05-01-preview is the version the
# SDK profiles use, and the first with `categoryGroup` (allLogs); the only stable one,
# 2016-09-01, does not show category groups.
API_VERSIONS: dict[str, str] = {
    SUBSCRIPTION_TYPE: "2022-12-01",
    MANAGEMENT_GROUP_TYPE: "2020-05-01",
    WORKSPACE_TYPE: "2024-10-01",
    COMPUTE_TYPE: "2024-10-01",
    ONLINE_ENDPOINT_TYPE: "2024-10-01",
    BATCH_ENDPOINT_TYPE: "2024-10-01",
    DATASTORE_TYPE: "2024-10-01",
    CONNECTION_TYPE: "2024-10-01",
    ONLINE_DEPLOYMENT_TYPE: "2024-10-01",
    MODEL_VERSION_TYPE: "2024-10-01",
    JOB_TYPE: "2024-10-01",
    COGNITIVE_DEPLOYMENT_TYPE: "2024-10-01",
    RAI_POLICY_TYPE: "2024-10-01",
    REGISTRY_TYPE: "2024-10-01",
    CONTAINER_REGISTRY_TYPE: "2023-07-01",
    STORAGE_ACCOUNT_TYPE: "2023-05-01",
    COGNITIVE_ACCOUNT_TYPE: "2024-10-01",
    DIAGNOSTIC_SETTING_TYPE: "2021-05-01-preview",
    ROLE_ASSIGNMENT_TYPE: "2022-04-01",
    ROLE_DEFINITION_TYPE: "2022-04-01",
    IDENTITY_TYPE: "2023-01-31",
}


@dataclass(frozen=True, slots=True)
class Collection:
    """A list call: `suffix` is appended to the subscription's or the workspace's id."""

    name: str  # how gaps and progress name it
    native_type: str  # the type of its items
    suffix: str

    @property
    def api_version(self) -> str:
        return API_VERSIONS[self.native_type]


SUBSCRIPTION_COLLECTIONS: tuple[Collection, ...] = (
    Collection("workspaces", WORKSPACE_TYPE, f"/providers/{WORKSPACE_TYPE}"),
    Collection("registries", REGISTRY_TYPE, f"/providers/{REGISTRY_TYPE}"),
    Collection(
        "containerRegistries", CONTAINER_REGISTRY_TYPE, f"/providers/{CONTAINER_REGISTRY_TYPE}"
    ),
    Collection("storageAccounts", STORAGE_ACCOUNT_TYPE, f"/providers/{STORAGE_ACCOUNT_TYPE}"),
    Collection(
        "cognitiveServicesAccounts", COGNITIVE_ACCOUNT_TYPE, f"/providers/{COGNITIVE_ACCOUNT_TYPE}"
    ),
    # Without a filter: the assignments at, above (management groups) and below (resource
    # groups, resources) the subscription; only those to an ML identity are kept.
    Collection("roleAssignments", ROLE_ASSIGNMENT_TYPE, f"/providers/{ROLE_ASSIGNMENT_TYPE}"),
)
# Workspaces of every kind (Default, Hub, Project, FeatureStore) hold these.
WORKSPACE_COLLECTIONS: tuple[Collection, ...] = (
    Collection("computes", COMPUTE_TYPE, "/computes"),
    Collection("onlineEndpoints", ONLINE_ENDPOINT_TYPE, "/onlineEndpoints"),
    Collection("batchEndpoints", BATCH_ENDPOINT_TYPE, "/batchEndpoints"),
    Collection("datastores", DATASTORE_TYPE, "/datastores"),
    Collection("connections", CONNECTION_TYPE, "/connections"),
    Collection(
        "diagnosticSettings", DIAGNOSTIC_SETTING_TYPE, f"/providers/{DIAGNOSTIC_SETTING_TYPE}"
    ),
)
# An Azure OpenAI / AI Services account's diagnostic settings, model deployments and content
# filters, listed per account.
ACCOUNT_COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        "diagnosticSettings", DIAGNOSTIC_SETTING_TYPE, f"/providers/{DIAGNOSTIC_SETTING_TYPE}"
    ),
    Collection("deployments", COGNITIVE_DEPLOYMENT_TYPE, "/deployments"),
    Collection("raiPolicies", RAI_POLICY_TYPE, "/raiPolicies"),
)
# A managed online endpoint's deployments, listed per endpoint.
ENDPOINT_COLLECTIONS: tuple[Collection, ...] = (
    Collection("deployments", ONLINE_DEPLOYMENT_TYPE, "/deployments"),
)
# The collections read under each resource of a type, by that type.
CHILD_COLLECTIONS: dict[str, tuple[Collection, ...]] = {
    WORKSPACE_TYPE: WORKSPACE_COLLECTIONS,
    COGNITIVE_ACCOUNT_TYPE: ACCOUNT_COLLECTIONS,
    ONLINE_ENDPOINT_TYPE: ENDPOINT_COLLECTIONS,
}
# The parent types in the order their children can be listed: an online endpoint's
# deployments once the workspaces' endpoints are read.
CHILD_LEVELS: tuple[tuple[str, ...], ...] = (
    (WORKSPACE_TYPE, COGNITIVE_ACCOUNT_TYPE),
    (ONLINE_ENDPOINT_TYPE,),
)
# Read one by one, by the id another resource names.
BY_ID_TYPES = (ROLE_DEFINITION_TYPE, IDENTITY_TYPE)


@dataclass(frozen=True, slots=True)
class NamedRead:
    """Resources of `native_type` read one by one, by the Azure ML reference (`reference`:
    model or job, see scanner/model/azureml.py) that bodies of `named_by` hold at `paths`."""

    name: str  # how gaps and progress name it
    native_type: str
    named_by: str
    paths: tuple[str, ...]
    reference: str


# In order: a deployment's model version, then the job that version names.
NAMED_READS: tuple[NamedRead, ...] = (
    NamedRead(
        "modelVersions", MODEL_VERSION_TYPE, ONLINE_DEPLOYMENT_TYPE, ("properties.model",), "model"
    ),
    NamedRead(
        "jobs", JOB_TYPE, MODEL_VERSION_TYPE, ("properties.jobName", "properties.modelUri"), "job"
    ),
)

# The resources whose managed identity runs ML code: a role assigned to it (or to a
# user-assigned identity it lists) is judged by the role assignment rules.
PRINCIPAL_TYPES = frozenset({WORKSPACE_TYPE, COMPUTE_TYPE})
# Private endpoint connections are read from these resources' own bodies.
PRIVATE_LINK_TARGETS = {
    WORKSPACE_TYPE: "amlworkspace",
    REGISTRY_TYPE: "amlregistry",
    COGNITIVE_ACCOUNT_TYPE: "account",
}

LIVE_TYPES = frozenset(
    {
        *(c.native_type for c in SUBSCRIPTION_COLLECTIONS),
        *(c.native_type for children in CHILD_COLLECTIONS.values() for c in children),
        *BY_ID_TYPES,
        *(read.native_type for read in NAMED_READS),
        PRIVATE_ENDPOINT_TYPE,
    }
)
_CHILD_TYPES = frozenset(c.native_type for c in WORKSPACE_COLLECTIONS)


def types_to_read(wanted: frozenset[str]) -> frozenset[str]:
    """The wanted types, and those needed to find or judge them: role assignments need the
    ML identities, their roles, user-assigned identities and the AI Services accounts; a
    workspace's children and private endpoints need the resources they belong to."""
    reads = set(wanted & LIVE_TYPES)
    if ROLE_DEFINITION_TYPE in reads:
        reads.add(ROLE_ASSIGNMENT_TYPE)  # definitions are read by id, as assignments name them
    if ROLE_ASSIGNMENT_TYPE in reads:
        # The AI Services accounts: whether a wide scope holds one (MLP-AZ-IAM-010).
        reads |= {*PRINCIPAL_TYPES, *BY_ID_TYPES, COGNITIVE_ACCOUNT_TYPE}
    if PRIVATE_ENDPOINT_TYPE in reads:
        reads |= set(PRIVATE_LINK_TARGETS)
    # What names a model version or a job is read first (job <- model version <- deployment).
    for read in reversed(NAMED_READS):
        if read.native_type in reads:
            reads.add(read.named_by)
    if reads & _CHILD_TYPES:
        reads.add(WORKSPACE_TYPE)
    # A child's parents, up to the subscription's collections (deployment -> endpoint -> workspace).
    for level in reversed(CHILD_LEVELS):
        for parent_type in level:
            if reads & {c.native_type for c in CHILD_COLLECTIONS[parent_type]}:
                reads.add(parent_type)
                if parent_type == ONLINE_ENDPOINT_TYPE:
                    reads.add(WORKSPACE_TYPE)
    return frozenset(reads)


def canonical_type(raw: str) -> str | None:
    """The mappings' spelling of a type ARM answered in any case (`microsoft.insights/...`)."""
    return _BY_LOWER.get(raw.lower())


_BY_LOWER = {t.lower(): t for t in (*LIVE_TYPES, SUBSCRIPTION_TYPE, MANAGEMENT_GROUP_TYPE)}
