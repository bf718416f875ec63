"""Precompiled, site-independent patterns for page furniture, in several languages.

Guarantee: every pattern here is a generic word family or line shape (share/follow/subscribe,
comment forms, copyright, captions, "see also" links...). None names an outlet, a person or a
phrase of a particular article, so the rules carry over to pages never seen.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Lines opening with a link-list cue: "See also", "Related:", "Read more", and their translations.
RELATED = re.compile(
    r"^\W{0,3}(?:see also|related(?: (?:stories|articles|news|coverage|content|topics|reading|links?))?\s*[:\-–—|]"
    r"|read (?:more|also|next)|also read|more (?:on|about) (?:this|the) (?:story|topic)\b|recommended(?: for you)?\s*[:\-–—]?$"
    r"|more from\b|more stories\b|you may (?:also )?like|you might (?:also )?like|top stories\s*$|trending(?: now)?\s*[:\-–—]?$"
    r"|most (?:read|popular|viewed)\s*[:\-–—]?$|watch\s*:|listen\s*:|click here\b|tap here\b"
    r"|lire aussi|voir aussi|à lire aussi|a lire aussi|lesen sie auch|mehr zum thema|siehe auch|auch interessant"
    r"|lee también|leer también|ver también|te puede interesar|leggi anche|vedi anche|lees ook|zie ook"
    r"|katso myös|lue myös|läs också|se även|se også|les også|veja também|leia também|czytaj też|zobacz też)",
    _I,
)

# Reader prompts: sharing, following, subscribing, commenting, comment-form text, app downloads.
PROMPT = re.compile(
    r"^\W{0,3}(?:share (?:this|on|via|the)\b|share\s*[:|]|click to (?:share|print|email|tweet)\b|share$|shares?$|tweet$|print$|e-?mail$|copy link$"
    r"|follow (?:us|me|our|the)\b|follow\b.{1,40}\bon (?:twitter|x|facebook|instagram|threads|bluesky|mastodon|tiktok)\b|subscribe\b|sign up\b|sign in\b|log ?in\b|register (?:now|here|to)\b|join (?:us|our)\b"
    r"|get (?:our|the) (?:\w+ )?(?:newsletter|app)\b|download (?:our|the) (?:\w+ )?app\b"
    r"|leave a (?:reply|comment)\b|post a comment\b|add a comment\b|write a comment\b|add comment\b|comments?\s*(?:\(\d+\)|\d+)?$"
    r"|\d+ comments?$|show comments\b|view comments\b|reply$|cancel reply\b|comment$|name \*|email \*|website$"
    r"|your email address will not be published|required fields are marked|save my name|notify me of"
    r"|partager\b|suivez[- ]nous|abonnez[- ]vous|inscrivez[- ]vous|teilen$|folgen sie uns|jetzt abonnieren"
    r"|compartir$|síguenos|suscríbete|condividi$|seguici|iscriviti|jaa$|seuraa meitä|tilaa\b|dela$|följ oss|del$|følg os)",
    _I,
)
# Words that make a short line a prompt wherever they stand ("... on our channel for breaking news").
PROMPT_ANYWHERE = re.compile(
    r"\b(?:newsletter|subscribe|subscription|unsubscribe|follow us|join our|our channel|the channel"
    r"|sign up|push notifications?|download the app|download our app|get the app|in your inbox"
    r"|abonnieren|abonnez|suscr[ií]b|iscriviti|tilaa uutiskirje)\b",
    _I,
)
# A short, title-cased promo line that ends with the kind of thing it promotes ("X Channel", "Our Podcast").
# A prompt addresses the reader ("our", "you"); reported news speaks of third parties.
READER_ADDRESS = re.compile(
    r"\b(?:our|us|you|your|yours|unser\w*|ihr\w*|nos|notre|vous|votre|nuestr\w*|tu|su)\b", _I
)
PROMO_TAIL = re.compile(r"\b(?:channel|newsletter|podcast|app|live ?blog|alerts?)\s*$", _I)

# "The story continues after the video", "Article continues below", "Advertisement".
CONTINUES = re.compile(
    r"^\W{0,3}(?:(?:the )?(?:story|article|text|report|content|reading) continues\b|continue reading\b|continues below\b"
    r"|scroll (?:down )?to continue\b|advertisement\b|advertising\b|sponsored(?: content)?\b|ad$|ads$|anzeige$|werbung$"
    r"|publicité$|publicidad$|pubblicità$|mainos$|annons$|reklame$|artikel wird fortgesetzt|der artikel geht weiter"
    r"|l'article continue|la suite après|el artículo continúa|juttu jatkuu|artikeln fortsätter|story continues)",
    _I,
)

# Copyright and reuse notices.
# "Ã©" is a mis-decoded "é", not a copyright sign.
COPYRIGHT = re.compile(
    r"(?:(?<!Ã)©|\(c\)\s*(?:19|20)\d\d|^\W{0,3}copyright\b|\ball rights reserved\b|alle rechte vorbehalten|tous droits réservés"
    r"|todos los derechos reservados|tutti i diritti riservati|kaikki oikeudet pidätetään|alla rättigheter förbehållna"
    r"|may not be (?:re)?(?:published|produced|broadcast|rewritten|redistributed|reproduced)"
    r"|without (?:the )?(?:prior )?written permission)",
    _I,
)

# Site disclaimers about comments, opinions and liability (generic word families, two needed).
DISCLAIMER_START = re.compile(r"^\W{0,3}(?:disclaimer|haftungsausschluss|avertissement|aviso legal)\b", _I)
DISCLAIMER_WORDS = re.compile(
    r"\b(?:comments?|refrain|obscene|derogatory|abusive|offensive|defamatory|moderat\w*|views expressed"
    r"|opinions expressed|do not (?:necessarily )?(?:reflect|represent)|does not (?:necessarily )?(?:reflect|represent)"
    r"|not (?:responsible|liable)|terms of (?:use|service)|community (?:guidelines|standards)|posted here|kindly)\b",
    _I,
)

# Photo/image credit markers in captions.
CAPTION_CUE = re.compile(
    r"(?:\bin this (?:image|photo|photograph|picture|handout|file photo|still|screengrab|video grab)\b"
    r"|(?:^|\()\W{0,2}(?:file|handout|stock|archive) (?:photo|image|picture)\b"
    r"|\((?:[\w.]+\s){0,2}(?:photo|image|picture|foto|bild|kuva|credit)s?\b[^)]*\)"
    r"|^(?-i:FILE|HANDOUT)\s*[-–—:]\s|^(?:image|media|video|photo) caption\b|^(?:hide|toggle|show|expand) caption\b"
    r"|(?:^|[.!?]\s+|\()\W{0,2}(?:photo|image|picture|foto|bild|kuva)s?\s*(?:credit)?\s*(?::|by\b|©)"
    r"|\bgetty images\b|\bshutterstock\b|\balamy stock\b|\bphotograph(?:er)?: "
    r"|\bvia (?-i:[A-Z]{2,})\W{0,2}$|(?-i:\b[A-Z]{3,}/[A-Z][a-z]+(?: [A-Z][\w'-]+){1,2})\W{0,2}$)",
    _I,
)
# "NAME SURNAME / AGENCY" credit tail after the last sentence of a caption.
CREDIT_TAIL = re.compile(r"(?:^|[.!?)]\s+)([^.!?]{0,120}?\s/\s[^.!?]{0,120})\s*$")
# A whole line that is only a credit: "Photo: Jane Roe/Agency", "(File photo)", "AGENCY/Name".
CREDIT_ONLY = re.compile(
    r"^\W{0,3}(?:(?:photo|image|picture|foto|bild|kuva|credit|photograph)s?\s*(?:credit)?\s*(?::|by\b|©)\s*.{0,80}"
    r"|\((?:file )?(?:photo|image|picture)[^)]{0,80}\)|(?:file|handout) (?:photo|image)\.?"
    r"|(?-i:[A-Z]{2,}(?:\s[A-Z]{2,})*/[A-Z][\w. '-]{1,40}))$",
    _I,
)
ALLCAPS_WORD = re.compile(r"\b[A-Z][A-Z'.-]{1,}\b")

# Tag/keyword list headers.
TAGS = re.compile(
    r"^\W{0,3}(?:tags?|topics?|keywords?|filed under|categories|category|schlagwörter|themen|mots[- ]clés|sujets"
    r"|etiquetas|temas|argomenti|avainsanat|aiheet|ämnen|emner)\s*:",
    _I,
)

# Publication meta lines: "Published 3 March 2026", "Updated: 10:41", "5 min read".
META = re.compile(
    r"^\W{0,3}(?:(?:published|updated|posted|last updated|modified|veröffentlicht|aktualisiert|publié|mis à jour"
    r"|publicado|actualizado|pubblicato|aggiornato|julkaistu|päivitetty|publicerad|uppdaterad)\b\s*(?:on|at|:)?\s*"
    r"[\w ,:./+-]{0,40}$|\d{1,3}\s*(?:min(?:ute)?s?|minuten|minutes)\s*(?:read|lesezeit|de lecture)?$"
    r"|reading time\b.{0,20}$|lesezeit\b.{0,20}$)",
    _I,
)

# A line that is only a date and maybe a time: "March 12, 2026", "12.03.2026 10:41", "June 4, 2026
# 9:12 AM UTC".
DATE_ONLY = re.compile(
    r"^\W{0,3}(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+[^\W\d]+\.?,?\s+\d{4}|[^\W\d]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
    r"(?:,?\s*(?:at\s+|um\s+|à\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
    _I,
)
# "Posted by someone · 3 hours ago", "5 min ago": comment and feed metadata.
# A full date anywhere in a line (the forms of DATE_ONLY), with its time if any: a line that is
# such a date and at most two other words ("Last change 14.02.2019", "24 March 2004, 19:49 | Desk")
# is a timestamp, whatever its label's language.
DATE_IN_LINE = re.compile(
    r"(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+[^\W\d]+\.?,?\s+\d{4}|[^\W\d]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|(?<![\d+])\b(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b(?![./-]\d))"
    r"(?:,?\s*(?:at\s+|um\s+|à\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?)?",
    _I,
)
POSTED = re.compile(
    r"^\W{0,3}(?:posted (?:by|in|on|under)\b.{0,80}|.{0,80}\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago)$",
    _I,
)
# A comment-section header: what follows it on a page is readers' text, not the article.
COMMENT_HEADER = re.compile(
    r"^\W{0,3}(?:\d+\s+(?:comments?|replies|responses)|comments?\s*(?:\(\d+\))?|leave a (?:reply|comment)|"
    r"(?:log|sign) ?in to (?:comment|reply)|join the (?:discussion|conversation)|reader comments|kommentare|commentaires|comentarios)\W{0,3}$",
    _I,
)

# Page controls and notices: "Skip to main content", "Back to top", "Load more", cookie consent.
NAVIGATION = re.compile(
    r"^\W{0,3}(?:skip to\b|jump to\b|back to top|go to (?:top|content)|next (?:article|story|page)\b"
    r"|previous (?:article|story|page)\b|load(?:ing)? more|show more|loading\W*$|menu$|search$|close$|open$"
    r"|(?:please )?enable javascript|this (?:video|content|feature) (?:is|requires)|your browser does not support"
    r"|opens in (?:a )?new (?:window|tab)|\(opens in (?:a )?new (?:window|tab)\))",
    _I,
)
CONSENT = re.compile(
    r"\b(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies|cookie (?:settings|policy|preferences)"
    r"|privacy policy|terms (?:and|&) conditions)\b",
    _I,
)

# Navigation: short segments joined by separators.
SEPARATORS = re.compile(r"\s(?:>|»|›|\||/|·|•|::)\s|\s?(?:»|›|·|•)\s?")
HOME_WORDS = re.compile(
    r"^(?:home|start|startseite|accueil|inicio|portada|etusivu|hem|forside|news|nachrichten|nieuws)\b", _I
)
TRAILING_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\W{0,2}$")

# Markup and style sheet fragments left by extraction: lines of bare tags (an embed with no text),
# "@media ... {", "}", "width:100%;". A tag around text (an embedded post) stays: it is quoted content.
CODE = re.compile(
    r"^(?:(?:<[^<>]*>\s*)+\W{0,2}|[@.#]?[\w\s,.:#>()\[\]=\"'-]*\{\s*|\}\W{0,2}|[a-z-]+\s*:\s*[^;\s]+(?:\s[^;\s]+){0,2};\s*)$"
)
URL_OR_HANDLE = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b|(?<!\w)@\w{2,}|\b\w+\.(?:com|org|net)\b", _I
)

# Byline at the head: "By Jane Roe", "By Jane Roe and John Doe, Agency".
BYLINE = re.compile(
    r"^\W{0,3}(?i:by|von|par|por|di|door|av|af)\s+((?:[A-Z][\w.'’-]*\.?\s?){1,4}(?:(?:,|\band\b|&|\bund\b|\bet\b|\by\b)\s*"
    r"(?:[A-Z][\w.'’-]*\.?\s?){1,4}){0,3})\s*$"
)

# A finite verb-ish word: used to tell a sentence from a label. Cheap English/Romance/Germanic cues.
VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should|said|says|say|told|did|does|do"
    r"|ist|sind|war|hat|haben|wird|est|sont|a|ont|sera|es|son|fue|ha|han|è|sono|ha|on|oli|ovat|är|var|har|er|\w+ed|\w+s)\b",
    _I,
)

# Dateline opening a body paragraph: "CITY, March 3 (Agency) -", "CITY (Agency) -".
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][a-z]{2,9}\.? \d{1,2})?\s*\([^)]{2,40}\)\s*[-–—]")

# Literal needles (in the lower-cased line) without which a pattern cannot match: a cheap gate so
# that ordinary body sentences skip the unanchored searches.
COPYRIGHT_NEEDLES = (
    "©",
    "(c)",
    "copyright",
    "rights",
    "rechte",
    "droits",
    "derechos",
    "diritti",
    "oikeudet",
    "rättigheter",
    "may not be",
    "permission",
)
PROMPT_NEEDLES = (
    "newsletter",
    "subscri",
    "follow us",
    "join our",
    "channel",
    "sign up",
    "notification",
    "download",
    "the app",
    "inbox",
    "abonn",
    "suscr",
    "iscriviti",
    "tilaa",
)
DISCLAIMER_NEEDLES = (
    "comment",
    "refrain",
    "obscene",
    "derogatory",
    "abusive",
    "offensive",
    "defamatory",
    "moderat",
    "views",
    "opinions",
    "reflect",
    "represent",
    "responsible",
    "liable",
    "terms of",
    "guidelines",
    "posted here",
    "kindly",
    "disclaimer",
    "haftung",
    "avertissement",
    "aviso",
)
CAPTION_NEEDLES = (
    "image",
    "photo",
    "picture",
    "handout",
    "still",
    "screengrab",
    "grab",
    "getty",
    "shutterstock",
    "alamy",
    "foto",
    "bild",
    "kuva",
    "credit",
    "via ",
    "/",
    "file",
    "caption",
)
NAV_NEEDLES = (" > ", "»", "›", " | ", " / ", "·", "•", "::")
LINK_NEEDLES = ("http", "www.", "@", ".com", ".org", ".net")
ELLIPSIS_ENDS = ("...", "…")


def needle_finder(needles: tuple[str, ...]) -> re.Pattern:
    """One compiled alternation: a single ``search`` instead of a Python loop over ``in`` tests."""
    return re.compile("|".join(re.escape(n) for n in needles))


COPYRIGHT_FINDER = needle_finder(COPYRIGHT_NEEDLES)
PROMPT_FINDER = needle_finder(PROMPT_NEEDLES)
DISCLAIMER_FINDER = needle_finder(DISCLAIMER_NEEDLES)
CAPTION_FINDER = needle_finder(CAPTION_NEEDLES)
NAV_FINDER = needle_finder(NAV_NEEDLES)
LINK_FINDER = needle_finder(LINK_NEEDLES)
