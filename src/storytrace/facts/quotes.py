"""Quotation and attributed-statement extraction from one article.

Guarantee: every :class:`Quote` has ``text == " ".join(article.text[s:e] for s, e in parts)``
(the words inside the quotation marks, the pieces of a broken-up quote joined, or the reported
clause of an indirect statement) and ``start, end`` span all its parts; ``mention`` is the source
as written (a name, a role or a pronoun, ``text[mention_start:mention_end]``) and ``speaker`` the
person or body it names: pronouns, roles and family names resolved to the nearest compatible full
name before them, a role nobody is named for kept as written, an unresolvable pronoun ``None``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from storytrace.facts.options import FactsOptions
from storytrace.facts.parse import available as parse_available
from storytrace.facts.parse import clause_subject, quote_source, quote_subject
from storytrace.facts.speakers import (
    MORE_CUES,
    PARENTHETICAL,
    PRONOUNS,
    NameIndex,
    find_mentions,
    lexicon,
    resolve_speaker,
    speaker_phrase,
)
from storytrace.model import Article, Sentence
from storytrace.text import split_sentences
from storytrace.text.quotemarks import PAIRS, quoted_spans

# Words that introduce speech; the lemma list is kept short and general.
CUES = (
    "said|says|say|told|tells|added|adds|stated|states|warned|warns|noted|notes|explained|explains|"
    "asked|asks|wrote|writes|declared|declares|insisted|insists|argued|argues|claimed|claims|"
    "announced|announces|stressed|stresses|emphasized|emphasised|underlined|acknowledged|admitted|"
    "denied|replied|responded|continued|concluded|cautioned|suggested|suggests|believes|believed|"
    "voiced|called|described|commented|remarked|recalled|urged|predicted|reported|confirmed|"
    "according to|thinks|thought|tweeted|posted|observed|complained|went on|goes on|put it|puts it|"
    + MORE_CUES
)
CUE_RE = re.compile(rf"\b({CUES}|According to)\b")
_DASH_QUOTE = re.compile(r"^\s*[\u2013\u2014-]\s+")


@dataclass
class Quote:
    """A quotation (``direct``) or an attributed indirect statement in one article."""

    article: str
    text: str
    start: int
    end: int
    sentence: int
    speaker: str | None
    cue: str | None
    direct: bool = True
    # Where the speaker is named as written (the pronoun itself, resolved or not: an unresolved
    # pronoun leaves ``speaker`` None but still marks the source, as attribution corpora do).
    mention_start: int | None = None
    mention_end: int | None = None
    # The quoted pieces of a broken-up quote; ``text`` is them joined by spaces.
    parts: list[tuple[int, int]] = field(default_factory=list)
    # The source as written (``text[mention_start:mention_end]``: "he", "the minister", "Roe");
    # ``speaker`` is the name it resolves to.
    mention: str | None = None

    def __post_init__(self) -> None:
        if not self.parts:
            self.parts = [(self.start, self.end)]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n":
        s += 1
    while e > s and text[e - 1] in " \t\n,":
        e -= 1
    return s, e


def _sentence_of(sentences: list[Sentence], pos: int, starts: list[int] | None = None) -> int:
    """Index of the sentence holding ``pos`` (the last one when none does); a binary search."""
    starts = starts if starts is not None else [s.start for s in sentences]
    k = bisect.bisect_right(starts, pos) - 1
    if 0 <= k < len(sentences) and sentences[k].start <= pos < sentences[k].end:
        return k
    return max(0, len(sentences) - 1)


def _outside(sent: Sentence, spans: list[tuple[int, int]]) -> str:
    """The sentence with quoted passages blanked out (same length, offsets kept)."""
    chars = list(sent.text)
    for s, e in spans:
        for p in range(max(s - 1, sent.start), min(e + 1, sent.end)):
            chars[p - sent.start] = "\u2026" if p in (s - 1, e) else " "
    return "".join(chars)


INDIRECT_RE = re.compile(
    r"^(?P<who>[^,;:\"\u201c\u201d]{2,120}?)\s+(?:also\s+|has\s+|had\s+)?"
    r"(?P<cue>said|says|told\s+\S+(?:\s+\S+)?|stated|warned|added|believes|believed|claimed|argued|"
    r"insisted|noted|announced|explained)\s+(?:that\s+)?(?P<what>[^\u201c\u201d\"]{12,})$",
)
# The statement first, its source after a comma: "Two gates failed, port director Jane Roe said."
TRAILING_INDIRECT_RE = re.compile(
    r"^(?P<what>[^\u201c\u201d\"]{12,}),\s+(?P<who>[^,;:\"\u201c\u201d]{2,80}?)\s+"
    r"(?P<cue>said|says|stated|warned|added|claimed|argued|insisted|noted|announced|explained)"
    r"(?:\s+(?:on|in|late|early)\s+\w+(?:\s+\w+)?)?\.?$",
)


@dataclass
class _Reading:
    """An article read sentence by sentence: the quotes found so far and what one sentence
    leaves to the next (who was speaking, who was last named)."""

    article: Article
    text: str
    lang: str | None
    use_parse: bool
    opts: FactsOptions
    quotes: list[Quote] = field(default_factory=list)
    last_person: str | None = None  # for pronoun resolution
    last_speaker: str | None = None
    last_mention: tuple[int, int] | None = None
    prev_mentions: list[str] = field(default_factory=list)
    prev_outside: str = ""
    prev_start: int = 0

    def speaker_at(
        self, span: tuple[int, int], whole: bool = False
    ) -> tuple[str | None, tuple[int, int] | None]:
        """(speaker, mention) of a source named at ``span``: its naming head (``whole``: all of
        it) resolved through the last person named; the mention is dropped when it names no one
        and is no pronoun (an unresolved pronoun still says where the source is)."""
        written = self.text[span[0] : span[1]]
        speaker = _resolve(written if whole else _name_part(written), self.last_person)
        if speaker is None and not _is_pronoun(written):
            return None, None
        return speaker, span

    def add(self, s: int, e: int, k: int, speaker, cue, direct: bool, mention) -> None:
        self.quotes.append(
            Quote(self.article.id, self.text[s:e], s, e, k, speaker, cue, direct, *(mention or (None, None)))
        )

    def advance(self, carry, qs, speaker, mentions: list[str], outside: str, start: int) -> None:
        """What this sentence leaves to the next one."""
        if carry[0]:
            self.last_speaker, self.last_mention = carry
            self.last_person = carry[0]
        elif not qs:
            self.last_speaker = None
        if mentions:
            self.last_person = speaker if speaker else mentions[-1]
        self.prev_mentions = ([speaker] if speaker else []) or mentions
        self.prev_outside, self.prev_start = outside, start


def extract_quotes(
    article: Article,
    indirect: bool = True,
    parse: bool = True,
    notes: list[str] | None = None,
    opts: FactsOptions | None = None,
) -> list[Quote]:
    """Quotes of ``article`` in text order, speakers resolved.

    With ``parse`` (and spaCy installed) a quote without a speech cue is given the subject of the
    verb it depends on; English only. An article with more than ``opts.max_quotes`` quoted passages
    is read up to that many (a note saying so is appended to ``notes``): quotes are grouped pairwise
    across a story, so one article of 10^4 quote marks must not cost 10^8 comparisons."""
    opts = opts or FactsOptions()
    lang = article.language
    use_parse = parse and (lang in (None, "en")) and parse_available()
    text = article.text
    sentences, spans, by_sentence = _quote_units(article, opts, notes)
    r = _Reading(article, text, lang, use_parse, opts)
    for k, sent in enumerate(sentences):
        qs = [(s, e) for s, e in by_sentence.get(k, [])]
        # A quote opened in an earlier sentence and closed here belongs to that quote.
        qs = [(max(s, sent.start), min(e, sent.end)) if s >= sent.start else (s, e) for s, e in qs]
        outside = _outside(sent, qs) if qs else sent.text
        phrase, cue = speaker_phrase(outside, lang, opts)
        speaker = _resolve(phrase, r.last_person)
        mention = _locate(phrase, outside, sent.start, opts.apposition_max_words)
        if speaker is None and not _is_pronoun(phrase):
            mention = None  # an unresolved pronoun still says where the source is named
        mentions = find_mentions(outside)
        carry = (speaker, mention)  # who a following bare quote continues
        dash = _DASH_QUOTE.match(sent.text)
        if not qs and dash and cue and speaker:
            qs = _dash_quote(r, k, sent, dash, phrase, speaker, cue, mention)
        elif qs:
            carry, speaker = _quoted_passages(r, k, sent, qs, outside, cue, speaker, mention, carry)
        elif indirect and phrase:
            _indirect_statement(r, k, sent, outside, phrase, speaker, mention)
        r.advance(carry, qs, speaker, mentions, outside, sent.start)
    quotes = _join_broken(r.quotes, text, opts)
    _name_speakers(quotes, text, lang, spans, sentences, opts)
    return quotes


def _quote_units(
    article: Article, opts: FactsOptions, notes: list[str] | None = None
) -> tuple[list[Sentence], list[tuple[int, int]], dict[int, list[tuple[int, int]]]]:
    """The article's reading units, its quoted passages (at most ``opts.max_quotes``; a note in
    ``notes`` when cut) and, by unit, the passages that open in it."""
    text = article.text
    spans = quoted_spans(text)
    if len(spans) > opts.max_quotes:
        if notes is not None:
            notes.append(
                f"{article.id}: quotes read up to the {opts.max_quotes}th of {len(spans)} quoted passages"
            )
        spans = spans[: opts.max_quotes]
    sentences = _units(article.sentences or split_sentences(text), spans, text, opts)
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    starts = [s.start for s in sentences]
    for s, e in spans:
        by_sentence.setdefault(_sentence_of(sentences, s, starts), []).append((s, e))
    return sentences, spans, by_sentence


def parse_targets(article: Article, opts: FactsOptions | None = None) -> list[str]:
    """The units ``extract_quotes`` hands the parser for their quotes (those holding a quoted
    passage), so a caller can parse many articles' at once (``facts.parse.prime``); none for an
    article the parser does not read."""
    if article.language not in (None, "en") or not parse_available():
        return []
    sentences, _, by_sentence = _quote_units(article, opts or FactsOptions())
    return [article.text[sentences[k].start : sentences[k].end] for k in sorted(by_sentence)]


def _dash_quote(r: _Reading, k: int, sent: Sentence, dash: re.Match, phrase, speaker, cue, mention) -> list:
    """ "– It could …, Smith says": a dash-introduced quote of translated text; its span, if any."""
    body = sent.text[dash.end() :]
    cut = body.rfind(",", 0, max(body.find(phrase or "\0"), 0) or len(body))
    if cut <= r.opts.dash_quote_min_chars:
        return []
    s2, e2 = _trim(r.text, sent.start + dash.end(), sent.start + dash.end() + cut)
    r.add(s2, e2, k, speaker, cue, True, mention)
    return [(s2, e2)]


def _continued_speaker(r: _Reading, speaker, mention):
    """(speaker, mention) of a bare quote: the last cued speaker of the previous sentence, else
    the subject of a clause ending in ":" just before, else the person or role it mentions."""
    text = r.text
    introduced = (
        r.use_parse
        and r.prev_outside.rstrip().endswith(":")
        and clause_subject(text, r.prev_start, r.prev_start + len(r.prev_outside))
    )
    if r.last_speaker:
        return r.last_speaker, r.last_mention
    if introduced:
        # "Stone stated:" closing the paragraph before: its subject says this quote.
        return r.speaker_at(introduced)[0], introduced
    if r.prev_mentions:
        speaker = r.prev_mentions[-1]
        mention = _locate(speaker, r.prev_outside, r.prev_start, r.opts.apposition_max_words)
        if r.last_mention is not None and text[r.last_mention[0] : r.last_mention[1]] == speaker:
            mention = r.last_mention
    return speaker, mention


def _quoted_passages(r: _Reading, k: int, sent: Sentence, qs, outside: str, cue, speaker, mention, carry):
    """The quotation marks of one sentence, each with its source; returns (carry, speaker): who a
    following bare quote continues, and the sentence's speaker (a bare quote's continued one)."""
    text = r.text
    covered = sum(e - s for s, e in qs) / max(1, len(sent.text))
    if speaker is None and covered >= r.opts.bare_quote_cover:
        # A bare quote continues the speaker of the paragraph.
        speaker, mention = _continued_speaker(r, speaker, mention)
    trimmed = [_trim(text, s, e) for s, e in qs]
    parsed = (
        quote_source(text, sent.start, sent.end, trimmed, r.opts.parse_climb_steps)
        if r.use_parse
        else [None] * len(trimmed)
    )
    local = _local_attributions(outside, sent.start, qs, r.lang, r.opts)
    for (s2, e2), found, own in zip(trimmed, parsed, local, strict=True):
        if e2 - s2 < 2:
            continue
        q_mention = mention
        q_speaker = speaker
        if own is not None:
            # Several quotes, several cues: this quote's source is the one attributed right next
            # to it, not the sentence's first.
            q_speaker, q_mention = r.speaker_at(own)
            if found is not None and not (found[0][0] < own[1] and own[0] < found[0][1]):
                found = None  # the parse climbed past the nearer cue
        opens_sentence = _opens(text, sent.start, s2, r.opts.open_lookback_chars)
        if _is_title(text[s2:e2], r.opts.title_quote_max_words) and not (
            opens_sentence and _TRAILING_CUE.match(text, e2, min(len(text), e2 + 80))
        ):
            # A title ("Face the Nation", a headline's quote) is named, not said.
            r.quotes.append(Quote(r.article.id, text[s2:e2], s2, e2, k, None, None, True))
            continue
        signed = _SIGNATURE.match(text, e2 + 1, min(len(text), e2 + 80))
        line_start = text.rfind("\n", max(0, s2 - 81), s2) + 1  # only the last 80 characters matter
        labelled = _LABEL.search(text, max(line_start, s2 - 80), max(line_start, s2 - 1))
        if signed:
            # “…” ― Name: a signature right after the closing mark names the speaker.
            found = ((signed.start(1), signed.end(1)), "\u2015")
        elif labelled:
            # "… - Jane Roe: “…”": a name introducing the quote after a dash or at line start.
            found = ((labelled.start(1), labelled.end(1)), ":")
        if found is not None:
            # The parse knows which verb governs this quote: its subject is the source.
            q_speaker, q_mention = r.speaker_at(found[0])
            cue = cue or found[1]
        if (
            q_speaker is None
            and q_mention is None
            and r.use_parse
            and _COLON_BEFORE.search(text, max(0, s2 - 40), s2)
        ):
            # No cue word, but a clause introducing the quote with a colon ("X shot back: “…”"):
            # its subject speaks. Without the colon a quoted phrase is mostly a term or title the
            # subject uses, which attribution corpora leave unattributed.
            q_mention = quote_subject(text, sent.start, sent.end, s2, e2)
            if q_mention:
                q_speaker, q_mention = r.speaker_at(q_mention, whole=True)
        r.add(s2, e2, k, q_speaker, cue, True, q_mention)
        if q_speaker:
            carry = (q_speaker, q_mention)  # the parse may name a source the rules missed
    return carry, speaker


def _indirect_statement(r: _Reading, k: int, sent: Sentence, outside: str, phrase, speaker, mention) -> None:
    """ "X said (that) …" or "…, X said": the reported clause as an indirect quote."""
    m = INDIRECT_RE.match(outside.strip())
    trailing = TRAILING_INDIRECT_RE.match(outside.strip()) if m is None else None
    if trailing and trailing.group("who").strip() == phrase:
        m = trailing  # the source named after its statement
    if m and speaker:
        what = m.group("what").rstrip(" .")
        s2 = sent.start + sent.text.find(what)
        if s2 >= sent.start:
            r.add(s2, s2 + len(what), k, speaker, m.group("cue"), False, mention)


def _name_speakers(
    quotes: list[Quote],
    text: str,
    lang: str | None,
    spans: list[tuple[int, int]],
    sentences: list[Sentence],
    opts: FactsOptions,
) -> None:
    """Each quote's ``mention`` as written, and its ``speaker`` as a name: pronouns, roles and family
    names resolved through the article's names (:func:`resolve_speaker`). Where a language drops
    the subject ("«…», dijo.") the speech verb next to the quote stands for the sentence's subject."""
    index = NameIndex(text, lang, spans, [s.start for s in sentences], opts)
    cue_re = lexicon(lang).cue
    for q in quotes:
        if q.mention_start is not None and q.mention_end is not None:
            q.mention = text[q.mention_start : q.mention_end]
            q.speaker = resolve_speaker(index, q.mention, q.mention_start, q.start)
        elif q.speaker:
            q.speaker = resolve_speaker(index, q.speaker, None, q.start)
        elif lang not in (None, "en") and q.direct and 0 <= q.sentence < len(sentences):
            unit = sentences[q.sentence]
            after = text[q.end : min(unit.end, q.end + 40)]
            before = text[max(unit.start, q.start - 40) : q.start]
            m = cue_re.match(after.lstrip(" \t,.\"'\u201d\u201c\u00bb\u00ab\u2019"))
            if m is not None or re.search(rf"(?:{cue_re.pattern})\W*$", before):
                q.cue = q.cue or (m.group(0) if m else None)
                q.speaker = index.nearest(q.start, None, frozenset({"person", "one", "org"}))


