"""What the user asked of a live Google Cloud audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_JOBS_SINCE_DAYS = 30
DEFAULT_WORKERS = 8
# urllib3's backoff between retries of a 429 / 5xx: 0.5 s, 1 s, 2 s, ... (or Retry-After).
DEFAULT_RETRIES = 5
DEFAULT_BACKOFF = 0.5


@dataclass(frozen=True, slots=True)
class GcpAuditOptions:
    # Projects to audit by ID; with none, and no organization or folder, the project of the
    # Application Default Credentials (GOOGLE_CLOUD_PROJECT or gcloud's configured project).
    projects: tuple[str, ...] = ()
    organization: str | None = None  # every active project below it (folders recursively)
    folders: tuple[str, ...] = ()
    # Vertex AI locations: ("all",) every location the project's Vertex AI API offers.
    locations: tuple[str, ...] = ("all",)
    impersonate_service_account: str | None = None
    jobs_since_days: int = DEFAULT_JOBS_SINCE_DAYS
    workers: int = DEFAULT_WORKERS
    # Base URLs by API (aiplatform, notebooks, cloudresourcemanager, iam, iamcredentials) or
    # "*" for all of them: the counterpart of AWS_ENDPOINT_URL (MLPOSTURE_GCP_ENDPOINT).
    endpoints: dict[str, str] = field(default_factory=dict)
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    # A google.auth credentials object to use instead of Application Default Credentials
    # (the Python API and in-process tests); its project is not guessed.
    credentials: Any = field(default=None, compare=False, repr=False)
