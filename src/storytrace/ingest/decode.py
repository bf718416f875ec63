"""Bytes -> str with encoding detection (charset-normalizer) and a binary-file guard."""

from __future__ import annotations

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Format detection, not tuning (so module constants, not options: no run has a reason to change
# them). Wide text without a BOM has zero bytes at fixed places: UTF-32 has the high byte of
# (nearly) every unit zero and the next one of most (Latin, Greek, Cyrillic ... below U+10000),
# the low byte almost never; UTF-16 has the high byte of a good share of its units zero (ASCII
# letters, spaces, digits) and the low byte almost never. Binary data has zeros anywhere.
_UTF32_HIGH = 0.99  # share of units whose highest byte is zero, at least
_UTF32_NEXT = 0.9  # ... and whose second-highest byte is zero, at least
_UTF32_LOW = 0.05  # share of units whose lowest byte is zero, less than this
_UTF16_HIGH = 0.3  # UTF-16: share of high bytes that are zero, more than this ...
_UTF16_LOW = 0.02  # ... and of low bytes, less than this
# Decoded "text" with more than this share of control characters (or U+FFFD) is binary data.
_MAX_UNPRINTABLE = 0.05


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can trust."""


def wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 (with the byte order) when ``head`` says so: a byte-order mark, or the zero
    bytes such text has at fixed places (the high bytes of Latin, Greek, Cyrillic... code units).

    Binary data has its zero bytes anywhere, so it never matches: each test needs most code units
    to agree, over the first 4 KB."""
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc
    n = min(len(head), 4096) // 4 * 4
    if n < 8 or b"\x00" not in head[:n]:
        return None
    units = n // 4
    zero = [head[i:n:4].count(0) / units for i in range(4)]  # share of zero bytes at offset i mod 4
    if zero[3] > _UTF32_HIGH and zero[2] > _UTF32_NEXT and zero[0] < _UTF32_LOW:
        return "utf-32-le"
    if zero[0] > _UTF32_HIGH and zero[1] > _UTF32_NEXT and zero[3] < _UTF32_LOW:
        return "utf-32-be"
    even, odd = (zero[0] + zero[2]) / 2, (zero[1] + zero[3]) / 2
    if odd > _UTF16_HIGH and even < _UTF16_LOW:
        return "utf-16-le"
    if even > _UTF16_HIGH and odd < _UTF16_LOW:
        return "utf-16-be"
    return None


def _check_printable(text: str, encoding: str) -> str:
    # Mostly unprintable output means the "text" was really binary.
    sample = text[:4096]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t") or c == "\ufffd")
    if sample and bad / len(sample) > _MAX_UNPRINTABLE:
        raise DecodeError(f"binary file (looks like {encoding} but is mostly control characters)")
    return text


def decode_bytes(data: bytes) -> str:
    """Decode ``data``: UTF-16/32 when a BOM or the zero-byte pattern says so, UTF-8 (with or
    without BOM), then charset-normalizer's best guess.

    Raises :class:`DecodeError` for binary data (NUL bytes, or no encoding that yields text)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif (wide := wide_encoding(data[:4096])) is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as e:
            raise DecodeError(f"invalid {wide.upper()} text: {e.reason}") from e
        return _check_printable(text.removeprefix("\ufeff"), wide.upper())
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
    return _check_printable(data.decode(best.encoding, errors="replace"), best.encoding)