_CLAUSE_OPENERS = {
    "but",
    "and",
    "when",
    "while",
    "though",
    "although",
    "because",
    "as",
    "after",
    "before",
    "that",
    "which",
    "who",
    "if",
    "since",
    "so",
    "or",
}


_MARKS = frozenset(" \t\n" + "".join(PAIRS))


def _opens(text: str, start: int, pos: int, lookback: int) -> bool:
    """Nothing but spaces and quote marks between ``start`` and ``pos`` (looking back at most
    ``lookback`` characters)."""
    j = pos
    while j > start and pos - j < lookback and text[j - 1] in _MARKS:
        j -= 1
    return j == start


def _local_attributions(
    outside: str, offset: int, qs: list[tuple[int, int]], lang: str | None, opts: FactsOptions
) -> list[tuple[int, int] | None]:
    """For a sentence with several quotes and several cues: each quote's own source mention, from
    the first cue between it and the next quote ("“A,” Ann said, though he said, “B”": Ann), else
    the last cue between the quote before and it (he); ``None`` where no cue is that near."""
    out: list[tuple[int, int] | None] = [None] * len(qs)
    cue_re = lexicon(lang).cue
    if len(qs) < 2 or len(cue_re.findall(outside)) < 2:
        return out
    bounds = [(max(s, offset) - offset, min(e, offset + len(outside)) - offset) for s, e in qs]
    for i, (s, e) in enumerate(bounds):
        after_hi = bounds[i + 1][0] if i + 1 < len(bounds) else len(outside)
        before_lo = bounds[i - 1][1] if i > 0 else 0
        for lo, hi, last in ((e, after_hi, False), (before_lo, s, True)):
            segment = outside[lo:hi]
            cues = list(cue_re.finditer(segment))
            if not cues:
                continue
            if last:
                if len(segment[cues[-1].end() :].split()) > opts.cue_tail_words:
                    continue  # "he said that the footage …": the cue reports other words
                if len(cues) > 1:
                    lo += cues[-2].end()  # the last cue's clause only
                    segment = outside[lo:hi]
            else:
                lead = segment[: cues[0].start()].strip(" ,.\u2026").split()
                if len(lead) > opts.cue_lead_words or (lead and lead[0].lower() in _CLAUSE_OPENERS):
                    continue  # "… when he said …": a new clause, not this quote's attribution
            phrase, _ = speaker_phrase(segment, lang, opts)
            if phrase and phrase.lower() != "it":  # "called it “…”": an object, not a source
                out[i] = _locate(phrase, segment, offset + lo, opts.apposition_max_words)
                break
    return out


