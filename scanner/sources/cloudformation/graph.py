"""Dependencies between the resources of a template, and the cycles CloudFormation refuses.

The graph is read from the text of the template, as CloudFormation builds it: every `Ref`,
`Fn::GetAtt` and `${...}` naming a resource, in either branch of an `Fn::If`, and `DependsOn`.
"""

from __future__ import annotations

import re

# No `$` inside, as in intrinsics.py: linear on `${` without its `}`.
_SUB_VARIABLE = re.compile(r"\$\{([^}!$][^}$]*)\}")
MAX_REPORTED_CYCLES = 5


def _targets(declaration: object, names: frozenset[str]) -> set[str]:
    found: set[str] = set()
    stack = [declaration]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                found.add(value)
            elif key == "Fn::GetAtt":
                head = value.split(".", 1)[0] if isinstance(value, str) else None
                if isinstance(value, list) and value and isinstance(value[0], str):
                    head = value[0]
                if head is not None:
                    found.add(head)
            elif key == "Fn::Sub":
                text = value[0] if isinstance(value, list) and value else value
                if isinstance(text, str):
                    found.update(m.split(".", 1)[0].strip() for m in _SUB_VARIABLE.findall(text))
            stack.append(value)
    return found & names


def dependencies(resources: dict[str, object]) -> dict[str, set[str]]:
    """Logical id -> the logical ids it refers to or depends on."""
    names = frozenset(resources)
    edges: dict[str, set[str]] = {}
    for name, declaration in resources.items():
        if not isinstance(declaration, dict):
            continue
        targets = _targets(declaration.get("Properties"), names)
        depends_on = declaration.get("DependsOn")
        for entry in depends_on if isinstance(depends_on, list) else [depends_on]:
            if isinstance(entry, str) and entry in names:
                targets.add(entry)
        edges[name] = targets
    return edges


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Some cycles of the graph (each as a path back to its start), at most a few."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []
    for start in sorted(edges):
        if start in state:
            continue
        path = [start]
        state[start] = 1
        pending = [iter(sorted(edges[start]))]
        while pending:
            target = next(pending[-1], None)
            if target is None:
                state[path.pop()] = 2
                pending.pop()
            elif state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
                if len(cycles) >= MAX_REPORTED_CYCLES:
                    return cycles
            elif target not in state and target in edges:
                state[target] = 1
                path.append(target)
                pending.append(iter(sorted(edges[target])))
    return cycles
