"""Word lists the context rules use: role words, names deduce leaves out, harmless proper nouns."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that introduce a person: "broer Bilal", "mevrouw Jansen", "juf Anke".
ROLE_WORDS = _words("""
    moeder vader mama papa ma pa stiefmoeder stiefvader pleegmoeder pleegvader broer broertje zus zusje zuster
    halfbroer halfzus stiefbroer stiefzus oom tante opa oma neef nicht nichtje neefje zoon dochter zoontje dochtertje
    vriend vriendin vriendje vriendinnetje ex partner verloofde man vrouw buurman buurvrouw buurjongen buurmeisje
    collega leidinggevende baas werkgever chef teamleider manager mentor docent leraar lerares juf meester
    huisarts psycholoog psychiater therapeut behandelaar begeleider woonbegeleider jobcoach trajectbegeleider
    klantmanager consulent casemanager schuldhulpverlener bewindvoerder mentor voogd gezinsvoogd jeugdbeschermer
    reclasseringswerker wijkagent agent advocaat maatschappelijk werker wijkcoach wijkteam huisbaas verhuurder
    klasgenoot teamgenoot trainer coach stagebegeleider praktijkbegeleider studieloopbaanbegeleider slb'er
    mevrouw meneer mw mw. mevr mevr. dhr dhr. hr hr. heer dokter dr dr. mr mr.
""")

# First names on deduce's whitelist, so deduce never tags them. The ones here
# are no everyday Dutch word and count as a name wherever they are capitalised.
PLAIN_WHITELISTED_NAMES = _words("""
    Ilias Dex Tia Amine Ani Aura Crista Curtis Erin Fitz Flora Fop Gilles Hugh Magnus Manus Maximus Mie Nadir
    Pari Tertius Tuba Veli Vital Wiel Wilson Zweer Augustus Adem Alpha Sin
""")
# These are also words: a name mid-sentence, at the start of a sentence only before a verb.
WORD_WHITELISTED_NAMES = _words("Ben Lot Lies Wil Hart Kent Nader Zilver Wang Blaas")

# Verbs that follow a subject: "Ben belde", "Lot is". Used where a name could be a word.
SUBJECT_VERBS = _words("""
    is was heeft had belde appte mailde kwam komt gaat ging zegt zei vertelde vindt vond wil wilde kan kon moet
    moest zal zou woont woonde werkt werkte doet deed zit zat wordt werd stuurde reageerde liet laat krijgt kreeg
    heeft neemt nam staat stond loopt liep rijdt reed slaapt sliep blijft bleef weet wist hoort hoorde ziet zag
    gaf geeft speelt speelde helpt hielp zorgt zorgde