# A short "Name said." / "Maddow repeated." fragment: the attribution of the quote before it.
_ATTRIBUTION_TAIL = re.compile(rf"^[A-Z][\w.\u2019'\-]*(?:\s+[\w.\u2019'\-]+){{0,7}}?\s+(?:{CUES})\b")
_QUOTE_END = re.compile("[.?!\u2026,][\"\u201d\u2019']+\\s*$")


def _is_attribution_tail(sent: Sentence, span_starts: list[int], opts: FactsOptions) -> bool:
    """ "Clinton said." / "Trump said, looking out …": a name and a cue with nothing reported after
    it (a sentence saying something of its own, "X said they …", is no tail), in at most
    ``opts.tail_max_words`` words (longer, it is a sentence of its own with a quote)."""
    m = _ATTRIBUTION_TAIL.match(sent.text)
    k = bisect.bisect_left(span_starts, sent.start)  # a quote opening in this sentence?
    if (
        m is None
        or len(sent.text.split()) > opts.tail_max_words
        or (k < len(span_starts) and span_starts[k] < sent.end)
    ):
        return False
    rest = sent.text[m.end() :].split(",")[0].split()
    return len(rest) <= opts.tail_rest_words and not (rest and rest[0] == "that")


def _units(
    sentences: list[Sentence], spans: list[tuple[int, int]], text: str, opts: FactsOptions
) -> list[Sentence]:
    """Sentences, with those joined that one quotation runs across (its attribution may be in any),
    and a quotation ending in "?", "!" or "." joined to the attribution sentence right after it
    (of at most ``opts.tail_max_words`` words)."""
    # Spans are disjoint and in text order, so "inside a quote" is a binary search; a unit is
    # sliced once at the end (re-slicing it at every join is quadratic in a long run of joins).
    span_starts = [s for s, _ in spans]
    ranges: list[list[int]] = []
    for sent in sentences:
        k = bisect.bisect_left(span_starts, sent.start) - 1
        inside = k >= 0 and sent.start < spans[k][1]
        tail = (
            ranges
            and _QUOTE_END.search(text, max(ranges[-1][0], ranges[-1][1] - 64), ranges[-1][1])
            and _is_attribution_tail(sent, span_starts, opts)
        )
        if ranges and (tail or inside):
            ranges[-1][1] = sent.end
        else:
            ranges.append([sent.start, sent.end])
    by_start = {s.start: s for s in sentences}
    return [
        by_start[a] if by_start[a].end == b else Sentence(start=a, end=b, text=text[a:b]) for a, b in ranges
    ]


