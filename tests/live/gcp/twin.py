"""A fake organization for the end-to-end audit, and its Terraform twin (estate_twin.tf).

organizations/1000
  folders/2000: ml-weak (weak twins: every setting left to its default), ml-hardened
  ml-denied: every call answers 403 PERMISSION_DENIED
  ml-disabled: the Vertex AI and Notebooks APIs are not enabled

The REST bodies are what the API answers for the Terraform resources in estate_twin.tf: the
service fills in its own settings (the default service account a VM runs as, Shielded VM's
vTPM and integrity monitoring), and proto3 JSON leaves false booleans out.
"""

from __future__ import annotations

from typing import Any

from tests.live.gcp.fake_google import FakeGoogle

ORGANIZATION = "1000"
WEAK, HARDENED, DENIED, DISABLED = "ml-weak", "ml-hardened", "ml-denied", "ml-disabled"
WEAK_DEFAULT_SA = "111111111111-compute@developer.gserviceaccount.com"
HARDENED_SA = f"wb-hardened@{HARDENED}.iam.gserviceaccount.com"
CI_SA = f"ci@{HARDENED}.iam.gserviceaccount.com"
# Terraform grant resource -> the live grant's name (role and member).
GRANTS = {
    "weak_editor": f"roles/editor serviceAccount:{WEAK_DEFAULT_SA}",
    "hardened_vertex_user": f"roles/aiplatform.user serviceAccount:{HARDENED_SA}",
    "hardened_ci_editor": f"roles/editor serviceAccount:{CI_SA}",
}


def _kms(location: str, key: str) -> dict[str, str]:
    return {"kmsKeyName": f"projects/kms-9034/locations/{location}/keyRings/ml/cryptoKeys/{key}"}


def _vertex(fake: FakeGoogle, project: str, location: str, path: str, **body: Any) -> None:
    fake.add("aiplatform", {"name": f"projects/{project}/locations/{location}/{path}", **body})


def _weak(fake: FakeGoogle) -> None:
    p = WEAK
    _vertex(fake, p, "us-central1", "endpoints/100", displayName="ep-weak")
    _vertex(
        fake,
        p,
        "europe-west4",
        "indexEndpoints/200",
        displayName="ie-weak",
        publicEndpointEnabled=True,
    )
    _vertex(fake, p, "us-central1", "datasets/300", displayName="ds-weak")
    _vertex(fake, p, "us-central1", "featurestores/fs_weak")
    _vertex(fake, p, "us-central1", "featurestores/fs_weak/entityTypes/et_weak")
    fake.add(
        "notebooks/v2",
        {
            "name": f"projects/{p}/locations/us-central1-a/instances/wb-weak",
            "gceSetup": {
                "machineType": "e2-standard-4",
                "serviceAccounts": [{"email": WEAK_DEFAULT_SA}],
                "shieldedInstanceConfig": {"enableVtpm": True, "enableIntegrityMonitoring": True},
                "bootDisk": {"diskSizeGb": "150", "diskEncryption": "GMEK"},
                "dataDisks": [{"diskSizeGb": "100", "diskEncryption": "GMEK"}],
                "networkInterfaces": [{"network": f"projects/{p}/global/networks/default"}],
                "metadata": {"proxy-mode": "service_account"},
            },
            "state": "ACTIVE",
        },
    )
    fake.add(
        "notebooks/v1",
        {
            "name": f"projects/{p}/locations/europe-west4-c/instances/nb-weak",
            "machineType": "e2-standard-2",
            "serviceAccount": WEAK_DEFAULT_SA,
            "shieldedInstanceConfig": {"enableVtpm": True, "enableIntegrityMonitoring": True},
            "diskEncryption": "DISK_ENCRYPTION_UNSPECIFIED",
            "state": "ACTIVE",
        },
    )
    fake.add(
        "notebooks/v1",
        {
            "name": f"projects/{p}/locations/europe-west4/runtimes/rt-weak",
            "accessConfig": {"accessType": "SINGLE_USER", "runtimeOwner": "alice@example.com"},
            "softwareConfig": {"idleShutdown": True},
            "virtualMachine": {
                "virtualMachineConfig": {
                    "machineType": "n1-standard-4",
                    "shieldedInstanceConfig": {
                        "enableVtpm": True,
                        "enableIntegrityMonitoring": True,
                    },
                }
            },
            "state": "ACTIVE",
        },
    )
    fake.policies[p] = {
        "bindings": [{"role": "roles/editor", "members": [f"serviceAccount:{WEAK_DEFAULT_SA}"]}]
    }


