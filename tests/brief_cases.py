"""Hand-written brief candidates shared by the brief's tests (tests/ is on the path under pytest)."""

from storytrace.brief.extractive import Candidate

LEAD = "The river burst its banks early on Tuesday morning in the valley."


def flood_candidates() -> list[Candidate]:
    """A lead carried by two sources, its near-duplicate from a third, a well-supported second
    sentence and a one-source aside: a selection keeps the lead and the second sentence."""
    return [
        Candidate(LEAD, ["a", "b"], 2, 1.0, 0.0, True, (0,)),
        Candidate(LEAD.replace(".", "!"), ["c"], 1, 0.3, 0.0, False, (1,)),
        Candidate("Rescue teams moved two hundred residents to the town hall.", ["a", "b"], 2, 1.0, 0.2, True, (2,)),
        Candidate("A bakery on the main street handed out free bread to volunteers.", ["c"], 1, 0.3, 0.9, False,
                  (3,)),  # fmt: skip
    ]
