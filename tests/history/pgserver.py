"""A throwaway PostgreSQL server on loopback, from Debian's `postgresql` binaries (the tests'
and the store benchmark's shared fake: a real server, not a mock).

Runs as `nobody` when started by root (PostgreSQL refuses to run as root), in a temporary
folder, on a free port of 127.0.0.1, with trust authentication for the user `mlposture`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

USER = "mlposture"
_UNPRIVILEGED = "nobody"


def postgres_bin() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin holding initdb, pg_ctl and postgres."""
    found = []
    for folder in Path("/usr/lib/postgresql").glob("*/bin"):
        if all((folder / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            version = folder.parent.name
            found.append((int(version) if version.isdigit() else 0, folder))
    return max(found)[1] if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", _UNPRIVILEGED, "--", *command]
    return command


@contextmanager
def loopback_postgres(settings: Mapping[str, str] | None = None) -> Iterator[str]:
    """Start a server; yield its base URL (`postgresql+psycopg://mlposture@127.0.0.1:PORT`);
    append `/DBNAME` to reach a database (`postgres` exists). Stopped and deleted on exit."""
    binaries = postgres_bin()
    if binaries is None:
        raise FileNotFoundError("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    base = Path(tempfile.mkdtemp(prefix="mlposture-pg-"))
    data, sockets, log = base / "data", base / "sockets", base / "server.log"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, _UNPRIVILEGED)
        shutil.chown(sockets, _UNPRIVILEGED)
    try:
        subprocess.run(
            _as_owner(
                [
                    str(binaries / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    USER,
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
            cwd=base,
        )
        options = {"fsync": "off", "full_page_writes": "off", **(settings or {})}
        port = _start(binaries, data, sockets, log, options)
        try:
            yield f"postgresql+psycopg://{USER}@127.0.0.1:{port}"
        finally:
            subprocess.run(
                _as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                capture_output=True,
                cwd=base,
            )
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _start(binaries: Path, data: Path, sockets: Path, log: Path, options: Mapping[str, str]) -> int:
    last = ""
    for _ in range(3):  # a free port can be taken between finding and binding it
        port = _free_port()
        flags = [f"-p {port}", f"-k {sockets}", "-c listen_addresses=127.0.0.1"]
        flags += [f"-c {key}={value}" for key, value in options.items()]
        done = subprocess.run(
            _as_owner(
                [
                    str(binaries / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(log),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    " ".join(flags),
                    "start",
                ]
            ),
            capture_output=True,
            text=True,
            cwd=data.parent,
        )
        if done.returncode == 0:
            return port
        last = done.stderr + (log.read_text() if log.exists() else "")
    raise RuntimeError(f"PostgreSQL did not start: {last[-2000:]}")
