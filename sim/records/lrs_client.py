"""A small xAPI client: send statements to an LRS and read them back, with messages a person can act on.

It uses the standard library's ``urllib`` (no extra dependency for players).
Every message names the LRS by its host only and is passed through the
configuration's ``redact``, so neither the password nor the Authorization
header can reach a log, a notice or a terminal.
"""

from __future__ import annotations

import base64
import json
import socket
import urllib.error
import urllib.request
from urllib.parse import urlencode, urljoin, urlsplit

from sim.errors import LrsError
from sim.records.profile import LrsConfig
from sim.i18n import _

XAPI_HEADER = {"X-Experience-API-Version": "1.0.3"}


class LrsClient:
    def __init__(self, config: LrsConfig):
        if not config.configured:
            raise LrsError("unavailable", _("no LRS is set up (see '{command}')").format(command="alliance-sim lrs status"))
        self.config = config

    # ----- requests -----

    def _request(self, method: str, url: str, body=None) -> tuple[int, bytes]:
        headers = dict(XAPI_HEADER)
        if self.config.username or self.config.password:
            token = base64.b64encode(f"{self.config.username}:{self.config.password}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        host = self.config.host
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            detail = self._detail(exc)
            if exc.code in (401, 403):
                raise LrsError("refused", _("the LRS at {host} refused the username and password (HTTP {code}); "
                                            "check the LRS settings").format(host=host, code=exc.code),
                               exc.code) from None
            if exc.code == 409:
                raise LrsError("conflict", _("the LRS at {host} already holds a different statement with the same "
                                             "id (HTTP 409){detail}").format(host=host, detail=detail),
                               exc.code) from None
            if exc.code == 413:
                raise LrsError("too_large", _("the LRS at {host} found the batch too large (HTTP 413)").format(host=host),
                               413) from None
            if 400 <= exc.code < 500:
                raise LrsError("rejected", _("the LRS at {host} rejected the statements (HTTP {code}){detail}").format(
                    host=host, code=exc.code, detail=detail), exc.code) from None
            raise LrsError("unavailable", _("the LRS at {host} had a problem of its own (HTTP {code}){detail}").format(
                host=host, code=exc.code, detail=detail), exc.code) from None
        except (TimeoutError, socket.timeout):
            raise LrsError("unavailable", _("the LRS at {host} did not answer within {seconds} s").format(
                host=host, seconds=f"{self.config.timeout:g}")) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise LrsError("unavailable", _("the LRS at {host} did not answer within {seconds} s").format(
                    host=host, seconds=f"{self.config.timeout:g}")) from None
            words = getattr(reason, "strerror", None) or str(reason)
            raise LrsError("unavailable", self.config.redact(
                _("the LRS at {host} cannot be reached ({reason})").format(host=host, reason=words))) from None
        except (OSError, ValueError) as exc:  # a connection reset mid-answer, a malformed address
            raise LrsError("unavailable", self.config.redact(
                _("the LRS at {host} cannot be reached ({reason})").format(
                    host=host, reason=f"{type(exc).__name__}: {exc}"))) from None

    def _detail(self, exc: urllib.error.HTTPError) -> str:
        try:
            text = exc.read(2000).decode("utf-8", "replace")
        except OSError:
            return ""
        try:
            data = json.loads(text)
            text = data.get("detail") or data.get("message") or text if isinstance(data, dict) else text
        except ValueError:
            pass
        text = " ".join(str(text).split())[:300]
        return f": {self.config.redact(text)}" if text else ""

    # ----- the statements resource -----

    def post(self, statements: list[dict]) -> None:
        """Store a batch of statements (each with its id). Raises LrsError."""
        self._request("POST", self.config.statements_url, statements)

    def put(self, statement: dict) -> None:
        """Store one statement under its id: an LRS that already has it answers 204 and stores nothing."""
        self._request("PUT", f"{self.config.statements_url}?{urlencode({'statementId': statement['id']})}",
                      statement)

    def statements(self, params: dict | None = None, page: int = 500, max_pages: int = 10_000) -> list[dict]:
        """Every statement the LRS returns for ``params``, following its ``more`` links. Raises LrsError."""
        query = {"limit": page, **(params or {})}
        url = f"{self.config.statements_url}?{urlencode(query)}"
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.config.endpoint))
        found: list[dict] = []
        for _page in range(max_pages):
            _status, body = self._request("GET", url)
            try:
                data = json.loads(body)
                batch = data["statements"]
            except (ValueError, KeyError, TypeError):
                raise LrsError("unavailable", _("the LRS at {host} sent an answer that is not a "
                                                "statement result").format(host=self.config.host)) from None
            found.extend(batch)
            more = data.get("more")
            if not more or not batch:
                return found
            url = urljoin(origin + "/", more)
        return found
