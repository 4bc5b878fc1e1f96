"""The built wheel, installed into a fresh virtual environment, is the product: it starts,
carries every module and rule (and no rule fixture), and a foreign `rules` package beside it
changes nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scanner.pipeline import ScanOptions, scan
from tests.installed import REPO, Installed

RULE_FILES = sorted(
    p.relative_to(REPO / "rules").as_posix() for p in REPO.glob("rules/**/rule.yaml")
)


def _outcomes(report: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(r["rule_id"], r["resource"]["id"], r["status"]) for r in report["results"]}


def _scan_iac(installed: Installed) -> dict[str, Any]:
    done = installed.run("scan", "iac/", "--format", "json", "--include-passed")
    assert done.returncode == 1, done.stderr  # the sample estate has findings
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def test_the_wheel_holds_every_module_and_the_rules_without_fixtures(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    modules = sorted(
        p.relative_to(REPO).as_posix()
        for p in (REPO / "scanner").rglob("*.py")
        if "__pycache__" not in p.parts
    )
    assert [m for m in modules if m not in names] == []
    assert (
        sorted(n.removeprefix("scanner/_rules/") for n in names if n.startswith("scanner/_rules/"))
        == RULE_FILES
    )
    assert "scanner/mappings/aws/sagemaker/notebook_instance.yaml" in names
    assert "scanner/iam/data/aws_managed_policies.json" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    rules_bytes = sum(
        zipfile.ZipFile(installed.wheel).getinfo(n).file_size for n in names if "_rules/" in n
    )
    assert rules_bytes < 1_000_000


@pytest.fixture(scope="session")
def installed_outcomes(installed: Installed) -> set[tuple[str, str, str]]:
    """What the installed scanner finds in the sample estate, nothing else installed."""
    return _outcomes(_scan_iac(installed))


def test_the_installed_scanner_scans_as_the_checkout_does(
    installed: Installed, installed_outcomes: set[tuple[str, str, str]]
) -> None:
    report = _scan_iac(installed)
    assert report["summary"]["rules"] == len(RULE_FILES)
    assert report["summary"]["failed"] > 0
    checkout = scan([str(REPO / "iac")], ScanOptions(include_passed=True))
    assert installed_outcomes == _outcomes(checkout.as_dict())


def test_rules_list_from_the_installed_scanner(installed: Installed) -> None:
    done = installed.run("rules", "list", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == len(RULE_FILES)
    assert installed.run("--version").stdout.startswith("mlposture")


@pytest.fixture
def foreign_rules(installed: Installed, tmp_path: Path) -> Iterator[None]:
    """PyPI has a top-level package named `rules`: one like it is installed beside mlposture."""
    project = tmp_path / "foreign"
    (project / "rules" / "aws").mkdir(parents=True)
    (project / "rules" / "__init__.py").write_text('"""Someone else\'s rules engine."""\n')
    (project / "rules" / "aws" / "rule.yaml").write_text("id: NOT-OURS\n")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
        '[project]\nname = "rules"\nversion = "3.0"\n'
        '[tool.hatch.build.targets.wheel]\npackages = ["rules"]\n'
    )
    installed.pip("install", str(project))
    assert (installed.site_packages() / "rules" / "__init__.py").is_file()
    yield
    installed.pip("uninstall", "-y", "rules")


def test_a_foreign_rules_package_changes_nothing(
    installed: Installed, installed_outcomes: set[tuple[str, str, str]], foreign_rules: None
) -> None:
    assert _outcomes(_scan_iac(installed)) == installed_outcomes
    done = installed.run("rules", "list", "--format", "json")
    assert len(json.loads(done.stdout)) == len(RULE_FILES)


def test_an_install_that_lost_its_rules_is_a_usage_error(installed: Installed) -> None:
    rules = installed.site_packages() / "scanner" / "_rules"
    aside = rules.with_name("_rules.aside")
    rules.rename(aside)
    rules.mkdir()
    try:
        done = installed.run("scan", "iac/", "--format", "json")
    finally:
        rules.rmdir()
        aside.rename(rules)
    assert done.returncode == 2
    assert "no built-in rule" in done.stderr
    assert "Score" not in done.stdout


@pytest.mark.parametrize("cloud", ["azure", "gcp"])
def test_without_the_cloud_extras_scan_works_and_audit_says_what_to_install(
    installed: Installed, cloud: str
) -> None:
    site = installed.site_packages()
    assert not (site / "azure").exists() and not (site / "google" / "auth").exists()
    assert installed.run("scan", "iac/", "--format", "json").returncode == 1
    done = installed.run("audit", cloud)
    assert done.returncode == 2
    assert f"pip install 'mlposture[{cloud}]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_dockerfile_installs_the_built_wheel(installed: Installed, tmp_path: Path) -> None:
    """No Docker engine here: the final stage's install command runs against the wheel the
    packaging built, in place of the image's /dist."""
    text = (REPO / "Dockerfile").read_text("utf-8").replace("\\\n", " ")
    final = text.rsplit("\nFROM ", 1)[1]
    assert "COPY --from=build /dist /dist" in final
    [run] = [line for line in final.splitlines() if line.startswith("RUN ")]
    install = run.removeprefix("RUN ").split("&&")[0].strip()
    assert install.startswith("pip install") and "/dist/mlposture-*.whl" in install
    assert 'ENTRYPOINT ["mlposture"]' in final
    command = install.replace("/dist", str(installed.dist)).replace("${EXTRAS}", "")
    command = command.replace("pip install", "pip install --no-deps --force-reinstall", 1)
    done = subprocess.run(
        ["bash", "-c", command], env=installed.env(), capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert installed.run("rules", "list", "--format", "json").returncode == 0
    assert shutil.which("mlposture", path=str(installed.bin)) is not None
