"""One template, with one set of parameter values, into native resources.

Nested stacks are only collected here (with their template location and parameters
evaluated); reading the templates they point to is the loader's job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scanner.errors import InputError, NotScanned, ScanError
from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN
from scanner.sources.cloudformation.graph import dependencies, find_cycles
from scanner.sources.cloudformation.intrinsics import (
    NO_VALUE,
    Refs,
    Resolver,
    TemplateContext,
    line_of,
)
from scanner.sources.suppressions import metadata_suppressions

SOURCE = "cloudformation"
STACK_TYPE = "AWS::CloudFormation::Stack"
# Known only once deployed, unless given with --parameter (e.g. AWS::Region=eu-west-1).
_PSEUDO_UNKNOWN = (
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
)
# The commercial partition, unless given: the only values a rule could test are ARNs.
_PSEUDO_DEFAULTS = {"AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"}
_TRANSFORM_REASON = (
    "CloudFormation expands transforms when it deploys; what this one generates is not "
    "scanned (the template's other resources are). Scan the processed template to cover it "
    "(aws cloudformation get-template --template-stage Processed)"
)


@dataclass(frozen=True, slots=True)
class NestedStack:
    """An AWS::CloudFormation::Stack resource, evaluated."""

    id: str  # prefixed logical id, e.g. `Network` or `Platform.Network`
    line: int | None
    template_url: object
    parameters: dict[str, object]


@dataclass(slots=True)
class TemplateResult:
    resources: list[NativeResource] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    not_scanned: list[NotScanned] = field(default_factory=list)
    stacks: list[NestedStack] = field(default_factory=list)
    read: int = 0


def property_lines(
    node: object, prefix: str = "", found: dict[str, int] | None = None, depth: int = 0
) -> dict[str, int]:
    """The line of each property, by dotted path (`VpcConfig.SubnetIds`), lists projected as
    the mappings read them; the first occurrence wins."""
    found = {} if found is None else found
    if depth > 8:
        return found
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" or str(key).startswith("Fn::"):
                continue  # an intrinsic function: its property has the line
            path = f"{prefix}.{key}" if prefix else str(key)
            line = line_of(key)
            if line is not None:
                found.setdefault(path, line)
            property_lines(value, path, found, depth + 1)
    elif isinstance(node, list):
        for item in node:
            property_lines(item, prefix, found, depth + 1)
    return found


def _key_line(mapping: object, name: str) -> int | None:
    if isinstance(mapping, dict):
        for key in mapping:
            if key == name:
                return line_of(key)
    return None


def parameter_values(declared: object, given: Mapping[str, object]) -> dict[str, object]:
    """Every name `Ref` can resolve to a value: pseudo parameters, then declared parameters."""
    values: dict[str, object] = {name: UNKNOWN for name in _PSEUDO_UNKNOWN}
    values.update(_PSEUDO_DEFAULTS)
    values.update({k: v for k, v in given.items() if k.startswith("AWS::")})
    if not isinstance(declared, dict):
        return values
    for key, declaration in declared.items():
        name = str(key)
        kind = str(declaration.get("Type", "String")) if isinstance(declaration, dict) else ""
        if name in given:
            value = given[name]
        elif isinstance(declaration, dict) and "Default" in declaration:
            value = declaration["Default"]
        else:
            value = UNKNOWN
        if kind.startswith("AWS::SSM::Parameter::Value<"):
            value = UNKNOWN  # the value is read from Parameter Store at deployment
        elif isinstance(value, str) and (kind.startswith("List<") or kind == "CommaDelimitedList"):
            value = [part.strip() for part in value.split(",")]
        elif isinstance(value, (bool, int, float)):
            value = str(value).lower() if isinstance(value, bool) else str(value)
        elif isinstance(value, str):
            value = str(value)
        elif isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
            value = [str(v) for v in value]
        elif value is not UNKNOWN:
            value = UNKNOWN  # an object or null: no parameter type takes one, deployment fails
        values[name] = value
    return values


def _context(
    content: Mapping[str, object], shown: str, given: Mapping[str, object]
) -> TemplateContext:
    conditions = content.get("Conditions")
    mappings = content.get("Mappings")
    resources = content.get("Resources")
    return TemplateContext(
        shown=shown,
        parameters=parameter_values(content.get("Parameters"), given),
        mappings=dict(mappings) if isinstance(mappings, dict) else {},
        conditions={str(k): v for k, v in conditions.items()}
        if isinstance(conditions, dict)
        else {},
        condition_lines={str(k): line_of(k) for k in conditions}
        if isinstance(conditions, dict)
        else {},
        resources=frozenset(str(k) for k in resources)
        if isinstance(resources, dict)
        else frozenset(),
        generated_names=bool(_transforms(content)),
    )


def _transforms(content: Mapping[str, object]) -> list[str]:
    declared = content.get("Transform")
    entries = declared if isinstance(declared, list) else [declared] if declared else []
    names = []
    for entry in entries:
        name = entry.get("Name") if isinstance(entry, dict) else entry
        names.append(str(name) if isinstance(name, str) else "(computed)")
    return names


def read_template(
    content: object,
    shown: str,
    given: Mapping[str, object],
    wanted_types: frozenset[str],
    prefix: str = "",
    scope: str | None = None,
) -> TemplateResult:
    """Native resources of `wanted_types` in one template; its errors instead of raising.

    `given` are parameter values (they override defaults); `prefix` is prepended to logical
    ids (`Nested.`) and `scope` is where references resolve, both for nested stacks.
    """
    if not isinstance(content, dict):
        return TemplateResult()
    reader = _Reader(content, shown, given, wanted_types, prefix, scope or shown)
    return reader.read()


class _Reader:
    def __init__(
        self,
        content: Mapping[str, object],
        shown: str,
        given: Mapping[str, object],
        wanted_types: frozenset[str],
        prefix: str,
        scope: str,
    ) -> None:
        self._content = content
        self._shown = shown
        self._wanted = wanted_types
        self._prefix = prefix
        self._scope = scope
        self._resolver = Resolver(_context(content, shown, given))
        self.result = TemplateResult()

    def read(self) -> TemplateResult:
        shown, result = self._shown, self.result
        for name in _transforms(self._content):
            line = _key_line(self._content, "Transform")
            result.not_scanned.append(
                NotScanned(shown, line, f"Transform {name}", _TRANSFORM_REASON)
            )
        resources = self._content.get("Resources")
        if not isinstance(resources, dict):
            if resources is not None:  # CloudFormation refuses the template
                line = _key_line(self._content, "Resources")
                result.errors.append(InputError(shown, line, "Resources is not a mapping"))
            return result
        try:
            for key, declaration in resources.items():
                self._resource(str(key), line_of(key), declaration)
        except ScanError as exc:  # out of bounds: the template is not read at all
            return TemplateResult(errors=[exc.error], not_scanned=result.not_scanned)
        except RecursionError:  # a backstop: the bounds above are meant to make it unreachable
            error = InputError(shown, None, "template too deeply nested to evaluate; not read")
            return TemplateResult(errors=[error], not_scanned=result.not_scanned)
        problems = self._resolver.problems
        for message, line in problems.messages.items():
            result.errors.append(InputError(shown, line, message))
        for what, line in problems.transforms.items():
            result.not_scanned.append(NotScanned(shown, line, what, _TRANSFORM_REASON))
        lines = {str(k): line_of(k) for k in resources}
        for cycle in find_cycles(dependencies({str(k): v for k, v in resources.items()})):
            message = f"circular dependency between resources: {' -> '.join(cycle)}"
            result.errors.append(InputError(shown, lines.get(cycle[0]), message))
        return result

    def _resource(self, logical_id: str, line: int | None, declaration: object) -> None:
        if not isinstance(declaration, dict) or not isinstance(declaration.get("Type"), str):
            if not logical_id.startswith("Fn::"):  # Fn::ForEach and such: the transform's part
                message = f"resource {logical_id} has no Type"
                self.result.errors.append(InputError(self._shown, line, message))
            return
        written = declaration.get("Properties")
        if written is not None and not isinstance(written, dict):  # CloudFormation refuses it
            message = f"Properties of {logical_id} is not a mapping"
            line = _key_line(declaration, "Properties") or line
            self.result.errors.append(InputError(self._shown, line, message))
            return
        condition = declaration.get("Condition")
        created = (
            self._resolver.condition(condition, line_of(condition))
            if isinstance(condition, str)
            else True
        )
        if created is False:
            return  # not created with these parameter values
        self.result.read += 1
        native_type = str(declaration["Type"])
        resource_id = self._prefix + logical_id
        if native_type == STACK_TYPE:
            self.result.stacks.append(self._nested_stack(resource_id, line, declaration))
        if native_type not in self._wanted:
            return
        refs: Refs = {}
        properties = self._resolver.resolve(declaration.get("Properties", {}), "", refs)
        if properties is NO_VALUE:
            properties = {}
        if not isinstance(properties, dict):
            reason = "its Properties are known only at deployment"
            self.result.not_scanned.append(NotScanned(self._shown, line, resource_id, reason))
            return
        self.result.resources.append(
            NativeResource(
                id=resource_id,
                type=native_type,
                name=logical_id,
                attributes=properties,
                location=Location(SOURCE, self._shown, line),
                references={
                    path: tuple(sorted(self._prefix + target for target in targets))
                    for path, targets in refs.items()
                    if targets
                },
                scope=self._scope,
                suppressions=metadata_suppressions(
                    declaration.get("Metadata"), self._shown, line, line_of
                ),
                lines=property_lines(declaration.get("Properties")),
            )
        )

    def _nested_stack(
        self, stack_id: str, line: int | None, declaration: Mapping[str, object]
    ) -> NestedStack:
        properties = self._resolver.resolve(declaration.get("Properties", {}), "", {})
        if not isinstance(properties, dict):
            return NestedStack(stack_id, line, UNKNOWN, {})
        parameters = properties.get("Parameters")
        return NestedStack(
            stack_id,
            line,
            properties.get("TemplateURL", UNKNOWN),
            dict(parameters) if isinstance(parameters, dict) else {},
        )
