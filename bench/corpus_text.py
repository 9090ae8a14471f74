"""Invented news-like English for the benchmark corpus: headlines,
sentences, paragraphs, captions, names. Nothing here is copied from a
real article; every string is put together from the word lists below.

Every function takes a `random.Random`, so one seed gives one corpus.
Strings come out already clean by RECORD.md's rules (single spaces, no
markup): the page composer adds entities, no-break spaces and inline
tags when it writes them into HTML.
"""

from __future__ import annotations

import random

PLACES = (
    "Beirut", "London", "Idlib", "Cairo", "Baghdad", "Riyadh", "Kuwait City", "Dubai",
    "Amman", "Sanaa", "Tehran", "Damascus", "Jeddah", "Tripoli", "Erbil", "Ramallah",
    "Gaza", "Abu Dhabi", "Paris", "Washington", "New York", "Mosul", "Aden", "Khartoum",
    "Tunis", "Rabat", "Doha", "Manama", "Muscat", "Ankara", "Geneva", "Sharm el-Sheikh",
    "Deir ez-Zor", "Benghazi", "Algiers", "Istanbul",
)
COUNTRIES = (
    "Syria", "Iraq", "Lebanon", "Egypt", "Yemen", "Libya", "Jordan", "Saudi Arabia",
    "Kuwait", "Bahrain", "Qatar", "Oman", "Iran", "Turkey", "Tunisia", "Morocco", "Sudan",
)
ADJECTIVES = (
    "Syrian", "Iraqi", "Lebanese", "Egyptian", "Yemeni", "Libyan", "Jordanian", "Saudi",
    "Kuwaiti", "Bahraini", "Iranian", "Turkish", "Tunisian", "Moroccan", "Sudanese", "Gulf",
)
AGENCIES = ("AFP", "Reuters", "AP", "DPA", "KUNA", "Agence France-Presse", "Associated Press")
CREDITS = (
    "(REUTERS/Stringer)", "(AFP)", "(AP Photo)", "(AP Photo/Hassan Ammar)", "(AFP Photo)",
    "(Asharq Al-Awsat)", "(EPA/Str)", "(REUTERS/Khalil Ashawi)", "(SPA)", "(AFP/Getty Images)",
)
FIRST_NAMES = (
    "Khalid", "Layla", "Omar", "Nadia", "Tariq", "Samira", "Youssef", "Rania", "Hassan",
    "Mona", "Faisal", "Huda", "Karim", "Dalia", "Walid", "Salma", "Ibrahim", "Hélène",
    "Marc", "Zeina", "Adel", "Noor",
)
LAST_NAMES = (
    "Al-Mansouri", "Haddad", "El-Sayed", "Karam", "Bassam", "Al-Harbi", "Nasser", "Khoury",
    "Al-Shammari", "Fares", "Saleh", "Dubois", "Abu Zeid", "Al-Qahtani", "Mourad", "Rahal",
    "Ghanem", "Al-Obaidi", "Taha", "Sabbagh",
)
ROLES = (
    "the interior minister", "a senior official", "a spokesman for the army",
    "the head of the local council", "an opposition lawmaker", "a political analyst",
    "the foreign minister", "a United Nations envoy", "a military commander",
    "a researcher at a Beirut think tank", "the governor of the province", "an aid worker",
)
GROUPS = (
    "government forces", "rebel fighters", "security forces", "the coalition",
    "opposition groups", "tribal leaders", "militants", "aid agencies", "lawmakers",
    "the ruling party", "the central bank", "local officials", "the army",
    "human rights groups", "Gulf ministers", "the United Nations",
)
ORGS = (
    "the Arab League", "the United Nations", "the interior ministry", "the World Bank",
    "the Gulf Cooperation Council", "the International Monetary Fund", "parliament",
    "the Red Crescent", "the health ministry", "the electoral commission",
)
VERBS_PAST = (
    "announced", "rejected", "welcomed", "criticized", "postponed", "approved", "called for",
    "warned against", "agreed on", "discussed", "denied", "confirmed",
)
TOPICS = (
    "a new round of talks", "the proposed budget", "a ceasefire along the border",
    "the reopening of the crossing", "a package of economic reforms", "the draft oil law",
    "an inquiry into the attack", "the return of displaced families", "fuel subsidy cuts",
    "a plan to rebuild the city’s water network", "stricter controls on charities",
    "elections scheduled for next spring", "the release of detainees", "a regional summit",
    "a deal on power sharing", "new rules for foreign investment", "the security agreement",
)
TIMES = (
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
    "on Sunday", "last week", "earlier this month", "late on Sunday", "this year",
    "for the third time in a month", "after weeks of delay",
)
REASONS = (
    "the talks had stalled over the question of who controls the border",
    "prices had risen sharply since the start of the year",
    "thousands of families were still living in temporary shelters",
    "the fighting had cut the main road to the capital",
    "the government’s budget depended heavily on oil revenue",
    "neither side was ready to make concessions",
    "the previous agreement had collapsed within days",
    "donors had pledged less than half of what was needed",
    "the country’s young population was growing impatient",
    "the city’s hospitals were running short of medicine",
)
QUOTES = (
    "We will not accept a solution imposed from outside",
    "The people want results, not promises",
    "This is a first step, and there is a long road ahead",
    "Nobody expected the talks to move this quickly",
    "We have asked for guarantees and we are still waiting",
    "The situation on the ground has changed completely",
    "Our priority is to bring the displaced home before winter",
    "There is no military solution to this crisis",
)
CATEGORIES = (
    "Middle East", "Opinion", "Features", "News", "Majalla Blogs", "Interviews",
    "Business", "Culture", "Gulf", "World",
)
TAGS = (
    "Iran", "ISIS", "Syria", "GCC", "Kuwait", "Egypt", "Yemen", "Oil", "Refugees",
    "Elections", "Arab Spring", "Lebanon", "Iraq", "Security", "Economy", "Diplomacy",
    "Saudi Arabia", "Human Rights", "Energy",
)
HEADLINE_PREFIXES = ("Analysis", "Interview", "Opinion", "Exclusive", "Op-Ed")
CAPTION_SUBJECTS = (
    "A member of the security forces", "Protesters", "Displaced families", "Rescue workers",
    "A woman", "Children", "Delegates", "Supporters of the government", "Fighters",
    "Shoppers", "Firefighters", "A boy", "Farmers", "Students", "Medics",
)
CAPTION_ACTIONS = (
    "stands guard near a checkpoint", "wave national flags during a rally",
    "walk past damaged buildings", "search through the rubble of a house",
    "attend a meeting of foreign ministers", "queue for bread outside a bakery",
    "gather at the site of an explosion", "carry supplies across a river",
    "hold posters during a march", "inspect the wreckage of a car",
    "wait at a border crossing", "ride in the back of a pickup truck",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Opening phrases of a first sentence that has a comma and a dash early on
# but is no dateline (RECORD.md "dateline").
DECOY_OPENINGS = (
    "For three decades, the region’s rulers—in Riyadh, Cairo and Tehran alike—have",
    "In {place}, the mood—never calm at the best of times—has",
    "Last week, the ministers—meeting behind closed doors—",
    "After years of war, the city’s residents—most of them displaced at least once—have",
    "Iran-backed militias, which the government—at least officially—does not control, have",
    "US-led coalition jets, according to officials—who asked not to be named—have",
)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def date_parts(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(2005, 2017), rng.randint(1, 12), rng.randint(1, 28)


def _number(rng: random.Random) -> str:
    return rng.choice((str(rng.randint(2, 95)), f"{rng.randint(2, 900):,}", f"{rng.randint(1, 9)},{rng.randint(100, 999)}",
                       f"{rng.randint(2, 60)} percent", f"${rng.randint(2, 40)} billion"))


def sentence(rng: random.Random) -> str:
    place, country, adjective = rng.choice(PLACES), rng.choice(COUNTRIES), rng.choice(ADJECTIVES)
    forms = (
        lambda: f"{cap(rng.choice(GROUPS))} in {place} {rng.choice(VERBS_PAST)} {rng.choice(TOPICS)} {rng.choice(TIMES)}.",
        lambda: f"{person(rng)}, {rng.choice(ROLES)}, said that {rng.choice(REASONS)}.",
        lambda: f"“{rng.choice(QUOTES)},” said {person(rng)}, {rng.choice(ROLES)}.",
        lambda: f"According to {rng.choice(ORGS)}, at least {_number(rng)} people were affected in {place} {rng.choice(TIMES)}.",
        lambda: f"The move came {rng.choice(TIMES)} after {rng.choice(GROUPS)} {rng.choice(VERBS_PAST)} {rng.choice(TOPICS)}.",
        lambda: f"Analysts say {rng.choice(REASONS)}, and that {rng.choice(GROUPS)} are unlikely to change course soon.",
        lambda: f"{adjective} officials told Asharq Al-Awsat that {rng.choice(REASONS)}.",
        lambda: f"{country}’s economy shrank by {rng.randint(2, 15)} percent last year, {rng.choice(ORGS)} said.",
        lambda: f"The decision—the first of its kind since {rng.randint(1990, 2014)}—was {rng.choice(VERBS_PAST)} by {rng.choice(GROUPS)}.",
        lambda: f"Residents of {place} said {rng.choice(REASONS)}, while {rng.choice(GROUPS)} {rng.choice(VERBS_PAST)} {rng.choice(TOPICS)}.",
        lambda: f"It was not immediately clear whether {rng.choice(GROUPS)} would accept {rng.choice(TOPICS)}.",
        lambda: f"The talks in {place} are expected to resume {rng.choice(('next week', 'after the holiday', 'within days', 'in the spring'))}.",
        lambda: f"{cap(rng.choice(ORGS))} estimates that {_number(rng)} families have left the area since the fighting began.",
        lambda: f"Asked about {rng.choice(TOPICS)}, {person(rng)} said: “{rng.choice(QUOTES)}.”",
        lambda: f"Prices of bread & fuel in {place} have risen by {rng.randint(5, 80)} percent since {rng.choice(MONTHS)}.",
    )
    return rng.choice(forms)()


def paragraph(rng: random.Random, sentences: tuple[int, int] = (1, 4)) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def plain_opening(rng: random.Random) -> str:
    """A first sentence that opens a body without a dateline and does not
    look like one (it starts with a lower-case word after its first)."""
    return rng.choice((
        f"The {rng.choice(('government', 'army', 'ministry', 'council', 'opposition'))} in {rng.choice(PLACES)} {rng.choice(VERBS_PAST)} {rng.choice(TOPICS)} {rng.choice(TIMES)}.",
        f"Few people in {rng.choice(PLACES)} expected {rng.choice(TOPICS)} to succeed.",
        f"When {rng.choice(GROUPS)} {rng.choice(VERBS_PAST)} {rng.choice(TOPICS)}, few were surprised.",
    ))


def decoy_opening(rng: random.Random) -> str:
    """A first sentence with a comma and a dash early on: no dateline."""
    start = rng.choice(DECOY_OPENINGS).format(place=rng.choice(PLACES))
    return f"{start} {rng.choice(VERBS_PAST)} {rng.choice(TOPICS)}."


def headline(rng: random.Random) -> str:
    forms = (
        lambda: f"{rng.choice(ADJECTIVES)} {rng.choice(('troops', 'ministers', 'rebels', 'officials', 'voters'))} {rng.choice(('face off', 'meet', 'clash', 'agree', 'regroup'))} in {rng.choice(PLACES)}",
        lambda: f"{rng.choice(COUNTRIES)}’s {rng.choice(('economy', 'opposition', 'army', 'parliament'))} {rng.choice(('under pressure', 'at a crossroads', 'looks for allies', 'braces for winter'))}",
        lambda: f"{cap(rng.choice(ORGS).replace('the ', '', 1))} {rng.choice(VERBS_PAST)} {rng.choice(TOPICS)}",
        lambda: f"{rng.choice(PLACES)}: {rng.choice(('a city divided', 'the long wait', 'after the storm', 'rebuilding from ruins'))}",
        lambda: f"{cap(rng.choice(GROUPS))} & {rng.choice(GROUPS)} {rng.choice(VERBS_PAST)} {rng.choice(TOPICS)}",
    )
    return rng.choice(forms)()


def caption_sentence(rng: random.Random) -> str:
    """A caption without its credit and without a final period."""
    year, month, day = date_parts(rng)
    return (f"{rng.choice(CAPTION_SUBJECTS)} {rng.choice(CAPTION_ACTIONS)} in {rng.choice(PLACES)}, "
            f"{rng.choice(COUNTRIES)}, {MONTHS[month - 1]} {day}, {year}")


def comment_text(rng: random.Random) -> str:
    return rng.choice((
        "Thank you for this article.", "Very well written, but the author forgets the role of the neighbours.",
        "This is exactly what I said last year.", "Who pays for all of this?",
    )) + " " + paragraph(rng, (1, 3))


def slug(text: str) -> str:
    kept = "".join(c.lower() if c.isalnum() and c.isascii() else " " for c in text)
    return "-".join(kept.split())[:80] or "article"