""")

# Places that deduce's whitelist hides because they are also words (Leiden, Echt).
WORD_TOWNS_CAPITALISED = _words("Leiden Haren Dieren Echt Holte Leek Heel Klimmen Vechten Zetten Oudenrijn Spier Neer")

# Words after which a capitalised word is a place: "in Haren", "uit Leek".
PLACE_PREPOSITIONS = _words("in uit naar te richting vanuit rond bij van")

# Capitalised words that are not identifying: nationalities, languages, countries,
# holidays, apps, national chains, public bodies, the life domains, days and months.
HARMLESS_PROPER = _words("""
    Nederlands Nederlandse Nederlander Nederlanders Engels Engelse Duits Duitse Frans Franse Turks Turkse Turk
    Marokkaans Marokkaanse Marokkaan Arabisch Arabische Berbers Tamazight Pools Poolse Surinaams Surinaamse
    Antilliaans Antilliaanse Caribisch Caribische Syrisch Syrische Eritrees Eritrese Somalisch Somalische Afghaans
    Afghaanse Koerdisch Koerdische Spaans Spaanse Portugees Portugese Italiaans Italiaanse Chinees Chinese
    Oekraïens Oekraïense Russisch Russische Roemeens Roemeense Bulgaars Bulgaarse Kaapverdiaans Kaapverdiaanse
    Dari Pasjtoe Tigrinya Somali Papiaments Sranan
    Ghanees Ghanese Nigeriaans Nigeriaanse Indonesisch Indonesische Moluks Molukse Hindoestaans Hindoestaanse
    Europees Europese Vlaams Vlaamse Fries Friese Gronings Limburgs Brabants Twents
    Nederland Holland België Duitsland Frankrijk Marokko Turkije Suriname Syrië Eritrea
    Somalië Afghanistan Polen Spanje Portugal Italië Engeland Oekraïne Rusland Roemenië Bulgarije Irak Iran Ghana
    Nigeria Indonesië Europa Afrika Azië Amerika China Randstad
    Kerst Kerstmis Kerstmis Pasen Pinksteren Ramadan Suikerfeest Offerfeest Koningsdag Sinterklaas Sint Oud Nieuw
    Oudjaar Nieuwjaar Carnaval Hemelvaart Bevrijdingsdag Halloween Moederdag Vaderdag Valentijn
    God Allah Jezus Islam Koran Bijbel Moskee Kerk
    WhatsApp Whatsapp Instagram Insta Snapchat Snap TikTok Tiktok Facebook Google Teams Zoom YouTube Youtube
    Netflix Spotify PlayStation Playstation Xbox Fortnite Minecraft iPhone Android Samsung Apple Word Excel
    Outlook DigiD Digid MijnOverheid Marktplaats Tikkie Bol Discord Telegram Signal LinkedIn Linkedin
    Jumbo Lidl Aldi Action Hema Kruidvat Primark McDonald's McDonalds KFC Burger King PostNL Coolblue
    Zalando Flink Thuisbezorgd Uber Tempo-Team Olympia Manpower Youngcapital YoungCapital Gamma Praxis Karwei
    Ikea Decathlon Intratuin Etos Zeeman Plus Vomar Picnic Bijenkorf Blokker Xenos
    Belastingdienst Toeslagen Dienst Jeugdzorg Veilig Thuis Raad Kinderbescherming Reclassering Leger Heils
    Jeugdfonds Jeugdcultuurfonds Jeugdsportfonds Leergeld Kansfonds Jeugdeducatiefonds
    Jeugdreclassering Jeugdbescherming Schuldhulpverlening Kredietbank Voedselbank Sociale Wijkteam Buurtteam Politie Halt Wijkagent Centrum Jeugd
    Gezin Gemeente Participatiewet Bijstand Wajong Wmo Jeugdwet Zorgtoeslag Huurtoeslag Kinderopvangtoeslag
    Entree Entreeopleiding Havo Vwo Vmbo Mbo Hbo Defensie Rijksoverheid Overheid Zilveren Kruis Menzis Zorg
    Welzijn Techniek Horeca Economie Sport Logistiek Werkplein Werkgeversservicepunt Leerwerkloket Jongerenloket
    Banenafspraak Nazorg Afbouw Afbouwen Intervisie Intake Begeleiding Aanmelding Loslaten P-wet Praktijkonderwijs
    Leerplicht Kwalificatieplicht Startkwalificatie Doelgroepregister Loonkostensubsidie Jobcoach Jongerencoach
    Coach Warm Verhaal
    Financiën Werk Opleiding Tijdsbesteding Huisvesting Huiselijke Relaties Geestelijke Gezondheid Lichamelijke
    Middelengebruik Sociaal Netwerk Maatschappelijke Participatie Justitie Zelfredzaamheid Zelfredzaamheid-Matrix
    Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag Januari Februari Maart April Mei Juni Juli Augustus
    September Oktober November December U Oké Ok
""")

# Function words: capitalised they still start a sentence somewhere, never a name.
FUNCTION_WORDS = _words("""
    de het een en of maar want dus als dan toen hoe wat wie waar waarom wanneer welke welk geen niet ook nog al er
    je jij ik hij zij ze we wij u jullie hun haar zijn mijn ons onze jouw uw dit dat deze die te met voor na bij in
    op uit aan om tot over door naar zo heel erg veel weinig meer minder soms vaak altijd nooit daar hier nu straks
    eerst daarna later vandaag morgen gisteren wel niets iets alles iedereen niemand samen zelf ja nee oké ok
""")

# Multi-word names of national bodies and chains that stay as they are.
HARMLESS_PHRASES = (
    "Albert Heijn",
    "Burger King",
    "Zilveren Kruis",
    "Veilig Thuis",
    "Leger des Heils",
    "Raad voor de Kinderbescherming",
    "Dienst Toeslagen",
    "Centrum voor Jeugd en Gezin",
    "Jongerenloket",
    "Sociale Verzekeringsbank",
)
