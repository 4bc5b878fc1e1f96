"""Where a Checkov result is, in the report's own terms: file as shown, resource id and type.

Files are shown as mlposture shows them (the scanned path as given, then the path inside it),
so that a Checkov result and an mlposture result on one resource name the same file. Checkov
names a file three ways: absolute (`file_abs_path`, where Checkov ran), relative to the folder
it scanned (`file_path`, with a leading `/`) and relative to the repository (`repo_file_path`);
the first that is a file under a scanned path wins, so a report made on another machine (a CI
container) still lands on the right file when the tree is the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scanner.checkov.report_reader import CheckovCheck
from scanner.sources.terraform.address import parse_address

# Checkov's check_type -> the `source` of mlposture's locations.
SOURCES = {
    "terraform": "terraform",
    "terraform_plan": "terraform-plan",
    "cloudformation": "cloudformation",
    "arm": "arm",
    "bicep": "bicep",
}


@dataclass(frozen=True, slots=True)
class Root:
    """A scanned path: resolved, as shown in the report, and whether it is a folder."""

    path: Path
    shown: str
    folder: bool

    @classmethod
    def of(cls, path: Path, shown: str) -> Root:
        return cls(path.resolve(), shown, path.is_dir())

    def show(self, file: Path) -> tuple[str, str] | None:
        """(file as the report shows it, path relative to this root) when `file` is in it."""
        if not self.folder:
            return (self.shown, file.name) if file == self.path else None
        try:
            relative = file.relative_to(self.path)
        except ValueError:
            return None
        return str(Path(self.shown) / relative), relative.as_posix()


def _same_file(path: Path, absolute: Path | None) -> bool:
    try:
        return path.is_file() and (absolute is None or path.resolve() == absolute)
    except (OSError, ValueError):
        return False


def _absolute(check: CheckovCheck) -> Path | None:
    """Checkov's absolute path when it is a file here (a report made elsewhere has others)."""
    if not check.file_abs_path:
        return None
    try:
        path = Path(check.file_abs_path)
        return path.resolve() if path.is_file() else None
    except (OSError, ValueError):
        return None


def place(check: CheckovCheck, roots: list[Root]) -> tuple[str, str] | None:
    """The file of `check` as the report shows it and relative to its scanned path; None
    when it is under none of the scanned paths.

    The path inside the scanned folder comes first and is joined as written, `..` included:
    mlposture shows a module called from outside the folder the same way
    (`infra/../modules/nb/main.tf`)."""
    absolute = _absolute(check)
    inside = check.file_path.lstrip("/")
    if inside:
        for root in roots:
            base = root.path if root.folder else root.path.parent
            if not _same_file(base / inside, absolute):
                continue
            if root.folder:
                return str(Path(root.shown) / inside), inside
            if (base / inside).resolve() == root.path:
                return root.shown, root.path.name
    candidates = [absolute] if absolute is not None else []
    if check.repo_file_path:
        candidates.append(Path.cwd() / check.repo_file_path.lstrip("/"))
    for candidate in candidates:
        if not _same_file(candidate, None):
            continue
        for root in roots:
            shown = root.show(candidate.resolve())
            if shown is not None:
                return shown
    return None


@dataclass(frozen=True, slots=True)
class Identity:
    """The resource a Checkov result is about: id as mlposture writes it, type, name."""

    id: str
    type: str
    name: str


def identity(check: CheckovCheck) -> Identity:
    """`aws_s3_bucket.b` / `module.m.aws_s3_bucket.b[0]` (Terraform), `AWS::S3::Bucket.Logical`
    (CloudFormation), `Microsoft.Storage/storageAccounts.name` (ARM, Bicep)."""
    text = check.resource
    if check.framework in ("terraform", "terraform_plan"):
        address = parse_address(text)
        if address is None:
            return Identity(text, "", text)
        native_type = address.local.removeprefix("data.").split(".", 1)[0]
        return Identity(text, native_type, address.name)
    if check.framework == "cloudformation" and "." in text:
        native_type, _, logical = text.partition(".")
        return Identity(logical, native_type, logical)
    if check.framework in ("arm", "bicep") and "/" in text:
        # The type's namespace has dots (Microsoft.Storage), its segments after `/` none.
        dot = text.find(".", text.index("/"))
        if dot > 0:
            return Identity(text[dot + 1 :], text[:dot], text[dot + 1 :].rsplit("/", 1)[-1])
    return Identity(text, "", text)


_PROVIDER_PREFIXES = (
    ("aws_", "aws"),
    ("AWS::", "aws"),
    ("azurerm_", "azure"),
    ("azapi_", "azure"),
    ("azuread_", "azure"),
    ("Microsoft.", "azure"),
    ("google_", "gcp"),
)
_CHECK_PROVIDERS = {"AWS": "aws", "AZURE": "azure", "GCP": "gcp"}


def provider(check_id: str, native_type: str) -> str:
    """aws | azure | gcp by the resource type, else by the check id (CKV_AWS_..., CKV2_GCP_...),
    else `other` (a check of Terraform itself, a Kubernetes manifest)."""
    for prefix, name in _PROVIDER_PREFIXES:
        if native_type.startswith(prefix):
            return name
    parts = check_id.split("_")
    return _CHECK_PROVIDERS.get(parts[1] if len(parts) > 2 else "", "other")
