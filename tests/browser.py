"""A tiny Chrome DevTools Protocol client for the browser tests.

It starts headless Chromium with ``--remote-debugging-pipe`` and speaks CDP
over the two pipes Chromium expects (it reads commands from fd 3 and writes
replies and events to fd 4, each message a JSON object ended by a NUL byte).
That needs no websocket library and no TCP port.

The browser runs with the network off: every request that is not for a local
file goes to a proxy at 127.0.0.1:9 (the discard port, where nothing listens)
and host names do not resolve, so a page that tries to reach the internet
fails instead of leaking a request.

Typical use::

    with Browser() as browser:
        page = browser.new_page()
        page.navigate(Path("map.html").resolve().as_uri())
        page.wait_for("document.documentElement.dataset.geoMapReady === 'true'")
        print(page.evaluate("document.title"), page.errors)
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("GEO_CHROMIUM", "/usr/bin/chromium")

#: Flags for a quiet, private, offline headless browser.
OFFLINE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1280,900",
)


class CDPError(RuntimeError):
    """A CDP command failed, timed out, or the browser went away."""


class Browser:
    """A headless Chromium process driven over ``--remote-debugging-pipe``.

    *executable* defaults to ``$GEO_CHROMIUM`` or ``/usr/bin/chromium``; a
    missing browser raises :class:`FileNotFoundError`. Each browser gets a
    fresh profile in a temporary directory, removed by :meth:`close`.
    """

    def __init__(self, executable: str = CHROMIUM, *, timeout: float = 15.0) -> None:
        path = shutil.which(executable)
        if path is None:
            raise FileNotFoundError(f"Chromium not found at {executable!r} (install it: apt-get install chromium)")
        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="geo-chromium-"))
        self._log = open(self.profile / "chromium.log", "wb")  # noqa: SIM115 (closed in close())
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def child_fds() -> None:  # runs in the child between fork and exec
            r, w = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(r, 3)
            os.dup2(w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        args = [path, *OFFLINE_FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"]
        self.process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            pass_fds=(3, 4),
            preexec_fn=child_fds,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)

        self._lock = threading.Condition()
        self._next_id = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self._listeners: dict[str, Callable[[str, dict[str, Any]], None]] = {}
        self._closed = False
        self._reader = threading.Thread(target=self._read, name="cdp-reader", daemon=True)
        self._reader.start()
        try:
            self.version = self.send("Browser.getVersion")
        except Exception:
            self.close()
            raise

    # -- plumbing --------------------------------------------------------

    def _read(self) -> None:
        """Read NUL-separated messages from the browser and dispatch them."""
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_browser, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        self._replies[message["id"]] = message
                        self._lock.notify_all()
                else:
                    listener = self._listeners.get(message.get("sessionId", ""))
                    if listener is not None:
                        listener(message["method"], message.get("params", {}))
        with self._lock:
            self._closed = True
            self._lock.notify_all()

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session_id: str | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Send one CDP command and return its result; raise :class:`CDPError` on error or timeout."""
        with self._lock:
            if self._closed:
                raise CDPError(f"{method}: the browser has gone away{self._log_tail()}")
            self._next_id += 1
            message_id = self._next_id
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session_id:
            message["sessionId"] = session_id
        try:
            os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        except OSError as err:
            raise CDPError(f"{method}: cannot write to the browser ({err}){self._log_tail()}") from err
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        with self._lock:
            while message_id not in self._replies:
                remaining = deadline - time.monotonic()
                if self._closed:
                    raise CDPError(f"{method}: the browser has gone away{self._log_tail()}")
                if remaining <= 0:
                    raise CDPError(f"{method}: no reply within {self.timeout if timeout is None else timeout} s")
                self._lock.wait(remaining)
            reply = self._replies.pop(message_id)
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error'].get('message')} ({reply['error']})")
        return reply.get("result", {})

    def _log_tail(self) -> str:
        try:
            tail = (self.profile / "chromium.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""
        return f"\nChromium's log ends:\n{tail}" if tail.strip() else ""

    # -- pages -----------------------------------------------------------

    def new_page(self) -> Page:
        """Open a blank tab, attach to it and start recording its events."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session)
        self._listeners[session] = page._on_event
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        return page

    def close(self) -> None:
        """Close the browser (politely, then by force) and remove its profile."""
        if self.process.poll() is None:
            with contextlib.suppress(CDPError):
                self.send("Browser.close", timeout=3)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._reader.join(2)
        self._log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    """One tab: evaluate script, click, take screenshots, and see what happened.

    ``errors`` collects uncaught exceptions, ``console.error`` calls and
    error-level log entries; ``requests`` collects the URL of every request
    the page started.
    """

    def __init__(self, browser: Browser, target_id: str, session_id: str) -> None:
        self.browser = browser
        self.target_id = target_id
        self.session_id = session_id
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []

    def _on_event(self, method: str, params: dict[str, Any]) -> None:
        self.events.append((method, params))
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            self.errors.append(f"exception: {text} ({details.get('url')}:{details.get('lineNumber')})")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.errors.append(f"console.{params['type']}: {args}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            entry = params["entry"]
            self.errors.append(f"log ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}".rstrip())
        elif method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])

    def send(self, method: str, params: dict[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
        """Send a CDP command to this tab."""
        return self.browser.send(method, params, session_id=self.session_id, **kwargs)

    def evaluate(self, expression: str) -> Any:
        """Evaluate *expression* in the page and return its value (as JSON); raise if it throws."""
        result = self.send(
            "Runtime.evaluate",
            {
                "expression": expression,
                "returnByValue": True,
                "awaitPromise": True,
                "userGesture": True,
            },
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise CDPError(f"evaluating {expression!r} threw: {text}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 10.0, interval: float = 0.05) -> Any:
        """Poll *expression* until it is truthy and return its value; raise :class:`TimeoutError` if it never is.

        An expression that throws (say, while the page is still loading) counts as falsy.
        """
        deadline = time.monotonic() + timeout
        last_error = ""
        while True:
            try:
                value = self.evaluate(expression)
            except CDPError as err:
                value, last_error = None, f"; last error: {err}"
            if value:
                return value
            if time.monotonic() >= deadline:
                raise TimeoutError(
                    f"{expression!r} still falsy after {timeout} s{last_error}; page errors: {self.errors}"
                )
            time.sleep(interval)

    def navigate(self, url: str) -> None:
        """Start loading *url* (does not wait for the page to finish)."""
        result = self.send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise CDPError(f"navigating to {url}: {result['errorText']}")

    def click(self, x: float, y: float) -> None:
        """Click the left mouse button at viewport point (*x*, *y*), as a person would."""
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def screenshot(self, path: Path) -> Path:
        """Save a PNG of the viewport to *path*, creating its folder."""
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        """Close the tab."""
        self.browser._listeners.pop(self.session_id, None)
        with contextlib.suppress(CDPError):
            self.browser.send("Target.closeTarget", {"targetId": self.target_id}, timeout=3)
