"""Language- and site-independent signals of page furniture, one feature vector per line.

Guarantee: :func:`line_features` reads only the line's shape (length, end punctuation, separators,
capitals, symbols, links, times), its stop-word density in the article's language (jusText's
stoplists, ~100 languages), a multilingual lexicon of call-to-action *stems* (the imperative
vocabulary of page furniture: subscribe, share, follow, donate, listen, comment...), the reader- or
outlet-addressing pronouns outside quotations, and the line's place among the article's lines (head
or tail run, an island between paragraphs, glued to a neighbour). It names no outlet, person or
phrase of any page; the outlet's and author's names come from the article's own metadata.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# MAX_MODEL_WORDS: the lines the model is fitted on (eval/furniture.py reads it here)
from storytrace.clean.options import MAX_MODEL_WORDS as MAX_MODEL_WORDS
from storytrace.clean.options import TeaserOptions
from storytrace.text.language import detect_language

# ISO 639-1 -> jusText stoplist name (the languages jusText ships; others have no stop words).
_STOPLIST_NAMES = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "hy": "Armenian", "az": "Azerbaijani", "eu": "Basque",
    "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton", "bg": "Bulgarian", "ca": "Catalan",
    "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch", "en": "English", "eo": "Esperanto",
    "et": "Estonian", "fi": "Finnish", "fr": "French", "gl": "Galician", "ka": "Georgian", "de": "German",
    "el": "Greek", "gu": "Gujarati", "ht": "Haitian", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "is": "Icelandic", "id": "Indonesian", "ga": "Irish", "it": "Italian", "jv": "Javanese", "kn": "Kannada",
    "kk": "Kazakh", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lv": "Latvian",
    "lt": "Lithuanian", "lb": "Luxembourgish", "mk": "Macedonian", "ms": "Malay", "ml": "Malayalam",
    "mt": "Maltese", "mr": "Marathi", "ne": "Nepali", "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal",
    "nn": "Norwegian_Nynorsk", "oc": "Occitan", "fa": "Persian", "pl": "Polish", "pt": "Portuguese",
    "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "sh": "Serbo_Croatian",
    "sk": "Slovak", "sl": "Slovenian", "es": "Spanish", "su": "Sundanese", "sw": "Swahili", "sv": "Swedish",
    "tl": "Tagalog", "ta": "Tamil", "te": "Telugu", "tr": "Turkish", "tk": "Turkmen", "uk": "Ukrainian",
    "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "cy": "Welsh", "fy": "West_Frisian", "yo": "Yoruba",
}  # fmt: skip
# Long stoplists (Polish, Turkish, Hungarian: 3,000+ words) hold content words too; the most
# frequent few hundred are the function words that tell prose from a label.
_MAX_STOP_WORDS = 400


@lru_cache(maxsize=128)
def stop_words(lang: str | None) -> frozenset[str]:
    """Stop words of an ISO 639-1 language (jusText's list, its first words); empty when unknown."""
    name = _STOPLIST_NAMES.get((lang or "").lower()[:2])
    if not name:
        return frozenset()
    try:
        import justext
    except ImportError:  # a trafilatura dependency; without it the stop-word signal is off
        return frozenset()
    try:
        words = list(justext.get_stoplist(name))
    except ValueError:
        return frozenset()
    # get_stoplist returns a frozenset: read the file order (most frequent first) where it can
    from pathlib import Path

    path = Path(justext.__file__).parent / "stoplists" / f"{name}.txt"
    if path.is_file():
        words = [w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()]
    return frozenset(words[:_MAX_STOP_WORDS])


# Call-to-action vocabulary: word stems (``*``: the word opens with it) and whole words, casefolded.
# Families: subscribe / newsletter / membership, share, follow, donate / support, listen / watch,
# read more / related, comment / discuss, log in / register, download / app, cookies / consent,
# contact / tips, notifications, advertising -- in many languages. None is a phrase of a page; a
# body sentence can hold one (it is one weighted signal among many, never a rule on its own).
_CTA_LEXICON = """
subscri* abonn* abone* abonu* abonam* suscri* iscriv* assine assina prenumer* předplat* predplat*
newsletter* nieuwsbrief* bülten* boletín* infolettre* uutiskirje* nyhetsbrev* biuletyn* paywall
reader-funded
share partager partagez teilen teile compartir comparte compartilhe compartilhar condividi partilhar
partilhe udostępnij podziel paylaş paylas sdílet sdílejte dela whatsapp facebook
twitter linkedin telegram instagram tiktok youtube
follow suivez suivre folgen folge síguenos seguici seguí volg volgen obserwuj takip følg
följ sledujte
donate donating donation* spenden spende wesprzyj wspieraj wspomóż bağış doneer doneren soutenez
soutenir apoya apoie sostieni steun support unterstützen
listen écouter écoutez hören anhören escucha escuchar ascolta ascoltare ouvir oiça luister słuchaj
posłuchaj dinle dinleyin lyssna watch regarder regardez ansehen anschauen assista assistir bekijk
obejrzyj oglądaj izle izleyin podcast* livestream* liveblog* live-blog*
related lire lisez lesen leer leggi leia lees czytaj przeczytaj läs læs přečtěte ilgili benzer
relacionad* correlat* gerelateerd* powiązan* zobacz siehe vedi veja zie trending
comment comments commentaire* commenter commentez kommentar* kommentieren comentario* comentarios comentar
comente commenta commentare commenti reageer reacties komentarz* skomentuj yorum* discussion
login log-in anmelden registrieren registrati registrar registrarse inscrivez-vous
connectez-vous accedi entrar inloggen zaloguj giriş logga
download télécharger téléchargez herunterladen descarga descargar descarga scarica baixe pobierz
indir ladda app apps
cookie* çerez* ciasteczk* privacy datenschutz privacidad prywatności gizlilik akzeptieren accepter
aceptar accetta accetto aceitar akceptuj kabul
contact kontakt contacto contatti iletişim napisz schreiben écrivez escríbenos scrivici
notification* benachrichtigung* powiadomie* bildirim* alerts
advertisement advertising anzeige werbung publicité publicidad pubblicità reklam* advertentie sponsored
gesponsert sponsorisé patrocinado
"""
_CTA_WORDS = frozenset(w for w in _CTA_LEXICON.split() if not w.endswith("*"))
_CTA_STEMS = tuple(w[:-1] for w in _CTA_LEXICON.split() if w.endswith("*"))


def fold(text: str) -> str:
    """Casefold, without the combining dot that folding leaves of Turkish dotted capitals
    ("İlgili" -> "i̇lgili" in Python, which no lexicon word matches)."""
    return text.casefold().replace("\u0307", "")


def cta_hits(words: list[str]) -> int:
    """How many casefolded words are call-to-action words or open with a call-to-action stem."""
    return sum(w in _CTA_WORDS or w.startswith(_CTA_STEMS) for w in words)


# Imperatives that are calls only when they open a sentence or a label ("See: ...", "¡Mira ...!",
# "Vea también: ..."): look / see / discover / check out, in several languages. Inside a sentence
# they are ordinary verbs, so they count for ``cta_start`` and teaser labels, never ``cta_count``.
_OPENER_LEXICON = """
see look discover mira mire vea véase descubre descubra conozca entérate confira conheça saiba guarda scopri
voir découvrez découvrir schau schauen entdecken kijk ontdek sprawdź posłuchaj bakın keşfet
"""
_OPENERS = frozenset(_OPENER_LEXICON.split())
# "Also" and "you may be interested" in a label: "Lesen Sie auch:", "Le puede interesar:", "Ayrıca:".
_ALSO_LEXICON = "also auch aussi también também anche ook även också også też także ayrıca myös"
_ALSO_WORDS = frozenset(_ALSO_LEXICON.split())
_INTEREST_STEMS = ("interes", "interess", "intéress", "ilgin")


def is_related_heading(line: str, opts: TeaserOptions | None = None) -> bool:
    """A short heading (``opts.heading_words``) with no sentence end (a colon allowed) that says
    "may also interest you" or "may interest you", or "also" with a call or the reader's address
    ("Das könnte Sie auch interessieren:", "You may also be interested in", "Also on our site").
    The lines under it are teasers."""
    o = opts or TeaserOptions()
    raw = words_of(line)
    end = line.rstrip()
    if not raw or len(raw) > o.heading_words or _SENTENCE_END.search(end) or is_list_item(line):
        return False
    words = [fold(w) for w in raw]
    interest = any(w.startswith(_INTEREST_STEMS) for w in words)  # alone also "Interest rates"
    also = any(w in _ALSO_WORDS for w in words)
    # in a line not in capitals, "US" is an abbreviation (the country), not the reader's "us"
    caps_line = line.upper() == line
    address = any(
        w in _ADDRESS_WORDS and (caps_line or not w_raw.isupper())
        for w, w_raw in zip(words, raw, strict=True)
    )
    calls = cta_hits(words) > 0 or address
    return (interest and (also or address)) or (also and calls)


def opens_with_call(words: list[str]) -> bool:
    """The first casefolded word is a call-to-action word or an imperative opener."""
    return bool(words) and (cta_hits(words[:1]) > 0 or words[0] in _OPENERS)


def is_teaser(line: str, opts: TeaserOptions | None = None) -> bool:
    """A link to another article under a label that calls the reader or says "also" / "you may be
    interested": "See: <headline>", "ALSO READ: <headline>", "Te puede interesar: <headline>".
    The headline has no sentence end (a question mark is a headline's too); a label without such a
    word ("New concept: ...") is a subheading and stays. ``opts``: the lengths (defaults when None)."""
    o = opts or TeaserOptions()
    label, sep, rest = line.partition(":")
    if not sep or not rest.strip() or is_list_item(line):
        return False
    label_words = [fold(w) for w in words_of(label)]
    if not label_words or len(label_words) > o.label_words:
        return False
    if (
        len(words_of(rest)) < o.min_headline_words
        or len(line.split()) > o.max_words
        or _SENTENCE_END.search(rest.rstrip("?"))
        # a spec, not a headline: "Download: 250 Mbit/s"
        or sum(c.isdigit() for c in rest) > o.digit_share * len(rest.strip())
    ):
        return False
    return (
        cta_hits(label_words) > 0
        or label_words[0] in _OPENERS
        or any(w in _ALSO_WORDS for w in label_words)
        or any(w.startswith(_INTEREST_STEMS) for w in label_words)
    )


# Words that address the reader or speak as the outlet: "you", "our"... (outside quotations).
_ADDRESS_WORDS = frozenset(
    [
        "you",
        "your",
        "yours",
        "we",
        "our",
        "us",
        "vous",
        "votre",
        "vos",
        "nous",
        "notre",
        "tu",
        "ton",
        "ta",
        "tes",
        "toi",
        "sie",
        "ihnen",
        "ihr",
        "ihre",
        "euch",
        "du",
        "dein",
        "deine",
        "wir",
        "uns",
        "unser",
        "unsere",
        "unseren",
        "unserer",
        "usted",
        "ustedes",
        "tú",
        "tus",
        "vosotros",
        "nosotros",
        "nuestro",
        "nuestra",
        "nuestros",
        "nuestras",
        "voi",
        "vostro",
        "vostra",
        "noi",
        "nostro",
        "nostra",
        "nostri",
        "nostre",
        "você",
        "vocês",
        "nosso",
        "nossa",
        "nossos",
        "nossas",
        "je",
        "jij",
        "jouw",
        "uw",
        "wij",
        "ons",
        "onze",
        "ty",
        "ciebie",
        "cię",
        "twój",
        "twoja",
        "wy",
        "was",
        "wasz",
        "nas",
        "nasz",
        "nasza",
        "nasze",
        "sen",
        "sana",
        "senin",
        "siz",
        "size",
        "sizin",
        "biz",
        "bize",
        "bizim",
        "bizi",
        "dig",
        "din",
        "ni",
        "er",
        "vi",
        "oss",
        "vår",
        "vårt",
        "våra",
    ]
)
# A line that names a time or duration: "(04:12)", "2 min", "1:48".
_TIME = re.compile(
    r"\b\d{1,2}(?::|h)\d{2}\b|\(\s*\d+\s*(?:min|sec|s|h)\w*\s*\)",
    re.I,
)
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b|(?<!\w)@\w{2,}|\b\w+\.(?:com|org|net|fm|tv|io|co)\b",
    re.I,
)
_PHONE = re.compile(r"(?:\+?\d[\d ()-]{7,}\d)")
# Separators of navigation and share bars: "A › B", "A | B", "A • B", "A / B", "A » B", "A > B".
_SEP = re.compile(r"\s[›»|•·>/]\s|\s?[›»•·]\s?|\s::\s")
# Guillemets that open and close a quotation (»X« in German, «X» in French, ›X‹): not separators.
_GUILLEMET_QUOTE = re.compile(r"»[^»«\n]{1,200}«|«[^»«\n]{1,200}»|›[^›‹\n]{1,200}‹|‹[^›‹\n]{1,200}›")


