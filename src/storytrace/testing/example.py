"""The bundled example: a small, realistic story cluster written by the project itself.

An original wire report, a condensed copy that credits it, a paraphrased ("spun") rewrite that
adds an outside analyst, an independent report with facts of its own, and an unrelated story;
each with the kind of page furniture real sites add. Events, places and people are invented.
"""

from __future__ import annotations

from pathlib import Path

ORIGINAL = """Floodgates fail at Marrow Bay port as storm surge hits, officials say

MARROW BAY, March 3 (Northwire) - Two of the four floodgates protecting the Marrow Bay container port failed on Tuesday as a storm surge pushed seawater into the harbour district, port director Elena Varga said.
"We lost the eastern gates within minutes. The pumps could not keep up," Varga told reporters at an emergency briefing.
About 1,200 workers were evacuated from the terminals and no injuries were reported, the port authority said in a statement.
The regional weather office said the surge reached 2.4 metres, the highest level recorded at the port since 1987.
Transport minister Jonas Brandt said the government would pay for an independent inspection of all coastal floodgates.
"Nobody will be allowed to cut corners on maintenance again," Brandt said.
Shipping lines diverted at least nine vessels to the neighbouring port of Kessling while the terminals remain closed.
The port handles roughly a fifth of the country's container traffic, according to industry figures.
Engineers expect the terminals to reopen on Friday if water levels fall overnight.
(Reporting by Ana Ruiz; Editing by Tom Hale)
"""

CONDENSED = """Home > World > Europe > Floodgates fail at Marrow Bay port
Floodgates fail at Marrow Bay port as storm surge hits
Floodgates fail at Marrow Bay port as storm surge hits
Tags: storm, ports, shipping, floods
Two of the four floodgates protecting the Marrow Bay container port failed on Tuesday as a storm surge pushed seawater into the harbour district, port director Elena Varga said.
"We lost the eastern gates within minutes. The pumps could not keep up," Varga told reporters.
About 1,200 workers were evacuated from the terminals and no injuries were reported.
Transport minister Jonas Brandt said the government would pay for an independent inspection of all coastal floodgates.
Shipping lines diverted at least nine vessels to the neighbouring port of Kessling.
Photo: Flooded container terminal at Marrow Bay. (File photo)
Follow us on our channel for breaking news
With inputs from Northwire
Share this article: Facebook | X | Email
© 2026 Coastline Daily. All rights reserved.
"""

REWRITE = """Storm surge overwhelms Marrow Bay port defences

Related: Ten years of coastal storms in pictures
Seawater poured into the Marrow Bay harbour district on Tuesday after a powerful storm surge knocked out two of the port's four floodgates, according to port director Elena Varga.
Varga said the eastern gates gave way within minutes and that the pumps were unable to cope.
Some 1,200 terminal workers had to leave, though nobody was hurt, the port authority said.
The surge peaked at 2.4 metres, a level not seen at the port since 1987, according to the weather office.
Coastal engineer Priya Nandakumar of Eastfield University warned that ageing gates at several other ports could fail in a similar storm.
"These gates were designed for the climate of the 1970s," Nandakumar said.
Minister Jonas Brandt promised an independent inspection of every coastal floodgate.
Leave a comment
Your email address will not be published. Required fields are marked *
"""

INDEPENDENT = """Marrow Bay: dock workers describe chaos as water rose

Dock workers at Marrow Bay described scenes of chaos on Tuesday as water rose around the terminals within half an hour.
"The water was at our knees before the alarm even sounded," said crane operator Luis Peralta, who has worked at the port for 15 years.
Union representative Mara Olsen said workers had warned management about faulty sensors on the eastern gates last autumn.
The port authority said it would review the alarm system and that about 1,300 people had been moved to safety.
Local shops in the harbour district were also flooded, and the city opened two emergency shelters.
Subscribe to our newsletter for daily updates
"""

UNRELATED = """Library reopens after two-year renovation

The central library of Oldbridge reopened on Saturday after a two-year renovation that added a children's wing and a rooftop reading garden.
The city council said the project cost 14 million and was finished three months ahead of schedule.
Head librarian Petra Lind said visitor numbers on the first day were twice the usual Saturday figure.
The library will stay open until 9 p.m. on weekdays from next month.
Share this article: Facebook | X | Email
© 2026 Coastline Daily. All rights reserved.
"""

FILES = {
    "northwire/floodgates-fail.txt": ORIGINAL,
    "coastline-daily/marrow-bay-floodgates.txt": CONDENSED,
    "harbour-times/storm-surge-port.txt": REWRITE,
    "city-herald/dock-workers-chaos.txt": INDEPENDENT,
    "coastline-daily/library-reopens.txt": UNRELATED,
}


def write_example(directory: str | Path) -> list[Path]:
    """Write the example corpus under ``directory``; return the files written."""
    root = Path(directory)
    written = []
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
