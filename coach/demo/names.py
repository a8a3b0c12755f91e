"""Made-up identities for the demo: names, addresses, schools, employers, phone numbers."""

from __future__ import annotations

import random
import unicodedata

# Coaches of the demo team: COACH holds every case, COLLEAGUE fills in now and then.
COACH = "Marloes Kamphuis"
COLLEAGUE = "Ruben Hoekstra"

# (first name, gender, nicknames): gender only chooses hij/zij in the notes.
FIRST_NAMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Mohammed", "m", ("Mo",)),
    ("Daan", "m", ()),
    ("Jayden", "m", ("Jay",)),
    ("Sem", "m", ()),
    ("Kevin", "m", ()),
    ("Dylan", "m", ()),
    ("Youssef", "m", ("Yous",)),
    ("Milan", "m", ()),
    ("Thijs", "m", ()),
    ("Ricardo", "m", ("Rico",)),
    ("Stefan", "m", ("Steef",)),
    ("Bram", "m", ()),
    ("Anouar", "m", ()),
    ("Damian", "m", ("Dami",)),
    ("Luuk", "m", ()),
    ("Niels", "m", ()),
    ("Tyrone", "m", ("Ty",)),
    ("Gianni", "m", ()),
    ("Mehmet", "m", ("Memo",)),
    ("Jesse", "m", ()),
    ("Rayan", "m", ()),
    ("Alexander", "m", ("Lex", "Sander")),
    ("Ilias", "m", ()),
    ("Quinten", "m", ("Quin",)),
    ("Ayoub", "m", ()),
    ("Stijn", "m", ()),
    ("Glenn", "m", ()),
    ("Dewi", "m", ()),
    ("Sanne", "v", ()),
    ("Chantal", "v", ("Chan",)),
    ("Naomi", "v", ()),
    ("Shanice", "v", ("Shan",)),
    ("Fleur", "v", ()),
    ("Yasmina", "v", ("Yas",)),
    ("Demi", "v", ()),
    ("Lotte", "v", ()),
    ("Kimberley", "v", ("Kim",)),
    ("Esra", "v", ()),
    ("Jamie", "v", ()),
    ("Romy", "v", ()),
    ("Samira", "v", ("Sam",)),
    ("Melissa", "v", ("Mel",)),
    ("Iris", "v", ()),
    ("Tamara", "v", ("Tam",)),
    ("Noor", "v", ()),
    ("Priscilla", "v", ("Pris",)),
    ("Britt", "v", ()),
    ("Zoë", "v", ()),
    ("Khadija", "v", ()),
    ("Elif", "v", ()),
    ("Robin", "v", ()),
    ("Anouk", "v", ()),
    ("Destiny", "v", ("Dez",)),
    ("Marit", "v", ()),
    ("Nadia", "v", ()),
    ("Jolien", "v", ("Joli",)),
)

LAST_NAMES: tuple[str, ...] = (
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "Schouten",
    "Willems",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "van Dam",
    "Prins",
    "Blom",
    "Huisman",
    "Peeters",
    "Kuipers",
    "El Amrani",
    "Yilmaz",
    "Bouzid",
    "Martina",
    "Kaya",
    "Rosario",
    "Öztürk",
    "Benali",
    "Pinas",
    "Zeegers",
    "Wolters",
    "Veenstra",
    "Hofman",
    "Postma",
    "Timmer",
    "Lammers",
    "Evers",
    "Groen",
)

# Informal network: first names by gender, for family, friends and neighbours.
NETWORK_FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "v": (
        "Yvonne",
        "Petra",
        "Fatima",
        "Ingrid",
        "Sandra",
        "Wendy",
        "Mirjam",
        "Latifa",
        "Gerda",
        "Esther",
        "Monique",
        "Nicole",
        "Saskia",
        "Tineke",
        "Bianca",
    ),
    "m": (
        "Marco",
        "Hans",
        "Ahmed",
        "René",
        "Erik",
        "Patrick",
        "Kees",
        "Hasan",
        "Willem",
        "Roy",
        "Dennis",
        "Arjen",
        "Orlando",
        "Ferry",
        "Sven",
    ),
}

# Professionals: full names.
PROFESSIONAL_NAMES: tuple[str, ...] = (
    "Ilse van Rooij",
    "Bart Scholten",
    "Hanneke de Lange",
    "Jeroen Vink",
    "Mariska Bosman",
    "Karim Haddou",
    "Femke Wouters",
    "Jos Lubbers",
    "Anja Steenbergen",
    "Tim Brink",
    "Nathalie Goossens",
    "Rob Kersten",
    "Leonie Ruiter",
    "Edwin Molenaar",
    "Sabine Hermans",
)

# City and the first two digits of its postcodes.
CITIES: tuple[tuple[str, int], ...] = (
    ("Zwolle", 80),
    ("Deventer", 74),
    ("Apeldoorn", 73),
    ("Amersfoort", 38),
    ("Arnhem", 68),
    ("Nijmegen", 65),
    ("Utrecht", 35),
    ("Tilburg", 50),
    ("Breda", 48),
    ("Leeuwarden", 89),
    ("Groningen", 97),
    ("Enschede", 75),
    ("Dordrecht", 33),
    ("Alkmaar", 18),
    ("Almere", 13),
)

