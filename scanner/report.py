"""The report: results, summary, errors; and the stable fingerprint of a finding."""

from __future__ import annotations

import hashlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import repeat
from operator import attrgetter, getitem, methodcaller

from scanner import __version__
from scanner.engine.evidence import Evidence
from scanner.engine.rules import Category, Rule, Severity
from scanner.errors import InputError, NotScanned
from scanner.model.resource import Resource
from scanner.model.suppression import Suppression

SCHEMA_VERSION = "1"


def fingerprint(rule_id: str, resource: Resource) -> str:
    """Same rule on the same resource: same fingerprint, whatever line it moved to.

    The identity is the rule, the resource's id, the file (or account) and the scope the id is
    unique in (root module, root template, account): a nested template included by two parent
    stacks gives the same file and id twice, but they are two resources.
    """
    return fingerprints([f"{rule_id}\x1f{fingerprinted(resource)}".encode()])[0]


def fingerprinted(resource: Resource) -> str:
    """What a fingerprint says of the resource, after the rule's id and a `\x1f`."""
    location = resource.location
    where = location.file or location.account or ""
    return "\x1f".join((resource.provider, location.source, resource.scope, where, resource.id))


def fingerprints(identities: Iterable[bytes]) -> list[str]:
    """The fingerprints of identities (`rule id \x1f fingerprinted(resource)`, UTF-8), in
    C maps: a million results' fingerprints are a million digests, and nothing more."""
    hexes = map(_hexdigest, map(hashlib.sha256, identities))
    return list(map(getitem, hexes, repeat(_FINGERPRINT)))


_hexdigest = methodcaller("hexdigest")
_FINGERPRINT = slice(32)  # the first 32 hex digits of the digest


@dataclass(frozen=True, slots=True)
class Result:
    rule: Rule
    resource: Resource
    status: str  # failed | passed | suppressed
    fingerprint: str
    # The inline suppression of this rule on this resource: status `suppressed`, or `failed`
    # when it has expired.
    suppression: Suppression | None = None
    # With a history store (failed results): new since the scope's last recorded run, and
    # when its current streak of failing runs began.
    new: bool | None = None
    first_seen: datetime | None = None
    # What the rule saw on a failed result: fields, values, defaults applied, lines.
    evidence: tuple[Evidence, ...] = ()
    # Which scanner judged: mlposture's engine, or another one merged into the report
    # (`checkov`: scanner/checkov); the JSON names it only for another engine.
    engine: str = "mlposture"

    @property
    def is_attack_path(self) -> bool:
        return self.rule.category is Category.ATTACK_PATH

    def as_dict(self, shared: SharedParts | None = None) -> dict[str, object]:
        """The result as the JSON contract writes it. `shared`: what the results of one report
        have in common, worked out once for them all (`result_dicts`)."""
        return (shared if shared is not None else SharedParts()).result_dict(self)


# The slots' own setters: what a frozen dataclass's __init__ sets through object.__setattr__.
_new_result = object.__new__


def _slot_setter(name: str) -> Callable[[Result, object], None]:
    setter: Callable[[Result, object], None] = vars(Result)[name].__set__
    return setter


_set_rule = _slot_setter("rule")
_set_resource = _slot_setter("resource")
_set_status = _slot_setter("status")
_set_fingerprint = _slot_setter("fingerprint")
_set_suppression = _slot_setter("suppression")
_set_new = _slot_setter("new")
_set_first_seen = _slot_setter("first_seen")
_set_evidence = _slot_setter("evidence")
_set_engine = _slot_setter("engine")


def engine_results(
    rules: Sequence[Rule],
    resources: Sequence[Resource],
    statuses: Sequence[str],
    fingerprints: Sequence[str],
    evidence: Sequence[tuple[Evidence, ...]],
) -> list[Result]:
    """`Result(rule, resource, status, fingerprint, evidence=evidence)` for each place of the
    columns, as mlposture's engine decided them (no suppression, no history yet).

    Built a field at a time: each slot of every result set by one `map` of its setter (a
    frozen dataclass's __init__ sets each field through object.__setattr__, a Python call
    per field and result; a million results notice)."""
    count = len(rules)
    columns = (resources, statuses, fingerprints, evidence)
    if any(len(column) != count for column in columns):
        raise ValueError("columns of results of different lengths")
    results = list(map(_new_result, repeat(Result, count)))
    for setter, values in (
        (_set_rule, rules),
        (_set_resource, resources),
        (_set_status, statuses),
        (_set_fingerprint, fingerprints),
        (_set_suppression, repeat(None)),
        (_set_new, repeat(None)),
        (_set_first_seen, repeat(None)),
        (_set_evidence, evidence),
        (_set_engine, repeat("mlposture")),
    ):
        deque(map(setter, results, values), maxlen=0)  # run in C, nothing kept
    return results


