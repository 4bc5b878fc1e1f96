"""Where each Google API is reached: its public host, a regional Vertex AI host, or the
override a test (or a private endpoint) names through the environment."""

from __future__ import annotations

from collections.abc import Mapping

ENDPOINT_ENV = "MLPOSTURE_GCP_ENDPOINT"
# Per API, over ENDPOINT_ENV: MLPOSTURE_GCP_AIPLATFORM_ENDPOINT, ..._NOTEBOOKS_ENDPOINT, ...
APIS = (
    "aiplatform",
    "notebooks",
    "cloudresourcemanager",
    "iam",
    "iamcredentials",
    "artifactregistry",
    "storage",
)
ANY_API = "*"
GLOBAL = "global"


def endpoints_from_env(environ: Mapping[str, str]) -> dict[str, str]:
    """The endpoint overrides set in the environment, by API ("*" for every API)."""
    found: dict[str, str] = {}
    if environ.get(ENDPOINT_ENV):
        found[ANY_API] = environ[ENDPOINT_ENV]
    for api in APIS:
        value = environ.get(f"MLPOSTURE_GCP_{api.upper()}_ENDPOINT")
        if value:
            found[api] = value
    return found


def base_url(api: str, location: str | None, overrides: Mapping[str, str]) -> str:
    """The base URL of `api`; Vertex AI serves each location at its own regional host
    (https://{region}-aiplatform.googleapis.com) and lists locations at the global one."""
    override = overrides.get(api) or overrides.get(ANY_API)
    if override:
        return override.rstrip("/")
    if api == "aiplatform" and location and location not in (GLOBAL, "-"):
        return f"https://{location}-aiplatform.googleapis.com"
    return f"https://{api}.googleapis.com"