def _join_broken(quotes: list[Quote], text: str, opts: FactsOptions) -> list[Quote]:
    """Parts of one utterance interrupted by its attribution (“A,” she said. “B.”) become one quote:
    the attribution between them is short (``opts.gap_max_words``, ``opts.gap_max_chars``)."""
    out: list[Quote] = []
    for q in quotes:
        prev = out[-1] if out else None
        # Two parts of one utterance name their source once: a second part whose own mention is
        # another ("Smith called it “A”. She said … “B”") is a new attribution, even of one person.
        other_mention = (
            prev is not None
            and None not in (prev.mention_start, q.mention_start)
            and (prev.mention_start, prev.mention_end) != (q.mention_start, q.mention_end)
        )
        if (
            prev is not None
            and prev.direct
            and q.direct
            and prev.speaker
            and not other_mention
            and (q.speaker == prev.speaker)
            and 0 <= q.start - prev.end <= opts.gap_max_chars
        ):
            gap = text[prev.end : q.start]
            inner = gap.strip(" \n\t" + "".join(PAIRS) + "".join("".join(v) for v in PAIRS.values()) + ",.")
            if (
                "\n\n" not in gap
                and len(inner.split()) <= opts.gap_max_words
                and (not inner or CUE_RE.search(inner) or len(inner.split()) <= opts.gap_bare_words)
            ):
                prev.text = f"{prev.text} {q.text}"
                prev.parts.append((q.start, q.end))
                prev.end = q.end
                prev.cue = prev.cue or q.cue
                if prev.mention_start is None:
                    prev.mention_start, prev.mention_end = q.mention_start, q.mention_end
                continue
        out.append(q)
    return out


