"""Bytes -> str with encoding detection (charset-normalizer) and a binary-file guard."""

from __future__ import annotations


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can trust."""


def decode_bytes(data: bytes) -> str:
    """Decode ``data``: UTF-8 (with or without BOM) first, then charset-normalizer's best guess.

    Raises :class:`DecodeError` for binary data (NUL bytes, or no encoding that yields text)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DecodeError(f"invalid UTF-16 text: {e.reason}") from e
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None:
        raise DecodeError("binary or undecodable file (no text encoding fits)")
    text = data.decode(best.encoding, errors="replace")
    # Mostly unprintable output means the "text" was really binary.
    sample = text[:4096]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t") or c == "\ufffd")
    if sample and bad / len(sample) > 0.05:
        raise DecodeError(f"binary file (looks like {best.encoding} but is mostly control characters)")
    return text