def separators(line: str) -> list[str]:
    """The bar separators of a line ("A › B | C"), not counting guillemets that quote."""
    return _SEP.findall(_GUILLEMET_QUOTE.sub("Q", line))


_DASH_SEP = re.compile(r"\s[—–-]\s")
# "Label: rest" with a short label (one to three words).
_LABEL = re.compile(r"^\W{0,3}[^\W\d][\w'’ -]{0,28}?\s?:\s")
_BYLINE_START = re.compile(
    r"^\W{0,3}(?:by|von|par|por|di|da|door|av|af|przez|autor|autora|yazan|muhabir|texte|text|tekst|escrito por|written by)\b[\s:]",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…。]['\"“”’‘»«›)\]]*$")  # “ closes a German quotation
_QUOTED = re.compile(r"[\"“”„«»‘’‹›][^\"“”„«»]{3,}?[\"“”„«»‘’‹›]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?:—–|])\s+")


def _is_symbol(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat in ("So", "Sk") or ch in "►▶▸▷→←↑↓★☆✓✔✚"


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def has_symbol(line: str) -> bool:
    """Any symbol character (:func:`_is_symbol`). Of ASCII only ``^`` and `````` are symbols
    (categories So/Sk), so only a line's other characters are looked up one by one."""
    if "^" in line or "`" in line:
        return True
    return not line.isascii() and any(map(_is_symbol, _NON_ASCII.findall(line)))


@dataclass
class Page:
    """What a line's features need from the rest of its article."""

    stop: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()  # the outlet's name and domain words, the author's name, casefolded
    author_names: tuple[str, ...] = ()
    lines: list[str] = field(default_factory=list)
    glued: list[bool] = field(default_factory=list)  # no blank line next to the line (in a spaced text)
    bodylike: list[bool] = field(default_factory=list)
    # share of capitalised words in the article's prose (German capitalises every noun)
    capitals: float = 0.15

    def body_bounds(self) -> tuple[int, int]:
        """First and last body-like line (len(lines) and -1 when none), computed once a page: per
        line it made a page of thousands of one-character lines quadratic (bench/fuzz.py, 49x)."""
        key = (id(self.bodylike), len(self.bodylike))
        if getattr(self, "_bounds_key", None) != key:
            n = len(self.lines)
            self._bounds = (
                next((i for i, b in enumerate(self.bodylike) if b), n),
                max((i for i, b in enumerate(self.bodylike) if b), default=-1),
            )
            self._bounds_key = key
        return self._bounds


FEATURES = (
    "bias", "short", "log_words", "no_end", "question", "stop_low", "stop_ratio", "sep", "dash_sep", "caps",
    "symbol", "link", "phone", "time", "label", "colon_end", "cta_start", "cta_count", "address", "byline",
    "own_name", "author_name", "title_case", "digits", "head_run", "tail_run", "island", "glued",
    "body_sentence",
)  # fmt: skip


# Features that say *what* a line is (a call, a bar, a label, the outlet's or author's name, a link,
# a time, symbols, capitals) rather than only that it is short: the model needs one of them.
CUES = ("sep", "cta_count", "byline", "own_name", "author_name", "link", "phone", "time", "symbol", "caps")
_CUE_IDX = tuple(FEATURES.index(c) for c in CUES)


def has_cue(x: list[float]) -> bool:
    return any(x[i] for i in _CUE_IDX)


_BULLET = re.compile(r"^\s*(?:[-*•▪◦]|\d{1,2}[.)])\s")


def is_list_item(line: str) -> bool:
    """A bulleted or numbered item ("- a: b", "2. c"): list content unless it calls to action."""
    return _BULLET.match(line) is not None


def is_table_row(line: str) -> bool:
    """A row of a table as the HTML extraction writes it ("| a | b |"): content, not a bar."""
    return line.startswith("|") and line.rstrip().endswith("|")


def words_of(line: str) -> list[str]:
    return _WORD.findall(line)


def stop_ratio(words: list[str], stop: frozenset[str]) -> float:
    if not words or not stop:
        return 0.0
    return sum(fold(w) in stop for w in words) / len(words)


# A plain prose sentence has this many words and, where the language's stop words are known, this
# stop-word density. Part of the line model's features (``body_sentence``) on which its weights were
# fitted, so not an option (a change is a refit: ``eval/furniture.py --train``).
BODY_MIN_WORDS, BODY_MIN_STOP_RATIO = 7, 0.15
# Call words count up to this many in the ``cta_count`` feature (its value is count / cap).
CTA_CAP = 3
# The features' cut-offs. They define the features the line model's weights were fitted on
# (``eval/furniture.py --train``), so they are constants, changed only with a refit, not options.
SHORT_WORDS = 8  # "short": a line of at most this many words
LOW_STOP_MIN_WORDS = 3  # "low_stop": a line of at least this many words ...
LOW_STOP_RATIO = 0.12  # ... whose share of stop words is below this
CAPS_MIN_LETTERS = 6  # "caps": a line of at least this many letters ...
CAPS_SHARE = 0.6  # ... more than this share of them capitals ...
CAPS_MIN_WORDS = 3  # ... in at least this many words
BYLINE_WORDS = 12  # "byline": a byline cue opening a line of at most this many words


def is_body_sentence(line: str, stop: frozenset[str]) -> bool:
    """A plain prose sentence: several words, sentence punctuation, no bar separators, and (where
    the language's stop words are known) the stop-word density of prose. Such a line is kept unless
    the evidence against it is strong."""
    words = words_of(line)
    if len(words) < BODY_MIN_WORDS or not _SENTENCE_END.search(line) or separators(line):
        return False
    return not stop or stop_ratio(words, stop) >= BODY_MIN_STOP_RATIO


@dataclass(frozen=True)
class Voice:
    """What a line says to or about the page itself: its words outside quotes (casefolded), how
    many of them call to action, and whether it names the outlet or the byline's author."""

    unquoted: str
    uwords: list[str]
    cta: int
    own: bool
    author: bool


def voice(line: str, page: Page) -> Voice:
    unquoted = _QUOTED.sub(" ", line)
    uwords = [fold(w) for w in words_of(unquoted)]
    low = fold(line)
    return Voice(
        unquoted=unquoted,
        uwords=uwords,
        cta=cta_hits(uwords),
        own=any(nm and nm in low for nm in page.names),
        author=any(nm and nm in low for nm in page.author_names),
    )


def line_features(k: int, page: Page, said: Voice | None = None) -> list[float]:
    """The line's feature vector (``FEATURES``). Its numbers (8 words short, 12 % stop words low,
    60 % capitals, ...) define the features the weights were fitted on: they change with a refit,
    not as options. ``said``: the line's :func:`voice`, when already read."""
    line = page.lines[k]
    words = words_of(line)
    nw = max(len(words), 1)
    said = said or voice(line, page)
    unquoted, uwords, cta = said.unquoted, said.uwords, said.cta
    # per-character counts through C-level map/filter (a Python loop per character: ~6 % of cleaning)
    letters = "".join(filter(str.isalpha, line))
    upper = sum(map(str.isupper, letters))
    ratio = stop_ratio(words, page.stop)
    first = uwords[0] if uwords else ""
    # the imperative opens a sentence: "Follow us...", "... news. Support us from 3 euros."
    cta_start = any(
        opens_with_call([fold(w) for w in words_of(sent)[:1]]) for sent in _SENTENCE_SPLIT.split(unquoted)
    )
    caps_words = [w for w in words if w[:1].isupper()]
    n = len(page.lines)
    first_body, last_body = page.body_bounds()
    island = 0 < k < n - 1 and page.bodylike[k - 1] and page.bodylike[k + 1] and not page.bodylike[k]
    own, author = said.own, said.author
    return [
        1.0,
        float(nw <= SHORT_WORDS),
        min(len(words), 60) / 20.0,
        float(not _SENTENCE_END.search(line)),
        float(line.rstrip().endswith("?") or "? " in line),
        float(bool(page.stop) and nw >= LOW_STOP_MIN_WORDS and ratio < LOW_STOP_RATIO),
        ratio if page.stop else 0.3,
        min(len(separators(line)), 3) / 3.0,
        float(bool(_DASH_SEP.search(line))),
        float(len(letters) >= CAPS_MIN_LETTERS and upper / len(letters) > CAPS_SHARE and nw >= CAPS_MIN_WORDS),
        float(has_symbol(line)),
        float(bool(_URL.search(line))),
        float(bool(_PHONE.search(line))),
        float(bool(_TIME.search(line))),
        float(bool(_LABEL.match(line))),
        float(line.rstrip().endswith(":")),
        float(cta_start),
        min(cta, CTA_CAP) / CTA_CAP,
        float(any(w in _ADDRESS_WORDS for w in uwords) or first in ("sie",)),
        float(bool(_BYLINE_START.match(line)) and nw <= BYLINE_WORDS),
        float(own),
        float(author),
        max(len(caps_words) / nw - page.capitals, 0.0),
        min(sum(map(str.isdigit, line)) / max(len(line), 1) * 5, 1.0),
        float(k < first_body),
        float(k > last_body),
        float(island),
        float(page.glued[k]) if page.glued else 0.0,
        float(page.bodylike[k]),
    ]


def glued_lines(raw: str) -> list[bool]:
    """Per non-empty line: True when the text sets paragraphs apart with blank lines and this line
    touches another non-empty line (a block of short furniture lines typed one under the other)."""
    blocks = line_blocks(raw)
    if blocks is None:
        return [False] * sum(1 for s in raw.split("\n") if s.strip())
    size: dict[int, int] = {}
    for b in blocks:
        size[b] = size.get(b, 0) + 1
    return [size[b] >= 2 for b in blocks]


# The page context's cut-offs: the features the weights were fitted on read them (constants, as above).
_MIN_PARAGRAPH_BREAKS = 3  # a text sets paragraphs apart when it has this many blank-line breaks


def line_blocks(raw: str) -> list[int] | None:
    """Per non-empty line, the index of its block (lines not parted by a blank line), when the text
    sets paragraphs apart with blank lines; ``None`` otherwise (then blocks say nothing)."""
    raw_lines = raw.split("\n")
    blanks = sum(1 for i in range(1, len(raw_lines)) if not raw_lines[i].strip() and raw_lines[i - 1].strip())
    if blanks < _MIN_PARAGRAPH_BREAKS:
        return None
    out: list[int] = []
    block, prev_blank = -1, True
    for s in raw_lines:
        if s.strip():
            block += prev_blank
            out.append(block)
        prev_blank = not s.strip()
    return out


_NAME_KEY_CHARS = 4  # a shorter form of the outlet's name matches too much to look for
_NAME_SHORT_FORM_WORDS = 3  # a name of this many words also goes by its first two
_ADDRESS_RUN_CHARS = 5  # a run of the name's words the web address spells: at least this long
_ADDRESS_WORD_CHARS = 6  # the address's first word stands for the outlet from this length on


def name_keys(source: str | None, url: str | None = None) -> tuple[str, ...]:
    """Casefolded forms of the outlet's own name to look for in a line: the source name (without a
    leading article), the run of its words that the web address spells ("Ninety Minutes News" at
    ninetyminutes-news.co -> "ninety minutes"), and the address's first word when long enough."""
    out: list[str] = []

    def add(key: str) -> None:
        key = " ".join(key.split())
        if len(key) >= _NAME_KEY_CHARS and key not in out:
            out.append(key)

    name = (source or "").strip().casefold()
    if name:
        add(name)
        bare = re.sub(r"^(?:the|la|le|les|el|il|lo|der|die|das|de|het|o|a|os|as)\s+", "", name)
        add(bare)
        if len(bare.split()) >= _NAME_SHORT_FORM_WORDS:  # "X Y News" also goes by "X Y"
            add(" ".join(bare.split()[:2]))
    host = ""
    if url:
        host = re.sub(r"^[a-z]+://", "", url.casefold()).split("/")[0]
        parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "wire", "news")]
        host = parts[-2] if len(parts) >= 2 else ""
    if host:
        letters = re.sub(r"[^\w]", "", host)
        words = [w for w in words_of(name)]
        best = ""
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                run = words[i:j]
                if "".join(run) in letters and len("".join(run)) > len(best.replace(" ", "")):
                    best = " ".join(run)
        if len(best) >= _ADDRESS_RUN_CHARS:
            add(best)
        first = host.split("-")[0]
        if len(first) >= _ADDRESS_WORD_CHARS:
            add(first)
    return tuple(out)