def _locate(phrase: str | None, outside: str, offset: int, apposition_words: int) -> tuple[int, int] | None:
    if not phrase:
        return None
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    found = list(re.finditer(rf"(?<!\w){pattern}(?!\w)", outside))
    if not found:
        return None
    m = found[-1] if phrase.lower() in PRONOUNS else found[0]
    end = m.end()
    tag = PARENTHETICAL.match(outside, end)
    if tag and phrase.lower() not in PRONOUNS:
        end = tag.end()  # "Ann Lee (D-Ore.)": the tag belongs to the mention
    # An apposition belongs to the mention: "Ann Lee, director of the lab, said" / "said Ann Lee, a
    # lawyer." runs to the cue, the quote or the sentence end.
    rest = outside[end:]
    if rest.startswith(","):
        stop = CUE_RE.search(rest)
        limit = min(
            x for x in (stop.start() if stop else len(rest), rest.find("\u2026") % (len(rest) + 1), len(rest))
        )
        stretch = rest[:limit]
        second = stretch.find(",", 1)
        if second > 0:
            stretch = stretch[:second]  # one apposition; a following clause is not the name
        stretch = stretch.rstrip(" ,.;\n")
        if 1 < len(stretch.split()) <= apposition_words and "\n" not in stretch:
            end += len(stretch)
    start = m.start()
    det = re.search(r"(?:\b[Tt]he|\b[Aa]n?)\s+$", outside[:start])
    if det and phrase.lower() not in PRONOUNS:
        start = det.start()  # "the mayor": the determiner is part of the mention
    return offset + start, offset + end


