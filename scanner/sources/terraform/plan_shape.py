"""The shape of a Terraform plan's JSON (`terraform show -json`), checked once where it is read.

Only the parts the plan reader walks are checked, against what Terraform writes (its JSON
output format): objects where it writes objects, arrays where it writes arrays, an address on
every resource. The first value out of shape is reported by its JSON path, so the reader can
trust the document and a hand-edited or hostile plan is one error, not a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

_KINDS: dict[type, str] = {dict: "an object", list: "an array", str: "a string"}


class _OutOfShape(Exception):
    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path} {problem}")


def _found(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return "a number"
    return _KINDS.get(type(value), "a value")


@dataclass(frozen=True, slots=True)
class _At:
    """A value and its JSON path (`planned_values.root_module.resources[0]`)."""

    value: object
    path: str

    def field(self, key: str, kind: type, required: bool = False) -> _At | None:
        """The member `key`, which must be of `kind` when present (null is not absent)."""
        assert isinstance(self.value, dict)
        path = f"{self.path}.{key}" if self.path else key
        if key not in self.value:
            if required:
                raise _OutOfShape(path, "is missing")
            return None
        value = self.value[key]
        if not isinstance(value, kind):
            raise _OutOfShape(path, f"is {_found(value)}, expected {_KINDS[kind]}")
        return _At(value, path)

    def items(self, kind: type) -> list[_At]:
        """The elements of an array (or the members of an object), each of `kind`."""
        if isinstance(self.value, list):
            entries = [(f"{self.path}[{i}]", v) for i, v in enumerate(self.value)]
        else:
            assert isinstance(self.value, dict)
            entries = [(f"{self.path}.{k}", v) for k, v in self.value.items()]
        for path, value in entries:
            if not isinstance(value, kind):
                raise _OutOfShape(path, f"is {_found(value)}, expected {_KINDS[kind]}")
        return [_At(value, path) for path, value in entries]


def _planned_module(module: _At) -> None:
    resources = module.field("resources", list)
    for resource in resources.items(dict) if resources else []:
        resource.field("address", str, required=True)
        resource.field("mode", str)
        resource.field("type", str)
        resource.field("provider_name", str)
        resource.field("values", dict)
    children = module.field("child_modules", list)
    for child in children.items(dict) if children else []:
        _planned_module(child)


def _configured_module(module: _At) -> None:
    resources = module.field("resources", list)
    for resource in resources.items(dict) if resources else []:
        resource.field("address", str, required=True)
        resource.field("provider_config_key", str)
        resource.field("expressions", dict)
    calls = module.field("module_calls", dict)
    for call in calls.items(dict) if calls else []:
        call.field("expressions", dict)
        child = call.field("module", dict)
        if child is not None:
            _configured_module(child)


def _check(plan: _At) -> None:
    planned = plan.field("planned_values", dict)
    root = planned.field("root_module", dict) if planned else None
    if root is not None:
        _planned_module(root)
    changes = plan.field("resource_changes", list)
    for change in changes.items(dict) if changes else []:
        change.field("address", str, required=True)
        change.field("deposed", str)
        what = change.field("change", dict)
        if what is not None:
            what.field("after_unknown", dict)
    configuration = plan.field("configuration", dict)
    if configuration is not None:
        providers = configuration.field("provider_config", dict)
        for provider in providers.items(dict) if providers else []:
            provider.field("expressions", dict)
        configured = configuration.field("root_module", dict)
        if configured is not None:
            _configured_module(configured)
    variables = plan.field("variables", dict)
    if variables is not None:
        variables.items(dict)


def plan_shape_error(content: dict[str, object]) -> str | None:
    """Why a plan is not shaped as Terraform writes it (the first bad value's path), or None."""
    try:
        _check(_At(content, ""))
    except _OutOfShape as exc:
        return f"not a Terraform plan as `terraform show -json` writes it: {exc}"
    return None
