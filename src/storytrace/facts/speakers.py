"""Speaker phrases: finding who speaks in a sentence, and telling whether two phrases name one speaker.

Guarantee: :func:`speaker_phrase` returns a trailing noun phrase made of names, role words and
their modifiers (never a whole clause), or a pronoun for later resolution; :func:`same_speaker`
is symmetric and only says "different" when both phrases are specific and share nothing.
"""

from __future__ import annotations

import re

from storytrace.text import fold

PRONOUNS = {"he", "she", "they", "we", "i", "it"}
ROLE_WORDS = {
    "spokesperson", "spokesman", "spokeswoman", "spokespeople", "minister", "president", "chief",
    "head", "leader", "senator", "official", "officials", "secretary", "ambassador", "analyst",
    "expert", "experts", "professor", "director", "chairman", "chairwoman", "chair", "governor",
    "mayor", "general", "commander", "envoy", "diplomat", "adviser", "advisor", "researcher",
    "economist", "lawyer", "judge", "prosecutor", "police", "officer", "representative", "ceo",
    "founder", "manager", "premier", "chancellor", "king", "queen", "prince", "pope", "source",
    "sources", "sergeant", "lawmaker", "legislator", "deputy", "editor", "author", "witness",
    "coach", "captain", "engineer", "scientist", "doctor", "candidate", "nominee",
    "strategist", "aide", "pollster", "historian", "activist", "organizer", "organiser",
    "agency", "ministry", "department", "government", "administration", "office", "council",
}
CONNECTORS = {"of", "for", "the", "at", "de", "von", "van", "der", "al", "bin", "and"}
DROP_LEADING = {"the", "a", "an", "and", "of", "for", "at", "but", "while", "as"}
ADVERBS = {"also", "has", "had", "have", "then", "later", "earlier", "previously", "further",
           "reportedly", "again", "once", "recently", "separately", "however", "who", "would", "will", "on", "in", "last", "this"}
# Function words never modify a role ("as the Department …" is not part of the speaker).
FUNCTION_WORDS = {"as", "to", "that", "which", "who", "when", "while", "and", "or", "but", "with", "by",
                  "in", "on", "at", "for", "from", "has", "have", "was", "were", "is", "are", "be",
                  "been", "it", "its", "this", "these", "those", "if", "than", "then", "so", "not"}
_TOKEN = re.compile(r"[\w][\w.\-\u2019']*", re.U)
# Less frequent speech verbs (and present forms of the common ones), shared with the quote
# extractor's cue list; only forms that are not also common nouns ("claims", "demands").
MORE_CUES = (
    "declares|insists|argues|explains|asks|announces|admits|denies|replies|responds|concludes|"
    "cautions|recalls|urges|predicts|confirms|tweets|observes|complains|acknowledges|emphasizes|"
    "boasted|boasts|demanded|quipped|quips|joked|asserted|asserts|retorted|shouted|exclaimed|"
    "surmised|mused|conceded|concedes|lamented|vowed|pledged|promised|countered|contended|contends|"
    "wondered|testified|recounted|scoffed|snapped|interjected|reiterated|repeated|maintained|maintains"
)
_CUE = re.compile(
    r"\b(said|says|say|told|tells|added|adds|stated|states|warned|warns|noted|notes|explained|"
    r"asked|wrote|writes|declared|insisted|argued|claimed|announced|stressed|emphasi[sz]ed|"
    r"acknowledged|admitted|denied|replied|responded|continued|concluded|cautioned|suggested|"
    r"voiced|called|calls|call|calling|described|describes|dubbed|labeled|labelled|branded|commented|remarked|recalled|urged|predicted|confirmed|"
    r"[Aa]ccording to|tweeted|posted|observed|complained|believes|went on|goes on|put it|puts it|"
    + MORE_CUES + r")\b",
)  # case-sensitive: "States" in "United States" is no cue
CUE_PATTERN = _CUE
CUE_WINDOW = 600  # characters either side of a cue searched for its source
PARENTHETICAL = re.compile(r"\s?\([^()\u2026]{1,30}\)")
_SEP = re.compile(r"[\u2026,;:()\u2013\u2014\"\u201c\u201d\u00ab\u00bb]")


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _noun_phrase_end(words: list[str]) -> list[str]:
    """The trailing speaker-like noun phrase of ``words`` (names, roles, their modifiers)."""
    out: list[str] = []
    seen_role = False
    lower_run = 0
    for w in reversed(words):
        lw = w.lower().strip(".")
        if lw in ADVERBS and not out:
            continue
        if _is_cap(w) or lw in ROLE_WORDS:
            seen_role = seen_role or lw in ROLE_WORDS
            lower_run = 0
            out.append(w)
        elif lw in CONNECTORS and out:
            out.append(w)
        elif seen_role and lower_run < 3 and w.isalpha() and lw not in ADVERBS and lw not in FUNCTION_WORDS:
            lower_run += 1  # modifiers of a role: "national security spokesperson"
            out.append(w)
        else:
            break
    out.reverse()
    while out and out[0].lower() in DROP_LEADING:
        out.pop(0)
    if len(out) > 1 and out[-1].lower() in PRONOUNS:
        out.pop()  # "… Jane Smith He says" (machine translation)
    return out


def _is_role_phrase(segment: str) -> bool:
    """The whole of ``segment`` is a role noun phrase ("port director Jane Roe", "union spokesman"),
    not a clause that merely ends in a name."""
    words = _TOKEN.findall(segment)
    np_words = _noun_phrase_end(words)
    return bool(np_words) and len(np_words) == len(words) and any(w.lower() in ROLE_WORDS for w in np_words)


