"""The rules as `rules list` shows them, kept on disk once validated.

Loading the rule book validates every rule file (pydantic models, each `matches:` pattern
compiled by Polars, each field checked against its kind): most of a second, for a listing
that changes only when a rule file or the code does. The listing is therefore kept in the
user's cache directory, keyed by the content of every rule file read, this package's files
(by size and time: its code and its kind tables) and the installed distributions; a
different key is a miss, which loads the rule book as before (and so reports a broken rule
file the same way), then writes the entry.

An entry is JSON, never pickle (a cache directory restored by a CI system must not be a way
to run code), written to a temporary file and renamed: concurrent runs each read a whole
entry or none, and a damaged entry is a miss. One entry per set of rules folders, so that
editing a rule replaces its entry instead of adding one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from scanner.engine.rule_terms import (
    Category,
    RuleLoadError,
    RuleStatus,
    Severity,
    builtin_rules_dir,
)
from scanner.user_cache import code_stats, default_cache_dir

_FORMAT: Final = "1"
_MAX_TEXTS: Final = 16


def _debug(message: str, *args: object) -> None:
    import logging  # only when an entry cannot be used: a hit does not import it

    logging.getLogger(__name__).debug(message, *args)


@dataclass(frozen=True, slots=True)
class ListedRule:
    """A rule as listed: what the table and the filters read, and its JSON as written."""

    id: str
    title: str
    severity: Severity
    category: Category
    kind: str
    status: RuleStatus
    replaced_by: str | None
    frameworks: Mapping[str, Sequence[str]]
    dump: dict[str, Any]  # the rule's `model_dump(mode="json")`: `rules list --format json`

    @classmethod
    def of(cls, dump: dict[str, Any]) -> ListedRule:
        return cls(
            id=dump["id"],
            title=dump["title"],
            severity=Severity(dump["severity"]),
            category=Category(dump["category"]),
            kind=dump["kind"],
            status=RuleStatus(dump["status"]),
            replaced_by=dump.get("replaced_by"),
            frameworks=dump.get("frameworks") or {},
            dump=dump,
        )


def _rules_key(folders: list[Path]) -> str | None:
    """The key of the rules under `folders` (built-in first), by content; None when one
    cannot be read, which leaves it to the loader to say why."""
    digest = hashlib.sha256(f"{_FORMAT}\0".encode())
    code_stats(digest)
    for folder in folders:
        if not folder.is_dir():
            return None
        digest.update(f"\0folder\0{folder}\0".encode())
        for path in sorted(folder.rglob("rule.yaml")):
            try:
                content = path.read_bytes()
            except OSError:
                return None
            digest.update(f"{path}\0{hashlib.sha256(content).hexdigest()}\0".encode())
    return digest.hexdigest()


def _entry_file(cache_dir: Path, folders: list[Path]) -> Path:
    """One entry per set of folders (another working folder naming the same rules, or
    another installation, has its own)."""
    named = "\0".join(str(folder.resolve()) for folder in folders)
    return cache_dir / "rules" / f"{hashlib.sha256(named.encode()).hexdigest()[:32]}.json"


def _read_json(entry: Path, key: str) -> dict[str, Any] | None:
    """The entry's JSON if it was written for `key`; None when absent, stale or damaged."""
    try:
        head = json.loads(entry.read_bytes())
        if not isinstance(head, dict) or head.get("key") != key:
            return None
        return head
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        _debug("rule cache: entry %s unusable: %s", entry, exc)
        return None


def _read(entry: Path, key: str) -> list[ListedRule] | None:
    head = _read_json(entry, key)
    try:
        return None if head is None else [ListedRule.of(dump) for dump in head["rules"]]
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        _debug("rule cache: entry %s unusable: %s", entry, exc)
        return None


def _write(entry: Path, content: dict[str, Any]) -> None:
    from scanner.sources.walk import tag_cache_dir  # only on a miss

    text = json.dumps(content, separators=(",", ":"))
    try:
        tag_cache_dir(entry.parent.parent)
        entry.parent.mkdir(parents=True, exist_ok=True)
        descriptor, scratch = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
    except OSError as exc:
        _debug("rule cache: cannot write in %s: %s", entry.parent, exc)
        return
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(scratch, entry)
    except OSError as exc:
        _debug("rule cache: cannot write %s: %s", entry, exc)
        Path(scratch).unlink(missing_ok=True)


def _loaded(rules_dirs: tuple[Path, ...]) -> list[ListedRule]:
    from scanner.engine.rulebook import load_rulebook

    # Every rule, preview and deprecated ones too: they are listed with their status.
    book = load_rulebook(rules_dirs, builtin=True)
    return [ListedRule.of(rule.model_dump(mode="json")) for rule in book.rules]


@dataclass(frozen=True, slots=True)
class RuleListing:
    """The rules of a listing, and the cache entry they were read from (or written to)."""

    rules: list[ListedRule]
    key: str | None = None  # None: not kept (a folder could not be read)
    entry: Path | None = None

    def text(self, shown: Sequence[ListedRule], variant: str, render: Callable[[], str]) -> str:
        """`render()`, the listing of `shown` as text; kept beside the entry by `variant`
        (the format, and the terminal's width and colours): rendering a table of every rule
        costs more than the rest of `rules list`. The last _MAX_TEXTS variants are kept."""
        if self.key is None or self.entry is None:
            return render()
        texts_file = self.entry.with_suffix(".texts.json")
        ids = "\0".join(rule.id for rule in shown)
        name = hashlib.sha256(f"{variant}\0{ids}".encode()).hexdigest()
        head = _read_json(texts_file, self.key) or {}
        texts = head.get("texts")
        texts = texts if isinstance(texts, dict) else {}
        kept = texts.get(name)
        if isinstance(kept, str):
            return kept
        made = render()
        texts = {**dict(list(texts.items())[-(_MAX_TEXTS - 1) :]), name: made}
        _write(texts_file, {"key": self.key, "texts": texts})
        return made


def listed_rules(rules_dirs: tuple[Path, ...] = (), cache_dir: Path | None = None) -> RuleListing:
    """The built-in rules and those under `rules_dirs`, sorted by id, every status; from the
    cache when nothing they depend on changed. A broken rule file raises what the rule book
    raises (RuleLoadError, UsageError)."""
    try:
        folders = [builtin_rules_dir(), *rules_dirs]
    except RuleLoadError:  # the loader says it: the built-in rules are missing
        return RuleListing(_loaded(rules_dirs))
    key = _rules_key(folders)
    if key is None:
        return RuleListing(_loaded(rules_dirs))
    entry = _entry_file(cache_dir or default_cache_dir(), folders)
    cached = _read(entry, key)
    if cached is not None:
        return RuleListing(cached, key, entry)
    rules = _loaded(rules_dirs)
    if _rules_key(folders) != key:  # a rule file changed while it was loaded
        return RuleListing(rules)
    _write(entry, {"key": key, "rules": [r.dump for r in rules]})
    return RuleListing(rules, key, entry)
