"""Every CloudFormation template of a scan, with the local nested stacks they include.

A template that another scanned template includes as a nested stack (`TemplateURL` pointing
at a file in the scanned tree) is read only through its parent, with the parameters the parent
passes and ids prefixed by the stack's logical id (`Network.Subnet`): read on its own as well,
it would be reported twice, the second time with unset parameters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from scanner.errors import InputError, NotScanned
from scanner.model.resource import NativeResource
from scanner.sources.cloudformation.template import NestedStack, TemplateResult, read_template
from scanner.sources.documents import Document, read_template_file

# CloudFormation has no documented limit; this is far beyond real templates and stops a chain
# of stacks that include one another through different paths.
MAX_NESTING = 10
# Each include is read again with its own parameters, so a template including another many
# times, which includes a third many times, multiplies: the reads of one scan are capped.
MAX_NESTED_READS = 2_000
_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_STACK_OWN = ("AWS::StackName", "AWS::StackId")  # a nested stack has its own


@dataclass(slots=True)
class CloudFormationLoad:
    resources: list[NativeResource] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    not_scanned: list[NotScanned] = field(default_factory=list)
    files: int = 0  # nested templates read that were not among the documents
    read: int = 0


class _Loader:
    def __init__(
        self,
        documents: list[Document],
        wanted_types: frozenset[str],
        parameters: Mapping[str, str],
        roots: list[tuple[Path, str]],
    ) -> None:
        self._documents = {d.path.resolve(): d for d in documents}
        self._wanted = wanted_types
        self._parameters = parameters
        self._pseudo = {
            k: v for k, v in parameters.items() if k.startswith("AWS::") and k not in _STACK_OWN
        }
        self._roots = [
            (path.resolve(), shown) if path.is_dir() else (path.resolve().parent, _parent(shown))
            for path, shown in roots
        ]
        self._seen_errors: set[InputError] = set()
        self._emitted: set[Path] = set()
        self._nested_reads = 0
        self.load = CloudFormationLoad()

    def run(self) -> CloudFormationLoad:
        first = {
            path: read_template(doc.content, doc.shown, self._parameters, self._wanted)
            for path, doc in self._documents.items()
        }
        included = {
            target
            for path, result in first.items()
            for stack in result.stacks
            if isinstance(target := self._local(stack.template_url, path), Path) and target != path
        }
        for path, result in first.items():
            if path not in included:
                self._emit(path, result, (path,))
        for path, result in first.items():
            if path not in self._emitted:  # only included by templates it includes itself
                self._emit(path, result, (path,))
        return self.load

    def _emit(self, path: Path, result: TemplateResult, chain: tuple[Path, ...]) -> None:
        self._emitted.add(path)
        self.load.resources.extend(result.resources)
        self.load.not_scanned.extend(result.not_scanned)
        self.load.read += result.read
        for error in result.errors:
            self._error(error)
        for stack in result.stacks:
            self._nested(stack, path, self._documents[path].shown, chain)

    def _nested(
        self, stack: NestedStack, parent: Path, parent_shown: str, chain: tuple[Path, ...]
    ) -> None:
        target = self._local(stack.template_url, parent)
        if isinstance(target, str):
            self.load.not_scanned.append(NotScanned(parent_shown, stack.line, stack.id, target))
            return
        if target in chain or len(chain) >= MAX_NESTING:
            names = " -> ".join(p.name for p in (*chain, target))
            message = f"nested stack {stack.id} includes its own template ({names}); not read"
            if target not in chain:
                message = (
                    f"nested stack {stack.id} is more than {MAX_NESTING} stacks deep; not read"
                )
            self._error(InputError(parent_shown, stack.line, message))
            return
        self._nested_reads += 1
        if self._nested_reads > MAX_NESTED_READS:
            if self._nested_reads == MAX_NESTED_READS + 1:  # said once for the whole scan
                message = (
                    f"more than {MAX_NESTED_READS} nested stacks in one scan; the rest not read"
                )
                self._error(InputError(parent_shown, stack.line, message))
            return
        document = self._document(target, parent_shown, stack)
        if document is None:
            return
        # References resolve in the outermost template: ids are unique there thanks to the prefix.
        result = read_template(
            document.content,
            document.shown,
            {**self._pseudo, **stack.parameters},
            self._wanted,
            prefix=stack.id + ".",
            scope=self._documents[chain[0]].shown,
        )
        self._emit(target, result, (*chain, target))

    def _document(self, target: Path, parent_shown: str, stack: NestedStack) -> Document | None:
        if target in self._documents:
            return self._documents[target]
        document, error = read_template_file(target, self._shown(target))
        self.load.files += 1
        if document is not None:
            self._documents[target] = document
        if error is not None:
            self._error(error)
        elif document is None:
            message = f"nested stack {stack.id}: {self._shown(target)} is not a template"
            self._error(InputError(parent_shown, stack.line, message))
        return document

    def _error(self, error: InputError) -> None:
        """Once each: a template read through several parents repeats its own errors."""
        if error not in self._seen_errors:
            self._seen_errors.add(error)
            self.load.errors.append(error)

    def _local(self, url: object, parent: Path) -> Path | str:
        """The local template a stack includes, or why it is not scanned."""
        if not isinstance(url, str):
            return "its TemplateURL is known only at deployment"
        if _REMOTE.match(url) and not url.startswith("file://"):
            return "nested template is remote (S3 or HTTPS); not downloaded"
        target = (parent.parent / url.removeprefix("file://")).resolve()
        if not any(target.is_relative_to(root) for root, _ in self._roots):
            return "nested template is outside the scanned paths"
        if not target.is_file():
            return "nested template file not found"
        return target

    def _shown(self, path: Path) -> str:
        for root, shown in self._roots:
            if path.is_relative_to(root):
                return str(Path(shown) / path.relative_to(root))
        return str(path)


def _parent(shown: str) -> str:
    return str(Path(shown).parent)


def load_cloudformation(
    documents: list[Document],
    wanted_types: frozenset[str],
    parameters: Mapping[str, str],
    roots: list[tuple[Path, str]],
) -> CloudFormationLoad:
    """Native resources of every template in `documents`, nested stacks included."""
    return _Loader(documents, wanted_types, parameters, roots).run()
