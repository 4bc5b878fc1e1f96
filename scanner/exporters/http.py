"""HTTP requests bounded in time and size, whatever the receiver does.

`requests` times out each socket operation, not the request: a receiver that sends one byte
every few seconds keeps a request alive forever, and one that answers with gigabytes fills
memory. Here a request has a deadline for everything (connect, send, headers, body): a timer
shuts the connection's socket down when it passes, which ends any blocked read or write. A
body is read up to a bound and the rest left unread. Redirects are never followed: findings
go to the address the user gave, or nowhere.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.poolmanager import PoolManager

_active = threading.local()


@dataclass(slots=True)
class _Deadline:
    """One request's deadline: the sockets it used, shut down when it passes."""

    at: float
    expired: bool = False
    sockets: list[socket.socket] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def attach(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self.lock:
            self.sockets.append(sock)
            late = self.expired
        if late:
            _shut(sock)

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            sockets = list(self.sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown: an SSLSocket's own would drop its TLS state under the
    # thread that is reading. OSError: already closed.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watched:
    """Mixed into urllib3's connections: each request registers its socket with the
    deadline of the request under way in this thread."""

    sock: socket.socket | None

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        deadline: _Deadline | None = getattr(_active, "deadline", None)
        if deadline is not None:
            deadline.attach(sock)  # before TLS: a trickled handshake is bounded too
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        deadline: _Deadline | None = getattr(_active, "deadline", None)
        if deadline is not None and self.sock is not None:
            deadline.attach(self.sock)  # a kept-alive connection: no connect() this time
        super().request(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _Adapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        _watch(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> PoolManager:
        manager: PoolManager = super().proxy_manager_for(proxy, **kwargs)
        _watch(manager)
        return manager


def _watch(manager: PoolManager) -> None:
    # A new mapping: the default one is shared by every PoolManager of the process.
    manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def bounded_session() -> requests.Session:
    """A session whose requests can be bounded by `deadline`."""
    session = requests.Session()
    adapter = _Adapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class DeadlinePassed(Exception):
    """The request did not finish in time; the connection was cut."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Bound every request made in the block, all its reads and writes, to `seconds`."""
    state = _Deadline(time.monotonic() + seconds)
    timer = threading.Timer(seconds, state.expire)
    timer.daemon = True
    _active.deadline = state
    timer.start()
    try:
        yield
    except (requests.RequestException, OSError):
        if state.expired:
            raise DeadlinePassed(f"no complete answer within {seconds:g} s") from None
        raise
    finally:
        timer.cancel()
        _active.deadline = None
    if state.expired:
        raise DeadlinePassed(f"no complete answer within {seconds:g} s")


def read_bounded(response: requests.Response, limit: int) -> tuple[bytes, bool]:
    """At most `limit` bytes of a streamed response's body, and whether there was more
    (the rest is never read: the connection is closed instead)."""
    body = bytearray()
    for chunk in response.iter_content(chunk_size=16 * 1024):
        body.extend(chunk)
        if len(body) > limit:
            response.close()
            return bytes(body[:limit]), True
    return bytes(body), False
