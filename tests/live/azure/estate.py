"""A fake tenant of two subscriptions: a weak ML estate in one, its hardened twin in the
other. Each body is what ARM answers for the pinned api-version (shaped like the REST spec
examples: `specification/machinelearningservices/.../stable/2024-10-01/examples/`).
The same estate, written as an ARM template, is estate_twin.arm.json."""

from __future__ import annotations

from typing import Any

from tests.live.azure.fake_arm import OWNER

# base64 of a creation script holding AWS's documented example access key.
WEAK_SCRIPT = "IyEvYmluL2Jhc2gKZXhwb3J0IEFXU19BQ0NFU1NfS0VZX0lEPUFLSUFJT1NGT0ROTjdFWEFNUExFCg=="
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
SUB_WEAK = "0b1e4c2a-5d6f-4a7b-8c9d-0e1f2a3b4c5d"
SUB_HARDENED = "7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f"
ML = "Microsoft.MachineLearningServices"
ROLES = "Microsoft.Authorization/roleDefinitions"
IDENTITIES = "Microsoft.ManagedIdentity/userAssignedIdentities"
WEAK_PRINCIPAL = "3a1f0c6e-9b2d-4e8f-a7c5-1d2e3f4a5b6c"
HARDENED_PRINCIPAL = "5c2e1d7f-0a3b-4f9e-b8d6-2e3f4a5b6c7d"
IDENTITY_PRINCIPAL = "9e4f3a2b-1c0d-4e5f-a6b7-c8d9e0f1a2b3"
WEAK_ASSIGNMENT = "b7d2a4e1-6c3f-4a58-9e0d-1f2a3b4c5d6e"
HARDENED_ASSIGNMENT = "c8e3b5f2-7d4a-4b69-8f1e-2a3b4c5d6e7f"
SYSTEM_DATA = {
    "createdAt": "2026-11-02T09:14:07.5531201Z",
    "createdBy": "ml-platform@contoso.com",
    "createdByType": "User",
    "lastModifiedAt": "2026-11-20T16:40:31.1283346Z",
    "lastModifiedBy": "ml-platform@contoso.com",
    "lastModifiedByType": "User",
}


def group_id(subscription: str, group: str) -> str:
    return f"/subscriptions/{subscription}/resourceGroups/{group}"


def workspace_id(subscription: str, group: str, name: str) -> str:
    return f"{group_id(subscription, group)}/providers/{ML}/workspaces/{name}"


def workspace(
    subscription: str,
    group: str,
    name: str,
    principal: str,
    properties: dict[str, Any],
    user_assigned: dict[str, str] | None = None,
    kind: str = "Default",
) -> dict[str, Any]:
    """A workspace GET body; `user_assigned` maps identity ids to their principal ids."""
    identity: dict[str, Any] = {
        "type": "SystemAssigned,UserAssigned" if user_assigned else "SystemAssigned",
        "principalId": principal,
        "tenantId": TENANT,
    }
    if user_assigned:
        identity["userAssignedIdentities"] = {
            key: {"principalId": value, "clientId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a"}
            for key, value in user_assigned.items()
        }
    base = group_id(subscription, group)
    storage = "st" + name.replace("-", "")
    return {
        "id": workspace_id(subscription, group, name),
        "name": name,
        "type": f"{ML}/workspaces",
        "location": "westeurope",
        "kind": kind,
        "identity": identity,
        "sku": {"name": "Basic", "tier": "Basic"},
        "properties": {
            "friendlyName": name,
            "storageAccount": f"{base}/providers/Microsoft.Storage/storageAccounts/{storage}",
            "keyVault": f"{base}/providers/Microsoft.KeyVault/vaults/kv-{name}",
            "applicationInsights": f"{base}/providers/microsoft.insights/components/appi-{name}",
            "discoveryUrl": "https://westeurope.api.azureml.ms/discovery",
            "workspaceId": "2f6a1c9e-3b7d-4e0a-8c5f-6d1e2a3b4c5d",
            "provisioningState": "Succeeded",
            "privateLinkCount": 0,
            "storageHnsEnabled": False,
            **properties,
        },
        "systemData": SYSTEM_DATA,
    }


