"""Where option values come from besides the command line: `MLPOSTURE_*` environment
variables and a `.mlposture.yaml` file. Precedence: flag > environment > file > default.

The file is found from the working folder up to the repository root (the folder holding
`.git`), or named with `--config` / `MLPOSTURE_CONFIG`. Top-level keys apply to every command
that has that option; a section named after a command (`scan:`, `audit:` then `aws:`) applies
to it alone and wins over the top level:

    fail-on: high
    skip-path: [examples/*]
    scan:
      var-file: [prod.tfvars]
    audit:
      aws:
        regions: all
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from scanner.errors import UsageError

CONFIG_NAMES = (".mlposture.yaml", ".mlposture.yml")
ENV_PREFIX = "MLPOSTURE_"


def env_name(option: click.Option) -> str:
    """MLPOSTURE_FAIL_ON for --fail-on: one name per option, the same in every command."""
    longest = max(option.opts, key=len).lstrip("-")
    return ENV_PREFIX + longest.upper().replace("-", "_")


def name_environment(command: click.Command) -> None:
    """Give every option of `command` and its subcommands an MLPOSTURE_* variable, unless
    it already reads a variable of its own (AWS_REGION, MLPOSTURE_AWS_ACCOUNT_ID, ...)."""
    for option in _options(command):
        if option.envvar is None and not option.hidden:
            option.envvar = env_name(option)


def _options(command: click.Command) -> Iterator[click.Option]:
    yield from (p for p in command.params if isinstance(p, click.Option))
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _options(sub)


def find_config(start: Path) -> Path | None:
    """The nearest .mlposture.yaml from `start` up to the repository root (or the top)."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        if (folder / ".git").exists():
            return None
    return None


def config_defaults(path: Path, group: click.Group) -> dict[str, Any]:
    """The file as click's default_map for `group`: {command: {param: value}, group: {...}}.

    Raises UsageError naming the file and key for anything that is not an option."""
    import yaml  # only when there is a file: every command's start-up pays for it otherwise

    try:
        loaded = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: cannot read the configuration: {exc}") from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise UsageError(f"{path}: the configuration must be a mapping of option: value")
    return _defaults_for(group, loaded, {}, path, "")


def _defaults_for(
    group: click.Group,
    section: dict[str, Any],
    inherited: dict[str, Any],
    path: Path,
    where: str,
) -> dict[str, Any]:
    """default_map of one group: its commands' options from `inherited` (the options of the
    levels above) overlaid with their own section."""
    commands = group.commands
    top = {k: v for k, v in section.items() if k not in commands}
    options = {**inherited, **top}
    _check_known(group, top, path, where)
    out: dict[str, Any] = {}
    for name, command in commands.items():
        own = section.get(name, {})
        if not isinstance(own, dict):
            raise UsageError(f"{path}: `{where}{name}` must be a mapping of option: value")
        if isinstance(command, click.Group):
            out[name] = _defaults_for(command, own, options, path, f"{where}{name}.")
            continue
        params = _param_names(command)
        unknown = [k for k in own if _key(k) not in params]
        if unknown:
            raise UsageError(f"{path}: `{where}{name}` has no option {', '.join(unknown)}")
        merged = {**options, **own}
        out[name] = {params[_key(k)]: v for k, v in merged.items() if _key(k) in params}
    return out


def _check_known(group: click.Group, keys: dict[str, Any], path: Path, where: str) -> None:
    """A top-level key must be an option of at least one command below: a typo is an error."""
    known: set[str] = set()
    for option in _options(group):
        known.update(_key(o) for o in option.opts)
    unknown = sorted(k for k in keys if _key(k) not in known)
    if unknown:
        raise UsageError(f"{path}: unknown option {', '.join(where + k for k in unknown)}")


def _param_names(command: click.Command) -> dict[str, str]:
    """Spellings a file may use for each option (fail-on, fail_on, --fail-on) -> param name."""
    names: dict[str, str] = {}
    for option in (p for p in command.params if isinstance(p, click.Option)):
        if option.name is None:
            continue
        for spelling in option.opts:
            names[_key(spelling)] = option.name
    return names


def _key(spelling: str) -> str:
    return spelling.lstrip("-").replace("_", "-").lower()
