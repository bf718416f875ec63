"""A hand-built Result with known edges, passages, claims, quotes and brief (shared by report tests)."""

from storytrace.model import (
    Article,
    BriefSentence,
    Claim,
    Conflict,
    DuplicateGroup,
    Passage,
    QuoteGroup,
    QuoteVariant,
    Result,
    ReuseEdge,
    Sentence,
    Skipped,
    Story,
)

A_TEXT = "The bridge closed on Monday. Engineers found cracks in 3 beams. Repairs take a month."
B_TEXT = "The bridge closed on Monday. Engineers found cracks in 4 beams. <script>window.pwned=1</script>"
C_TEXT = "Officials shut the crossing after inspectors spotted damaged girders. Traffic was diverted."


def _sents(text: str) -> list[Sentence]:
    out, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (1 if not part.endswith(".") and start + len(part) < len(text) else 0)
        out.append(Sentence(start=start, end=end, text=text[start:end]))
        start = end + 1
    return out


def hand_result() -> Result:
    arts = [
        Article(id="a", source="Wire", title="Bridge shut", published_at="2026-01-01T08:00", text=A_TEXT,
                sentences=_sents(A_TEXT)),
        Article(id="b", source="Copier <b>", title="Bridge <i>shut</i>", published_at="2026-01-01T09:00",
                text=B_TEXT, sentences=_sents(B_TEXT)),
        Article(id="c", source="Rewrite", title="Crossing shut", published_at="2026-01-01T10:00", text=C_TEXT,
                sentences=_sents(C_TEXT)),
        Article(id="z", source="Other", title="Unrelated", text="Something else entirely."),
    ]
    edges = [
        ReuseEdge(source="a", target="b", kind="copy", confidence=0.9, target_coverage=0.7, verbatim_share=0.8,
                  evidence=["verbatim sentences"],
                  passages=[Passage(source_start=0, source_end=28, target_start=0, target_end=28, similarity=1.0,
                                    kind="verbatim"),
                            Passage(source_start=29, source_end=63, target_start=29, target_end=63,
                                    similarity=0.9, kind="near")]),
        ReuseEdge(source="a", target="c", kind="paraphrase", confidence=0.6, target_coverage=0.5,
                  passages=[Passage(source_start=29, source_end=63, target_start=0, target_end=69,
                                    similarity=0.7, kind="semantic")]),
    ]
    claims = [
        Claim(id="k1", text="The bridge closed on Monday.", articles=["a", "b"], status="consensus", support=1,
              first_reporter="a"),
        Claim(id="k2", text="Engineers found cracks in 3 beams.", articles=["a", "b"], status="conflicting",
              conflicts=[Conflict(slot="number", values={"a": "3", "b": "4"})]),
        Claim(id="k3", text="Repairs take a month.", articles=["a"], status="unique", first_reporter="a"),
    ]
    quotes = [QuoteGroup(id="q1", speaker="Mayor Jo", text="We will reopen soon", variants=[
        QuoteVariant(article="a", speaker="Mayor Jo", text="We will reopen soon", fidelity="exact",
                     diff=[["=", "We will reopen soon"]]),
        QuoteVariant(article="b", speaker="Mayor Jo", text="We will reopen very soon", fidelity="altered",
                     diff=[["=", "We will reopen"], ["+", "very"], ["=", "soon"]]),
    ])]
    brief = [
        BriefSentence(text="The bridge closed on Monday.", citations=["a", "b"]),
        BriefSentence(text="Repairs take a month.", citations=["a"]),
    ]
    story = Story(id="s1", articles=["a", "b", "c"], label="Bridge closed", edges=edges, origin=["a"],
                  originality={"a": 1.0, "b": 0.1, "c": 0.4}, claims=claims, quotes=quotes, brief=brief,
                  time_span=["2026-01-01T08:00", "2026-01-01T10:00"])
    other = Story(id="s2", articles=["z"], label="Other story")
    return Result(articles=arts, stories=[story, other],
                  skipped=[Skipped(input="bad.bin", reason="binary <file>")],
                  duplicates=[DuplicateGroup(representative="a", members=["a", "a2"], kind="exact")])
