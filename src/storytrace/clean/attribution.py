"""Credit lines: "With inputs from X", "(Reporting by X; Editing by Y)", "X contributed to this report".

Guarantee: :func:`parse_attribution` returns an :class:`~storytrace.model.Attribution` only for a line
that is wholly a credit (short, no body sentence around it), with the credited names split out;
anything else returns ``None``, so body text that merely mentions an agency is never taken.
"""

from __future__ import annotations

import re

from storytrace.clean.options import CreditOptions
from storytrace.clean.patterns import needle_finder
from storytrace.model import Attribution

_I = re.IGNORECASE
_OPEN = r"^\W{0,3}\(?\s*"
_CLOSE = r"\s*\)?\s*\.?\s*$"

# "Source:" in many languages (the label of a credit line).
_SOURCE_WORDS = (
    r"source|sources|quelle|quellen|fuente|fuentes|fonte|fontes|lähde|lähteet|bron|bronnen|kaynak|kaynaklar|źródło"
    r"|źródła|zdroj|zdroje|källa|kilde|kilder|forrás|sursa|surse|izvor|vir|allikas|avots|šaltinis|πηγή|источник|джерело"
)
# "With material from", "avec des informations de", "com informações da"... : a credit's opening.
_WITH_MATERIAL = (
    r"with (?:material|information|reporting|additional reporting|inputs?) from|with (?:additional )?inputs? from"
    r"|mit (?:material|informationen|angaben) (?:von|der|des)|avec (?:des )?(?:informations|éléments) (?:de|d'|du|des)"
    r"|con (?:información|informaciones|material|informazioni|fonti) (?:de|di|del|della|dell')?"
    r"|com (?:informações|informação|material) (?:da|do|de|das|dos)|met (?:informatie|materiaal) van"
    r"|z (?:informacji|materiałów)|na podstawie|cu informații de la|cu informatii de la|med material från"
    r"|mukana|ile birlikte"
)
# Words for a news agency (and its reports) in many languages: "compiled from agency reports",
# "material from news agencies", "d'après agences", "Ajanslar".
_AGENCY_WORDS = re.compile(
    r"\b(?:agency|agencies|wires?|newswires?|agence|agences|agentur|agenturen|nachrichtenagentur\w*|agencia|agencias"
    r"|agenzia|agenzie|agência|agências|agencja|agencji|agencje|ajans\w*|byrå\w*|nyhetsbyrå\w*|agentschap\w*"
    r"|persbureau\w*|agentur\w*|tirstoimisto\w*|agenţi\w*|agenți\w*)\b",
    re.IGNORECASE,
)
# Words that make an agency line a credit: it says the text was made from or with the agency's copy.
_CREDIT_CUES = re.compile(
    r"\b(?:compiled|material|materials|reports?|reporting|information|inputs?|based|sources?|from|with|d'après|selon"
    r"|avec|sur la base|nach|mit|unter verwendung|según|con|secondo|com|segundo|według|z|na podstawie|derlen\w*"
    r"|kaynak\w*|met|volgens|med|enligt|cu|după)\b",
    re.IGNORECASE,
)
# "Avec AFP", "Com Lusa", "Mit dpa": the "with" word of a short sign-off in many languages.
_WITH_SHORT = re.compile(
    r"^\W{0,3}\(?\s*(?i:with|avec|mit|con|com|met|med|z|cu|ile|amb)\s+"
    r"(?P<names>[A-ZÀ-Ý][\w.-]{1,11}(?:\s*(?:[/,&+]|\band\b|\bet\b|\bund\b|\by\b|\be\b)\s*[A-ZÀ-Ý][\w.-]{1,11}){0,3})"
    r"\s*\)?\s*$"
)

