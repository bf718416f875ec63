"""Synthetic news corpora with ground truth: stories, duplicates, copies, rewrites, junk, conflicts.

Each story is an invented event (type, place, people, numbers, dates) told by an original report;
derived members are made from it by known operations, so the truth is exact:

- ``duplicate``: the same text under another id and source;
- ``near-duplicate``: the same text with one word changed and other page furniture;
- ``copy``: light edits (a few words: "X said." and "X said:" become "X told reporters");
- ``condensed``: a subset of the sentences, with a credit line naming the original's outlet;
- ``paraphrase``: every sentence reworded (synonyms, "X said Y" -> "Y, according to X", order);
- ``shared-source``: two paraphrases that both add the same sentences from an unseen upstream;
- ``independent``: the same event in its own words (``INDEPENDENT``), its own quotes and one
  conflicting number.

Different stories of one event type differ in place, people, numbers and dates, so "same topic"
is never "same story". Records stream out (``generate``), so 10^6 articles need little memory.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FIRST = ["Elena", "Jonas", "Mara", "Luis", "Priya", "Tomas", "Ines", "Kofi", "Anja", "Ravi", "Sofia", "Omar",
         "Greta", "Hugo", "Lena", "Marek", "Nadia", "Pavel", "Rosa", "Yusuf", "Carla", "Dmitri", "Eva", "Felix"]
LAST = ["Varga", "Brandt", "Olsen", "Peralta", "Nandakumar", "Lind", "Moreau", "Okafor", "Horvat", "Sato",
        "Keller", "Duarte", "Novak", "Haddad", "Berg", "Costa", "Ivanova", "Mensah", "Rossi", "Weber"]
PLACES = ["Marrow Bay", "Kessling", "Oldbridge", "Port Avel", "Drummond", "Velmora", "Castrell", "Linnwick",
          "Sorrento Flats", "Ardenne", "Holmfirth", "Bexley Vale", "Tarrow", "Quillon", "Ebbridge", "Norvik"]
ORGS = ["the port authority", "the interior ministry", "the regional council", "the national grid operator",
        "the health agency", "the transport office", "the city hall", "the coast guard"]
ROLES = ["the mayor", "the interior minister", "a police spokesperson", "the fire chief", "the health minister",
         "a union leader", "the company's chief executive", "a government spokesperson"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AGENCIES = ["Northwire", "Globe Press", "Meridian News", "Capital Wire", "Eastline Agency"]
OUTLETS = ["coastline-daily", "harbour-times", "city-herald", "the-ledger", "morning-star-online",
           "valley-news", "metro-report", "daily-bulletin", "the-courier", "newsroom-24"]

EVENTS = {
    "earthquake": ("A magnitude {m}.{d} earthquake struck {place} on {day}, damaging {n} buildings",
                   ["Rescue teams searched collapsed homes in {place} through the night.",
                    "{org} said {k} people were injured and {j} were still missing.",
                    "Aftershocks of up to magnitude {d2}.{m} shook the area for hours.",
                    "Schools in {place} will stay closed until engineers inspect them."]),
    "flood": ("Floods forced {n} residents of {place} from their homes on {day}",
              ["The river rose {m}.{d} metres above its normal level, {org} said.",
               "Army trucks carried families from the lowest streets to {k} shelters.",
               "Farmers said {j} hectares of crops were under water.",
               "Forecasters expect more rain in {place} over the weekend."]),
    "strike": ("Workers at {place}'s largest factory walked out on {day} over pay",
               ["About {n} employees joined the strike, {org} said.",
                "The union is demanding a rise of {k} percent over two years.",
                "Management offered {d} percent and said the demand would cost {j} jobs.",
                "Talks are due to resume in {place} next week."]),
    "election": ("Voters in {place} elected a new council on {day} with a turnout of {k} percent",
                 ["The winning list took {j} of the {n} seats, {org} said.",
                  "Counting was delayed by {d} hours after a power cut at the main station.",
                  "Opposition parties said they would challenge the result in court.",
                  "The new council meets in {place} for the first time next month."]),
    "merger": ("Two regional banks based in {place} agreed on {day} to merge in a deal worth {n} million",
               ["The combined bank will have {k} branches and about {j} staff.",
                "Shareholders must approve the deal at meetings in {place} in {d} weeks.",
                "{org} said it would review the merger for competition concerns.",
                "Analysts said some branch closures were likely."]),
    "outbreak": ("Health officials in {place} confirmed {n} cases of a stomach virus on {day}",
                 ["Most of the patients ate at the same market, {org} said.",
                  "{k} people were treated in hospital and {j} were sent home.",
                  "Inspectors closed {d} food stalls while samples are tested.",
                  "Officials urged residents of {place} to wash produce carefully."]),
    "fire": ("A fire destroyed a warehouse in {place} on {day}, sending smoke over {n} streets",
             ["More than {k} firefighters fought the blaze for {d} hours, {org} said.",
              "Residents were told to keep windows closed as a precaution.",
              "Damage was estimated at {j} million.",
              "Investigators in {place} have not yet found the cause."]),
    "trial": ("A court in {place} opened the fraud trial of a former official on {day}",
              ["Prosecutors say {n} million was diverted from public contracts.",
               "The defendant denies all {k} charges, {org} said.",
               "The trial is expected to last {d} weeks and to hear {j} witnesses.",
               "A verdict in {place} is not expected before the summer."]),
}
# An independent report tells the event in its own words: its lead and the sentence giving the
# figure it disputes share facts (place, day, the counted thing) with the original, never its
# phrasing. The number keeps the noun it counts, so the two versions of the claim stay comparable.
INDEPENDENT = {
    "earthquake": ("A {m}.{d}-magnitude quake rocked {place} on {day}, damaging {n} buildings", None),
    "flood": ("Flooding on {day} forced {n} residents of {place} to leave their homes", None),
    "strike": ("Staff at the biggest factory in {place} went on strike on {day} in a row over wages",
               "Some {n} employees joined the strike, union organisers said."),
    "election": ("Turnout was {k} percent on {day} as {place} voted for its next council",
                 "The winners took {j} of the {n} seats, officials said."),
    "merger": ("Two {place} lenders said on {day} they would merge in a deal worth {n} million", None),
    "outbreak": ("Doctors have confirmed {n} cases of a stomach bug in {place} since {day}", None),
    "fire": ("A warehouse fire in {place} on {day} sent smoke over {n} streets", None),
    "trial": ("The fraud trial of an ex-official began in {place} on {day}",
              "Prosecutors claim {n} million was taken out of public contracts."),
}
QUOTES = ["We are doing everything we can to help the people affected",
          "Nobody will be allowed to cut corners again",
          "This is the worst situation we have seen in years",
          "We warned about these risks long before today",
          "Our first priority is the safety of every resident",
          "The numbers will change as we learn more"]
SYNONYMS = {"said": "stated", "people": "residents", "homes": "houses", "struck": "hit", "damaging": "harming",
            "injured": "hurt", "missing": "unaccounted for", "forced": "drove", "largest": "biggest",
            "expect": "predict", "destroyed": "wrecked", "confirmed": "reported", "agreed": "decided",
            "about": "around", "more": "further", "closed": "shut", "new": "fresh", "warned": "cautioned",
            "help": "assist", "worst": "most serious", "risks": "dangers", "priority": "concern",
            "carried": "moved", "rose": "climbed", "stay": "remain", "next": "coming", "began": "started",
            "officials": "authorities", "cases": "infections", "virus": "bug", "buildings": "structures",
            "teams": "crews", "searched": "combed", "through": "throughout", "night": "evening", "area": "region",
            "schools": "classrooms", "will": "would", "until": "till", "rain": "showers", "residents": "locals",
            "families": "households", "streets": "roads", "lowest": "low-lying", "shelters": "refuges",
            "crops": "fields", "under": "beneath", "workers": "staff", "factory": "plant", "walked": "went",
            "over": "regarding", "employees": "staffers", "joined": "took part in", "demanding": "seeking",
            "rise": "increase", "offered": "proposed", "cost": "eliminate", "talks": "negotiations",
            "due": "set", "resume": "restart", "week": "month", "voters": "electors", "elected": "chose",
            "council": "assembly", "winning": "victorious", "took": "won", "seats": "places",
            "delayed": "held up", "challenge": "contest", "result": "outcome", "court": "tribunal",
            "meets": "convenes", "first": "initial", "banks": "lenders", "deal": "agreement", "worth": "valued at",
            "combined": "merged", "branches": "offices", "staff": "workers", "approve": "back",
            "review": "examine", "concerns": "worries", "likely": "probable", "patients": "sick",
            "ate": "had eaten", "same": "one", "market": "bazaar", "treated": "cared for", "sent": "allowed",
            "inspectors": "examiners", "stalls": "stands", "samples": "specimens", "tested": "analysed",
            "urged": "told", "wash": "clean", "produce": "vegetables", "carefully": "thoroughly",
            "fire": "blaze", "warehouse": "depot", "smoke": "fumes", "firefighters": "fire crews",
            "fought": "battled", "windows": "shutters", "precaution": "safety measure", "damage": "harm",
            "estimated": "put", "investigators": "experts", "found": "identified", "cause": "origin",
            "opened": "began", "former": "ex-", "prosecutors": "the prosecution", "diverted": "siphoned",
            "public": "state", "contracts": "tenders", "defendant": "accused", "denies": "rejects",
            "charges": "counts", "expected": "likely", "last": "run", "hear": "call", "witnesses": "testimonies",
            "verdict": "ruling", "before": "ahead of", "summer": "summertime", "doing": "trying",
            "everything": "all", "affected": "hit", "nobody": "no one", "allowed": "permitted",
            "cut": "skip", "corners": "steps", "again": "anymore", "situation": "crisis", "seen": "faced",
            "years": "decades", "long": "well", "today": "now", "safety": "security", "every": "each",
            "numbers": "figures", "change": "shift", "learn": "find out", "magnitude": "strength",
            "earthquake": "quake", "aftershocks": "tremors", "shook": "rattled", "engineers": "inspectors",
            "inspect": "check", "floods": "floodwaters", "river": "waterway", "level": "mark", "army": "military",
            "farmers": "growers", "forecasters": "meteorologists", "pay": "wages",
            "management": "bosses", "regional": "local", "based": "headquartered", "analysts": "observers",
            "health": "medical", "stomach": "gut", "percent": "per cent", "turnout": "participation",
            "counting": "the count", "power": "electricity", "main": "central", "station": "depot",
            "opposition": "rival", "parties": "groups", "sending": "pushing",
            "fraud": "embezzlement", "official": "functionary", "collapsed": "fallen"}
JUNK_HEAD = ["Home > {sec} > {title_short}", "Home | {sec} | Latest", "Tags: {tags}", "Topics: {tags}",
             "Listen to this article", "Skip to main content"]
JUNK_TAIL = ["Share this article: Facebook | X | Email", "Follow us on our channel for breaking news",
             "Subscribe to our newsletter for daily updates", "Leave a comment",
             "Your email address will not be published. Required fields are marked *",
             "© {year} {outlet_name}. All rights reserved.", "Related: {related}", "See also: {related}",
             "Photo: {place} on {day}. (File photo)", "Advertisement", "Read more: {related}"]
# ``styles="varied"``: furniture of many sites and languages, at the head, between paragraphs and
# at the tail, and credit lines in many wordings (the classic lists above stay as they were, so
# corpora generated with the default settings do not change).
VARIED_HEAD = ["{outlet_name} › {sec}", "{sec} | {outlet_name}", "Inicio > {sec} > Actualidad", "Accueil » {sec}",
               "Strona główna › {sec}", "Ana Sayfa > {sec}", "{OUTLET} | {SEC}", "By {person} | {date}",
               "Par {person}, publié le {date}", "Von {person}", "Autor: {person}", "{n} min read",
               "Temps de lecture : {n} min", "Listen to this article ({n}:{ss})", "🎧 Escuchar la noticia ({n}:{ss})",
               "Updated {date}, {hh}:{ss}", "Live: follow our coverage of {place}", "{OUTLET}"]
VARIED_MID = ["ADVERTISEMENT", "Read more: {related}", "Lire aussi : {related}", "Lee también: {related}",
              "Czytaj także: {related}", "İlgili haberler: {related}", "Related: {related} | {related2}",
              "► Watch: {related} (video, {n}:{ss})", "Sign up for our newsletter — the day's news in your inbox",
              "Suscríbete a nuestro boletín", "Abonnez-vous à notre newsletter", "Audio: {related} ({n}:{ss})",
              "Story continues below", "Publicité"]
VARIED_TAIL = ["Share: Facebook • X • WhatsApp", "Partager : Facebook | X | E-mail", "Compartir en WhatsApp | Compartir en X",
               "Udostępnij: Facebook | X", "Paylaş: WhatsApp | X | Facebook", "Follow {outlet_name} on Instagram for more",
               "Síguenos en Instagram", "Support independent journalism: donate from €3 a month",
               "Wesprzyj nas – przekaż darowiznę", "Soutenez la rédaction : faites un don",
               "We use cookies to improve your experience. Accept | Settings",
               "Ta strona korzysta z plików cookie. Akceptuję", "Bu sitede çerezler kullanılmaktadır.",
               "Este sitio utiliza cookies. Aceptar", "{person} covers {sec_low} for {outlet_name}.",
               "Got a tip? Email news@{outlet}.example", "{n} comments — join the discussion",
               "Yorum yapmak için giriş yapın.", "Commentez cet article", "Tags: {tags}", "Etiquetas: {tags}",
               "© {year} {outlet_name}", "Download the {outlet_name} app for breaking news alerts",
               "Have your say: tell us in the comments below.", "More from {outlet_name}: {related} | {related2}"]
VARIED_CREDITS = ["With inputs from {agency}", "Compiled from agency reports", "Material from news agencies",
                  "Avec {agency}", "Źródło: {agency}", "Mit Material von {agency}", "Quelle: {agency}",
                  "Kaynak: {agency}", "Fuente: {agency}", "Additional reporting: {agency}",
                  "{agency} contributed to this report.", "Con información de {agency}", "(With agency inputs)",
                  "Source: {agency}", "Com informações da {agency}"]
RELATED = ["Ten years of coastal storms in pictures", "What the new budget means for you",
           "Local team wins regional cup", "Five things to know this week", "Weather outlook for the month"]


@dataclass
class GeneratorConfig:
    stories: int = 10
    per_story: int = 6
    seed: int = 0
    junk: bool = True
    start_date: str = "2026-03-01"
    # extra background paragraphs per original (each ~3 sentences, ~400 characters); 5 makes
    # articles of ~3 KB like real wire copy. Derived members inherit them like any body line.
    background: int = 0
    # "classic": the original English furniture at head and tail; "varied": many sites' and
    # languages' furniture, also between paragraphs, and varied credit wordings
    styles: str = "classic"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


SYLLABLES = ["ka", "lo", "mer", "vi", "sten", "ra", "dun", "bel", "tor", "hal", "mi", "nor", "ves", "ul", "gar", "ben"]


def _coined(n: int) -> str:
    """A place name of its own for every ``n``: its digits in base 16, one syllable each (no syllable
    begins another, so two numbers never spell one name)."""
    parts = []
    while True:
        n, d = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[d])
        if n == 0:
            break
    return "".join(parts).capitalize()


def _place(rng: random.Random, n: int) -> str:
    """The first stories take the listed places; every later one a coined name of its own, so that
    two stories never share a place however many there are (the module's promise: 64 listed
    combinations once put ~9 events of one type in one place on one day at 10^6 articles)."""
    if n < len(PLACES):
        return PLACES[n]
    # drawn as before, so the random stream (every person and number of a seed's corpus) stays as it was
    rng.choice(PLACES)
    return f"{_coined(n)} {rng.choice(['North', 'East', 'Upper', 'New'])}"


def _event(rng: random.Random, n: int) -> dict:
    kind = rng.choice(sorted(EVENTS))
    place = _place(rng, n)
    slots = dict(place=place, day=rng.choice(WEEKDAYS), org=rng.choice(ORGS), m=rng.randint(3, 7),
                 d=rng.randint(1, 9), d2=rng.randint(3, 5), n=rng.randint(20, 5000), k=rng.randint(2, 90),
                 j=rng.randint(2, 400))
    speakers = [(_person(rng), rng.choice(ROLES)) for _ in range(3)]
    quotes = rng.sample(QUOTES, 3)
    return {"kind": kind, "slots": slots, "speakers": speakers, "quotes": quotes, "n": n}


def _original(ev: dict) -> tuple[str, list[str]]:
    lead, rest = EVENTS[ev["kind"]]
    s = ev["slots"]
    body = [lead.format(**s) + f", {s['org']} said."]
    body += [t.format(**s) for t in rest]
    body[1:1] = [f"“{ev['quotes'][0]},” said {ev['speakers'][0][1]} {ev['speakers'][0][0]}."]
    body.insert(4, f"{ev['speakers'][1][0]}, {ev['speakers'][1][1]}, said: “{ev['quotes'][1]}.”")
    body = [b[0].upper() + b[1:] for b in body]
    title = lead.format(**s).split(" on ")[0]
    return title, body


BACKGROUND = [
    "{place} has about {pop} inhabitants and lies {km} kilometres from the nearest large city.",
    "In {year}, {person}, then {role2}, led a review of the {topic} that listed {x} urgent repairs.",
    "Budget papers from {year} show that {place} spent {x} million on the {topic} over {y} years.",
    "{person} told a council hearing in {year} that the {topic} needed {x} more staff.",
    "A survey of {pop} households found that {y} in ten residents worried about the {topic}.",
    "The {topic} in {place} was last upgraded in {year} at a cost of {x} million.",
    "Neighbouring districts have reported {y} similar incidents since {year}.",
    "Critics, among them {person}, have long said the {topic} of {place} was underfunded.",
    "{place} was founded as a market town and grew quickly after a rail line opened in {year}.",
    "About {y} percent of the workforce of {place} commutes to jobs outside the district.",
]
TOPICS = ["drainage network", "emergency service", "housing stock", "power supply", "road network",
          "water system", "hospital wing", "school budget", "harbour wall", "bus fleet"]


def _background(rng: random.Random, ev: dict, paragraphs: int) -> list[str]:
    """Story-specific context lines (names and numbers make each line unique to its story)."""
    place = ev["slots"]["place"]
    out = []
    for _ in range(paragraphs):
        fill = dict(place=place, pop=rng.randint(5, 900) * 1000, km=rng.randint(8, 300), year=rng.randint(1961, 2024),
                    person=_person(rng), role2=rng.choice(ROLES).removeprefix("the ").removeprefix("a "),
                    topic=rng.choice(TOPICS), x=rng.randint(2, 900), y=rng.randint(2, 9))
        out.append(" ".join(t.format(**fill) for t in rng.sample(BACKGROUND, 3)))
    return out


def _paraphrase(sentence: str, rng: random.Random) -> str:
    words = sentence.split(" ")
    out = []
    for w in words:
        core = w.strip(",.“”")
        syn = SYNONYMS.get(core.lower())
        if syn and core[:1].isupper():
            syn = syn[0].upper() + syn[1:]
        out.append(w.replace(core, syn) if syn and rng.random() < 0.9 else w)
    s = " ".join(out)
    for cue in (", said ", " said, ", ", stated "):
        if cue in s and not s.startswith("“"):
            before, after = s.rsplit(cue, 1)
            s = f"According to {after.rstrip('.')}, {before[0].lower() + before[1:]}."
            break
    return s


def _junk(rng: random.Random, outlet: str, title: str, ev: dict) -> tuple[list[str], list[str]]:
    fill = dict(sec=rng.choice(["World", "Europe", "Business", "Local"]), title_short=title[:40],
                tags=", ".join(rng.sample(["storm", "politics", "economy", "safety", "local", "courts"], 3)),
                year=2026, outlet_name=outlet.replace("-", " ").title(), related=rng.choice(RELATED),
                place=ev["slots"]["place"], day=ev["slots"]["day"])
    r = random.Random(zlib.crc32(outlet.encode()))  # each outlet has its own recurring furniture
    head = [t.format(**fill) for t in r.sample(JUNK_HEAD, 2)]
    tail = [t.format(**fill) for t in r.sample(JUNK_TAIL, 3)]
    return head, tail




def _varied(r: random.Random, outlet: str, title: str, ev: dict, lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Varied furniture: (head, the body with furniture lines between paragraphs, tail)."""
    name = outlet.replace("-", " ").title()
    sec = r.choice(["World", "Politics", "Local", "Economy", "Sport"])
    fill = dict(outlet=outlet, outlet_name=name, OUTLET=name.upper(), sec=sec, SEC=sec.upper(), sec_low=sec.lower(),
                person=_person(r), date=f"{r.randint(1, 28)} March 2026", n=r.randint(1, 12), ss=f"{r.randint(0, 59):02d}",
                hh=r.randint(6, 23), place=ev["slots"]["place"], related=r.choice(RELATED), related2=r.choice(RELATED),
                tags=", ".join(r.sample(["storm", "politics", "economy", "safety", "local", "courts"], 3)), year=2026)
    head = [t.format(**fill) for t in r.sample(VARIED_HEAD, r.randint(1, 3))]
    tail = [t.format(**fill) for t in r.sample(VARIED_TAIL, r.randint(2, 4))]
    body = list(lines)
    for t in r.sample(VARIED_MID, r.randint(0, 2)):
        if len(body) >= 3:
            body.insert(r.randint(1, len(body) - 1), t.format(**fill))
    return head, body, tail