# What a rule says in a result's dict, per source: the dict with every key of the rule in
# place, and None for the keys of the result (`status`, `resource`, `fingerprint`).
RuleTemplate = Callable[[Rule, str], dict[str, object]]


def rule_template(rule: Rule, source: str) -> dict[str, object]:
    """A result's dict as far as the rule (and the resource's source) says it."""
    return {
        "rule_id": rule.id,
        "title": rule.title,
        "severity": rule.severity.value,
        "category": rule.category.value,
        "status": None,
        "resource": None,
        "fingerprint": None,
        "frameworks": rule.frameworks,
        "equivalents": rule.equivalents,
        "remediation": _remediation(rule, source),
    }


class SharedParts:
    """What the results of one report share in the JSON contract, each worked out once: what a
    rule says (title, standards, remediation) per source, the dict of each evidence item (a
    handful of shapes serve most failures), and a resource's for its results in a row. A
    report of a million results would otherwise build them a million times. The dicts given
    out share these parts: read them only.

    `template`: the rule's part of a result's dict (the JSON writer's is JSON text already)."""

    __slots__ = ("_items", "_last", "_rules", "_template")

    def __init__(self, template: RuleTemplate = rule_template) -> None:
        self._template = template
        # Caches by id, each keeping what its key is the id of alive: (id of the rule, source)
        # -> the rule and its template; id of an evidence item -> it and its dict.
        self._rules: dict[tuple[int, str], tuple[Rule, dict[str, object]]] = {}
        self._items: dict[int, tuple[Evidence, dict[str, object]]] = {}
        # The last resource and its dict.
        self._last: tuple[Resource | None, dict[str, object]] = (None, {})

    def result_dict(self, result: Result) -> dict[str, object]:
        rule, resource = result.rule, result.resource
        location = resource.location
        known = self._rules.get((id(rule), location.source))
        if known is None:
            template = self._template(rule, location.source)
            known = self._rules[(id(rule), location.source)] = (rule, template)
        out = known[1].copy()  # its keys in order; those set below keep their place
        out["status"] = result.status
        if resource is not self._last[0]:  # results of one resource often come together
            self._last = (
                resource,
                {
                    "id": resource.id,
                    "kind": resource.kind,
                    "type": resource.type,
                    "provider": resource.provider,
                    "name": resource.name,
                    "source": location.source,
                    "file": location.file,
                    "line": location.line,
                    "account": location.account,
                    "region": location.region,
                },
            )
        out["resource"] = self._last[1]
        out["fingerprint"] = result.fingerprint
        # The keys below are present only when they say something (DESIGN.md's contract).
        users = resource.values.get("used_by")
        if isinstance(users, list) and users:
            out["used_by"] = list(users)
        if result.suppression is not None:
            out.update(_suppression(result))
        if result.new is not None:
            out.update(_history(result))
        if result.evidence:
            items, dicts = self._items, []
            for item in result.evidence:
                seen = items.get(id(item))
                if seen is None:
                    seen = items[id(item)] = (item, item.as_dict())
                dicts.append(seen[1])
            out["evidence"] = dicts
        if result.engine != "mlposture":
            out["engine"] = result.engine
        return out


_rule_of, _status_of = attrgetter("rule"), attrgetter("status")


def result_dicts(results: Iterable[Result]) -> Iterator[dict[str, object]]:
    """Each result as the JSON contract writes it, one at a time (a writer streams them)."""
    shared = SharedParts()
    for result in results:
        yield shared.result_dict(result)


def _history(result: Result) -> dict[str, object]:
    """Present only when a history store recorded the run: "new" and "first_seen"."""
    if result.new is None:
        return {}
    seen = result.first_seen
    first_seen = seen.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if seen else None
    return {"new": result.new, "first_seen": first_seen}


def _suppression(result: Result) -> dict[str, object]:
    """Present only on a result an inline suppression covers (or covered, until it expired)."""
    s = result.suppression
    if s is None:
        return {}
    expires = s.expires.isoformat() if s.expires else None
    return {
        "suppression": {
            "reason": s.reason,
            "expires": expires,
            "expired": result.status == "failed",
            "file": s.file,
            "line": s.line,
        }
    }


def _remediation(rule: Rule, source: str) -> str:
    family = "terraform" if source.startswith("terraform") else source
    return rule.remediation.get(family) or next(iter(rule.remediation.values()), "")


def severity_ordered(counts: dict[str, int]) -> dict[str, int]:
    """Counts per severity, most severe first (critical, high, medium, low, info)."""
    rank = {s.value: s.rank for s in Severity}
    return dict(sorted(counts.items(), key=lambda item: -rank.get(item[0], -1)))


