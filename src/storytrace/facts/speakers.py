"""Speaker phrases: finding who speaks in a sentence, and telling whether two phrases name one speaker.

Guarantee: :func:`speaker_phrase` returns a trailing noun phrase made of names, role words and
their modifiers (never a whole clause), or a pronoun for later resolution; :func:`same_speaker`
is symmetric and only says "different" when both phrases are specific and share nothing.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from storytrace.facts.conflicts import MONTH_NAMES, WEEKDAYS
from storytrace.facts.options import FactsOptions
from storytrace.text import fold

PRONOUNS = {"he", "she", "they", "we", "i", "it"}
# Roles that name an institution rather than a person ("the ministry said").
INSTITUTION_ROLES = {"agency", "ministry", "department", "government", "administration", "office", "council"}
ROLE_WORDS = {
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "spokespeople",
    "minister",
    "president",
    "chief",
    "head",
    "leader",
    "senator",
    "official",
    "officials",
    "secretary",
    "ambassador",
    "analyst",
    "expert",
    "experts",
    "professor",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "governor",
    "mayor",
    "general",
    "commander",
    "envoy",
    "diplomat",
    "adviser",
    "advisor",
    "researcher",
    "economist",
    "lawyer",
    "judge",
    "prosecutor",
    "police",
    "officer",
    "representative",
    "ceo",
    "founder",
    "manager",
    "premier",
    "chancellor",
    "king",
    "queen",
    "prince",
    "pope",
    "source",
    "sources",
    "sergeant",
    "lawmaker",
    "legislator",
    "deputy",
    "editor",
    "author",
    "witness",
    "coach",
    "captain",
    "engineer",
    "scientist",
    "doctor",
    "candidate",
    "nominee",
    "strategist",
    "aide",
    "pollster",
    "historian",
    "activist",
    "organizer",
    "organiser",
    *INSTITUTION_ROLES,
}
CONNECTORS = {"of", "for", "the", "at", "de", "von", "van", "der", "al", "bin", "and"}
DROP_LEADING = {"the", "a", "an", "and", "of", "for", "at", "but", "while", "as"}
ADVERBS = {
    "also",
    "has",
    "had",
    "have",
    "then",
    "later",
    "earlier",
    "previously",
    "further",
    "reportedly",
    "again",
    "once",
    "recently",
    "separately",
    "however",
    "who",
    "would",
    "will",
    "on",
    "in",
    "last",
    "this",
}
# Function words never modify a role ("as the Department …" is not part of the speaker).
FUNCTION_WORDS = {
    "as",
    "to",
    "that",
    "which",
    "who",
    "when",
    "while",
    "and",
    "or",
    "but",
    "with",
    "by",
    "in",
    "on",
    "at",
    "for",
    "from",
    "has",
    "have",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "it",
    "its",
    "this",
    "these",
    "those",
    "if",
    "than",
    "then",
    "so",
    "not",
}
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
    + MORE_CUES
    + r")\b",
)  # case-sensitive: "States" in "United States" is no cue
CUE_PATTERN = _CUE
PARENTHETICAL = re.compile(r"\s?\([^()\u2026]{1,30}\)")
_SEP = re.compile(r"[\u2026,;:()\u2013\u2014\"\u201c\u201d\u00ab\u00bb]")


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _bare(word: str) -> str:
    """A word without an elided article ("l'allenatore", "d'Europa") or a final dot, lower-cased."""
    return _ELISION.sub("", word).lower().strip(".")


def _noun_phrase_end(words: list[str], lex: Lexicon, modifiers: int) -> list[str]:
    """The trailing speaker-like noun phrase of ``words`` (names, roles, at most ``modifiers``
    lower-case modifiers before a role)."""
    out: list[str] = []
    seen_role = False
    lower_run = 0
    for w in reversed(words):
        lw = _bare(w)
        if lw in lex.adverbs and not out:
            continue
        if _is_cap(w) or lw in lex.roles:
            seen_role = seen_role or lw in lex.roles
            lower_run = 0
            out.append(w)
        elif lw in lex.connectors and out:
            out.append(w)
        elif seen_role and lower_run < modifiers and w.isalpha() and lw not in lex.adverbs and lw not in lex.function:
            lower_run += 1  # modifiers of a role: "national security spokesperson"
            out.append(w)
        else:
            break
    out.reverse()
    while out and out[0].lower() in lex.drop:
        out.pop(0)
    if len(out) > 1 and out[-1].lower() in lex.pronouns:
        out.pop()  # "… Jane Smith He says" (machine translation)
    return out


def _is_role_phrase(segment: str, lex: Lexicon, modifiers: int) -> bool:
    """The whole of ``segment`` is a role noun phrase ("port director Jane Roe", "union spokesman"),
    not a clause that merely ends in a name."""
    words = _TOKEN.findall(segment)
    np_words = _noun_phrase_end(words, lex, modifiers)
    return bool(np_words) and len(np_words) == len(words) and any(_bare(w) in lex.roles for w in np_words)


def speaker_phrase(
    outside: str, lang: str | None = None, opts: FactsOptions | None = None
) -> tuple[str | None, str | None]:
    """(speaker phrase, cue) of a sentence whose quoted passages are blanked to ``…``; ``lang``
    adds that language's speech verbs and words to the English ones; ``opts``: how far either side
    of a cue its source is searched and how long a speaker phrase runs (``FactsOptions.speaker_*``,
    ``role_modifier_words``, ...; their defaults when None)."""
    opts = opts or FactsOptions()
    window, modifiers = opts.speaker_cue_window, opts.role_modifier_words
    lex = lexicon(lang)
    ROLE_WORDS, CONNECTORS, DROP_LEADING, PRONOUNS, ADVERBS = (  # noqa: N806 - the language's sets
        lex.roles,
        lex.connectors,
        lex.drop,
        lex.pronouns,
        lex.adverbs,
    )
    # "Rep. Ann Lee (D-Ore.) said": the party/state tag is not where the name is.
    outside = PARENTHETICAL.sub(lambda m: " " * len(m.group(0)), outside)
    cues = list(lex.cue.finditer(outside))
    # "According to AFP, a spokesman says …": the speaking verb names the speaker, not the outlet.
    if len(cues) > 1:
        cues = [m for m in cues if not m.group(0).lower().startswith(lex.according)] + [
            m for m in cues if m.group(0).lower().startswith(lex.according)
        ]
    for m in cues:
        cue = m.group(0)
        groups = m.groupdict()
        inverted = groups.get("inv") or groups.get("inv2")
        if inverted:
            return inverted, cue  # "a-t-elle déclaré", "dit-il": the pronoun is in the cue
        # The source is named next to its cue: look a bounded stretch either side, so a sentence
        # of many cues costs linear time (a cue's whole prefix, split per cue, is quadratic).
        lo = max(0, m.start() - window)
        if lo:
            lo = outside.find(" ", lo, m.start()) + 1 or m.start()  # never start inside a word
        before = [b.strip() for b in _SEP.split(outside[lo : m.start()])]
        segment = before[-1]
        if not segment or (
            segment[:1].islower()
            and segment.split()[0] not in DROP_LEADING
            and segment.lower() not in PRONOUNS  # "…, he said, …" names "he"
            and not _is_role_phrase(segment, lex, modifiers)
        ):  # "…, port director Jane Roe said"
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
        if not cue.lower().startswith(lex.according) and words:
            content = [w for w in words if w.lower() not in ADVERBS]
            if content and content[-1].lower() in PRONOUNS and len(_noun_phrase_end(words, lex, modifiers)) < 2:
                return content[-1], cue
            np_words = _noun_phrase_end(words, lex, modifiers)
            if np_words:
                return " ".join(np_words).rstrip("."), cue
        after = _SEP.split(outside[m.end() : m.end() + window])[0]
        words = _TOKEN.findall(after)
        if (
            words
            and words[0].lower() in PRONOUNS
            and words[0].lower() != "it"
            and (lex is not EN or not re.match(r"\s*\w+\s+\w", after))
        ):
            # "erklärte er", "dijo él", "…, said he." (in English only at the clause's end: in
            # "says he had …" the pronoun is the subject of what is reported)
            return words[0], cue
        lead: list[str] = []
        loose = 0
        for w in words:
            if (
                _is_cap(w)
                or _bare(w) in ROLE_WORDS
                or (lead and w.lower() in CONNECTORS)
                or (not lead and w.lower() in DROP_LEADING)
            ):
                lead.append(w)
            elif (
                lex is not EN
                and lead
                and lead[-1].lower() in CONNECTORS | DROP_LEADING
                and loose < opts.unlisted_role_words
                and w.isalpha()
                and w.lower() not in lex.function
            ):
                # "afirmou o engenheiro Rui Tavares", "il presidente del club, …": a role noun
                # the word lists lack, or the body a role belongs to.
                loose += 1
                lead.append(w)
            else:
                break
        while lead and lead[-1].lower() in CONNECTORS | DROP_LEADING:
            lead.pop()
        if lex is EN:  # ("said the head of the agency": "head of agency", as PolNeAR is scored)
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
        if 0 < len(words) <= opts.colon_speaker_words and _is_cap(words[0]):
            return " ".join(_noun_phrase_end(words, lex, modifiers)) or None, ":"
    return None, None


_NAME_RUN = re.compile(r"(?:\b[A-Z][\w\-\u2019']+(?:\s+|$)){2,4}")
_ROLE_NP = re.compile(
    r"\b(?:the|a|an)\s+((?:[\w\-]+\s+){{0,3}}(?:{})(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+)*)?)".format(
        "|".join(sorted(ROLE_WORDS - {"source", "sources", "agency", "office"}))
    ),
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
    return {
        fold(w.strip("."))
        for w in _TOKEN.findall(phrase)
        if w.lower() not in CONNECTORS and w.lower() not in DROP_LEADING and len(w) > 1
    }


def same_speaker(a: str | None, b: str | None) -> bool | None:
    """True/False when both are known; ``None`` when either is unknown."""
    if not a or not b:
        return None
    sa, sb = surname(a), surname(b)
    if sa and sb:
        return sa == sb
    return bool(content_words(a) & content_words(b))


def canonical_speakers(phrases: list[str]) -> dict[str, str]:
    """Map each phrase to the form of the same person's name (by family name) the story uses most
    often among its forms of two or more words, the longer on a tie: a phrase met once that only
    ends with the name ("the party of A B" in one article) does not rename every quote of A B."""
    count: dict[str, int] = {}
    for p in phrases:
        count[p] = count.get(p, 0) + 1
    best: dict[str, str] = {}
    for p in count:
        s = surname(p)
        if not s:
            continue
        b = best.get(s)
        if b is None or (len(p.split()) >= 2, count[p], len(p)) > (len(b.split()) >= 2, count[b], len(b)):
            best[s] = p
    return {p: best.get(surname(p) or "", p) for p in phrases}


# --- Languages -------------------------------------------------------------------------------
# Speech verbs, subject pronouns, articles, name particles and role nouns of the languages news
# is most often written in here; general word lists of each language, never phrases of a text.
_ELISION = re.compile(r"^(?:[ldmnst]|dell|dall|all|nell|sull|degl|qu)['\u2019]", re.I)
_FR_VERBS = (
    "déclaré|dit|affirmé|ajouté|expliqué|estimé|souligné|indiqué|assuré|précisé|averti|annoncé|"
    "confié|répondu|lancé|insisté|reconnu|martelé|rappelé|jugé|commenté|écrit|prévenu|admis|"
    "regretté|dénoncé|poursuivi|conclu|observé|noté|relevé|insisté|raconté|témoigné"
)
_FR_PRESENT = (
    "déclare|dit|affirme|ajoute|explique|estime|souligne|indique|assure|précise|avertit|"
    "annonce|confie|répond|lance|reconnaît|martèle|rappelle|juge|commente|écrit|prévient|"
    "admet|regrette|dénonce|poursuit|conclut|observe|note|relève|insiste|raconte|témoigne"
)
_CUES: dict[str, str] = {
    "fr": (
        rf"\ba(?:-t-(?P<inv>il|elle|ils|elles|on))?\s+(?:{_FR_VERBS})\b"
        rf"|\bont\s+(?:{_FR_VERBS})\b"
        rf"|\b(?:{_FR_PRESENT}|déclarait|disait|affirmait|expliquait)(?:-t)?-(?P<inv2>il|elle|ils|elles|on)\b"
        rf"|\b(?:{_FR_PRESENT}|déclarait|disait|affirmait|expliquait|selon|d['\u2019]après)\b"
    ),
    "de": (
        "sagte|sagt|sagten|erklärte|erklärt|erklärten|betonte|betont|meinte|meint|schrieb|schreibt|"
        "warnte|warnt|fügte|fügt|ergänzte|ergänzt|kündigte|kündigt|teilte|teilt|sprach|spricht|"
        "bestätigte|bestätigt|kritisierte|kritisiert|forderte|fordert|versicherte|versichert|"
        "antwortete|antwortet|berichtete|berichtet|unterstrich|räumte|mahnte|mahnt|hieß es|"
        "zitiert|äußerte|äußert|erläuterte|erläutert|beklagte|beklagt|verkündete|laut|zufolge"
    ),
    "es": (
        "dijo|dice|dicen|dijeron|afirmó|afirma|declaró|declara|señaló|señala|explicó|explica|añadió|"
        "añade|aseguró|asegura|indicó|indica|manifestó|subrayó|advirtió|destacó|sostuvo|agregó|"
        "apuntó|reconoció|insistió|comentó|respondió|precisó|anunció|recalcó|admitió|escribió|"
        "ha dicho|ha afirmado|ha declarado|ha señalado|ha explicado|ha asegurado|según"
    ),
    "pt": (
        "disse|diz|disseram|afirmou|afirma|declarou|declara|explicou|explica|acrescentou|garantiu|"
        "sublinhou|referiu|salientou|adiantou|considerou|defendeu|admitiu|frisou|ressaltou|"
        "destacou|avisou|alertou|reconheceu|respondeu|anunciou|escreveu|segundo|de acordo com"
    ),
    "it": (
        "ha detto|ha dichiarato|ha affermato|ha spiegato|ha aggiunto|ha sottolineato|ha commentato|"
        "ha assicurato|ha ribadito|ha precisato|ha annunciato|ha osservato|ha risposto|ha scritto|"
        "ha ammesso|ha avvertito|ha concluso|hanno detto|hanno dichiarato|dice|afferma|dichiara|"
        "spiega|aggiunge|sottolinea|disse|dichiarò|affermò|spiegò|aggiunse|secondo"
    ),
    "nl": (
        "zei|zegt|zeiden|verklaarde|verklaart|aldus|volgens|stelde|stelt|voegde|liet weten|laat weten|"
        "meldde|meldt|schreef|schrijft|benadrukte|benadrukt|waarschuwde|waarschuwt|legde uit|"
        "antwoordde|vertelde|vertelt|reageerde|erkende|beloofde|zo zegt"
    ),
    "tr": (
        "dedi|demişti|diyor|diye konuştu|söyledi|söylüyor|açıkladı|ifadelerini kullandı|belirtti|"
        "ekledi|vurguladı|kaydetti|bildirdi|ifade etti|yazdı|sözlerine ekledi|göre"
    ),
    "pl": (
        "powiedział|powiedziała|powiedzieli|mówi|mówił|mówiła|stwierdził|stwierdziła|oświadczył|"
        "oświadczyła|dodał|dodała|podkreślił|podkreśliła|zaznaczył|zaznaczyła|przyznał|przyznała|"
        "wyjaśnił|wyjaśniła|ocenił|oceniła|napisał|napisała|poinformował|poinformowała|ostrzegł|"
        "ostrzegła|przekonywał|przekonywała|według|zdaniem"
    ),
}
_ACCORDING = (
    "according to",
    "selon",
    "d'après",
    "d\u2019après",
    "laut",
    "según",
    "segundo",
    "de acordo com",
    "secondo",
    "volgens",
    "według",
    "zdaniem",
)
_PRONOUNS: dict[str, set[str]] = {
    "fr": {"il", "elle", "ils", "elles", "on"},
    "de": {"er", "sie"},
    "es": {"él", "ella", "ellos", "ellas"},
    "pt": {"ele", "ela", "eles", "elas"},
    "it": {"lui", "lei", "loro"},
    "nl": {"hij", "zij", "ze"},
    "tr": {"o"},
    "pl": {"on", "ona", "oni"},
}
MALE_PRONOUNS = {"he", "il", "er", "él", "ele", "lui", "hij", "on"}
FEMALE_PRONOUNS = {"she", "elle", "ella", "ela", "lei", "zij", "ona"}
_DROP: dict[str, set[str]] = {
    "fr": {"le", "la", "les", "un", "une", "du", "des", "et"},
    "de": {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "und"},
    "es": {"el", "la", "los", "las", "un", "una", "y"},
    "pt": {"o", "a", "os", "as", "um", "uma", "e"},
    "it": {"il", "lo", "la", "i", "gli", "le", "un", "una", "e"},
    "nl": {"de", "het", "een", "en"},
    "tr": {"ve"},
    "pl": {"i"},
}
NAME_PARTICLES = {
    "de",
    "van",
    "von",
    "der",
    "den",
    "del",
    "della",
    "di",
    "da",
    "do",
    "dos",
    "das",
    "du",
    "la",
    "le",
    "y",
    "ter",
    "ten",
    "zu",
    "bin",
    "al",
    "el",
    "ben",
    "mac",
    "st.",
}
# Role nouns (a person's function) in the languages above; German ones are capitalised in text.
_ROLES_INTL = {
    # fr
    "ministre",
    "président",
    "présidente",
    "porte-parole",
    "maire",
    "juge",
    "avocat",
    "avocate",
    "directeur",
    "directrice",
    "entraîneur",
    "sélectionneur",
    "procureur",
    "procureure",
    "député",
    "députée",
    "sénateur",
    "sénatrice",
    "chef",
    "dirigeant",
    "dirigeante",
    "responsable",
    "expert",
    "experte",
    "analyste",
    "professeur",
    "professeure",
    "secrétaire",
    "patron",
    "patronne",
    "préfet",
    "commissaire",
    "économiste",
    "chercheur",
    "chercheuse",
    "politologue",
    # de
    "minister",
    "ministerin",
    "präsident",
    "präsidentin",
    "sprecher",
    "sprecherin",
    "bürgermeister",
    "bürgermeisterin",
    "richter",
    "richterin",
    "vorsitzende",
    "vorsitzender",
    "anwalt",
    "anwältin",
    "rechtsanwalt",
    "rechtsanwältin",
    "trainer",
    "trainerin",
    "direktor",
    "direktorin",
    "kanzler",
    "kanzlerin",
    "chefin",
    "geschäftsführer",
    "geschäftsführerin",
    "expertin",
    "professorin",
    "staatsanwalt",
    "staatsanwältin",
    "abgeordnete",
    "abgeordneter",
    "politologe",
    "politologin",
    "analyst",
    "analystin",
    "leiter",
    "leiterin",
    "sportdirektor",
    "vorstand",
    "vorstandschef",
    "klubchef",
    "vereinschef",
    "stadtrat",
    "polizeisprecher",
    "firmensprecher",
    # es / pt / it
    "ministro",
    "ministra",
    "presidente",
    "presidenta",
    "portavoz",
    "alcalde",
    "alcaldesa",
    "juez",
    "jueza",
    "abogado",
    "abogada",
    "director",
    "directora",
    "entrenador",
    "entrenadora",
    "fiscal",
    "diputado",
    "diputada",
    "senador",
    "senadora",
    "jefe",
    "jefa",
    "experto",
    "experta",
    "analista",
    "profesor",
    "profesora",
    "secretario",
    "secretaria",
    "politólogo",
    "politóloga",
    "economista",
    "portavoce",
    "sindaco",
    "giudice",
    "avvocato",
    "avvocata",
    "direttore",
    "direttrice",
    "allenatore",
    "procuratore",
    "deputato",
    "deputata",
    "senatore",
    "capo",
    "esperto",
    "esperta",
    "professore",
    "professoressa",
    "segretario",
    "prefeito",
    "prefeita",
    "advogado",
    "advogada",
    "diretor",
    "diretora",
    "treinador",
    "porta-voz",
    "juiz",
    "juíza",
    "deputado",
    "técnico",
    "presidentessa",
    "ds",
    "dirigente",
    # nl
    "woordvoerder",
    "woordvoerster",
    "burgemeester",
    "rechter",
    "advocaat",
    "voorzitter",
    "premier",
    "deskundige",
    "hoogleraar",
    "topman",
    "topvrouw",
    "officier",
    # tr
    "başkanı",
    "başkan",
    "sözcüsü",
    "bakanı",
    "bakan",
    "müdürü",
    "direktörü",
    "direktör",
    "avukatı",
    "avukat",
    "hakim",
    "hakimi",
    "antrenörü",
    "teknik",
    "uzmanı",
    "sözcü",
    "yöneticisi",
    "kaptanı",
    # pl
    "prezes",
    "prezydent",
    "rzecznik",
    "rzeczniczka",
    "burmistrz",
    "sędzia",
    "adwokat",
    "dyrektor",
    "dyrektorka",
    "trener",
    "prokurator",
    "poseł",
    "posłanka",
    "ekspert",
    "ekspertka",
    "szef",
    "szefowa",
    "analityk",
}
# A role word naming a woman / a man (titles included): the gender a pronoun must agree with.
FEMALE_ROLES = {
    "mrs",
    "ms",
    "miss",
    "madam",
    "lady",
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "businesswoman",
    "mme",
    "madame",
    "mlle",
    "frau",
    "sra",
    "señora",
    "doña",
    "sig.ra",
    "signora",
    "pani",
    "mevrouw",
    "mevr",
    "présidente",
    "avocate",
    "directrice",
    "députée",
    "sénatrice",
    "chercheuse",
    "patronne",
    "experte",
    "ministerin",
    "präsidentin",
    "sprecherin",
    "bürgermeisterin",
    "richterin",
    "anwältin",
    "rechtsanwältin",
    "trainerin",
    "direktorin",
    "kanzlerin",
    "chefin",
    "geschäftsführerin",
    "expertin",
    "professorin",
    "staatsanwältin",
    "politologin",
    "analystin",
    "leiterin",
    "ministra",
    "presidenta",
    "alcaldesa",
    "jueza",
    "abogada",
    "directora",
    "entrenadora",
    "diputada",
    "senadora",
    "jefa",
    "experta",
    "profesora",
    "politóloga",
    "avvocata",
    "direttrice",
    "deputata",
    "esperta",
    "professoressa",
    "presidentessa",
    "prefeita",
    "advogada",
    "diretora",
    "juíza",
    "woordvoerster",
    "topvrouw",
    "rzeczniczka",
    "dyrektorka",
    "posłanka",
    "ekspertka",
    "szefowa",
    "queen",
    "princess",
    "actress",
    "widow",
    "mother",
    "daughter",
}
MALE_ROLES = {
    "mr",
    "sir",
    "lord",
    "spokesman",
    "chairman",
    "congressman",
    "businessman",
    "m",
    "monsieur",
    "herr",
    "sr",
    "señor",
    "don",
    "sig",
    "signor",
    "signore",
    "pan",
    "meneer",
    "dhr",
    "king",
    "prince",
    "father",
    "son",
    "husband",
    "bay",
}
TITLES = (
    FEMALE_ROLES
    | MALE_ROLES
    | {
        "dr",
        "prof",
        "rep",
        "sen",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "pres",
        "mgr",
        "ing",
        "mag",
        "st",
    }
)
# Words that make a capitalised run an organisation rather than a person.
ORG_WORDS = {
    "inc",
    "corp",
    "corporation",
    "ltd",
    "llc",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "spa",
    "bv",
    "nv",
    "as",
    "ab",
    "oy",
    "co",
    "company",
    "group",
    "groupe",
    "gruppe",
    "grupo",
    "gruppo",
    "holdings",
    "systems",
    "technologies",
    "alliance",
    "party",
    "partei",
    "partido",
    "partito",
    "parti",
    "union",
    "unión",
    "unione",
    "council",
    "court",
    "gericht",
    "ministry",
    "ministerium",
    "ministerio",
    "ministère",
    "agency",
    "agentur",
    "agencia",
    "agence",
    "university",
    "universität",
    "universidad",
    "université",
    "università",
    "universidade",
    "universiteit",
    "bank",
    "banco",
    "banque",
    "club",
    "fc",
    "cf",
    "sc",
    "ac",
    "united",
    "association",
    "verband",
    "asociación",
    "institute",
    "institut",
    "instituto",
    "istituto",
    "commission",
    "kommission",
    "comisión",
    "committee",
    "foundation",
    "stiftung",
    "fundación",
    "federation",
    "föderation",
    "network",
    "news",
    "times",
    "post",
    "press",
    "media",
    "tv",
    "radio",
    "airlines",
    "motors",
    "energy",
    "police",
    "polizei",
    "policía",
    "department",
    "office",
    "authority",
    "behörde",
    "board",
    "senate",
    "parliament",
    "congress",
    "assembly",
    "army",
    "navy",
    "bureau",
    "service",
    "services",
    "center",
    "centre",
    "zentrum",
    "centro",
    "hospital",
    "klinik",
    "school",
    "college",
    "league",
    "liga",
    "federación",
    "kulübü",
    "partisi",
    "bakanlığı",
    "üniversitesi",
    "spółka",
    "partia",
    "sąd",
    "ministerstwo",
    "rząd",
    "government",
    "regierung",
    "gobierno",
    "gouvernement",
    "governo",
    "regering",
    "hükümeti",
}
# A role phrase naming a body ("the company", "la empresa"): resolved to the nearest organisation.
ORG_ROLES = {
    "company",
    "firm",
    "club",
    "group",
    "manufacturer",
    "maker",
    "retailer",
    "carrier",
    "airline",
    "bank",
    "court",
    "ministry",
    "agency",
    "government",
    "party",
    "team",
    "council",
    "regulator",
    "authority",
    "department",
    "office",
    "organisation",
    "organization",
    "union",
    "administration",
    "commission",
    "unternehmen",
    "firma",
    "konzern",
    "hersteller",
    "verein",
    "klub",
    "gericht",
    "ministerium",
    "regierung",
    "partei",
    "behörde",
    "société",
    "entreprise",
    "groupe",
    "fabricant",
    "tribunal",
    "gouvernement",
    "ministère",
    "parti",
    "empresa",
    "compañía",
    "fabricante",
    "gobierno",
    "ministerio",
    "partido",
    "governo",
    "società",
    "azienda",
    "squadra",
    "bedrijf",
    "fabrikant",
    "regering",
    "rechtbank",
    "şirket",
    "şirketi",
    "kulüp",
    "kulübü",
    "spółka",
    "rząd",
}
# jusText's stop lists (shipped with trafilatura) by ISO code, for sentence-initial words.
_JUSTEXT_NAMES = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "tr": "Turkish",
    "pl": "Polish",
}


@dataclass(frozen=True)
class Lexicon:
    """The word sets speaker finding uses for one language (always with the English ones)."""

    cue: re.Pattern
    roles: frozenset[str]
    connectors: frozenset[str]
    drop: frozenset[str]
    pronouns: frozenset[str]
    adverbs: frozenset[str]
    function: frozenset[str]
    according: tuple[str, ...]


@lru_cache(maxsize=32)
def lexicon(lang: str | None) -> Lexicon:
    extra = _CUES.get(lang or "")
    # French forms carry their own word boundaries (and the inverted pronoun as a group).
    cue = (
        _CUE
        if extra is None
        else re.compile(
            rf"{_CUE.pattern}|(?:{extra})(?!\w)"
            if extra.startswith(r"\b")
            else rf"{_CUE.pattern}|\b(?:{extra})\b"
        )
    )
    if lang in (None, "en") or extra is None:
        return EN
    return Lexicon(
        cue=cue,
        roles=frozenset(ROLE_WORDS | _ROLES_INTL),
        connectors=frozenset(
            CONNECTORS
            | NAME_PARTICLES
            | _DROP.get(lang, set())
            - {"y", "e", "i", "ve", "und", "et", "en", "la", "le", "el", "a", "o", "as", "os"}
        ),
        drop=frozenset(DROP_LEADING | _DROP.get(lang, set())),
        pronouns=frozenset(PRONOUNS | _PRONOUNS.get(lang, set())),
        adverbs=frozenset(ADVERBS),
        function=frozenset(FUNCTION_WORDS),
        according=_ACCORDING,
    )


EN = Lexicon(
    cue=_CUE,
    roles=frozenset(ROLE_WORDS),
    connectors=frozenset(CONNECTORS),
    drop=frozenset(DROP_LEADING),
    pronouns=frozenset(PRONOUNS),
    adverbs=frozenset(ADVERBS),
    function=frozenset(FUNCTION_WORDS),
    according=("according to",),
)


# --- Names and resolution ---------------------------------------------------------------------
# A reader needs the person: a pronoun ("he", "sie"), a role ("the minister", "la empresa") or a
# bare family name is resolved to the nearest compatible full name earlier in the article.
_WORD_AT = re.compile(r"[^\W\d_][\w\u2019'\-]*")
_MONTHS_DAYS = MONTH_NAMES | WEEKDAYS


@lru_cache(maxsize=16)
def _stopwords(lang: str | None) -> frozenset[str]:
    words = {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "in",
        "on",
        "at",
        "but",
        "and",
        "for",
        "if",
        "when",
        "as",
        "after",
        "before",
        "while",
        "it",
        "he",
        "she",
        "we",
        "they",
        "i",
        "his",
        "her",
        "their",
        "our",
        "its",
        "there",
        "here",
        "then",
        "so",
        "yet",
        "also",
        "what",
        "why",
    }
    name = _JUSTEXT_NAMES.get(lang or "en")
    if name:
        try:
            import justext

            words |= {w.lower() for w in justext.get_stoplist(name)}
        except Exception:  # justext missing or without that list: the short list above
            pass
    words |= set(_DROP.get(lang or "", set())) | set(_PRONOUNS.get(lang or "", set()))
    return frozenset(words)


@dataclass
class Named:
    """One name in the text: its span, the name (titles and roles stripped), what it names."""

    start: int
    end: int
    name: str
    kind: str  # "person" (two or more words), "org", or "one" (a single word: a family name or a body)
    gender: str | None = None
    roles: frozenset[str] = frozenset()
    sentence: int = 0
    after_particle: bool = False  # "of Acme", "del club", "Acme's": a modifier, not the speaker


class NameIndex:
    """The names of one article outside its quotations, in text order, with the roles and gender
    the text gives them; built in one pass (linear in the article's length). ``opts``: how many
    names are indexed and how far back a pronoun looks (``FactsOptions.speaker_*``)."""

    def __init__(
        self,
        text: str,
        lang: str | None = None,
        quoted: list[tuple[int, int]] | None = None,
        sentence_starts: list[int] | None = None,
        opts: FactsOptions | None = None,
    ) -> None:
        opts = opts or FactsOptions()
        self.lookback = opts.speaker_lookback_sentences
        max_names = opts.speaker_max_names
        self.text, self.lang = text, lang
        self.lex = lexicon(lang)
        self.starts = sentence_starts or [0]
        self.names: list[Named] = []
        self.full: dict[str, list[Named]] = {}  # family name -> the full names ending with it
        stop = _stopwords(lang)
        qs = quoted or []
        q_starts = [s for s, _ in qs]

        def in_quote(pos: int) -> bool:
            k = bisect.bisect_right(q_starts, pos) - 1
            return k >= 0 and pos < qs[k][1]

        run: list[re.Match] = []
        for m in _WORD_AT.finditer(text):
            if len(self.names) >= max_names:
                break
            w = m.group(0)
            joined = (
                bool(run)
                and text[run[-1].end() : m.start()] in (" ", ". ", "\u00a0")
                and (text[run[-1].end() : m.start()] != ". " or _abbrev(run[-1].group(0)))
            )
            if joined and (_is_cap(w) or (w.lower() in NAME_PARTICLES and not w.isupper())):
                run.append(m)
                continue
            self._add(run, stop, in_quote)
            run = [m] if _is_cap(w) else []
        self._add(run, stop, in_quote)
        self.name_starts = [n.start for n in self.names]
        for n in self.names:
            if n.kind == "person":
                self.full.setdefault(fold(n.name.split()[-1]).lower(), []).append(n)

    def _sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def _add(self, run: list[re.Match], stop: frozenset[str], in_quote) -> None:
        # "Clara Vidal's National Union": a possessive ends one name and starts another.
        for k, m in enumerate(run[:-1]):
            if re.search(r"['\u2019]s$", m.group(0)):
                self._add(run[: k + 1], stop, in_quote)
                self._add(run[k + 1 :], stop, in_quote)
                return
        while run and run[-1].group(0).lower() in NAME_PARTICLES:
            run = run[:-1]
        if not run or in_quote(run[0].start()):
            return
        roles: set[str] = set()
        words = [re.sub(r"['\u2019]s$", "", m.group(0)) for m in run]
        here = self._sentence(run[0].start())
        opens = not self.text[self.starts[max(here, 0)] : run[0].start()].strip(
            " \t\n\"'\u201c\u201e\u00ab\u00bb\u2018(-\u2013\u2014"
        )
        small = self.lex.drop | self.lex.function | self.lex.pronouns
        k = 0
        # Frequent words (jusText's lists hold some first names too) are dropped only where the
        # sentence's first word is capitalised by position; elsewhere a capital means a name.
        while k < len(words) and (
            _bare(words[k]) in self.lex.roles
            or _bare(words[k]) in TITLES
            or words[k].lower() in small
            or (k == 0 and opens and words[k].lower() in stop)
            or words[k].lower() in NAME_PARTICLES
            or _bare(words[k]) in _MONTHS_DAYS
        ):
            if words[k].lower() not in stop and words[k].lower() not in small:
                roles.add(_bare(words[k]))
            k += 1
        for j in range(len(words) - 2, k - 1, -1):
            if _bare(words[j]) in self.lex.roles or _bare(words[j]).rstrip(".") in TITLES:
                # "Springfield Mayor Jane Roe": the name follows its last role word.
                roles.update(
                    _bare(w) for w in words[k : j + 1] if _bare(w) in self.lex.roles or _bare(w) in TITLES
                )
                k = j + 1
                break
        while len(words) > k and _bare(words[-1]) in self.lex.roles and _bare(words[-1]) not in ORG_WORDS:
            roles.add(_bare(words[-1]))  # "Falk Trainer": a role after the name (rare) is no name
            words, run = words[:-1], run[:-1]
        if k >= len(words):
            return
        start, end = run[k].start(), run[-1].end()
        owner = bool(re.search(r"['\u2019]s$", self.text[start:end]))  # "Roe's agent": no subject
        name = re.sub(r"['\u2019]s$", "", self.text[start:end])
        if self.lang == "tr":
            name = re.sub(r"['\u2019]\w{1,5}$", "", name)  # Turkish case endings: "Roe'yu", "Smith'e"
        end = start + len(name)
        parts = name.split()
        lows = {_bare(p) for p in parts}
        here = self._sentence(start)
        initial = not self.text[self.starts[max(here, 0)] : start].strip(
            " \t\n\"'\u201c\u201e\u00ab\u00bb\u2018(-\u2013\u2014"
        )
        if lows & ORG_WORDS or (name.isupper() and len(name) >= 2):
            kind = "org"  # an organisation word, an acronym, or a dateline in capitals
        elif len(parts) >= 2:
            kind = "person"
        else:
            kind = "one"
            if k == 0 and (initial or self.lang == "de"):
                # A lone capitalised word opening a sentence (or any German noun) is a name only
                # where the text names it in full elsewhere: checked when it is looked up.
                kind = "initial"
        # Roles the words before the name give it ("mayor Anna Berg", "la presidenta de la
        # comisión, Rosa Ibarra") and an apposition after it ("Ann Lee, the city's mayor,").
        before = self.text[max(0, start - 80) : start]
        before = re.split(r"[.;:!?\n\u2026\"\u201c\u201d\u00ab\u00bb]", before)[-1]
        for w in _TOKEN.findall(before)[-6:]:
            if _bare(w) in self.lex.roles or _bare(w) in TITLES:
                roles.add(_bare(w))
        after = self.text[end : end + 80]
        if after.startswith(","):
            for w in _TOKEN.findall(re.split(r"[.;:!?\n\u2026\"\u201c\u201d\u00ab\u00bb]|,", after[1:])[0])[
                :8
            ]:
                if _bare(w) in self.lex.roles:
                    roles.add(_bare(w))
        gender = "f" if roles & FEMALE_ROLES else "m" if roles & MALE_ROLES else None
        for w in self.text[end : end + 60].split()[:4]:
            # "White House national security spokesperson …", "Acme spokeswoman …": the name
            # modifies a role, whose holder is the subject.
            if (
                not w[:1].islower()
                or w.lower() in self.lex.function
                or w.lower() in self.lex.drop
                or (self.lex.cue.match(w))
            ):
                break  # a verb or a function word: the name is the subject of its own clause
            if _bare(w.strip(",.;:")) in self.lex.roles:
                owner = True
                break
        prev = self.text[max(0, run[0].start() - 12) : run[0].start()].split()
        self.names.append(
            Named(
                start,
                end,
                name,
                kind,
                gender,
                frozenset(roles),
                here,
                owner
                or (bool(prev) and _bare(prev[-1]) in _PREPOSITIONS)
                or (len(prev) > 1 and prev[-1].lower() in self.lex.drop and _bare(prev[-2]) in _PREPOSITIONS),
            )
        )  # "of the Virgin Islands"

    # -- lookups --
    def expand(self, name: str, pos: int) -> tuple[str, str | None] | None:
        """(full name, gender) for a name as written: a family name becomes the nearest full name
        ending with it (before ``pos``, else after); ``None`` when a lone word names nothing known."""
        key = fold(name.split()[-1]).lower() if name.split() else ""
        fulls = self.full.get(key, [])
        if len(name.split()) == 1 and fulls:
            before = [n for n in fulls if n.start < pos]
            best = before[-1] if before else fulls[0]
            genders = {n.gender for n in fulls if n.gender}
            return best.name, (genders.pop() if len(genders) == 1 else None)
        genders = {n.gender for n in fulls if n.gender and n.name == name}
        return name, (genders.pop() if len(genders) == 1 else None)

    def _gender(self, n: Named) -> str | None:
        if n.gender:
            return n.gender
        key = fold(n.name.split()[-1]).lower()
        genders = {m.gender for m in self.full.get(key, []) if m.gender}
        return genders.pop() if len(genders) == 1 else None

    def _usable(self, n: Named, kinds: set[str]) -> Named | None:
        if (
            n.kind == "initial"
            and "org" in kinds
            and self.lang != "de"
            and n.name.lower() not in self.lex.roles
        ):
            return n  # "Zipsy, which …, said": a body opening its sentence (German nouns all look so)
        if n.kind == "initial" or (n.kind == "one" and "one" not in kinds):
            key = fold(n.name).lower()
            if key in self.full:  # a family name the text gives in full: a person
                return self.full[key][0] if n.kind == "initial" else n
            return None
        return n if n.kind in kinds else None

    def nearest(
        self,
        pos: int,
        gender: str | None = None,
        kinds: frozenset[str] = frozenset({"person", "one"}),
        role: str | None = None,
    ) -> str | None:
        """The name a pronoun, a role or a dropped subject at ``pos`` stands for: in the sentence up
        to ``pos`` the nearest, in earlier sentences the first of each (the subject), going back."""
        k = bisect.bisect_left(self.name_starts, pos)  # names are in text order
        here = self._sentence(pos)
        best_by_sentence: dict[int, Named] = {}
        for i in range(k - 1, -1, -1):
            n = self.names[i]
            if n.end > pos:
                continue
            if here - n.sentence > self.lookback:
                break
            if n.after_particle and role is None:
                continue
            u = self._usable(n, set(kinds))
            if u is None:
                continue
            if gender and self._gender(u) not in (None, gender):
                continue
            if (
                role is not None
                and role not in n.roles
                and not (
                    role in self.lex.roles
                    and any(role in m.roles for m in self.full.get(fold(u.name.split()[-1]).lower(), []))
                )
            ):
                continue
            if n.sentence == here:
                return self._display(u, pos)
            best_by_sentence[n.sentence] = u  # walking back: ends as the sentence's first name
        for s in sorted(best_by_sentence, reverse=True):
            return self._display(best_by_sentence[s], pos)
        return None

    def _display(self, n: Named, pos: int) -> str:
        full = self.expand(n.name, pos) if n.kind != "org" else None
        return full[0] if full else n.name

    def names_in(self, start: int, end: int) -> list[Named]:
        k = bisect.bisect_left(self.name_starts, start)
        out = []
        while k < len(self.names) and self.names[k].start < end:
            if self.names[k].end <= end:
                out.append(self.names[k])
            k += 1
        return out


# A name right after one of these is a place, an employer or an object ("at City Hall", "of Acme",
# "del club"), not the subject a pronoun or a dropped subject refers to.
_PREPOSITIONS = {
    "of",
    "for",
    "at",
    "from",
    "in",
    "on",
    "to",
    "near",
    "into",
    "by",
    "de",
    "del",
    "della",
    "dello",
    "du",
    "des",
    "von",
    "van",
    "da",
    "do",
    "dos",
    "das",
    "di",
    "der",
    "den",
    "dem",
    "à",
    "au",
    "aux",
    "en",
    "dans",
    "chez",
    "sur",
    "im",
    "bei",
    "nach",
    "aus",
    "zum",
    "zur",
    "vom",
    "beim",
    "a",
    "em",
    "no",
    "na",
    "nos",
    "nas",
    "nel",
    "nella",
    "al",
    "alla",
    "dal",
    "dalla",
    "op",
    "bij",
    "naar",
    "uit",
    "w",
    "we",
    "z",
    "ze",
    "dla",
    "przez",
    "pod",
    "u",
    "con",
    "per",
    "para",
    "por",
    "avec",
    "mit",
}


def _abbrev(word: str) -> bool:
    """A word a dot follows inside a name: an initial ("J.") or a title ("Mr.", "Dr.")."""
    return len(word) <= 2 or word.lower() in TITLES


def resolve_speaker(index: NameIndex, mention: str | None, start: int | None, pos: int) -> str | None:
    """The name of the speaker a mention as written (at ``start``; the quote at ``pos``) stands for.

    A pronoun goes to the nearest compatible name before it, a role to the nearest name the text
    gave that role (an organisation word such as "the company" to the nearest organisation), a
    family name to its full form; a name as written is kept with its titles and roles removed. A
    role nobody is named for stays as written; an unresolvable pronoun gives ``None``."""
    if not mention:
        return None
    where = start if start is not None else pos
    low = mention.strip().lower()
    lex = index.lex
    if low in lex.pronouns:
        if low in ("it", "they", "ils", "elles", "ellos", "ellas", "eles", "elas", "loro", "oni", "we"):
            return index.nearest(where, None, frozenset({"org", "one"})) or (
                None if low == "it" else index.nearest(where, None)
            )
        gender = "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else None
        return index.nearest(where, gender)
    inside = index.names_in(start, start + len(mention)) if start is not None else []
    head_words = _TOKEN.findall(_clean_role(mention))
    if inside and head_words and head_words[-1][:1].islower():
        # "the New York businessman", "Gary Johnson's doctor": the names modify a role noun, and
        # the speaker is whoever holds that role.
        inside = []
    if not inside:
        # A mention not at its place in the text (a phrase carried over): its words as a name.
        words = [
            w
            for w in _TOKEN.findall(mention)
            if _is_cap(w)
            and _bare(w) not in lex.roles
            and _bare(w) not in TITLES
            and w.lower() not in _stopwords(index.lang)
        ]
        if words:
            name = " ".join(words)
            return index.expand(name, where)[0] if len(words) == 1 else name
    if inside:
        people = [n for n in inside if n.kind == "person" and not n.after_particle] or [
            n
            for n in inside
            if n.kind in ("one", "initial")
            and not n.after_particle
            and not _TOKEN.match(mention, n.end - start + 1)  # "Acme spokeswoman …": an employer
            or n.kind in ("one", "initial")
            and n.end - start == len(mention)
        ]
        pick = people[0] if people else next((n for n in inside if not n.after_particle), inside[0])
        if pick.kind == "org" or (pick.after_particle and not people):
            # "a spokeswoman for Acme": the body speaks through an unnamed person.
            role_words = [w for w in _TOKEN.findall(mention[: pick.start - start]) if _bare(w) in lex.roles]
            if role_words and _bare(role_words[-1]) not in ORG_ROLES:
                named = index.nearest(where, None, frozenset({"person", "one"}), role=_bare(role_words[-1]))
                return named or _clean_role(mention)
            return pick.name
        return index.expand(pick.name, where)[0]
    head = _bare(head_words[-1]) if head_words else ""
    if head not in lex.roles and head not in ORG_ROLES:
        return _clean_role(mention)
    if head in ORG_ROLES and head not in ROLE_WORDS - INSTITUTION_ROLES:
        return index.nearest(where, None, frozenset({"org", "one"})) or _clean_role(mention)
    gender = "f" if head in FEMALE_ROLES else "m" if head in MALE_ROLES else None
    return index.nearest(where, gender, frozenset({"person", "one"}), role=head) or _clean_role(mention)


def _clean_role(mention: str) -> str:
    """A role phrase as a speaker: without its article or apposition ("the mayor" -> "mayor")."""
    head = re.split(r",|\s\(|\s(?:who|which|whose|that)\s|\s[\u2013\u2014]\s", mention, maxsplit=1)[0].strip()
    words = head.split()
    while words and (words[0].lower() in DROP_LEADING or any(words[0].lower() in d for d in _DROP.values())):
        words.pop(0)
    return " ".join(words) or mention
