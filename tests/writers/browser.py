"""Headless Chromium driven over the Chrome DevTools Protocol (a websocket on loopback).

    with Chromium.launch(profile_dir) as browser:
        page = browser.open(Path("report.html").as_uri())
        page.evaluate("document.title")
        page.screenshot()          # PNG bytes
        page.console_errors()      # console.error, uncaught exceptions, CSP violations

Nothing is downloaded: the browser is Debian's `chromium`. Every wait is bounded, and the
browser (with its helper processes, one process group) is killed on exit.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import websocket

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)
TIMEOUT = 30.0


class BrowserError(RuntimeError):
    pass


def chromium_binary() -> str | None:
    """Debian's Chromium, where installed (`.ci/system-deps.sh` installs it)."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def _local_get(url: str, timeout: float) -> Any:
    # No proxy: the DevTools endpoint is on loopback, whatever HTTP_PROXY says.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


@dataclass
class Page:
    """One tab: commands go out with an id; events that arrive meanwhile are kept."""

    socket: websocket.WebSocket
    timeout: float
    events: list[dict[str, Any]] = field(default_factory=list)
    _next_id: int = 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        ident = self._next_id
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            message = self._receive(deadline)
            if message is None:
                continue
            if message.get("id") == ident:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
        raise BrowserError(f"{method}: no answer in {self.timeout} s")

    def _receive(self, deadline: float) -> dict[str, Any] | None:
        self.socket.settimeout(max(0.05, min(1.0, deadline - time.monotonic())))
        try:
            message: dict[str, Any] = json.loads(self.socket.recv())
        except websocket.WebSocketTimeoutException:
            return None
        if "method" in message:
            self.events.append(message)
        return message

    def wait_for(self, method: str, timeout: float | None = None) -> dict[str, Any]:
        deadline = time.monotonic() + (timeout or self.timeout)
        seen = len(self.events)
        while time.monotonic() < deadline:
            for event in self.events[seen:]:
                if event["method"] == method:
                    return event
            seen = len(self.events)
            self._receive(deadline)
        raise BrowserError(f"no {method} in {timeout or self.timeout} s")

    def pump(self, seconds: float) -> None:
        """Read events for a while (late console messages)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._receive(deadline)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (awaited if it is a promise)."""
        answer = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def wait_until(self, expression: str, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return
            self.pump(0.1)
        raise BrowserError(f"still false after {timeout or self.timeout} s: {expression}")

    def console_errors(self) -> list[str]:
        """Errors the page reported: console.error / assert, uncaught exceptions, and the
        browser's own log entries at error level (a Content Security Policy violation)."""
        found = []
        for event in self.events:
            params = event.get("params", {})
            if event["method"] == "Runtime.consoleAPICalled" and params.get("type") in (
                "error",
                "assert",
            ):
                found.append(" ".join(str(a.get("value", a)) for a in params.get("args", [])))
            elif event["method"] == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                found.append(str(details.get("exception", {}).get("description") or details))
            elif event["method"] == "Log.entryAdded":
                entry = params.get("entry", {})
                if entry.get("level") == "error":
                    found.append(f"{entry.get('source')}: {entry.get('text')}")
        return found

    def screenshot(self, width: int = 1280, max_height: int = 6000) -> bytes:
        """A PNG of the whole page (up to `max_height` CSS pixels tall)."""
        metrics = self.send("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        height = min(max_height, int(size["height"]) + 1)
        shot = self.send(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        )
        return base64.b64decode(shot["data"])


class Chromium:
    """A headless Chromium with a fresh profile, killed (its whole process group) on exit."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process = process
        self.port = port
        self.log = log
        self.timeout = TIMEOUT
        self._sockets: list[websocket.WebSocket] = []

    @classmethod
    def launch(cls, profile_dir: Path, binary: str | None = None) -> Chromium:
        binary = binary or chromium_binary()
        if binary is None:
            raise BrowserError("chromium is not installed")
        profile_dir.mkdir(parents=True, exist_ok=True)
        log = profile_dir.parent / f"{profile_dir.name}.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [binary, *FLAGS, f"--user-data-dir={profile_dir}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killed whole on exit
            )
        browser = cls(process, 0, log)
        try:
            browser.port = browser._port(profile_dir / "DevToolsActivePort")
        except BaseException:
            browser.close()
            raise
        return browser

    def _port(self, active_port: Path) -> int:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BrowserError(f"chromium exited {self.process.returncode}: {self._log()}")
            with contextlib.suppress(OSError, ValueError, IndexError):
                return int(active_port.read_text("utf-8").splitlines()[0])
            time.sleep(0.05)
        raise BrowserError(f"chromium wrote no DevToolsActivePort in {self.timeout} s")

    def _log(self) -> str:
        with contextlib.suppress(OSError):
            return self.log.read_text("utf-8", errors="replace")[-2000:]
        return ""

    def open(self, url: str) -> Page:
        """Attach to the first tab, start listening to its console, then load `url` and wait
        for its load event."""
        deadline = time.monotonic() + self.timeout
        targets: list[dict[str, Any]] = []
        while time.monotonic() < deadline and not targets:
            listed = _local_get(f"http://127.0.0.1:{self.port}/json/list", self.timeout)
            targets = [t for t in listed if t.get("type") == "page"]
            if not targets:
                time.sleep(0.05)
        if not targets:
            raise BrowserError("chromium has no page to drive")
        socket = websocket.create_connection(
            targets[0]["webSocketDebuggerUrl"], timeout=self.timeout, suppress_origin=True
        )
        self._sockets.append(socket)
        page = Page(socket, self.timeout)
        for domain in ("Page", "Runtime", "Log"):
            page.send(f"{domain}.enable")
        page.send(
            "Emulation.setDeviceMetricsOverride",
            width=1280,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )
        page.send("Page.navigate", url=url)
        page.wait_for("Page.loadEventFired")
        return page

    def close(self) -> None:
        for socket in self._sockets:
            with contextlib.suppress(Exception):
                socket.close()
        # The whole group: the renderer and zygote processes outlive a killed parent.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