@dataclass(slots=True)
class Summary:
    resources: int = 0  # judged: mapped onto a kind that rules test
    resources_read: int = 0  # every managed resource read, of any type
    rules: int = 0
    passed: int = 0
    failed: int = 0
    attack_paths: int = 0  # failed attack-path results (also counted in `failed`)
    suppressed: int = 0
    baselined: int = 0  # failures in the --baseline file, left out of the results
    preexisting: int = 0  # failures that also fail at the --diff-base ref, left out
    undecided: int = 0
    score: float | None = None  # None: nothing was judged, so there is nothing to score
    score_by_provider: dict[str, float] = field(default_factory=dict)
    failed_by_severity: dict[str, int] = field(default_factory=dict)
    # Per standard the judged rules map to: {"passed": n, "failed": m, "rate": n / (n + m)},
    # every check counted (like the score); a standard nothing was judged for is left out.
    frameworks: dict[str, dict[str, int | float]] = field(default_factory=dict)
    files: int = 0
    errors: int = 0
    not_scanned: int = 0
    # Results of other scanners merged into this report, per engine: {"merged": n, "dropped":
    # m}, dropped being those left out because an mlposture rule judged the same resource.
    engines: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(slots=True)
class Report:
    summary: Summary
    results: list[Result]
    errors: list[InputError]
    not_scanned: list[NotScanned]
    readable: bool = True  # False: nothing could be read at all (exit code 2)
    # When the scan or audit started (UTC), and what it covered: {"paths": [...]} for code,
    # {"accounts": [...]} / {"subscriptions": [...]} / {"projects": [...]} for live estates.
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    scope: dict[str, list[str]] = field(default_factory=dict)
    # Said once, not an error: "project p: the Vertex AI API is not enabled (no resources)".
    notes: list[str] = field(default_factory=list)
    # Other scanners whose results were merged, and their versions: {"checkov": "3.3.30"}.
    engines: dict[str, str | None] = field(default_factory=dict)
    # Every module was evaluated to the end (no timeout, no crashed worker): the same files
    # give the same report, so it may be kept for an unchanged re-scan (scan_cache.py).
    reusable: bool = True

    def failed_at_or_above(self, threshold: Severity) -> list[Result]:
        return [
            r
            for r in self.results
            if r.status == "failed" and r.rule.severity.rank >= threshold.rank
        ]

    def recount(self) -> None:
        """Failed and suppressed counts as the results now stand (after suppressions and
        baselines changed or dropped some); the score still judges every check."""
        # Counted per rule and status in C (a million results, a few hundred rules); then
        # per severity.
        listed = list(map(_rule_of, self.results))
        rules = dict(zip(map(id, listed), listed, strict=True))
        counts = Counter(zip(map(id, listed), map(_status_of, self.results), strict=True))
        by_severity: dict[str, int] = {}
        failed = attack_paths = suppressed = 0
        for (key, status), count in counts.items():
            if status == "suppressed":
                suppressed += count
            if status != "failed":
                continue
            rule = rules[key]
            failed += count
            attack_paths += count if rule.category is Category.ATTACK_PATH else 0
            by_severity[rule.severity.value] = by_severity.get(rule.severity.value, 0) + count
        self.summary.failed = failed
        self.summary.attack_paths = attack_paths
        self.summary.failed_by_severity = severity_ordered(by_severity)
        self.summary.suppressed = suppressed
        self.summary.errors = len(self.errors)

    def as_dict(self) -> dict[str, object]:
        return {**self.head_dict(), "results": list(result_dicts(self.results))}

    def head_dict(self) -> dict[str, object]:
        """Everything `as_dict` holds but the results (which come last, after it)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {
                "name": "mlposture",
                "version": __version__,
                **({"engines": self.engines} if self.engines else {}),
            },
            "generated_at": self.generated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "scope": self.scope,
            "summary": {
                "resources": self.summary.resources,
                "resources_read": self.summary.resources_read,
                "rules": self.summary.rules,
                "passed": self.summary.passed,
                "failed": self.summary.failed,
                "attack_paths": self.summary.attack_paths,
                "suppressed": self.summary.suppressed,
                "baselined": self.summary.baselined,
                "preexisting": self.summary.preexisting,
                "undecided": self.summary.undecided,
                "score": self.summary.score,
                "score_by_provider": self.summary.score_by_provider,
                "failed_by_severity": self.summary.failed_by_severity,
                "frameworks": self.summary.frameworks,
                "files": self.summary.files,
                "errors": self.summary.errors,
                "not_scanned": self.summary.not_scanned,
                **({"engines": self.summary.engines} if self.summary.engines else {}),
            },
            "errors": [e.as_dict() for e in self.errors],
            **({"notes": self.notes} if self.notes else {}),
            "not_scanned": [n.as_dict() for n in self.not_scanned],
        }
