"""What to list for each live Google native type, as data (Cloud Custodian style).

A spec names the API, its version, the collection under its parent, the key of the items in
each page, where it is listed (per Vertex AI location, once through `locations/-`, or once
per project) and the IAM permission the list call needs. The collector does the rest; adding
a resource type adds a row here and a `vertexai:...` table in the kind's mapping file, where
the REST JSON (camelCase) is mapped onto the kind's fields once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Reach(Enum):
    REGIONAL = "regional"  # projects/{p}/locations/{l}/..., at each location's own host
    ALL_LOCATIONS = "all-locations"  # projects/{p}/locations/-/...: every zone in one list
    PROJECT = "project"  # projects/{p}/...
    # projects/{p}/locations/{l}/... at each location the API itself lists (its own
    # projects/{p}/locations, or --locations): Artifact Registry has multi-regions (us,
    # europe, asia) that Vertex AI's locations do not name.
    API_LOCATIONS = "api-locations"
    # {collection}?project={p}: Cloud Storage's JSON API lists a project's buckets this way.
    PROJECT_QUERY = "project-query"


@dataclass(frozen=True, slots=True)
class CollectionSpec:
    native_type: str  # the mapping tables' type, e.g. vertexai:Endpoint
    api: str  # aiplatform | notebooks | cloudresourcemanager | iam
    version: str
    collection: str  # path segment under the parent (and the items' key unless item_key)
    permission: str  # the IAM permission the list call is authorized by
    reach: Reach
    item_key: str | None = None
    # Listed under each item of another collection (entity types under a featurestore); the
    # parent's resource name is stored in the item under `parent_attribute`, a reference.
    child_of: str | None = None
    parent_attribute: str | None = None
    # Jobs: only those created in the last --jobs-since days, plus those in this state
    # (still running); never the whole history.
    running_state: str | None = None
    # The project's IAM policy: one POST :getIamPolicy (a read), expanded into grants.
    iam_policy: bool = False
    # Reach.API_LOCATIONS: the permission of the API's own locations list.
    locations_permission: str | None = None
    # How gaps name the collection when its path segment does not say it (Cloud Storage's `b`).
    shown_as: str | None = None

    @property
    def key(self) -> str:
        return self.item_key or self.collection

    @property
    def service(self) -> str:
        return f"{self.api}.googleapis.com"

    @property
    def label(self) -> str:
        """The collection as coverage gaps name it: aiplatform/endpoints, notebooks/v1/runtimes."""
        if self.shown_as:
            return f"{self.api}/{self.shown_as}"
        if self.api == "notebooks":
            return f"notebooks/{self.version}/{self.collection}"
        return f"{self.api}/{self.collection}"


def _vertex(
    native_type: str,
    collection: str,
    *,
    child_of: str | None = None,
    parent_attribute: str | None = None,
    running_state: str | None = None,
) -> CollectionSpec:
    return CollectionSpec(
        native_type=native_type,
        api="aiplatform",
        version="v1",
        collection=collection,
        permission=f"aiplatform.{collection}.list",
        reach=Reach.REGIONAL,
        child_of=child_of,
        parent_attribute=parent_attribute,
        running_state=running_state,
    )


FEATURESTORE_TYPE = "vertexai:Featurestore"
REPOSITORY_TYPE = "artifactregistry:Repository"
BUCKET_TYPE = "storage:Bucket"
GRANT_TYPE = "cloudresourcemanager:ProjectIamMember"
# Each bucket's IAM policy (who may read or write its objects: allUsers makes it public), read
# bucket by bucket after the buckets are listed.
BUCKET_GRANT_TYPE = "storage:BucketIamMember"
BUCKET_IAM_PERMISSION = "storage.buckets.getIamPolicy"
# The Data Access audit configuration of each service, from the same IAM policy as the grants.
AUDIT_CONFIG_TYPE = "cloudresourcemanager:ProjectAuditConfig"
SERVICE_ACCOUNT_TYPE = "iam:ServiceAccount"
# Listing a project's Vertex AI locations (--locations all).
LOCATIONS_PERMISSION = "aiplatform.locations.list"

SPECS: tuple[CollectionSpec, ...] = (
    _vertex("vertexai:Endpoint", "endpoints"),
    _vertex("vertexai:Model", "models"),  # what endpoints serve: their artefacts' buckets
    _vertex("vertexai:IndexEndpoint", "indexEndpoints"),
    _vertex("vertexai:Index", "indexes"),
    _vertex("vertexai:Dataset", "datasets"),
    _vertex(FEATURESTORE_TYPE, "featurestores"),
    _vertex(
        "vertexai:EntityType",
        "entityTypes",
        child_of=FEATURESTORE_TYPE,
        parent_attribute="featurestore",
    ),
    _vertex("vertexai:FeatureOnlineStore", "featureOnlineStores"),
    _vertex("vertexai:Tensorboard", "tensorboards"),
    _vertex("vertexai:MetadataStore", "metadataStores"),
    _vertex("vertexai:ReasoningEngine", "reasoningEngines"),  # Agent Engine
    _vertex("vertexai:CustomJob", "customJobs", running_state="JOB_STATE_RUNNING"),
    _vertex(
        "vertexai:TrainingPipeline", "trainingPipelines", running_state="PIPELINE_STATE_RUNNING"
    ),
    # Workbench instances (Notebooks API v2); user-managed notebooks and managed notebooks
    # runtimes, the legacy Workbench, through v1. Both list every zone with `locations/-`.
    CollectionSpec(
        "workbench:Instance",
        "notebooks",
        "v2",
        "instances",
        "notebooks.instances.list",
        Reach.ALL_LOCATIONS,
    ),
    CollectionSpec(
        "notebooks:Instance",
        "notebooks",
        "v1",
        "instances",
        "notebooks.instances.list",
        Reach.ALL_LOCATIONS,
    ),
    CollectionSpec(
        "notebooks:Runtime",
        "notebooks",
        "v1",
        "runtimes",
        "notebooks.runtimes.list",
        Reach.ALL_LOCATIONS,
    ),
    CollectionSpec(
        GRANT_TYPE,
        "cloudresourcemanager",
        "v1",
        "getIamPolicy",
        "resourcemanager.projects.getIamPolicy",
        Reach.PROJECT,
        iam_policy=True,
    ),
    # The image repositories custom jobs and prediction containers pull from, and the buckets
    # Vertex AI reads data from and writes models to (judged through the resources using them).
    CollectionSpec(
        REPOSITORY_TYPE,
        "artifactregistry",
        "v1",
        "repositories",
        "artifactregistry.repositories.list",
        Reach.API_LOCATIONS,
        locations_permission="artifactregistry.locations.list",
    ),
    CollectionSpec(
        BUCKET_TYPE,
        "storage",
        "storage/v1",
        "b",
        "storage.buckets.list",
        Reach.PROJECT_QUERY,
        item_key="items",
        shown_as="buckets",
    ),
    CollectionSpec(
        SERVICE_ACCOUNT_TYPE,
        "iam",
        "v1",
        "serviceAccounts",
        "iam.serviceAccounts.list",
        Reach.PROJECT,
        item_key="accounts",
    ),
)

SPECS_BY_TYPE: dict[str, CollectionSpec] = {spec.native_type: spec for spec in SPECS}
# Types read by another type's call (the IAM policy's audit configurations), by that type.
READ_WITH = {AUDIT_CONFIG_TYPE: GRANT_TYPE, BUCKET_GRANT_TYPE: BUCKET_TYPE}
LIVE_TYPES = frozenset({*SPECS_BY_TYPE, *READ_WITH})
# An API not enabled in a project means it holds none of these resources: said once, not a
# gap. (The IAM and Resource Manager APIs answer for resources that exist either way.)
EMPTY_WHEN_DISABLED = {
    "aiplatform": "Vertex AI API not enabled; no Vertex AI resources",
    "notebooks": "Notebooks API not enabled; no Workbench instances, notebooks or runtimes",
    "artifactregistry": "Artifact Registry API not enabled; no repositories",
    "storage": "Cloud Storage API not enabled; no buckets",
}


# A grant is judged by what runs as its members (grants_ml_identity): reading the project's
# grants reads the Workbench instances, notebooks and runtimes too.
RUN_AS_GRANTEES = ("workbench:Instance", "notebooks:Instance", "notebooks:Runtime")


def wanted_specs(wanted: frozenset[str]) -> list[CollectionSpec]:
    """The collections to list: those of the wanted types, the parents of wanted children,
    and with the IAM grants the resources that run as a service account."""
    chosen = {spec.native_type for spec in SPECS if spec.native_type in wanted}
    if GRANT_TYPE in chosen:
        chosen.update(RUN_AS_GRANTEES)
    chosen |= {READ_WITH[native_type] for native_type in wanted & READ_WITH.keys()}
    chosen |= {spec.child_of for spec in SPECS if spec.native_type in chosen and spec.child_of}
    return [spec for spec in SPECS if spec.native_type in chosen]
