"""Keys of Azure Machine Learning workspace resources, and what Azure ML references name.

A workspace's resources name each other by short references that hold only a name within the
workspace: a deployment's model `azureml:fraud:3`, a model version's `jobName`, a job input's
`azureml://datastores/workspaceblobstore/paths/...`. Names repeat across workspaces (every
workspace has a `workspaceblobstore`), so a reference is matched by a *key* that holds the
workspace too: the resource's names below the subscription, `/`-separated, in lower case (ARM
compares ids without case, and bodies spell them variously; two Azure ML names that differ
only in case are taken as one).

- An ARM template names a resource `ws/fraud/3` and writes the deployment's subscription and
  resource group as placeholders (`{subscription}`): its keys are the names alone, `ws/fraud/3`.
- A live resource's id holds its subscription and resource group: its keys start with them,
  `5f1c.../rg-ml/ws/fraud/3`, so a same-named workspace elsewhere in the tenant is another one.

A key is compared only within one source's scope (one template, one tenant), where every
resource is written the same way.
"""

from __future__ import annotations

import re

# A value the ARM template reader writes for what only the deployment knows.
_PLACEHOLDER = re.compile(r"^\{[^}]*\}$")
_MODEL_SHORT = re.compile(r"^azureml:([^:/@]+):([^:/@]+)$", re.IGNORECASE)
_DATASTORE_SHORT = re.compile(r"^azureml://datastores/([^/]+)", re.IGNORECASE)
_DATASTORE_LONG = re.compile(
    r"^azureml://subscriptions/([^/]+)/resourcegroups/([^/]+)/workspaces/([^/]+)"
    r"/datastores/([^/]+)",
    re.IGNORECASE,
)
# A model registered from a job's output (`azureml://jobs/NAME/outputs/...`) or an MLflow run
# (`runs:/NAME/model`) names the job that made it.
_JOB_URI = re.compile(r"^(?:azureml://jobs/|runs:/)([^/]+)", re.IGNORECASE)
_PLAIN_NAME = re.compile(r"^[^:/]+$")


def _parts(owner: str) -> tuple[list[str], list[str]] | None:
    """(subscription and resource group, or nothing in a template; the names) of an ARM id or
    an ARM template name (`ws/cluster`), lower case."""
    text = owner.strip().lower()
    if not text.startswith("/"):
        names = [part for part in text.split("/") if part]
        return ([], names) if names else None
    parts = [p for p in text.split("/") if p]
    if "providers" not in parts:
        return None
    at = parts.index("providers")
    names, scope = parts[at + 3 :: 2], parts[:at]
    if not names:
        return None
    if len(scope) >= 4 and scope[0] == "subscriptions" and scope[2] == "resourcegroups":
        prefix = [scope[1], scope[3]]
        # Placeholders are what a template writes: the template's own resource group.
        return ([] if any(_PLACEHOLDER.match(p) for p in prefix) else prefix), names
    return [], names


def resource_key(owner: str) -> str | None:
    """The key of the resource that an ARM id or an ARM template name (`ws/cluster`) names."""
    found = _parts(owner)
    return "/".join(found[0] + found[1]) if found else None


def workspace_key(owner: str) -> str | None:
    """The key of the workspace (the top-level resource) that `owner` is or belongs to."""
    found = _parts(owner)
    return "/".join(found[0] + found[1][:1]) if found else None


def own_key(owner: str, name: str) -> str | None:
    """The key of a resource named `name` under `owner` (its parent's id or template name)."""
    parent = resource_key(owner)
    return f"{parent}/{name.strip().lower()}" if parent and name.strip() else None


def _reference(reference: str, kind: str) -> tuple[str | None, tuple[str, ...]]:
    """What an Azure ML reference to a `kind` resource (model, job, datastore) names: an ARM
    id or an absolute key, else names within the referrer's workspace (as written), else
    nothing ((None, ()): a blob URL, a data asset, a registry's model, `@latest`)."""
    text = reference.strip()
    if kind == "model":
        lowered = text.lower().removeprefix("azureml:")
        if lowered.startswith("/subscriptions/"):
            full = "/workspaces/" in lowered and "/models/" in lowered and "/versions/" in lowered
            return (text[len(text) - len(lowered) :], ()) if full else (None, ())
        found = _MODEL_SHORT.match(text)
        return (None, (found.group(1), found.group(2))) if found else (None, ())
    if kind == "job":
        found = _JOB_URI.match(text)
        if found:
            return None, (found.group(1),)
        return (None, (text,)) if _PLAIN_NAME.match(text) else (None, ())
    if kind == "datastore":
        long = _DATASTORE_LONG.match(text)
        if long:
            return "/".join(g.lower() for g in long.groups()), ()
        found = _DATASTORE_SHORT.match(text)
        return (None, (found.group(1),)) if found else (None, ())
    raise ValueError(f"unknown Azure ML reference kind {kind!r}")


def referenced_key(reference: str, kind: str, owner: str) -> str | None:
    """The key of the `kind` resource (model, job, datastore) that an Azure ML reference
    names, read in the workspace of `owner`; None for anything else (a blob URL, a data asset,
    a registry's model, `@latest`)."""
    absolute, names = _reference(reference, kind)
    if absolute is not None:
        return resource_key(absolute) if absolute.startswith("/") else absolute
    workspace = workspace_key(owner) if names else None
    if workspace is None:
        return None
    return "/".join([workspace, *(n.lower() for n in names)])


def is_relative(reference: str, kind: str) -> bool:
    """Whether the reference names its `kind` resource within the referrer's workspace (so
    its key needs that workspace)."""
    absolute, names = _reference(reference, kind)
    return absolute is None and bool(names)


_WORKSPACE_ID = re.compile(
    r"^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/"
    r"microsoft\.machinelearningservices/workspaces/[^/]+",
    re.IGNORECASE,
)
# Where a workspace keeps each kind of resource that a reference names by name.
_PATHS = {"model": "models/{0}/versions/{1}", "job": "jobs/{0}"}


def referenced_id(reference: str, kind: str, referrer_id: str) -> str | None:
    """The ARM id of the model version or job (`kind`) that an Azure ML reference names, read
    by the resource `referrer_id` (a live id under a workspace); None for anything else. Names
    keep their case: Azure ML's model and job names are case-sensitive."""
    absolute, names = _reference(reference, kind)
    if absolute is not None:
        return absolute if absolute.startswith("/") else None
    workspace = _WORKSPACE_ID.match(referrer_id)
    if workspace is None or not names or kind not in _PATHS:
        return None
    return f"{workspace.group(0)}/{_PATHS[kind].format(*names)}"
