"""Build hook: the wheel carries the built-in rules as `scanner/_rules`, without their fixtures.

The rules live at the top of the repository (rules/<provider>/<service>/<slug>/), each beside
its pass/fail fixtures; an installed scanner needs only the rule files themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class RulesHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads rules/ from the checkout itself
        root = Path(self.root)
        for rule in sorted((root / "rules").rglob("rule.yaml")):
            relative = rule.relative_to(root / "rules").as_posix()
            build_data["force_include"][str(rule)] = f"scanner/_rules/{relative}"