STREETS: tuple[str, ...] = (
    "Molenstraat",
    "Kerkweg",
    "Lindelaan",
    "Beukenhof",
    "Spoorstraat",
    "Dorpsstraat",
    "Vlierstraat",
    "Zonnebloemstraat",
    "Havenkade",
    "Merelstraat",
    "Rembrandtlaan",
    "Julianastraat",
    "Bernhardplein",
    "Esdoornlaan",
    "Kastanjehof",
    "Parallelweg",
    "Wilgenweg",
    "Seringenstraat",
    "Schoolstraat",
    "Populierenlaan",
    "Reigerstraat",
    "Vondelstraat",
    "Klaverweide",
    "Gildenring",
    "Oranjestraat",
)

SCHOOLS: tuple[str, ...] = (
    "ROC De Horizon (niveau 2, logistiek)",
    "ROC De Horizon (niveau 3, zorg en welzijn)",
    "Vakcollege Noord (vmbo, afgebroken)",
    "Praktijkschool De Linde",
    "Technicum Oost (mbo installatietechniek)",
    "Groene Poort mbo (dierverzorging)",
    "Mediacollege Rivierstad (niveau 4, afgebroken)",
    "Entree-opleiding ROC De Horizon",
    "Havo Het Baken (zonder diploma vertrokken)",
    "Kappersacademie Stadshart",
)

EMPLOYERS: tuple[str, ...] = (
    "Bakkerij Van Toor",
    "Autobedrijf De Kruising",
    "Tuincentrum Groenrijk",
    "Distributiecentrum Hoeve",
    "Schoonmaakbedrijf Glans",
    "Snackbar Het Hoekje",
    "Zorgboerderij De Hooiberg",
    "Fietsenmaker Trapper",
    "Supermarkt Buurtvers",
    "Installatiebedrijf Warmte & Water",
    "Kringloop De Tweede Ronde",
    "Hotel De Waag",
)

# (relation, gender of the name, shares the young person's last name)
INFORMAL_RELATIONS: tuple[tuple[str, str, bool], ...] = (
    ("moeder", "v", True),
    ("vader", "m", True),
    ("stiefvader", "m", False),
    ("oma", "v", False),
    ("oom", "m", True),
    ("tante", "v", False),
    ("zus", "v", True),
    ("broer", "m", True),
    ("vriendin", "v", False),
    ("vriend", "m", False),
    ("buurvrouw", "v", False),
    ("buurman", "m", False),
    ("voetbaltrainer", "m", False),
    ("maatje", "v", False),
)

# (relation, organisations to choose from)
PROFESSIONALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("schuldhulpverlener", ("Schuldhulp {city}", "Stichting Geldzorgen Samen")),
    ("jobcoach", ("Werkplein {city}", "Jobcoaching Op Koers")),
    ("mentor school", ("ROC De Horizon", "Vakcollege Noord")),
    ("consulent gemeente", ("Gemeente {city}, team Werk en Inkomen", "Jongerenloket {city}")),
    ("behandelaar ggz", ("GGZ De Waterkant", "Praktijk Rustpunt")),
    ("woonbegeleider", ("Stichting Thuisbasis", "Kamers met Kansen {city}")),
    ("reclasseringswerker", ("Reclassering regio {city}",)),
    ("huisarts", ("Huisartsenpraktijk De Esch", "Gezondheidscentrum Zuid")),
    ("bewindvoerder", ("Bewindvoering Helder", "Budgetbureau {city}")),
    ("leerplichtambtenaar", ("Regionaal Bureau Leerplicht {city}",)),
)


def phone(rng: random.Random) -> str:
    """A fictional mobile number: 06-00.. is not issued to subscribers."""
    return f"06-00{rng.randint(10, 99)} {rng.randint(1000, 9999)}"


def postcode(rng: random.Random, prefix: int) -> str:
    """A Dutch-looking postcode (4 digits, 2 letters) in the city's range."""
    letters = "ABCEGHJKLMNPRTVWXZ"
    return f"{prefix}{rng.randint(10, 99)} {rng.choice(letters)}{rng.choice(letters)}"


def house_number(rng: random.Random) -> str:
    """A house number, sometimes with a letter or a floor suffix."""
    number = str(rng.randint(1, 180))
    roll = rng.random()
    if roll < 0.15:
        return number + rng.choice("abc")
    if roll < 0.22:
        return number + "-" + rng.choice(("I", "II", "III", "bis"))
    return number


def email(rng: random.Random, first: str, last: str) -> str:
    """An address on the reserved example.com domain."""
    plain = unicodedata.normalize("NFKD", first + last.split()[-1]).lower()
    simple = "".join(ch for ch in plain if ch.isascii() and ch.isalpha())
    return f"{simple}{rng.randint(1, 99)}@example.com"
