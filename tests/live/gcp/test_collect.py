"""What a user of `audit gcp` would notice of the collection: every location and page is
read, jobs are bounded, an API not enabled is said once, a denied project or a failing
collection is a gap and the rest is still judged, and nothing but reads is sent."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from scanner.pipeline import ScanOptions, audit
from scanner.sources.live.gcp.collect import collect_gcp
from scanner.sources.live.gcp.endpoints import base_url
from scanner.sources.live.gcp.source import gcp_source
from scanner.sources.live.gcp.specs import LIVE_TYPES
from tests.live.gcp.estate import PROJECT, options
from tests.live.gcp.fake_google import IMPERSONATED_TOKEN, FakeGoogle

ENDPOINTS = frozenset({"vertexai:Endpoint"})
WORKBENCH = frozenset({"workbench:Instance"})


def _endpoints(fake: FakeGoogle, project: str, location: str, count: int) -> None:
    for i in range(count):
        fake.add(
            "aiplatform",
            {
                "name": f"projects/{project}/locations/{location}/endpoints/{i}",
                "displayName": f"ep-{i}",
            },
        )


class Recorder:
    def __init__(self) -> None:
        self.planned: Counter[tuple[str, str]] = Counter()
        self.done: Counter[tuple[str, str]] = Counter()

    def add(self, account: str, region: str, total: int) -> None:
        self.planned[(account, region)] += total

    def advance(self, account: str, region: str) -> None:
        self.done[(account, region)] += 1


def test_every_location_and_every_page_is_read(fake: FakeGoogle) -> None:
    _endpoints(fake, PROJECT, "us-central1", 5)
    _endpoints(fake, PROJECT, "europe-west4", 3)
    recorder = Recorder()
    load = collect_gcp(options(fake), ENDPOINTS, recorder)
    found = [(r.location.region, r.attributes["displayName"]) for r in load.resources]
    assert sorted(found) == sorted(
        [("us-central1", f"ep-{i}") for i in range(5)]
        + [("europe-west4", f"ep-{i}") for i in range(3)]
    )
    assert (load.gaps, load.notes, load.accounts) == ([], [], 1)
    assert load.scope == {"projects": [PROJECT], "locations": ["europe-west4", "us-central1"]}
    endpoint_calls = fake.calls("aiplatform.endpoints.list")
    assert len(endpoint_calls) == 3 + 2  # pages of 2: [2, 2, 1] and [2, 1]
    assert recorder.done == recorder.planned
    assert set(recorder.planned) == {
        (PROJECT, "global"),
        (PROJECT, "us-central1"),
        (PROJECT, "europe-west4"),
    }


def test_named_locations_are_read_without_listing_them(fake: FakeGoogle) -> None:
    _endpoints(fake, PROJECT, "us-central1", 2)
    _endpoints(fake, PROJECT, "europe-west4", 2)
    load = collect_gcp(options(fake, locations=("europe-west4",)), ENDPOINTS)
    assert {r.location.region for r in load.resources} == {"europe-west4"}
    assert fake.calls("aiplatform.locations.list") == []


def test_the_resource_carries_project_location_and_full_name(fake: FakeGoogle) -> None:
    _endpoints(fake, PROJECT, "europe-west4", 1)
    report = audit(gcp_source(options(fake)), ScanOptions(only_rules=("MLP-GCP-VAI-002",)))
    result = report.results[0].as_dict()
    assert result["resource"] == {
        "id": f"projects/{PROJECT}/locations/europe-west4/endpoints/0",
        "kind": "gcp.vertexai.endpoint",
        "type": "vertexai:Endpoint",
        "provider": "gcp",
        "name": "ep-0",
        "source": "live",
        "file": None,
        "line": None,
        "account": PROJECT,
        "region": "europe-west4",
    }
    assert report.scope == {"projects": [PROJECT], "locations": ["europe-west4"]}


def test_jobs_are_bounded_by_jobs_since(fake: FakeGoogle) -> None:
    parent = f"projects/{PROJECT}/locations/us-central1"
    jobs = {
        "recent": ("2026-12-01T10:00:00Z", "JOB_STATE_SUCCEEDED"),
        "old": ("2026-01-01T10:00:00Z", "JOB_STATE_FAILED"),
        "old-running": ("2026-01-02T10:00:00Z", "JOB_STATE_RUNNING"),
    }
    for name, (created, state) in jobs.items():
        fake.add(
            "aiplatform",
            {
                "name": f"{parent}/customJobs/{name}",
                "displayName": name,
                "createTime": created,
                "state": state,
                "jobSpec": {"serviceAccount": f"trainer@{PROJECT}.iam.gserviceaccount.com"},
            },
        )
    fake.add(
        "aiplatform",
        {"name": f"{parent}/trainingPipelines/tp", "displayName": "tp", "createTime": "2026-12-02"},
    )
    wanted = frozenset({"vertexai:CustomJob", "vertexai:TrainingPipeline"})
    now = datetime(2026, 12, 4, tzinfo=UTC)
    load = collect_gcp(options(fake, jobs_since_days=30), wanted, now=now)
    assert sorted(r.name for r in load.resources) == ["old-running", "recent", "tp"]
    filters = {c.query.get("filter") for c in fake.calls("aiplatform.customJobs.list")}
    assert filters == {'create_time>="2026-11-04T00:00:00Z"', 'state="JOB_STATE_RUNNING"'}


def test_an_api_not_enabled_is_said_once_and_is_no_gap(fake: FakeGoogle) -> None:
    fake.disabled[PROJECT] = {"aiplatform.googleapis.com"}
    locations = ("us-central1", "europe-west4", "asia-east1")
    load = collect_gcp(options(fake, locations=locations), LIVE_TYPES)
    assert load.gaps == []
    assert load.notes == [f"project {PROJECT}: Vertex AI API not enabled; no Vertex AI resources"]
    assert load.accounts == 1
    # The first refusal stops the others: far fewer calls than locations x collections.
    assert len(fake.calls("aiplatform.")) < len(locations) * 10


def test_a_denied_project_is_listed_not_covered_and_the_others_audited(
    fake: FakeGoogle,
) -> None:
    _endpoints(fake, PROJECT, "us-central1", 2)
    _endpoints(fake, "ml-secret", "us-central1", 2)
    fake.denied_projects.add("ml-secret")
    load = collect_gcp(options(fake, projects=(PROJECT, "ml-secret")), LIVE_TYPES)
    assert {r.location.account for r in load.resources} == {PROJECT}
    assert len([r for r in load.resources if r.type == "vertexai:Endpoint"]) == 2
    assert {(g.account, g.region, g.service, g.reason) for g in load.gaps} == {
        ("ml-secret", "global", "aiplatform/locations", "access-denied"),
        ("ml-secret", "global", "notebooks/v2/instances", "access-denied"),
        ("ml-secret", "global", "notebooks/v1/instances", "access-denied"),
        ("ml-secret", "global", "notebooks/v1/runtimes", "access-denied"),
        ("ml-secret", "global", "cloudresourcemanager/getIamPolicy", "access-denied"),
        ("ml-secret", "global", "iam/serviceAccounts", "access-denied"),
        ("ml-secret", "global", "artifactregistry/repositories", "access-denied"),
        ("ml-secret", "global", "storage/buckets", "access-denied"),
    }
    assert all(g.provider == "gcp" for g in load.gaps)
    assert load.gaps[0].where.startswith("gcp://ml-secret/global/")
    assert "IAM_PERMISSION_DENIED" in load.gaps[0].detail
    assert load.accounts == 1
    # A denial is never retried.
    denied = [
        c for c in fake.seen if "ml-secret" in c.path or c.query.get("project") == "ml-secret"
    ]
    assert len(denied) == 8


def test_throttling_is_retried_and_an_outage_is_a_gap(fake: FakeGoogle) -> None:
    _endpoints(fake, PROJECT, "us-central1", 1)
    _endpoints(fake, PROJECT, "europe-west4", 1)
    fake.inject("/locations/us-central1/endpoints", [429, 503])
    fake.inject("/locations/europe-west4/endpoints", [503] * 20)
    load = collect_gcp(options(fake, retries=3), ENDPOINTS)
    assert [r.location.region for r in load.resources] == ["us-central1"]
    assert [(g.region, g.service, g.reason) for g in load.gaps] == [
        ("europe-west4", "aiplatform/endpoints", "server-error")
    ]
    statuses = [c.status for c in fake.seen if "/us-central1/endpoints" in c.path]
    assert statuses == [429, 503, 200]
    assert len([c for c in fake.seen if "/europe-west4/endpoints" in c.path]) == 4


def test_throttling_past_the_retries_is_a_gap(fake: FakeGoogle) -> None:
    _endpoints(fake, PROJECT, "us-central1", 1)
    fake.inject("/locations/us-central1/endpoints", [429] * 10)
    load = collect_gcp(options(fake, retries=2), ENDPOINTS)
    assert [(g.service, g.reason) for g in load.gaps] == [("aiplatform/endpoints", "throttled")]
    assert "after the retries" in load.gaps[0].detail


def test_a_featurestore_deleted_midway_is_skipped(fake: FakeGoogle) -> None:
    parent = f"projects/{PROJECT}/locations/us-central1/featurestores"
    for fs in ("gone", "kept"):
        fake.add("aiplatform", {"name": f"{parent}/{fs}"})
        fake.add("aiplatform", {"name": f"{parent}/{fs}/entityTypes/customer"})
    fake.inject(f"{parent}/gone/entityTypes", [404])
    load = collect_gcp(options(fake), frozenset({"vertexai:EntityType"}))
    assert load.gaps == []
    types = sorted((r.type, r.id) for r in load.resources)
    assert types == [
        ("vertexai:EntityType", f"{parent}/kept/entityTypes/customer"),
        ("vertexai:Featurestore", f"{parent}/gone"),
        ("vertexai:Featurestore", f"{parent}/kept"),
    ]
    entity = next(r for r in load.resources if r.type == "vertexai:EntityType")
    assert entity.references == {"featurestore": (f"{parent}/kept",)}


def test_zones_the_api_could_not_reach_are_gaps(fake: FakeGoogle) -> None:
    fake.add("notebooks/v2", {"name": f"projects/{PROJECT}/locations/us-central1-a/instances/wb"})
    fake.unreachable = [f"projects/{PROJECT}/locations/asia-east1-b"]
    load = collect_gcp(options(fake), WORKBENCH)
    assert [r.name for r in load.resources] == ["wb"]
    assert [(g.region, g.service, g.reason) for g in load.gaps] == [
        ("asia-east1-b", "notebooks/v2/instances", "unreachable")
    ]


def test_projects_below_an_organization_and_its_folders(fake: FakeGoogle) -> None:
    fake.add_project("organizations/42", "ml-top")
    fake.add_project("organizations/42", "ml-deleted", state="DELETE_REQUESTED")
    fake.add_folder("organizations/42", "folders/7")
    fake.add_folder("folders/7", "folders/8")
    fake.add_folder("folders/7", "folders/9")
    fake.add_project("folders/8", "ml-deep")
    fake.add_project("folders/9", "ml-hidden")
    fake.inject("folders%2F9", [403, 403])
    load = collect_gcp(options(fake, projects=(), organization="42"), WORKBENCH)
    assert load.scope["projects"] == ["ml-deep", "ml-top"]
    assert [(g.account, g.service, g.reason) for g in load.gaps] == [
        ("folders/9", "cloudresourcemanager/projects", "access-denied")
    ]


def test_impersonation_reads_with_the_service_accounts_token(fake: FakeGoogle) -> None:
    fake.add("notebooks/v2", {"name": f"projects/{PROJECT}/locations/us-central1-a/instances/wb"})
    auditor = f"auditor@{PROJECT}.iam.gserviceaccount.com"
    load = collect_gcp(options(fake, impersonate_service_account=auditor), WORKBENCH)
    assert [r.name for r in load.resources] == ["wb"]
    minted = fake.calls("iam.serviceAccounts.getAccessToken")
    assert [c.path for c in minted] == [
        f"/v1/projects/-/serviceAccounts/{auditor}:generateAccessToken"
    ]
    assert minted[0].authorization == "Bearer x"  # the caller's own token asks for it
    reads = fake.calls("notebooks.")
    assert reads and {c.authorization for c in reads} == {f"Bearer {IMPERSONATED_TOKEN}"}


def test_only_reads_are_sent(fake: FakeGoogle) -> None:
    _endpoints(fake, PROJECT, "us-central1", 3)
    fake.policies[PROJECT] = {"bindings": [{"role": "roles/viewer", "members": ["user:a@b.c"]}]}
    collect_gcp(options(fake), LIVE_TYPES)
    posts = {c.path for c in fake.seen if c.method != "GET"}
    assert posts == {f"/v1/projects/{PROJECT}:getIamPolicy"}


def test_credentials_that_do_not_work_stop_the_audit(fake: FakeGoogle) -> None:
    from google.oauth2.credentials import Credentials

    broken = Credentials(  # type: ignore[no-untyped-call]
        token=None,
        refresh_token="revoked",
        token_uri=f"{fake.url}/no-such-token-endpoint",
        client_id="id",
        client_secret="secret",
    )
    report = audit(gcp_source(options(fake, credentials=broken)), ScanOptions())
    assert not report.readable
    assert report.errors[0].file == "gcp"
    assert "Google credentials do not work" in report.errors[0].message
    assert fake.calls("aiplatform.") == []


def test_no_project_is_a_setup_error(fake: FakeGoogle) -> None:
    report = audit(gcp_source(options(fake, projects=())), ScanOptions())
    assert not report.readable
    assert "no project" in report.errors[0].message


def test_regional_hosts_without_an_override() -> None:
    assert base_url("aiplatform", "europe-west4", {}) == (
        "https://europe-west4-aiplatform.googleapis.com"
    )
    assert base_url("aiplatform", None, {}) == "https://aiplatform.googleapis.com"
    assert base_url("notebooks", "-", {}) == "https://notebooks.googleapis.com"
    assert base_url("iam", None, {"*": "http://127.0.0.1:1/"}) == "http://127.0.0.1:1"
    assert base_url("iam", None, {"*": "http://a", "iam": "http://b"}) == "http://b"


def test_a_project_nothing_of_which_could_be_read_is_not_audited(fake: FakeGoogle) -> None:
    fake.denied_projects.add(PROJECT)
    report = audit(gcp_source(options(fake)), ScanOptions())
    assert not report.readable  # exit code 2: nothing could be audited
    assert report.errors and all("access-denied" in e.message for e in report.errors)


def test_rules_of_another_cloud_read_nothing_and_pass(fake: FakeGoogle) -> None:
    report = audit(gcp_source(options(fake)), ScanOptions(only_rules=("MLP-AWS-SM-001",)))
    assert report.readable
    assert report.errors == []
    assert [s.path for s in fake.seen] == []


def test_every_collected_type_has_a_live_table() -> None:
    from scanner.mappings import load_catalog

    assert set(LIVE_TYPES) <= set(load_catalog().by_native_type)


def test_each_buckets_iam_policy_is_read_as_grants_and_a_refusal_is_its_own_gap(
    fake: FakeGoogle,
) -> None:
    for bucket in ("models-4821", "secret-4821"):
        fake.add("storage", {"name": bucket}, PROJECT)
    fake.bucket_policies["models-4821"] = {
        "bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers", "user:a@b.c"]}]
    }
    fake.inject("/storage/v1/b/secret-4821/iam", [403])
    load = collect_gcp(options(fake), frozenset({"storage:BucketIamMember"}))
    grants = sorted(
        (r.name, r.attributes["bucket"]) for r in load.resources if r.type.endswith("IamMember")
    )
    assert grants == [
        ("roles/storage.objectViewer allUsers", "models-4821"),
        ("roles/storage.objectViewer user:a@b.c", "models-4821"),
    ]
    assert [(g.service, g.reason) for g in load.gaps] == [("storage/buckets.iam", "access-denied")]
    # Buckets alone are listed without reading a policy.
    fake.seen.clear()
    collect_gcp(options(fake), frozenset({"storage:Bucket"}))
    assert not [c for c in fake.seen if c.path.endswith("/iam")]