def generate(cfg: GeneratorConfig) -> tuple[Iterator[dict], dict]:
    """Records (``id, source, title, published_at, text``) and a truth dict filled as they stream."""
    truth: dict = {"articles": {}, "stories": {}, "duplicate_groups": [], "edges": [], "conflicts": []}

    def records() -> Iterator[dict]:
        rng = random.Random(cfg.seed)
        serial = 0
        for n in range(cfg.stories):
            ev = _event(rng, n)
            sid = f"story-{n:06d}"
            title, body = _original(ev)
            if cfg.background:
                body = body + _background(rng, ev, cfg.background)
            agency = AGENCIES[n % len(AGENCIES)]
            day = 1 + n % 27
            members: list[str] = []
            made: list[tuple[str, str, list[str], str | None, str, list[str]]] = []
            extra = [f"Independent engineer {_person(rng)} warned that similar failures could follow elsewhere.",
                     f"Local officials in {ev['slots']['place']} had asked for more funding {ev['slots']['d']} years ago."]
            made.append(("original", agency.lower().replace(" ", "-"), body, None, title, []))
            roles = (["condensed", "paraphrase", "paraphrase", "independent", "copy", "near-duplicate", "duplicate"]
                     * (cfg.per_story // 7 + 1))[: max(cfg.per_story - 1, 0)]
            n_para = 0
            for role in roles:
                outlet = OUTLETS[rng.randrange(len(OUTLETS))]
                credits: list[str] = []
                if role == "duplicate":
                    text_lines = body
                elif role == "near-duplicate":
                    text_lines = body[:-1] + [body[-1].replace(" the ", " this ", 1)]
                elif role == "copy":
                    # every attributed line is edited: only line 2 was, and where it had no " said" the
                    # copy's body equalled the original's (a near duplicate labelled "copy")
                    text_lines = [b.replace(" said.", " told reporters.").replace(" said:", " told reporters:")
                                  for b in body]
                elif role == "condensed":
                    keep = sorted(rng.sample(range(len(body)), max(3, len(body) * 3 // 5)))
                    text_lines = [body[k] for k in keep]
                    credits = [f"With inputs from {agency}"]
                elif role == "paraphrase":
                    text_lines = [_paraphrase(b, rng) for b in body]
                    if len(text_lines) > 3:
                        text_lines[1], text_lines[2] = text_lines[2], text_lines[1]
                    n_para += 1
                    text_lines = text_lines + [extra[0]] + ([extra[1]] if n_para <= 2 else [])
                else:  # independent: own sentences, a conflicting number
                    s = dict(ev["slots"])
                    s["n"] = s["n"] + rng.randint(50, 300)
                    own_lead, own_figure = INDEPENDENT[ev["kind"]]
                    lead = own_lead.format(**s)
                    p = _person(rng)
                    # the conflicting number must be stated: where the lead does not, a sentence of
                    # its own does
                    carrier = [own_figure.format(**s)] if own_figure else []
                    text_lines = [lead + ", witnesses told this newspaper.", *carrier,
                                  f"“{rng.choice(QUOTES)},” said local resident {p}.",
                                  f"{p} said the first signs of trouble appeared early in the morning.",
                                  f"Neighbours in {s['place']} gathered outside to help each other."]
                    truth["conflicts"].append({"story": sid, "slot": "number",
                                               "articles": {"original": str(ev["slots"]["n"]), "independent": str(s["n"])}})
                made.append((role, outlet, text_lines, "original", title, credits))
            ids_by_role: dict[str, str] = {}
            for k, (role, outlet, lines, parent, ttl, credits) in enumerate(made):
                aid = f"a{serial:07d}"
                serial += 1
                published = f"{cfg.start_date[:8]}{day:02d}T{8 + k:02d}:00:00Z"
                head, tail = _junk(rng, outlet, ttl, ev) if cfg.junk else ([], [])
                shown, mid = lines, []
                if cfg.styles == "varied" and cfg.junk:
                    r = random.Random(zlib.crc32(f"{outlet}/{aid}".encode()))  # not the main stream: seeds stay
                    head, shown, tail = _varied(r, outlet, ttl, ev, lines)
                    mid = [x for x in shown if x not in lines]  # furniture between paragraphs is junk too
                    if credits:
                        credits = [r.choice(VARIED_CREDITS).format(agency=agency)]
                text = "\n".join([ttl, *head, *shown, *credits, *tail]) + "\n"
                if role == "original":
                    original_text = text
                elif role == "duplicate":  # byte-identical page under another id
                    text, head, mid, tail = original_text, truth["articles"][ids_by_role["original"]]["junk_lines"], [], []
                members.append(aid)
                ids_by_role.setdefault(role, aid)
                par = ids_by_role["original"] if parent else None
                truth["articles"][aid] = {"story": sid, "role": role, "parent": par, "source": outlet,
                                          "published_at": published, "junk_lines": head + mid + tail,
                                          "body_lines": lines, "credits": credits}
                if par:
                    kind = {"near-duplicate": "duplicate"}.get(role, role)
                    truth["edges"].append({"source": par, "target": aid, "kind": kind})
                yield {"id": aid, "source": outlet, "title": ttl, "published_at": published, "text": text}
            dups = [a for a in members if truth["articles"][a]["role"] in ("duplicate", "near-duplicate")]
            if dups:
                truth["duplicate_groups"].append([ids_by_role["original"], *dups])
            paras = [a for a in members if truth["articles"][a]["role"] == "paraphrase"]
            if len(paras) >= 2:
                truth["edges"].append({"source": paras[0], "target": paras[1], "kind": "shared-source"})
            for c in truth["conflicts"][-len(roles) or len(truth["conflicts"]):]:  # this story's only
                if c["story"] == sid and "original" in c["articles"]:
                    c["articles"] = {ids_by_role["original"]: c["articles"]["original"],
                                     ids_by_role.get("independent", "?"): c["articles"]["independent"]}
            truth["stories"][sid] = members

    return records(), truth


def write_corpus(out: str | Path, cfg: GeneratorConfig) -> dict:
    """Write a ``.jsonl`` file or a directory of ``<source>/<id>.txt``; truth goes to ``truth.json``."""
    out = Path(out)
    recs, truth = generate(cfg)
    n = 0
    if out.suffix == ".jsonl":
        return _write_jsonl(out, recs, truth)
    else:
        for r in recs:
            p = out / r["source"] / f"{r['id']}.txt"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(r["text"], encoding="utf-8")
            n += 1
        truth_path = out / "truth.json"
        # ids of a directory corpus are paths relative to it
        truth = _rekey(truth, {aid: f"{a['source']}/{aid}.txt" for aid, a in truth["articles"].items()})
    truth_path.write_text(json.dumps(truth), encoding="utf-8")
    truth["n_articles"] = n
    truth["truth_path"] = str(truth_path)
    return truth


def _write_jsonl(out: Path, recs: Iterator[dict], truth: dict) -> dict:
    """Stream records and truth: a finished story's articles and edges leave memory at once.

    The generator reads only the current story's entries, so earlier ones are written out and
    dropped when a new story starts; memory stays bounded by one story plus the id lists.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    truth_path = out.with_name("truth.json")
    edges_tmp = out.with_name(out.name + ".edges.tmp")
    n = 0
    first_article = True
    pending: list[str] = []
    story = None
    with open(out, "w", encoding="utf-8") as fh, open(truth_path, "w", encoding="utf-8") as th, \
            open(edges_tmp, "w+", encoding="utf-8") as eh:
        th.write('{"articles": {')

        def flush() -> None:
            nonlocal first_article
            for aid in pending:
                th.write(("" if first_article else ", ") + json.dumps(aid) + ": "
                         + json.dumps(truth["articles"].pop(aid), ensure_ascii=False))
                first_article = False
            pending.clear()
            for e in truth["edges"]:
                eh.write(json.dumps(e) + "\n")
            truth["edges"].clear()

        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
            current = truth["articles"][r["id"]]["story"]
            if current != story:
                # the previous story is complete once the next one yields its first record
                flush()
                story = current
            pending.append(r["id"])
        flush()
        th.write('}, "edges": [')
        eh.seek(0)
        for k, line in enumerate(eh):
            th.write((", " if k else "") + line.rstrip("\n"))
        th.write("]")
        for key in ("stories", "duplicate_groups", "conflicts"):
            th.write(f', "{key}": ' + json.dumps(truth[key], ensure_ascii=False))
        th.write("}")
    edges_tmp.unlink()
    return {"n_articles": n, "truth_path": str(truth_path)}


def _rekey(truth: dict, m: dict[str, str]) -> dict:
    return {
        "articles": {m[k]: {**v, "parent": m.get(v["parent"]) if v["parent"] else None}
                     for k, v in truth["articles"].items()},
        "stories": {s: [m[a] for a in ids] for s, ids in truth["stories"].items()},
        "duplicate_groups": [[m[a] for a in g] for g in truth["duplicate_groups"]],
        "edges": [{**e, "source": m[e["source"]], "target": m[e["target"]]} for e in truth["edges"]],
        "conflicts": [{**c, "articles": {m.get(k, k): v for k, v in c["articles"].items()}} for c in truth["conflicts"]],
    }