def child(
    parent: dict[str, Any], collection: str, name: str, body: dict[str, Any]
) -> dict[str, Any]:
    """A workspace child (compute, endpoint, datastore) GET body."""
    return {
        "id": f"{parent['id']}/{collection}/{name}",
        "name": name,
        "type": f"{ML}/workspaces/{collection}",
        **body,
        "systemData": SYSTEM_DATA,
    }


def compute(
    parent: dict[str, Any],
    name: str,
    compute_type: str,
    local_auth: bool,
    inner: dict[str, Any],
    principal: str | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "location": "westeurope",
        "properties": {
            "computeType": compute_type,
            "computeLocation": "westeurope",
            "provisioningState": "Succeeded",
            "createdOn": "2026-11-03T08:00:00.0000000+00:00",
            "modifiedOn": "2026-11-03T08:00:00.0000000+00:00",
            "disableLocalAuth": not local_auth,
            "properties": inner,
        },
    }
    if principal:
        body["identity"] = {"type": "SystemAssigned", "principalId": principal, "tenantId": TENANT}
    return child(parent, "computes", name, body)


def storage_account(subscription: str, group: str, name: str, public: bool) -> dict[str, Any]:
    """A storage account GET body: training data, anonymous blob access allowed or not."""
    return {
        "id": f"{group_id(subscription, group)}/providers/Microsoft.Storage/storageAccounts/{name}",
        "name": name,
        "type": "Microsoft.Storage/storageAccounts",
        "location": "westeurope",
        "sku": {"name": "Standard_ZRS", "tier": "Standard"},
        "kind": "StorageV2",
        "properties": {
            "minimumTlsVersion": "TLS1_2",
            "allowBlobPublicAccess": public,
            "allowSharedKeyAccess": False,
            "provisioningState": "Succeeded",
        },
    }


def deployment(endpoint: dict[str, Any], name: str, model: str, insights: bool) -> dict[str, Any]:
    """A managed online deployment GET body serving `model`."""
    return {
        "id": f"{endpoint['id']}/deployments/{name}",
        "name": name,
        "type": f"{ML}/workspaces/onlineEndpoints/deployments",
        "location": "westeurope",
        "kind": "Managed",
        "sku": {"name": "Default", "tier": "Standard", "capacity": 1},
        "properties": {
            "endpointComputeType": "Managed",
            "model": model,
            "instanceType": "Standard_DS3_v2",
            "appInsightsEnabled": insights,
            "provisioningState": "Succeeded",
        },
        "systemData": SYSTEM_DATA,
    }


def model_version(ws: dict[str, Any], model: str, version: str, job: str) -> dict[str, Any]:
    """A model version GET body, registered from the output of `job`."""
    return {
        "id": f"{ws['id']}/models/{model}/versions/{version}",
        "name": version,
        "type": f"{ML}/workspaces/models/versions",
        "properties": {
            "modelType": "mlflow_model",
            "jobName": job,
            "modelUri": f"azureml://jobs/{job}/outputs/artifacts/paths/model/",
            "isArchived": False,
            "provisioningState": "Succeeded",
        },
        "systemData": SYSTEM_DATA,
    }


def training_job(ws: dict[str, Any], name: str, data_uri: str) -> dict[str, Any]:
    """A completed command job GET body that trained on `data_uri`."""
    return {
        "id": f"{ws['id']}/jobs/{name}",
        "name": name,
        "type": f"{ML}/workspaces/jobs",
        "properties": {
            "jobType": "Command",
            "displayName": name,
            "experimentName": "fraud",
            "status": "Completed",
            "command": "python train.py --data ${{inputs.training_data}}",
            "environmentId": "azureml://registries/azureml/environments/sklearn-1.5/versions/1",
            "computeId": f"{ws['id']}/computes/cc-{ws['name'].removeprefix('mlw-')}",
            "inputs": {
                "training_data": {
                    "jobInputType": "uri_folder",
                    "uri": data_uri,
                    "mode": "ReadOnlyMount",
                },
                "epochs": {"jobInputType": "literal", "value": "10"},
            },
        },
        "systemData": SYSTEM_DATA,
    }