# whole words (``\b``): without it "By A Bc, editor" made up its two words as "Bc" split in two
_NAME_AFTER_BYLINE = re.compile(r"^\W{0,3}\w+(?:\s+\w+)?[\s:]+((?:[^\W\d_][\w'’.-]*\b\s?){2,3})")
# Lines this close to the top are where a byline stands.
_BYLINE_LINES = 6
_BYLINE_NAME_WORDS = 14  # a head line longer than this is no byline naming the author


def byline_names(lines: list[str], author: str | None) -> tuple[str, ...]:
    """Casefolded author names: the article's ``author`` and the names after a byline cue at the head
    ("By A B", "Autor: A B", "Par A B -"), so an author bio at the tail can be told by its name."""
    out: list[str] = []
    if author:
        out.append(author.casefold())
    for line in lines[:_BYLINE_LINES]:
        if not _BYLINE_START.match(line) or len(words_of(line)) > _BYLINE_NAME_WORDS:
            continue
        m = _NAME_AFTER_BYLINE.match(line)
        if not m:
            continue
        name = [w for w in m.group(1).split() if w[:1].isupper()]
        if len(name) >= 2:
            out.append(" ".join(name[:2]).casefold())
    return tuple(dict.fromkeys(out))


# Below this many words of prose the page's share of capitalised words is unknown: the prior is used.
_CAPITALS_MIN_WORDS, _CAPITALS_PRIOR = 20, 0.15


def page_context(
    lines: list[str], raw: str, language: str | None, source: str | None, url: str | None, author: str | None
) -> Page:
    """The per-article context of :func:`line_features` (``lines``: the article's non-empty lines)."""
    if language is None:
        # the longest lines are the prose: furniture would mislead a short sample
        sample = " ".join(sorted(lines, key=len, reverse=True)[:3])
        language = detect_language(sample)
    stop = stop_words(language)
    glued = glued_lines(raw) if raw else []
    if len(glued) != len(lines):
        glued = [False] * len(lines)
    bodylike = [is_body_sentence(line, stop) for line in lines]
    prose = [w for line, b in zip(lines, bodylike, strict=True) if b for w in words_of(line)]
    capitals = (
        sum(w[:1].isupper() for w in prose) / len(prose) if len(prose) >= _CAPITALS_MIN_WORDS else _CAPITALS_PRIOR
    )
    return Page(
        stop=stop,
        names=name_keys(source, url),
        author_names=byline_names(lines, author),
        lines=lines,
        glued=glued,
        bodylike=bodylike,
        capitals=capitals,
    )
