"""Who is playing, and where their learning record goes: the learner and LRS settings.

Both live in the learner's settings file (``config_dir()/settings.json``),
beside the window's display settings; each writer merges its own keys into the
file, so the window and the terminal never wipe out each other's settings.

The LRS is configured, in rising order of precedence, by the settings file
(``"lrs": {"endpoint", "username", "password", "hidden_numbers"}``), the
environment (``ALLIANCE_LRS_ENDPOINT``, ``ALLIANCE_LRS_USERNAME``,
``ALLIANCE_LRS_PASSWORD``, ``ALLIANCE_LRS_HIDDEN_NUMBERS``) and ``--lrs URL``.
A password never appears in a ``repr``, a message or a log: see ``redact``.
"""

from __future__ import annotations

import base64
import json
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from sim.errors import FileRefused, LearnerNameError, LrsConfigError
from sim.safeio import SETTINGS_LIMIT, load_json, read_text
from sim.i18n import N_, _

SETTINGS_FILE = "settings.json"
MAX_NAME = 80
ENV_ENDPOINT, ENV_USERNAME, ENV_PASSWORD = "ALLIANCE_LRS_ENDPOINT", "ALLIANCE_LRS_USERNAME", "ALLIANCE_LRS_PASSWORD"
ENV_HIDDEN = "ALLIANCE_LRS_HIDDEN_NUMBERS"
NO_WORDS = ("0", "false", "no", "off")


def config_dir() -> Path:
    """Where settings live: ``$ALLIANCE_CONFIG_HOME``, else ``$XDG_CONFIG_HOME/alliance-sim``, else
    ``~/.config/alliance-sim``."""
    explicit = os.environ.get("ALLIANCE_CONFIG_HOME")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "alliance-sim"


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def read_settings(path: Path | None = None) -> dict:
    """The settings file as a mapping; {} when it is missing or damaged (the window says so)."""
    try:
        return settings_or_problem(path)[0]
    except OSError:
        return {}


def settings_or_problem(path: Path | None = None) -> tuple[dict, str]:
    """The settings file as a mapping, and why it could not be used ('' when it could, or is missing): it must be
    a regular file of at most 1 MB holding a JSON mapping no more than 32 levels deep (``sim.safeio``)."""
    path = Path(path or settings_path())
    try:
        data = load_json(read_text(path, SETTINGS_LIMIT, N_("settings file")), path)
    except FileNotFoundError:
        return {}, ""
    except FileRefused as exc:
        return {}, str(exc)
    if not isinstance(data, dict):
        return {}, _("{path}: the settings file is damaged (not a mapping)").format(path=path)
    return data, ""


def update_settings(changes: dict, path: Path | None = None) -> None:
    """Merge ``changes`` into the settings file atomically (other keys are kept). Raises OSError."""
    from sim.records.saves import write_atomic

    path = Path(path or settings_path())
    data = read_settings(path)
    data.update(changes)
    write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    if "lrs" in data:
        try:
            os.chmod(path, 0o600)  # it may hold an LRS password
        except OSError:
            pass


# ----- the learner -----

@dataclass(frozen=True)
class Learner:
    """A learner as the record names her: ``name`` as typed (empty when anonymous) and a stable ``account``."""

    name: str
    account: str

    @property
    def anonymous(self) -> bool:
        return not self.name

    @property
    def label(self) -> str:
        return self.name or "anonymous"


def clean_name(text: str) -> str:
    """A name or pseudonym as it will be recorded: no control characters, single spaces, at most 80 characters."""
    text = "".join(" " if unicodedata.category(c).startswith(("C", "Z")) else c for c in str(text))
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_NAME:
        raise LearnerNameError(_("a learner's name can have at most {limit} characters (this one has {count})").format(
            limit=MAX_NAME, count=len(text)))
    return text


def learner_from_settings(data: dict | None = None) -> Learner | None:
    """The remembered learner, or None when she has never been asked."""
    data = read_settings() if data is None else data
    name = data.get("learner")
    if not isinstance(name, str):
        return None
    try:
        name = clean_name(name)
    except LearnerNameError:
        return None
    anonymous = data.get("anonymous_id")
    if not name and not (isinstance(anonymous, str) and anonymous):
        return None
    return Learner(name, name or anonymous)


def remember_learner(name: str) -> Learner:
    """Remember this name (empty: anonymous, with an id made once for this computer).
    Raises LearnerNameError, OSError."""
    name = clean_name(name)
    data = read_settings()
    changes: dict = {"learner": name}
    anonymous = data.get("anonymous_id")
    if not name and not (isinstance(anonymous, str) and anonymous):
        anonymous = f"anonymous-{uuid.uuid4().hex[:8]}"
        changes["anonymous_id"] = anonymous
    update_settings(changes)
    return Learner(name, name or anonymous)