def role_assignment(scope: str, name: str, role: str, principal: str) -> dict[str, Any]:
    subscription = scope.split("/")[2]
    return {
        "id": f"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}",
        "name": name,
        "type": "Microsoft.Authorization/roleAssignments",
        "properties": {
            "roleDefinitionId": f"/subscriptions/{subscription}/providers/{ROLES}/{role}",
            "principalId": principal,
            "principalType": "ServicePrincipal",
            "scope": scope,
            "condition": None,
            "conditionVersion": None,
            "createdOn": "2026-11-02T09:20:00.0000000Z",
            "updatedOn": "2026-11-02T09:20:00.0000000Z",
            "createdBy": "6e5d4c3b-2a1f-4e0d-9c8b-7a6f5e4d3c2b",
            "updatedBy": "6e5d4c3b-2a1f-4e0d-9c8b-7a6f5e4d3c2b",
            "delegatedManagedIdentityResourceId": None,
            "description": None,
        },
    }


def registry(subscription: str, group: str, name: str, public: bool) -> dict[str, Any]:
    return {
        "id": f"{group_id(subscription, group)}/providers/{ML}/registries/{name}",
        "name": name,
        "type": f"{ML}/registries",
        "location": "westeurope",
        "tags": {},
        "identity": {
            "type": "SystemAssigned",
            "principalId": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9",
            "tenantId": TENANT,
        },
        "sku": {"name": "P3", "tier": "Free"},
        "properties": {
            "regionDetails": [
                {"location": "westeurope", "storageAccountDetails": [], "acrDetails": []}
            ],
            "publicNetworkAccess": "Enabled" if public else "Disabled",
            "discoveryUrl": "https://westeurope.api.azureml.ms/registrymanagement/v1.0/registries/discovery",
            "mlFlowRegistryUri": "azureml://westeurope.api.azureml.ms/mlflow/v1.0",
            "registryPrivateEndpointConnections": [],
        },
        "systemData": SYSTEM_DATA,
    }


def user_assigned_identity(
    subscription: str, group: str, name: str, principal: str
) -> dict[str, Any]:
    return {
        "id": f"{group_id(subscription, group)}/providers/{IDENTITIES}/{name}",
        "name": name,
        "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
        "location": "westeurope",
        "tags": {},
        "properties": {
            "tenantId": TENANT,
            "principalId": principal,
            "clientId": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a",
        },
    }


def diagnostic_setting(target: dict[str, Any], name: str, log_analytics: str) -> dict[str, Any]:
    return {
        "id": f"{target['id']}/providers/microsoft.insights/diagnosticSettings/{name}",
        "name": name,
        "type": "Microsoft.Insights/diagnosticSettings",
        "properties": {
            "storageAccountId": None,
            "serviceBusRuleId": None,
            "workspaceId": log_analytics,
            "eventHubAuthorizationRuleId": None,
            "eventHubName": None,
            "metrics": [
                {
                    "category": "AllMetrics",
                    "enabled": False,
                    "retentionPolicy": {"enabled": False, "days": 0},
                }
            ],
            "logs": [
                {
                    "category": None,
                    "categoryGroup": "allLogs",
                    "enabled": True,
                    "retentionPolicy": {"enabled": False, "days": 0},
                }
            ],
            "logAnalyticsDestinationType": None,
        },
    }


def private_endpoint_connection(target_id: str, endpoint_id: str, status: str) -> dict[str, Any]:
    name = endpoint_id.rsplit("/", 1)[-1] + ".conn"
    return {
        "id": f"{target_id}/privateEndpointConnections/{name}",
        "name": name,
        "type": f"{ML}/workspaces/privateEndpointConnections",
        "properties": {
            "provisioningState": "Succeeded",
            "privateEndpoint": {"id": endpoint_id},
            "privateLinkServiceConnectionState": {
                "status": status,
                "description": "Auto-Approved" if status == "Approved" else "",
                "actionsRequired": "None",
            },
        },
    }


