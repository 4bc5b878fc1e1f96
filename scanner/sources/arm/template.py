"""An ARM template's resources as native resources: children, copies, conditions, nesting.

A child resource nested in its parent's `resources` gets the full type and name
(`Microsoft.MachineLearningServices/workspaces/computes`, `ws/cluster`), exactly as if it had
been written at the top level. A copy loop with a known count becomes one resource per copy; a
resource whose `condition` is known to be false is not deployed and not reported. A nested
deployment with an inline template (how Bicep modules compile) is read in place; a linked
template (`templateLink`) is reported once as not scanned.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from scanner.errors import InputError, NotScanned
from scanner.model.resource import Location, NativeResource
from scanner.model.values import UNKNOWN, Unknown
from scanner.sources.arm.evaluate import (
    MAX_COPY,
    Evaluator,
    Problems,
    Refs,
    Scope,
    TemplateTooLarge,
)
from scanner.sources.arm.functions import (
    MANAGEMENT_GROUP_ID,
    RESOURCE_GROUP_ID,
    SUBSCRIPTION_ID,
    TENANT_ID,
)
from scanner.sources.cloudformation.intrinsics import line_of

DEPLOYMENTS = "microsoft.resources/deployments"
# Not properties of the deployed resource: how the template deploys it.
_TEMPLATE_KEYS = frozenset(
    {"type", "dependsOn", "copy", "condition", "resources", "existing", "scope", "import"}
)
MAX_NESTED_DEPLOYMENTS = 10


@dataclass(slots=True)
class ArmLoad:
    resources: list[NativeResource] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    not_scanned: list[NotScanned] = field(default_factory=list)
    read: int = 0


@dataclass(frozen=True, slots=True)
class _Instance:
    """One resource to deploy, declared in pass one, evaluated in pass two."""

    id: str
    type: str
    raw: dict[str, object]
    scope: Scope
    line: int | None
    copy_index: Mapping[str, int | Unknown]
    parent: str | None


class _Reader:
    def __init__(self, shown: str, wanted: frozenset[str]) -> None:
        self._shown = shown
        self._wanted = {t.lower(): t for t in wanted}
        self.problems = Problems()
        self._evaluator = Evaluator(self.problems)
        self.instances: list[_Instance] = []
        self.not_scanned: list[NotScanned] = []

    # --- pass one: what is deployed, under which names ------------------------------------

    def declare_template(
        self, template: Mapping[str, object], scope: Scope, depth: int, prefix: str = ""
    ) -> None:
        resources = template.get("resources", [])
        if isinstance(resources, dict):  # languageVersion 2.0: symbolic names
            for symbolic, raw in resources.items():
                self._declare(raw, scope, None, depth, symbolic=str(symbolic))
        elif isinstance(resources, list):
            for raw in resources:
                self._declare(raw, scope, None, depth)

    def _declare(
        self,
        raw: object,
        scope: Scope,
        parent: tuple[str, str] | None,
        depth: int,
        symbolic: str | None = None,
    ) -> None:
        line = line_of(raw)
        if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
            self.problems.add("a resource needs a type", line)
            return
        if raw.get("existing") is True:
            return  # a reference to a resource deployed elsewhere
        rtype = str(raw["type"])
        if parent is not None and "/" not in rtype:
            rtype = f"{parent[0]}/{rtype}"
        for copy_index in self._copies(raw, scope, line):
            condition = self._value(raw.get("condition", True), scope, line, copy_index)
            if condition is False:
                continue
            name = self._value(raw.get("name"), scope, line, copy_index)
            shown_name = name if isinstance(name, str) else str(raw.get("name"))
            full_name = f"{parent[1]}/{shown_name}" if parent else shown_name
            parent_id = parent[1] if parent else _parent_name(rtype, full_name)
            scope.by_type_and_name[(rtype.lower(), full_name.lower())] = full_name
            scope.by_name.setdefault(full_name, full_name)
            if symbolic is not None:
                scope.by_name[symbolic] = full_name
            if rtype.lower() == DEPLOYMENTS:
                self._nested_deployment(raw, scope, line, copy_index, depth)
                continue
            self.instances.append(
                _Instance(full_name, rtype, raw, scope, line, copy_index, parent_id)
            )
            children = raw.get("resources")
            for child in children if isinstance(children, list) else []:
                self._declare(child, scope, (rtype, full_name), depth)

    def _copies(
        self, raw: dict[str, object], scope: Scope, line: int | None
    ) -> list[Mapping[str, int | Unknown]]:
        copy = raw.get("copy")
        if not isinstance(copy, dict):
            return [{}]
        count = self._value(copy.get("count"), scope, line, {})
        name = str(copy.get("name", ""))
        if isinstance(count, int) and not isinstance(count, bool):
            if count > MAX_COPY:
                self.problems.add(f"copy count {count} is over ARM's limit of {MAX_COPY}", line)
                count = MAX_COPY
            if count < 0:
                self.problems.add(f"copy count {count} is negative; ARM refuses it", line)
            # copyIndex() without a loop name means the resource's own loop.
            return [{name: i, "": i} for i in range(max(count, 0))]
        return [{name: UNKNOWN, "": UNKNOWN}]  # one resource stands for copies not countable

    def _nested_deployment(
        self,
        raw: dict[str, object],
        outer: Scope,
        line: int | None,
        copy_index: Mapping[str, int | Unknown],
        depth: int,
    ) -> None:
        properties = raw.get("properties")
        if not isinstance(properties, dict):
            return
        inner = properties.get("template")
        if not isinstance(inner, dict):
            if "templateLink" in properties:
                what = f"linked template of deployment {raw.get('name')}"
                self.not_scanned.append(
                    NotScanned(self._shown, line, what, "a linked template is not fetched")
                )
            return
        if depth >= MAX_NESTED_DEPLOYMENTS:
            self.problems.add(f"nested deployments more than {MAX_NESTED_DEPLOYMENTS} deep", line)
            return
        options = properties.get("expressionEvaluationOptions")
        inner_scope = isinstance(options, dict) and str(options.get("scope", "")).lower() == (
            "inner"
        )
        deployed_at = _nested_target(raw, outer)
        if not inner_scope:
            # Expressions read the outer template; the resources may land elsewhere.
            self.declare_template(inner, replace(outer, deployed_at=deployed_at), depth + 1)
            return
        passed = properties.get("parameters", {})
        given: dict[str, object] = {}
        if isinstance(passed, dict):
            for key, entry in passed.items():
                if isinstance(entry, dict) and "value" in entry:
                    given[str(key)] = self._value(entry["value"], outer, line, copy_index)
                elif isinstance(entry, dict):
                    given[str(key)] = UNKNOWN  # a Key Vault reference
        self.declare_template(inner, self.scope_of(inner, given, deployed_at), depth + 1)

    # --- scopes -------------------------------------------------------------------------

    def scope_of(
        self, template: Mapping[str, object], given: Mapping[str, object], deployed_at: str
    ) -> Scope:
        """Parameters (given, else default, else UNKNOWN) and variables of one template."""
        declared = template.get("parameters", {})
        variables = template.get("variables", {})
        scope = Scope(
            parameters={},
            variables=variables if isinstance(variables, dict) else {},
            deployed_at=deployed_at,
        )
        if not isinstance(declared, dict):
            return scope
        for name, spec in declared.items():
            line = line_of(spec)
            if name in given:
                scope.parameters[str(name)] = _typed(given[name], spec)
            elif isinstance(spec, dict) and "defaultValue" in spec:
                # A default may read other parameters: they are declared before it is read.
                scope.parameters[str(name)] = self._value(spec["defaultValue"], scope, line, {})
            else:
                scope.parameters[str(name)] = UNKNOWN
        return scope

    # --- pass two: the properties of each deployed resource ------------------------------

    def native(self, instance: _Instance) -> NativeResource | None:
        canonical = self._wanted.get(instance.type.lower())
        if canonical is None:
            return None
        refs: Refs = {}
        raw = {k: v for k, v in instance.raw.items() if k not in _TEMPLATE_KEYS}
        attributes = self._evaluator.value(
            raw, instance.scope, refs, "", instance.line, instance.copy_index
        )
        assert isinstance(attributes, dict)
        attributes["name"] = instance.id.rsplit("/", 1)[-1]  # as the portal shows it
        references = {path: tuple(sorted(t - {instance.id})) for path, t in refs.items()}
        target, scope_id = self._extended(instance)
        parent = target or instance.parent
        if parent is not None:
            attributes["parent"] = parent
            references["parent"] = (parent,)
        else:
            # A top-level resource's parent is what it is deployed into, or the `scope` an
            # extension resource names (`[subscription().id]`): as azapi's `parent_id`.
            attributes["parent"] = scope_id if scope_id is not None else instance.scope.deployed_at
        return NativeResource(
            id=instance.id,
            type=canonical,
            name=instance.id,
            attributes=attributes,
            location=Location("arm", file=self._shown, line=instance.line),
            references={k: v for k, v in references.items() if v},
            scope=self._shown,
        )

    def _extended(self, instance: _Instance) -> tuple[str | None, object]:
        """The template resource an extension resource (a diagnostic setting) is `scope`d to,
        and the value of its `scope` (None when it has none)."""
        if "scope" not in instance.raw:
            return None, None
        refs: Refs = {}
        value = self._evaluator.value(
            instance.raw["scope"], instance.scope, refs, "scope", instance.line, instance.copy_index
        )
        targets = sorted(t for found in refs.values() for t in found)
        if targets:
            return targets[0], value
        if isinstance(value, str) and not value.startswith("/"):
            # `Namespace.Provider/type/name`, as Bicep writes a scope
            parts = value.strip("/").split("/")
            if len(parts) >= 3 and len(parts) % 2 == 1:
                rtype = "/".join([parts[0], *parts[1::2]]).lower()
                key = (rtype, "/".join(parts[2::2]).lower())
                return instance.scope.by_type_and_name.get(key), value
        return None, value

    def _value(
        self,
        raw: object,
        scope: Scope,
        line: int | None,
        copy_index: Mapping[str, int | Unknown],
    ) -> object:
        return self._evaluator.value(raw, scope, {}, "", line, copy_index)


def _parent_name(rtype: str, full_name: str) -> str | None:
    """`ws/cluster` is a child of `ws`; a top-level resource has no parent.

    The older extension form (`.../workspaces/providers/diagnosticSettings` named
    `ws/Microsoft.Insights/diag`) belongs to the resource named before `providers`.
    """
    kinds = rtype.split("/")[1:]
    if "providers" in (k.lower() for k in kinds):
        owner = [k.lower() for k in kinds].index("providers")
        return "/".join(full_name.split("/")[:owner]) or None
    return full_name.rsplit("/", 1)[0] if "/" in full_name else None


def _typed(value: object, spec: object) -> object:
    """A parameter value given on the command line (text), as the parameter's declared type."""
    declared = str(spec.get("type", "")).lower() if isinstance(spec, dict) else ""
    if not isinstance(value, str) or declared in ("string", "securestring", ""):
        return value
    try:
        if declared == "int":
            return int(value)
        if declared == "bool":
            return {"true": True, "false": False}[value.strip().lower()]
        return json.loads(value)  # array, object
    except (ValueError, KeyError):
        return UNKNOWN


