"""Every format in one folder, scanned in one call: each fixture is judged as it is alone.

The rule fixtures (Terraform HCL, plan JSON, CloudFormation YAML and JSON, ARM, azapi) are laid
out side by side in one tree, each in its own folder, and scanned once with every rule. Every
weak resource fails its rule and every hardened one passes it, with the same rule ID whatever
the format: detection by content, and no file's reading disturbs another's.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

from scanner.engine.rules import builtin_rules_dir, load_rules
from scanner.mappings import load_catalog
from scanner.pipeline import ScanOptions, scan

SUFFIXES = (".tf", ".json", ".yaml", ".yml")


def test_one_scan_of_every_format_judges_every_fixture(tmp_path: Path) -> None:
    expected: dict[str, tuple[str, str]] = {}  # shown file -> (rule id, expected status)
    formats: dict[str, set[str]] = defaultdict(set)
    for rule in load_rules([builtin_rules_dir()], load_catalog()):
        folder = Path(rule.path).parent
        for fixture in sorted(folder.iterdir()):
            status = next((s for s in ("pass", "fail") if fixture.name.startswith(s)), None)
            if status is None or fixture.suffix not in SUFFIXES or ".live." in fixture.name:
                continue
            target = tmp_path / rule.id / fixture.name.replace(".", "_") / fixture.name
            target.parent.mkdir(parents=True)
            shutil.copy(fixture, target)
            expected[str(target)] = (rule.id, status + "ed")
            formats[rule.id].add(fixture.name.split(".", 1)[1])
    assert {"tf", "plan.json", "cfn.yaml", "cfn.json", "arm.json", "azapi.tf"} <= {
        f for found in formats.values() for f in found
    }

    report = scan([str(tmp_path)], ScanOptions(include_passed=True))

    assert report.errors == []
    judged: dict[str, set[str]] = defaultdict(set)
    for result in report.results:
        file = result.resource.location.file or ""
        rule_id, status = expected.get(file, ("", ""))
        if result.rule.id == rule_id:
            judged[file].add(result.status)
    wrong = {f: sorted(s) for f, s in judged.items() if s != {expected[f][1]}}
    assert wrong == {}
    # Files whose rule judged nothing in one scan (undecided resources are not listed).
    silent = set(expected) - set(judged)
    assert silent == set()
