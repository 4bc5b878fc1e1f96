from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.installed import Installed, install_wheel

WriteTree = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture
def write_tree(tmp_path: Path) -> WriteTree:
    """Write {relative path: content} under a fresh folder and return the folder."""

    def write(files: dict[str, str | bytes]) -> Path:
        for relative, content in files.items():
            target = tmp_path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(textwrap.dedent(content), encoding="utf-8")
        return tmp_path

    return write


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """mlposture installed from its wheel into a fresh virtual environment (built once)."""
    return install_wheel(tmp_path_factory.mktemp("installed"))


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Scans in tests keep their Terraform cache in a folder of the test run, not the home."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