# (kind, pattern with a ``names`` group). Order matters: the most specific first.
_CREDIT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "credit",
        re.compile(
            _OPEN
            + r"(?:"
            + _WITH_MATERIAL
            + r"|inputs? from|con agencias? (?:de)?|met dank aan|lähteet?:?|källa:?)\s+(?P<names>[^()]{2,80}?)"
            + _CLOSE,
            _I,
        ),
    ),
    (
        "credit",
        re.compile(
            _OPEN + r"(?P<names>(?:with )?(?:agency|agencies|wire) (?:inputs?|reports?))" + _CLOSE, _I
        ),
    ),
    # "(avec ABC)", "Avec ABC et Northwire": only agency-like capitalised names, "avec" opens body text too.
    (
        "credit",
        re.compile(
            _OPEN
            + r"[Aa]vec\s+(?P<names>[A-Z][A-Za-z]{1,10}(?:\s*(?:et|/|,)\s*[A-Z][A-Za-z]{1,10}){0,3})"
            + _CLOSE
        ),
    ),
    (
        "reporting",
        re.compile(
            _OPEN
            + r"(?:additional )?(?:reporting|writing|compiled|written|research)\s*(?:by\s+|:\s*)(?P<names>[^()]{2,200}?)"
            + _CLOSE,
            _I,
        ),
    ),
    ("editing", re.compile(_OPEN + r"(?:editing|edited) by\s+(?P<names>[^()]{2,120}?)" + _CLOSE, _I)),
    (
        "contributed",
        re.compile(
            _OPEN
            + r"(?P<names>[^()]{2,120}?)\s+contributed(?: reporting)? to this (?:report|story|article)"
            + _CLOSE,
            _I,
        ),
    ),
    # "Source: Name (ACR), 2 February 2022, City": a bracketed acronym may follow the name
    (
        "source",
        re.compile(
            _OPEN
            + r"(?:"
            + _SOURCE_WORDS
            + r")\s*:\s*(?P<names>(?:[^()]|\([\w&.-]{2,12}\)){2,60}?)"
            + _CLOSE,
            _I,
        ),
    ),
    # "This article was originally published on X", "This story first appeared in X".
    (
        "source",
        re.compile(
            _OPEN + r"(?:this (?:article|story|report|piece|post) (?:was )?(?:originally|first) "
            r"(?:published|appeared|ran)|originally published|first published|republished) "
            r"(?:on|in|by|at|with permission (?:from|of))\s+(?P<names>[^()]{2,80}?)" + _CLOSE,
            _I,
        ),
    ),
    # A line that is only an agency sign-off: "– ABC", "(XY)", "— abc/Northwire".
    (
        "credit",
        re.compile(
            r"^\s*(?:[-–—]\s*|\(\s*)(?P<names>[A-Za-z][A-Za-z.]{1,11}(?:\s*[/,&]\s*[A-Za-z][A-Za-z.]{1,11}){0,3})\s*\)?\s*$"
        ),
    ),
]
_SIGN_OFF = _CREDIT_PATTERNS[-1][1]
_NAME_SPLIT = re.compile(r"\s*(?:;|,|/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bja\b|\boch\b)\s*", _I)
# "(Reporting by A; Editing by B)": split on ';' into parts, each parsed on its own.
_PART_SPLIT = re.compile(r"\s*;\s*")
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")
# Lower-case needles one of which every credit pattern needs (a cheap gate for body lines).
_NEEDLES = (
    "input",
    "report",
    "writ",
    "edit",
    "contribut",
    "source",
    "quelle",
    "fuente",
    "fonte",
    "lähde",
    "lähte",
    "källa",
    "publish",
    "appeared",
    "avec",
    "material",
    "informa",
    "con ",
    "agenc",
    "wire",
    "compiled",
    "research",
    "met dank",
    ":",
)
_SIGN_OFF_START = ("-", "–", "—", "(")
_NEEDLE_FINDER = needle_finder(_NEEDLES)


def _names(raw: str, max_chars: int) -> list[str]:
    out = []
    for name in _NAME_SPLIT.split(raw.strip().strip(".")):
        if out and name.strip()[:1].isdigit():  # a date after a name: it and what follows are when and where
            break
        name = _IN_PLACE.sub("", name).strip(" .-–—")
        if name.count("(") != name.count(")"):  # a bracket of the line, not of an acronym "X (ABC)"
            name = name.strip("()").strip()
        if name and len(name) <= max_chars:
            out.append(name)
    return out


def _match_part(part: str, last: bool, o: CreditOptions) -> tuple[str, list[str]] | None:
    for kind, pattern in _CREDIT_PATTERNS:
        m = pattern.match(part)
        if m:
            names = _names(m.group("names"), o.name_max_chars)
            if not names:
                return None
            # "– Name" inside an article is a quote's speaker; as the last line, a sign-off. It
            # must look like an agency acronym or a capitalised name, not a word.
            if pattern is _SIGN_OFF and (
                not last or not all(n[:1].isupper() or (n.isalpha() and len(n) <= o.sign_off_acronym_chars) for n in names)
            ):
                return None
            return kind, names
    return None


def _agency_credit(text: str, o: CreditOptions) -> Attribution | None:
    """A short line that credits news agencies without naming one ("Compiled from agency reports",
    "Material from news agencies was used", "D'après agences"): an agency word and a credit cue."""
    if text.count(" ") >= o.agency_words or '"' in text or "“" in text:
        return None
    m = _AGENCY_WORDS.search(text)
    if m is None or _CREDIT_CUES.search(text) is None:
        return None
    # a sentence about an agency ("The agency said ...") has a verb of saying and a subject; a
    # credit line has neither a reporting verb nor more than one clause
    if re.search(
        r"\b(?:said|says|told|reported that|announced|sagte|a déclaré|dijo|disse|ha detto|powiedział)\b",
        text,
        re.I,
    ):
        return None
    return Attribution(text=text, kind="credit", names=[m.group(0)])


def parse_attribution(
    line: str, last: bool = True, edge: bool = True, opts: CreditOptions | None = None
) -> Attribution | None:
    """The credit of ``line`` when the whole line is a credit line, else ``None``.

    ``last`` says the line ends the article; a bare sign-off ("– ABC") is a credit only there.
    ``edge`` says the line stands in the article's head or tail, where a credit that names no
    agency ("Compiled from agency reports") is looked for. ``opts``: the lengths (defaults when None)."""
    o = opts or CreditOptions()
    text = line.strip()
    if not text or text.count(" ") >= o.max_words:
        return None
    short = _WITH_SHORT.match(text)
    if short and text.count(" ") < o.short_words:
        return Attribution(text=text, kind="credit", names=_names(short.group("names"), o.name_max_chars))
    low = text.lower()
    if not text.startswith(_SIGN_OFF_START) and not _NEEDLE_FINDER.search(low):
        return _agency_credit(text, o) if edge else None
    inner = text.strip("()").strip()
    parts = _PART_SPLIT.split(inner) if ";" in inner else [text]
    kinds: list[str] = []
    names: list[str] = []
    for part in parts:
        found = _match_part(part, last, o)
        if found is None:  # no named credit: maybe one that credits agencies without a name
            return _agency_credit(text, o) if edge else None
        kinds.append(found[0])
        names.extend(n for n in found[1] if n not in names)
    return Attribution(text=text, kind=kinds[0], names=names)