_LEVELS = (
    ("subscriptiondeploymenttemplate", SUBSCRIPTION_ID),
    ("managementgroupdeploymenttemplate", MANAGEMENT_GROUP_ID),
    ("tenantdeploymenttemplate", TENANT_ID),
)


def deployment_level(schema: object) -> str:
    """The id of what a template with this `$schema` deploys into (a resource group unless
    it is a subscription, management-group or tenant template)."""
    text = str(schema).lower()
    return next((level for name, level in _LEVELS if name in text), RESOURCE_GROUP_ID)


def _nested_target(raw: Mapping[str, object], outer: Scope) -> str:
    """Where a nested deployment deploys: the resource group or subscription it names, else
    where its outer template deploys."""
    if "resourceGroup" in raw:
        return RESOURCE_GROUP_ID
    if "subscriptionId" in raw:
        return SUBSCRIPTION_ID
    return outer.deployed_at


def read_arm_template(
    template: Mapping[str, object],
    shown: str,
    wanted_types: frozenset[str],
    parameters: Mapping[str, object],
) -> ArmLoad:
    """The resources of `wanted_types` an ARM template deploys, with its mistakes as errors."""
    load = ArmLoad()
    reader = _Reader(shown, wanted_types)
    try:
        deployed_at = deployment_level(template.get("$schema"))
        reader.declare_template(template, reader.scope_of(template, parameters, deployed_at), 0)
        load.read = len(reader.instances)
        for instance in reader.instances:
            native = reader.native(instance)
            if native is not None:
                load.resources.append(native)
    except TemplateTooLarge:
        load.resources.clear()
        load.errors.append(InputError(shown, None, "template too large to evaluate; not read"))
        return load
    except RecursionError:
        load.resources.clear()
        load.errors.append(InputError(shown, None, "template nested too deeply; not read"))
        return load
    load.errors.extend(InputError(shown, line, m) for m, line in reader.problems.messages.items())
    load.not_scanned.extend(reader.not_scanned)
    return load
