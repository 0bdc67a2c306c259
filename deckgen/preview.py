"""`deckgen preview`: the `html` output served on 127.0.0.1, reloading on save.

`PreviewServer` serves the page built into a private folder (never on any
other interface), with a small script added to the page as it is served:
it listens on `/__deckgen/events` (server-sent events) and reloads the page
after every successful rebuild, or shows the located errors over the page
after a broken save (the page keeps the last good build) until the next good
one. The built file itself is never changed. The standard library's HTTP
server; nothing here prints.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

__all__ = ["HOST", "LIVE_SCRIPT", "PreviewServer"]

HOST = "127.0.0.1"  # only this machine: a talk in progress is nobody else's
EVENTS = "/__deckgen/events"
HEARTBEAT = 10.0  # seconds between keep-alive comments on the event stream

LIVE_SCRIPT = """<script>
(function () {
  "use strict";
  var version = __VERSION__;
  function showErrors(lines) {
    var box = document.querySelector(".deckgen-errors");
    if (!box) {
      box = document.createElement("div");
      box.className = "deckgen-errors";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.textContent = "deckgen: the last save has errors (the page shows the last good build)\\n\\n"
      + lines.join("\\n");
  }
  var source = new EventSource("__EVENTS__");
  source.addEventListener("state", function (e) {
    var state = JSON.parse(e.data);
    if (state.errors.length) { showErrors(state.errors); return; }
    if (state.version !== version) { location.reload(); return; }
    var box = document.querySelector(".deckgen-errors");
    if (box) box.remove();
  });
})();
</script>
""".replace("__EVENTS__", EVENTS)

_EMPTY_PAGE = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>deckgen preview</title>'
    "<style>.deckgen-errors{white-space:pre-wrap;font-family:monospace;background:#7a0010;"
    "color:#fff;padding:1rem}</style></head><body><h1>deckgen preview</h1>"
    "<p>No page built yet.</p></body></html>\n"
)


class PreviewServer:
    """Serves `page` (a file the watcher rebuilds) at http://127.0.0.1:PORT/."""

    def __init__(self, page: Path, port: int = 8000) -> None:
        self.page = page
        self._changed = threading.Condition()
        self._version = 0
        self._errors: list[str] = []
        self._closed = False
        self.httpd = ThreadingHTTPServer((HOST, port), _handler(self))
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> PreviewServer:
        self._thread.start()
        return self

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        if self._thread.is_alive():  # shutdown() waits for a loop that never ran otherwise
            self.httpd.shutdown()
        self.httpd.server_close()

    def built(self, ok: bool, errors: Sequence[str] = ()) -> None:
        """After each build: a good one reloads every open page; a broken one
        shows `errors` there (located messages, one a line)."""
        with self._changed:
            if ok:
                self._version += 1
                self._errors = []
            else:
                self._errors = list(errors) or ["the build failed"]
            self._changed.notify_all()

    def state(self) -> tuple[int, str]:
        with self._changed:
            return self._state()

    def wait(self, version_seen: tuple[int, str], timeout: float) -> tuple[int, str] | None:
        """The next state once it differs from `version_seen` (None: closed)."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._state() != version_seen, timeout)
            return None if self._closed else self._state()

    def _state(self) -> tuple[int, str]:
        return self._version, json.dumps(
            {"version": self._version, "errors": self._errors}, ensure_ascii=False
        )

    def page_bytes(self) -> bytes:
        try:
            html = self.page.read_text(encoding="utf-8")
        except OSError:
            html = _EMPTY_PAGE
        cut = html.rfind("</body>")
        cut = cut if cut >= 0 else len(html)
        live = LIVE_SCRIPT.replace("__VERSION__", str(self.state()[0]))
        return (html[:cut] + live + html[cut:]).encode("utf-8")


def _handler(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_Handler,), {"preview": server})


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    preview: PreviewServer  # set by _handler

    def log_message(self, format: str, *args: object) -> None:
        pass  # the command line prints one line per rebuild, not per request

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.preview.page_bytes())
        elif path == EVENTS:
            self._events()
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = self.preview.state()
        try:
            self._push(seen[1])
            while True:
                nxt = self.preview.wait(seen, HEARTBEAT)
                if nxt is None:
                    return
                if nxt == seen:
                    self.wfile.write(b": alive\n\n")
                    self.wfile.flush()
                    continue
                seen = nxt
                self._push(seen[1])
        except (BrokenPipeError, ConnectionResetError):
            return

    def _push(self, data: str) -> None:
        self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
        self.wfile.flush()