def _weak() -> list[dict[str, Any]]:
    ws = workspace(
        SUB_WEAK,
        "rg-ml",
        "mlw-weak",
        WEAK_PRINCIPAL,
        {
            "publicNetworkAccess": "Enabled",
            "hbiWorkspace": False,
            "v1LegacyMode": False,
            "systemDatastoresAuthMode": "accessKey",
            "privateEndpointConnections": [],
        },
    )
    endpoint = child(
        ws,
        "onlineEndpoints",
        "ep-weak",
        {
            "location": "westeurope",
            "kind": "Managed",
            "identity": {
                "type": "SystemAssigned",
                "principalId": "6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a",
                "tenantId": TENANT,
            },
            "properties": {
                "authMode": "Key",
                "publicNetworkAccess": "Enabled",
                "scoringUri": "https://ep-weak.westeurope.inference.ml.azure.com/score",
                "provisioningState": "Succeeded",
                "traffic": {"blue": 100},
            },
        },
    )
    return [
        ws,
        compute(
            ws,
            "ci-weak",
            "ComputeInstance",
            True,
            {
                "vmSize": "STANDARD_DS3_V2",
                "enableNodePublicIp": True,
                "applicationSharingPolicy": "Shared",
                "sshSettings": {
                    "sshPublicAccess": "Enabled",
                    "adminUserName": "azureuser",
                    "sshPort": 22,
                },
                "computeInstanceAuthorizationType": "personal",
                "state": "Running",
                # An access key written into the creation script (MLP-AZ-SEC-001).
                "setupScripts": {
                    "scripts": {
                        "creationScript": {"scriptSource": "inline", "scriptData": WEAK_SCRIPT}
                    }
                },
            },
            principal="4b0e2f8a-1c7d-4a6e-9f3b-5c4d3e2f1a0b",
        ),
        compute(
            ws,
            "cc-weak",
            "AmlCompute",
            True,
            {
                "vmSize": "STANDARD_NC6",
                "vmPriority": "Dedicated",
                "enableNodePublicIp": True,
                "remoteLoginPortPublicAccess": "Enabled",
                "scaleSettings": {
                    "maxNodeCount": 4,
                    "minNodeCount": 0,
                    "nodeIdleTimeBeforeScaleDown": "PT5M",
                },
                "allocationState": "Steady",
                "currentNodeCount": 0,
            },
        ),
        endpoint,
        # The poisoning path (MLP-AZ-PATH-004): the endpoint serves a model trained on a
        # datastore whose account allows anonymous blob access.
        deployment(endpoint, "dep-weak", "azureml:fraud-model:3", insights=False),
        model_version(ws, "fraud-model", "3", "train-weak"),
        training_job(ws, "train-weak", "azureml://datastores/ds-weak/paths/fraud/2026-11/"),
        storage_account(SUB_WEAK, "rg-ml", "stmlweak", public=True),
        child(
            ws,
            "datastores",
            "ds-weak",
            {
                "properties": {
                    "datastoreType": "AzureBlob",
                    "accountName": "stmlweak",
                    "containerName": "training",
                    "endpoint": "core.windows.net",
                    "protocol": "https",
                    "isDefault": False,
                    "credentials": {
                        "credentialsType": "AccountKey",
                        "secrets": {"secretsType": "AccountKey"},
                    },
                },
            },
        ),
        registry(SUB_WEAK, "rg-ml", "reg-weak", public=True),
        role_assignment(group_id(SUB_WEAK, "rg-ml"), WEAK_ASSIGNMENT, OWNER, WEAK_PRINCIPAL),
    ]