def speaker_phrase(outside: str) -> tuple[str | None, str | None]:
    """(speaker phrase, cue) of a sentence whose quoted passages are blanked to ``…``."""
    # "Rep. Ann Lee (D-Ore.) said": the party/state tag is not where the name is.
    outside = PARENTHETICAL.sub(lambda m: " " * len(m.group(0)), outside)
    cues = list(_CUE.finditer(outside))
    # "According to AFP, a spokesman says …": the speaking verb names the speaker, not the outlet.
    if len(cues) > 1:
        cues = [m for m in cues if m.group(0).lower() != "according to"] + [
            m for m in cues if m.group(0).lower() == "according to"]
    for m in cues:
        cue = m.group(0)
        # The source is named next to its cue: look a bounded stretch either side, so a sentence
        # of many cues costs linear time (a cue's whole prefix, split per cue, is quadratic).
        lo = max(0, m.start() - CUE_WINDOW)
        if lo:
            lo = outside.find(" ", lo, m.start()) + 1 or m.start()  # never start inside a word
        before = [b.strip() for b in _SEP.split(outside[lo : m.start()])]
        segment = before[-1]
        if not segment or (segment[:1].islower() and segment.split()[0] not in DROP_LEADING
                           and segment.lower() not in PRONOUNS  # "…, he said, …" names "he"
                           and not _is_role_phrase(segment)):  # "…, port director Jane Roe said"
            # "Evan X, now at Y University, warned": the name precedes the apposition.
            for prev in reversed(before[:-1]):
                if not prev or prev.endswith("\u2026"):
                    if not prev:
                        continue
                    break
                if prev[:1].islower():
                    continue
                segment = prev
                break
        words = _TOKEN.findall(segment)
        if cue.lower() != "according to" and words:
            content = [w for w in words if w.lower() not in ADVERBS]
            if content and content[-1].lower() in PRONOUNS and len(_noun_phrase_end(words)) < 2:
                return content[-1], cue
            np_words = _noun_phrase_end(words)
            if np_words:
                return " ".join(np_words).rstrip("."), cue
        after = _SEP.split(outside[m.end() : m.end() + CUE_WINDOW])[0]
        words = _TOKEN.findall(after)
        lead: list[str] = []
        for w in words:
            if _is_cap(w) or w.lower() in ROLE_WORDS or (lead and w.lower() in CONNECTORS) or (
                not lead and w.lower() in DROP_LEADING):
                lead.append(w)
            else:
                break
        lead = [w for w in lead if w.lower() not in DROP_LEADING or _is_cap(w)]
        while lead and lead[0].lower() in DROP_LEADING:
            lead.pop(0)
        if lead and (lead[0].lower() in PRONOUNS):
            return lead[0], cue
        if lead:
            return " ".join(lead).rstrip("."), cue
    # "Name: «…»" layout
    head = outside.strip()
    if head.endswith("\u2026") and ":" in head:
        words = _TOKEN.findall(head.split(":")[0])
        if 0 < len(words) <= 6 and _is_cap(words[0]):
            return " ".join(_noun_phrase_end(words)) or None, ":"
    return None, None


_NAME_RUN = re.compile(r"(?:\b[A-Z][\w\-\u2019']+(?:\s+|$)){2,4}")
_ROLE_NP = re.compile(
    r"\b(?:the|a|an)\s+((?:[\w\-]+\s+){{0,3}}(?:{})(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+)*)?)".format("|".join(sorted(ROLE_WORDS - {"source", "sources", "agency", "office"}))),
    re.I,
)


def find_mentions(text: str) -> list[str]:
    """Person names and role phrases in ``text``, in order of appearance."""
    found: list[tuple[int, str]] = []
    for m in _NAME_RUN.finditer(text):
        found.append((m.start(), m.group(0).strip()))
    for m in _ROLE_NP.finditer(text):
        found.append((m.start(), m.group(0).strip()))
    found.sort()
    return [f for _, f in found]


def surname(phrase: str | None) -> str | None:
    """The family name ending ``phrase`` when it ends with a personal name, else ``None``. An
    affiliation after the name ("Jane Roe of Eastfield University") is not part of it."""
    if not phrase:
        return None
    words = _TOKEN.findall(phrase)
    for k, w in enumerate(words[1:], 1):
        if w in ("of", "at", "from") and _is_cap(words[k - 1]) and words[k - 1].lower() not in ROLE_WORDS:
            words = words[:k]
            break
    if not words:
        return None
    last = words[-1]
    if not _is_cap(last) or last.isupper() or last.lower() in ROLE_WORDS or last.lower() in PRONOUNS:
        return None
    return fold(last)


def content_words(phrase: str | None) -> set[str]:
    if not phrase:
        return set()
    return {fold(w.strip(".")) for w in _TOKEN.findall(phrase)
            if w.lower() not in CONNECTORS and w.lower() not in DROP_LEADING and len(w) > 1}


def same_speaker(a: str | None, b: str | None) -> bool | None:
    """True/False when both are known; ``None`` when either is unknown."""
    if not a or not b:
        return None
    sa, sb = surname(a), surname(b)
    if sa and sb:
        return sa == sb
    return bool(content_words(a) & content_words(b))


def canonical_speakers(phrases: list[str]) -> dict[str, str]:
    """Map each phrase to the most complete phrase naming the same person (by family name)."""
    best: dict[str, str] = {}
    for p in phrases:
        s = surname(p)
        if s and len(p) > len(best.get(s, "")):
            best[s] = p
    return {p: best.get(surname(p) or "", p) for p in phrases}
