"""A local HTTP proxy in front of the moto server that answers AccessDenied for one region.

It stands for what a real account does when a service control policy denies a region: every
request signed for that region (SigV4 credential scope) gets the service's own AccessDenied
error in its wire protocol; every other request goes to moto unchanged. The audit reaches it
through the standard AWS_ENDPOINT_URL, like any endpoint.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request")


class DenyRegionProxy:
    def __init__(self, upstream: str, denied_region: str) -> None:
        target = urlsplit(upstream)
        host, port = target.hostname or "127.0.0.1", target.port or 80
        region = denied_region

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

            def _relay(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                scope = _SCOPE.search(self.headers.get("Authorization", ""))
                if scope and scope.group(1) == region:
                    self._deny(scope.group(2))
                    return
                upstream = http.client.HTTPConnection(host, port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                data = response.read()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            def _deny(self, service: str) -> None:
                message = (
                    f"User: arn:aws:iam::123456789012:user/auditor is not authorized to perform"
                    f" this {service} action in {region} with an explicit deny in a service"
                    " control policy"
                )
                if self.headers.get("Content-Type", "").startswith("application/x-amz-json"):
                    data = json.dumps({"__type": "AccessDeniedException", "message": message})
                    content_type = "application/x-amz-json-1.1"
                else:
                    data = (
                        "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                        f"<Message>{message}</Message></Error></ErrorResponse>"
                    )
                    content_type = "text/xml"
                encoded = data.encode("utf-8")
                self.send_response(400 if content_type.startswith("application") else 403)
                self.send_header("Content-Type", content_type)
                self.send_header("x-amzn-RequestId", "denied-by-test-scp")
                self.send_header("Content-Length", str(len(encoded)))
                self.end_headers()
                self.wfile.write(encoded)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _relay

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