def _hardened(fake: FakeGoogle) -> None:
    p, eu = HARDENED, "europe-west4"
    net = f"projects/{p}/global/networks/ml-private"
    _vertex(
        fake,
        p,
        eu,
        "endpoints/101",
        displayName="ep-hardened",
        network=net,
        encryptionSpec=_kms(eu, "ep"),
    )
    _vertex(
        fake,
        p,
        eu,
        "indexEndpoints/201",
        displayName="ie-hardened",
        privateServiceConnectConfig={"enablePrivateServiceConnect": True, "projectAllowlist": [p]},
        encryptionSpec=_kms(eu, "ie"),
    )
    _vertex(fake, p, eu, "datasets/301", displayName="ds-hardened", encryptionSpec=_kms(eu, "ds"))
    _vertex(fake, p, eu, "featurestores/fs_hardened", encryptionSpec=_kms(eu, "fs"))
    _vertex(fake, p, eu, "featurestores/fs_hardened/entityTypes/et_hardened")
    metadata = {
        "notebook-disable-root": "true",
        "notebook-disable-downloads": "true",
        "notebook-disable-terminal": "true",
        "notebook-upgrade-schedule": "00 19 * * SAT",
    }
    shielded = {"enableSecureBoot": True, "enableVtpm": True, "enableIntegrityMonitoring": True}
    fake.add(
        "notebooks/v2",
        {
            "name": f"projects/{p}/locations/europe-west4-a/instances/wb-hardened",
            "instanceOwners": ["analyst@example.com"],
            "disableProxyAccess": True,
            "gceSetup": {
                "machineType": "n2-standard-4",
                "disablePublicIp": True,
                "metadata": metadata,
                "serviceAccounts": [{"email": HARDENED_SA}],
                "shieldedInstanceConfig": shielded,
                "bootDisk": {"diskEncryption": "CMEK", "kmsKey": _kms(eu, "boot")["kmsKeyName"]},
                "dataDisks": [{"diskEncryption": "CMEK", "kmsKey": _kms(eu, "data")["kmsKeyName"]}],
                "networkInterfaces": [{"network": net}],
            },
            "state": "ACTIVE",
        },
    )
    fake.add(
        "notebooks/v1",
        {
            "name": f"projects/{p}/locations/europe-west4-b/instances/nb-hardened",
            "machineType": "e2-standard-2",
            "noPublicIp": True,
            "noProxyAccess": True,
            "instanceOwners": ["scientist@example.com"],
            "serviceAccount": HARDENED_SA,
            "diskEncryption": "CMEK",
            "kmsKey": _kms(eu, "nb")["kmsKeyName"],
            "network": net,
            "metadata": metadata,
            "shieldedInstanceConfig": shielded,
            "state": "ACTIVE",
        },
    )
    fake.add(
        "notebooks/v1",
        {
            "name": f"projects/{p}/locations/europe-west4/runtimes/rt-hardened",
            "accessConfig": {"accessType": "SINGLE_USER", "runtimeOwner": "bob@example.com"},
            "softwareConfig": {"disableTerminal": True, "notebookUpgradeSchedule": "00 3 * * SAT"},
            "virtualMachine": {
                "virtualMachineConfig": {
                    "machineType": "n1-standard-4",
                    "internalIpOnly": True,
                    "network": net,
                    "encryptionConfig": {"kmsKey": _kms(eu, "rt")["kmsKeyName"]},
                    "shieldedInstanceConfig": shielded,
                }
            },
            "state": "ACTIVE",
        },
    )
    fake.policies[p] = {
        "bindings": [
            {"role": "roles/aiplatform.user", "members": [f"serviceAccount:{HARDENED_SA}"]},
            {"role": "roles/editor", "members": [f"serviceAccount:{CI_SA}"]},
        ]
    }


def seed_organization(fake: FakeGoogle) -> None:
    org = f"organizations/{ORGANIZATION}"
    fake.add_folder(org, "folders/2000")
    fake.add_project("folders/2000", WEAK)
    fake.add_project("folders/2000", HARDENED)
    fake.add_project(org, DENIED)
    fake.add_project(org, DISABLED)
    _weak(fake)
    _hardened(fake)
    # Resources the auditor must not see: the project denies every call.
    _vertex(fake, DENIED, "us-central1", "endpoints/900", displayName="ep-denied")
    fake.denied_projects.add(DENIED)
    fake.disabled[DISABLED] = {"aiplatform.googleapis.com", "notebooks.googleapis.com"}
    fake.policies[DISABLED] = {"bindings": [{"role": "roles/viewer", "members": ["user:a@b.c"]}]}
