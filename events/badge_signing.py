"""The signed payload in a badge's QR code, so that a desk without network can tell a real badge.

The payload says who the badge is for and which events of the week it admits; it is signed with
ed25519 (PyNaCl). ``BADGE_SIGNING_KEYS`` holds the keys as ``id:seed`` pairs, the seed being 32
bytes in URL-safe base64: the first key signs, every key listed verifies. To rotate, put a new
key first and keep the old one after it until the badges printed with it are no longer used
(after their week), then remove it. Without the setting (development, tests) a key is derived
from SECRET_KEY; production refuses to start without it.

The QR text: ``LIA1.<key id>.<payload, base64url JSON>.<signature, base64url>``. A bare badge
code (typed, or read from a badge printed before signing) is still accepted online.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

PREFIX = "LIA1"


class ForgedBadge(ValueError):
    """A signed payload whose signature does not verify, or whose key is unknown."""


@dataclass(frozen=True)
class BadgePayload:
    code: str
    week: str
    events: tuple[str, ...]
    name: str
    country: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@lru_cache(maxsize=8)
def _keys(spec: tuple[str, ...], secret: str) -> tuple[tuple[str, SigningKey], ...]:
    if not spec:
        seed = hashlib.sha256(b"liaison badge signing\0" + secret.encode()).digest()
        return (("dev", SigningKey(seed)),)
    keys = []
    for item in spec:
        key_id, _, seed = item.partition(":")
        raw = _unb64(seed.strip())
        if not key_id.strip() or len(raw) != 32:
            raise ValueError(f"BADGE_SIGNING_KEYS: {key_id or '?'} needs an id and a 32-byte base64url seed")
        keys.append((key_id.strip(), SigningKey(raw)))
    return tuple(keys)


def signing_keys() -> tuple[tuple[str, SigningKey], ...]:
    return _keys(tuple(getattr(settings, "BADGE_SIGNING_KEYS", ()) or ()), settings.SECRET_KEY)


def public_keys() -> dict[str, str]:
    """Every verifying key by id, base64url: what an offline desk downloads."""
    return {key_id: _b64(bytes(key.verify_key)) for key_id, key in signing_keys()}


def new_key_spec(key_id: str) -> str:
    """A fresh ``id:seed`` for BADGE_SIGNING_KEYS (``manage.py badge_key``)."""
    return f"{key_id}:{_b64(bytes(SigningKey.generate()))}"


def sign_badge(registration, events) -> str:
    """The QR text of ``registration``'s badge, admitting to ``events`` (its approved ones)."""
    user = registration.user
    body = {
        "c": registration.checkin_code,
        "w": registration.week.slug,
        "e": sorted(event.slug for event in events),
        "n": (user.get_full_name() or user.email) if user else "",
        "k": str(registration.country),
    }
    message = json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    key_id, key = signing_keys()[0]
    return ".".join((PREFIX, key_id, _b64(message), _b64(key.sign(message).signature)))


def is_signed(text: str) -> bool:
    return (text or "").strip().startswith(PREFIX + ".")


def verify_badge(text: str) -> BadgePayload:
    """The payload of a signed QR text; ForgedBadge if it is not ours."""
    parts = (text or "").strip().split(".")
    if len(parts) != 4 or parts[0] != PREFIX:
        raise ForgedBadge("not a signed badge")
    _prefix, key_id, message_b64, signature_b64 = parts
    verifying = {kid: key.verify_key for kid, key in signing_keys()}.get(key_id)
    if verifying is None:
        raise ForgedBadge("unknown key")
    try:
        message = _unb64(message_b64)
        VerifyKey(bytes(verifying)).verify(message, _unb64(signature_b64))
        body = json.loads(message)
        return BadgePayload(
            code=str(body["c"]),
            week=str(body["w"]),
            events=tuple(body.get("e", ())),
            name=str(body.get("n", "")),
            country=str(body.get("k", "")),
        )
    except (BadSignatureError, ValueError, KeyError, TypeError) as error:
        raise ForgedBadge(str(error)) from None
