"""API tokens: who may change data through the HTTP API and the dashboard.

A token is shown once, when it is created; the database keeps only its
SHA-256 hash (tokens are 256 random bits, so a fast hash is enough: there is
nothing to brute-force) and a short prefix so a person can tell tokens apart
in `polemos token list`. The table lives in the store's database, beside the
store's own tables, but belongs to this module: the store knows nothing of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

TOKEN_PREFIX = "pol_"
metadata = sa.MetaData()

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("prefix", sa.String(16), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
)


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_dict(self) -> dict:
        return {
            "id": self.id, "name": self.name, "prefix": self.prefix, "active": self.active,
            "created_at": _iso(self.created_at), "last_used_at": _iso(self.last_used_at),
            "revoked_at": _iso(self.revoked_at),
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def ensure_table(engine: Engine) -> None:
    metadata.create_all(engine, checkfirst=True)


def _info(row) -> TokenInfo:
    return TokenInfo(row.id, row.name, row.prefix, row.created_at, row.last_used_at, row.revoked_at)


def create_token(engine: Engine, name: str) -> tuple[TokenInfo, str]:
    """A new token for `name`; returns its record and the secret (shown once)."""
    name = name.strip()
    if not name or len(name) > 200:
        raise ValueError("a token needs a name of 1 to 200 characters")
    ensure_table(engine)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with engine.begin() as conn:
        result = conn.execute(api_tokens.insert().values(
            name=name, prefix=secret[: len(TOKEN_PREFIX) + 6], token_hash=hash_token(secret), created_at=_now(),
        ))
        row = conn.execute(sa.select(api_tokens).where(api_tokens.c.id == result.inserted_primary_key[0])).one()
    return _info(row), secret


def list_tokens(engine: Engine) -> list[TokenInfo]:
    ensure_table(engine)
    with engine.connect() as conn:
        return [_info(r) for r in conn.execute(sa.select(api_tokens).order_by(api_tokens.c.id))]


def revoke_token(engine: Engine, key: str) -> int:
    """Revoke by id, name or prefix; returns how many tokens were revoked."""
    ensure_table(engine)
    column_match = [api_tokens.c.name == key, api_tokens.c.prefix == key]
    if key.isdigit():
        column_match.append(api_tokens.c.id == int(key))
    with engine.begin() as conn:
        result = conn.execute(
            api_tokens.update()
            .where(sa.or_(*column_match), api_tokens.c.revoked_at.is_(None))
            .values(revoked_at=_now())
        )
        return result.rowcount or 0


def verify_token(engine: Engine, token: str | None) -> TokenInfo | None:
    """The active token's record, or None for a missing, unknown or revoked token."""
    if not token or len(token) > 200:
        return None
    digest = hash_token(token)
    with engine.begin() as conn:
        row = conn.execute(
            sa.select(api_tokens).where(api_tokens.c.token_hash == digest, api_tokens.c.revoked_at.is_(None))
        ).first()
        if row is None or not hmac.compare_digest(row.token_hash, digest):
            return None
        if _stale(row.last_used_at):  # a write per request would be wasted I/O
            conn.execute(api_tokens.update().where(api_tokens.c.id == row.id).values(last_used_at=_now()))
    return _info(row)


def _stale(last_used: dt.datetime | None, minutes: int = 5) -> bool:
    if last_used is None:
        return True
    if last_used.tzinfo is None:  # SQLite hands back naive UTC datetimes
        last_used = last_used.replace(tzinfo=dt.timezone.utc)
    return _now() - last_used > dt.timedelta(minutes=minutes)