def learner_for_play(name: str | None = None) -> Learner:
    """The learner for a session: ``name`` when given (and remembered), else the remembered one, else anonymous
    for this run only (never asked yet: the front end asks)."""
    if name is not None:
        try:
            return remember_learner(name)
        except OSError:
            cleaned = clean_name(name)
            return Learner(cleaned, cleaned or f"anonymous-{uuid.uuid4().hex[:8]}")
    known = learner_from_settings()
    return known if known is not None else Learner("", f"anonymous-{uuid.uuid4().hex[:8]}")


# ----- the LRS -----

@dataclass(frozen=True)
class LrsConfig:
    endpoint: str = ""            # the xAPI base URL without credentials, e.g. https://lrs.example.org/xAPI
    username: str = ""
    password: str = field(default="", repr=False)
    hidden_numbers: bool = True   # send the hidden alliance figures (a course may want them left out)
    source: str = ""              # where the endpoint came from, for `lrs status`
    timeout: float = 10.0

    @property
    def configured(self) -> bool:
        return bool(self.endpoint)

    @property
    def host(self) -> str:
        return urlsplit(self.endpoint).netloc or self.endpoint

    @property
    def statements_url(self) -> str:
        return self.endpoint + "/statements"

    def secrets(self) -> list[str]:
        """Every form in which the credentials could leak into a text."""
        if not self.password and not self.username:
            return []
        pair = f"{self.username}:{self.password}"
        found = [pair, base64.b64encode(pair.encode()).decode()]
        if self.password:
            found.append(self.password)
        return [s for s in found if s]

    def redact(self, text: str) -> str:
        return redact(text, self.secrets())


def redact(text: str, secrets: list[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            text = text.replace(secret, "***")
    return text


def split_endpoint(url: str) -> tuple[str, str, str]:
    """(endpoint, username, password) from a URL that may carry credentials; the endpoint ends before
    ``/statements``. Raises LrsConfigError."""
    text = str(url).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LrsConfigError(_("an LRS endpoint is an http:// or https:// address, like {example} (got {url})").format(
            example="https://lrs.example.org/xAPI/", url=repr(_safe_url(text))))
    username = unquote(parts.username or "")
    password = unquote(parts.password or "")
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    try:
        port = parts.port
    except ValueError:
        raise LrsConfigError(_("the LRS endpoint {url} has a port that is not a number").format(
            url=repr(_safe_url(text)))) from None
    if port:
        netloc += f":{port}"
    path = parts.path.rstrip("/")
    if path.endswith("/statements"):
        path = path[: -len("/statements")]
    return urlunsplit((parts.scheme, netloc, path, "", "")), username, password


def _safe_url(text: str) -> str:
    """A URL fit to print: any user:password@ part is replaced."""
    return re.sub(r"//[^/@]*@", "//***@", text)


def resolve_lrs(cli_url: str | None = None, environ=None, settings: dict | None = None) -> LrsConfig:
    """The LRS settings in force: ``--lrs`` over the environment over the settings file (field by field)."""
    environ = os.environ if environ is None else environ
    saved = (read_settings() if settings is None else settings).get("lrs")
    saved = saved if isinstance(saved, dict) else {}
    endpoint, username, password, source = "", "", "", ""

    def take(url, where):
        nonlocal endpoint, username, password, source
        endpoint, user, secret = split_endpoint(url)
        username, password, source = user or username, secret or password, where

    if isinstance(saved.get("endpoint"), str) and saved["endpoint"].strip():
        take(saved["endpoint"], N_("the settings file"))  # translated where it is shown
    username = saved.get("username") if isinstance(saved.get("username"), str) and saved["username"] else username
    password = saved.get("password") if isinstance(saved.get("password"), str) and saved["password"] else password
    if environ.get(ENV_ENDPOINT, "").strip():
        take(environ[ENV_ENDPOINT], ENV_ENDPOINT)
    username = environ.get(ENV_USERNAME) or username
    password = environ.get(ENV_PASSWORD) or password
    if cli_url:
        take(cli_url, "--lrs")
    hidden = saved.get("hidden_numbers") if isinstance(saved.get("hidden_numbers"), bool) else True
    if environ.get(ENV_HIDDEN, "").strip():
        hidden = environ[ENV_HIDDEN].strip().lower() not in NO_WORDS
    return LrsConfig(endpoint, username, password, hidden, source)