_COLON_BEFORE = re.compile("\\w[^\\w\n]{0,2}:[ \t\u00a0]*[\"\u201c\u2018'\u00ab]{0,2}$")
_SIGNATURE = re.compile(
    r"[\"\u201d\u2019'.,]*[ \t\u00a0]*[\u2015\u2014\u2013][ \t\u00a0]*"
    r"([A-Z][\w.\-]*(?:[ \t][A-Z][\w.\-]*){0,4})"
)
_TITLE_WORD = re.compile(r"[A-Za-z][\w'\u2019\-]{3,}")


# '“Nusra is Al Qaeda,” Mr. Kerry said.': a capitalised quote opening its sentence with an
# attribution after it is speech (on ABC's “This Week,” Lee said … names a show).
_TRAILING_CUE = re.compile(
    rf"[,.?!]?[\"\u201d\u2019']+[ \t\u00a0]*(?:[A-Z][\w.\u2019'\-]*[ \t\u00a0]+){{1,4}}(?:{CUES})\b"
    rf"|[,.?!]?[\"\u201d\u2019']+[ \t\u00a0]*(?:{CUES})[ \t\u00a0]+[A-Z]"
)


def _is_title(quoted: str, max_words: int) -> bool:
    """Short text whose every longer word is capitalised: a title or headline, not speech."""
    words = _TITLE_WORD.findall(quoted)
    if quoted.rstrip().endswith(("?", "!")):
        return False  # "“Grizzly Adams?” she repeated": a question or exclamation is said
    return len(words) >= 2 and len(quoted.split()) <= max_words and all(w[0].isupper() for w in words)


_LABEL = re.compile(
    r"(?:^|[\u2013\u2014-][ \t\u00a0]+)([A-Z][\w.\u2019'\-]*(?:[ \t][A-Z][\w.\u2019'\-]*){0,4})"
    r":[ \t\u00a0]*[\"\u201c]?$",
    re.M,
)
_APPOSITION = re.compile(r",|\s\(|\s(?:who|which|whose|whom|that)\s|\s--\s|\s[\u2013\u2014]\s")


def _name_part(mention: str) -> str:
    """The naming head of a source phrase: before its apposition or relative clause, no article."""
    head = _APPOSITION.split(mention, maxsplit=1)[0].strip()
    return re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", head) or mention


def _is_pronoun(phrase: str | None) -> bool:
    return bool(phrase) and phrase.lower() in PRONOUNS


def _resolve(phrase: str | None, last_person: str | None) -> str | None:
    if phrase is None:
        return None
    if phrase.lower() in PRONOUNS:
        return last_person
    return phrase