def _hardened() -> list[dict[str, Any]]:
    base = group_id(SUB_HARDENED, "rg-ml")
    uai = user_assigned_identity(SUB_HARDENED, "rg-ml", "id-mlw-hardened", IDENTITY_PRINCIPAL)
    subnet = f"{base}/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-compute"
    endpoint = f"{base}/providers/Microsoft.Network/privateEndpoints/pe-mlw-hardened"
    ws_id = workspace_id(SUB_HARDENED, "rg-ml", "mlw-hardened")
    ws = workspace(
        SUB_HARDENED,
        "rg-ml",
        "mlw-hardened",
        HARDENED_PRINCIPAL,
        {
            "publicNetworkAccess": "Disabled",
            "hbiWorkspace": True,
            "v1LegacyMode": False,
            "systemDatastoresAuthMode": "identity",
            "primaryUserAssignedIdentity": uai["id"],
            "encryption": {
                "status": "Enabled",
                "identity": {"userAssignedIdentity": uai["id"]},
                "keyVaultProperties": {
                    "keyVaultArmId": f"{base}/providers/Microsoft.KeyVault/vaults/kv-cmk",
                    "keyIdentifier": "https://kv-cmk.vault.azure.net/keys/ml-cmk/4f2a9c1d7e3b4a5f8c6d2e1f0a9b8c7d",
                    "identityClientId": "",
                },
            },
            "managedNetwork": {
                "isolationMode": "AllowOnlyApprovedOutbound",
                "status": {"status": "Active", "sparkReady": False},
                "outboundRules": {},
            },
            "privateLinkCount": 1,
            "privateEndpointConnections": [
                private_endpoint_connection(ws_id, endpoint, "Approved")
            ],
        },
        # ARM answers user-assigned identity keys in its own spelling (lower-case group).
        user_assigned={uai["id"].replace("resourceGroups", "resourcegroups"): IDENTITY_PRINCIPAL},
    )
    log_analytics = f"{base}/providers/Microsoft.OperationalInsights/workspaces/log-ml"
    hardened_endpoint = child(
        ws,
        "onlineEndpoints",
        "ep-hardened",
        {
            "location": "westeurope",
            "kind": "Managed",
            "properties": {
                "authMode": "AADToken",
                "publicNetworkAccess": "Disabled",
                "provisioningState": "Succeeded",
            },
        },
    )
    return [
        uai,
        ws,
        diagnostic_setting(ws, "diag-mlw-hardened", log_analytics),
        compute(
            ws,
            "ci-hardened",
            "ComputeInstance",
            False,
            {
                "vmSize": "STANDARD_DS3_V2",
                "enableNodePublicIp": False,
                "subnet": {"id": subnet},
                "applicationSharingPolicy": "Personal",
                "sshSettings": {
                    "sshPublicAccess": "Disabled",
                    "adminUserName": "azureuser",
                    "sshPort": 4001,
                },
                "idleTimeBeforeShutdown": "PT30M",
                "computeInstanceAuthorizationType": "personal",
                "state": "Stopped",
            },
            principal="8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d",
        ),
        compute(
            ws,
            "cc-hardened",
            "AmlCompute",
            False,
            {
                "vmSize": "STANDARD_NC6",
                "vmPriority": "Dedicated",
                "enableNodePublicIp": False,
                "subnet": {"id": subnet},
                "remoteLoginPortPublicAccess": "Disabled",
                "scaleSettings": {
                    "maxNodeCount": 4,
                    "minNodeCount": 0,
                    "nodeIdleTimeBeforeScaleDown": "PT5M",
                },
            },
        ),
        hardened_endpoint,
        # The same chain, broken at the entry (a private endpoint) and at the storage (no
        # anonymous access); the model is named by its id.
        deployment(
            hardened_endpoint,
            "dep-hardened",
            f"{ws_id}/models/fraud-model/versions/3",
            insights=True,
        ),
        model_version(ws, "fraud-model", "3", "train-hardened"),
        training_job(ws, "train-hardened", "azureml://datastores/ds-hardened/paths/fraud/2026-11/"),
        storage_account(SUB_HARDENED, "rg-ml", "stmlhardened", public=False),
        child(
            ws,
            "datastores",
            "ds-hardened",
            {
                "properties": {
                    "datastoreType": "AzureBlob",
                    "accountName": "stmlhardened",
                    "containerName": "training",
                    "endpoint": "core.windows.net",
                    "protocol": "https",
                    "isDefault": False,
                    "serviceDataAccessAuthIdentity": "WorkspaceSystemAssignedIdentity",
                    "credentials": {"credentialsType": "None"},
                },
            },
        ),
        registry(SUB_HARDENED, "rg-ml", "reg-hardened", public=False),
        # Owner of the workspace's own storage account only: not a broad scope.
        role_assignment(
            f"{base}/providers/Microsoft.Storage/storageAccounts/stmlwhardened",
            HARDENED_ASSIGNMENT,
            OWNER,
            HARDENED_PRINCIPAL,
        ),
    ]


def twin_estate() -> list[dict[str, Any]]:
    """The GET bodies of both subscriptions."""
    return _weak() + _hardened()
