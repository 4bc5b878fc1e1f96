"""Secrets in scripts and environments: found with detect-secrets, described, never echoed."""

from __future__ import annotations

import base64

from scanner.mappings.secrets import find_secrets
from scanner.model.values import UNKNOWN, Unknown

AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
PASSWORD = "Pr0duction-Passw0rd-2026"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_a_base64_script_is_read_decoded_with_its_line() -> None:
    script = _b64(f"#!/bin/bash\nset -e\nexport AWS_ACCESS_KEY_ID={AWS_KEY}\n")
    found = find_secrets([("on_start", [script])])
    assert found == ["AWS Access Key at on_start (base64) line 3: AKIA… (20 chars)"]


def test_an_environment_mapping_names_the_variable_and_shows_nothing_of_a_password() -> None:
    found = find_secrets([("environment", [{"MODEL": "ranker", "DB_PASSWORD": PASSWORD}])])
    assert found == [f"Secret Keyword at environment.DB_PASSWORD: … ({len(PASSWORD)} chars)"]
    assert isinstance(found, list) and not any(PASSWORD[:3] in entry for entry in found)


def test_name_value_entries_and_scripts_kept_in_metadata() -> None:
    env = [{"name": "EPOCHS", "value": "10"}, {"name": "API_PASSWORD", "value": PASSWORD}]
    metadata = {"startup-script": f"#!/bin/bash\necho {AWS_KEY} > key\n", "flag": "true"}
    found = find_secrets([("env", [env]), ("metadata", [metadata])])
    assert isinstance(found, list)
    assert [entry.split(":")[0] for entry in found] == [
        "AWS Access Key at metadata.startup-script line 2",
        "Secret Keyword at env[1].API_PASSWORD",
    ]


def test_a_reference_to_a_secret_store_is_the_remedy_not_a_leak() -> None:
    env = {
        "DB_PASSWORD": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ml/db-AbCdEf",
        "HUB_TOKEN": "{{resolve:secretsmanager:ml/hub:SecretString:token}}",
        "API_PASSWORD": "projects/p/secrets/api/versions/latest",
        "SAS_PASSWORD": "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x)",
    }
    assert find_secrets([("environment", [env])]) is None


def test_nothing_found_is_none_and_an_unknown_value_is_undecided() -> None:
    assert find_secrets([("on_start", [_b64("pip install numpy\n")])]) is None
    assert find_secrets([("on_start", [])]) is None
    assert isinstance(find_secrets([("on_start", [UNKNOWN])]), Unknown)
    # A known secret decides, whatever else is unknown.
    decided = find_secrets([("environment", [{"A": UNKNOWN, "B": AWS_KEY}])])
    assert isinstance(decided, list) and len(decided) == 1


def test_a_huge_hostile_script_is_read_in_bounded_time() -> None:
    script = ("x" * 10_000 + "\n") * 1_000  # 10 MB of one long word per line
    assert find_secrets([("on_start", [script])]) is None
