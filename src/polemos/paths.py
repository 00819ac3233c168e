"""Where polemos keeps its files: the gazetteer, the default store, the server's secret."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path


def data_dir() -> Path:
    """$POLEMOS_HOME, else the user's data folder for polemos (XDG on Linux, the usual places elsewhere)."""
    if os.environ.get("POLEMOS_HOME"):
        return Path(os.environ["POLEMOS_HOME"]).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "polemos"


def server_secret() -> str:
    """$POLEMOS_SECRET, else a random key kept (mode 0600) in the data folder.

    Keeping it means signed forms and sessions stay valid across restarts; where
    the folder cannot be written, a key for this process alone is the safe fallback.
    """
    if os.environ.get("POLEMOS_SECRET"):
        return os.environ["POLEMOS_SECRET"]
    path = data_dir() / "secret"
    try:
        return path.read_text(encoding="ascii").strip() or _new_secret(path)
    except FileNotFoundError:
        return _new_secret(path)
    except (OSError, UnicodeError):
        return secrets.token_hex(32)


def _new_secret(path: Path) -> str:
    key = secrets.token_hex(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first: use theirs
        return path.read_text(encoding="ascii").strip() or key
    except OSError:
        return key
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
    return key
