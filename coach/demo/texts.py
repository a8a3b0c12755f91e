"""Dutch text material for the demo notes, as data: themes, sentence templates, warm story."""

from __future__ import annotations

from dataclasses import dataclass

from coach.domain.vocabulary import AgreementOwner, ContactMode, Initiator, Phase

# Placeholders filled per young person (see notes.py): {naam} roepnaam, {Hij}/{hij},
# {zijn}/{Zijn}, {hem}, {inf} + {inf_rel} an informal network person, {prof} + {prof_rel}
# a professional, {huis} someone {naam} lives with, {stad}, {werk} employer (or a workplace), {school}.


@dataclass(frozen=True)
class Theme:
    """A life theme a young person struggles with: its domain and what the coach writes about it."""

    key: str
    domain: str
    label: str
    topics: tuple[str, ...]
    progress: tuple[str, ...]
    agreements: tuple[tuple[str, str], ...]
    concerns: tuple[str, ...]
    wishes: tuple[str, ...]


THEMES: dict[str, Theme] = {
    theme.key: theme
    for theme in (
        Theme(
            "schulden",
            "financien",
            "geld en schulden",
            topics=(
                "Samen de post doorgenomen: weer een brief van de deurwaarder, die had {hij} niet opengemaakt.",
                "De huurachterstand is opgelopen tot twee maanden; {hij} schaamt zich ervoor en zegt er weinig over.",
                "Overzicht gemaakt van alle schulden. {Hij} schrok van het totaal, maar vond het ook fijn om het eens op papier te zien.",
                "Aanmeldformulier voor schuldhulp samen ingevuld, {prof} ({prof_rel}) belt {hem} volgende week.",
                "Gesproken over de deurwaarder die aan de deur was. {Naam} deed niet open en zat daarna de hele dag met buikpijn.",
                "Zorgverzekering bleek al maanden niet betaald. Betalingsregeling besproken.",
                "{Naam} had een telefoonabonnement afgesloten dat {hij} niet kan betalen; samen gekeken hoe {hij} eruit komt.",
                "Kasboekje-app geïnstalleerd. {Hij} wil het proberen, maar vindt het saai.",
            ),
            progress=(
                "De betalingsregeling met de woningcorporatie loopt, al twee maanden op tijd betaald.",
                "Geen nieuwe brieven van de deurwaarder, {naam} opent nu zelf de post op maandag.",
                "Schuldhulp is rond: {prof} heeft alles op een rij en {naam} houdt leefgeld over.",
            ),
            agreements=(
                (AgreementOwner.JONGERE, "Alle ongeopende post in één tas doen en meenemen naar de volgende afspraak"),
                (AgreementOwner.COACH, "Contact opnemen met de woningcorporatie over de huurachterstand"),
                (AgreementOwner.JONGERE, "Bankafschriften van de laatste drie maanden downloaden"),
                (AgreementOwner.NETWERK, "{prof} plant het eerste gesprek bij schuldhulp"),
                (AgreementOwner.JONGERE, "Zelf de deurwaarder bellen om een regeling voor te stellen"),
                (AgreementOwner.COACH, "Samen naar het inloopspreekuur van de schuldhulp"),
            ),
            concerns=(
                "Schulden bij zorgverzekeraar en telefoonaanbieder, deurwaarder is ingeschakeld.",
                "Huurachterstand van twee maanden, brief van de woningcorporatie ligt er.",
                "Opent geen post; geen overzicht van inkomsten en uitgaven.",
            ),
            wishes=(
                "Ik wil gewoon weer rustig slapen zonder aan brieven te denken.",
                "Van mijn schulden af, ook al duurt het lang.",
                "Zelf mijn geld regelen, zonder dat mijn moeder meekijkt.",
            ),
        ),
        Theme(
            "wonen",
            "huisvesting",
            "een woonplek",
            topics=(
                "{Naam} slaapt bij een vriend sinds de ruzie thuis. Dat kan nog hooguit een paar weken.",
                "Ingeschreven als woningzoekende, samen gedaan op de laptop van {naam}.",
                "Kamer bekeken in {stad}: te duur en de huisbaas wilde geen inschrijving op het adres.",
                "{Hij} zwerft een beetje: twee nachten bij {inf}, dan weer bij een vriend. Slaapt bij een vriend op de bank.",
                "Gesprek over een briefadres, zonder adres lopen de uitkering en de zorgtoeslag vast.",
                "Het woonbegeleidingstraject bij {prof} besproken; {naam} wil wel, maar niet 'in een instelling'.",
            ),
            progress=(
                "{Naam} heeft de sleutel van een kamer! Trots liet {hij} de kamer zien.",
                "Woont nu een maand op de kamer, heeft zelf een tweedehands bank geregeld.",
                "Huisregels in het kamerhuis vallen mee, {hij} kan goed met de huisgenoten.",
            ),
            agreements=(
                (AgreementOwner.JONGERE, "Elke week op woningsite reageren op minstens drie kamers"),
                (AgreementOwner.COACH, "Briefadres regelen bij de gemeente"),
                (AgreementOwner.NETWERK, "{inf} vraagt of {naam} tijdelijk bij haar mag logeren"),
                (AgreementOwner.COACH, "Aanmelding voor begeleid wonen doorsturen naar {prof}"),
            ),
            concerns=(
                "Geen vaste woonplek, slaapt bij een vriend op de bank.",
                "Dreigt de kamer kwijt te raken door de huurachterstand.",
                "Geen briefadres, post komt nergens aan.",
            ),
            wishes=(
                "Een eigen plek, al is het maar een kamer.",
                "Een plek waar ik de deur dicht kan doen.",
                "Niet meer elke week vragen waar ik kan slapen.",
            ),
        ),
        Theme(
            "werk",
            "werk_opleiding",
            "werk vinden",
            topics=(
                "Cv samen bijgewerkt. {Naam} wist zelf niet dat {hij} al zoveel had gedaan.",
                "Sollicitatie verstuurd naar {werk}. {Hij} was zenuwachtig, we hebben het gesprek geoefend.",
                "Afgewezen na de sollicitatie bij een magazijn. Baalde flink, maar wil door.",
                "Sollicitatiegesprek geoefend: {naam} kijkt weg als {hij} over zichzelf moet vertellen.",
                "Gesprek met {prof} ({prof_rel}) over een werkervaringsplek. {Naam} wil iets met {zijn} handen.",
                "Uitzendbureau bezocht, samen ingeschreven. Pas 's middags beschikbaar vanwege slapen, dat moeten we bespreken.",
            ),
            progress=(
                "{Naam} is begonnen bij {werk}! Eerste week zwaar, maar {hij} ging elke dag.",
                "Proefperiode bij {werk} goed doorgekomen, contract voor een half jaar.",
                "Werkt nu drie maanden bij {werk}, de leidinggevende is tevreden.",
            ),
            agreements=(
                (AgreementOwner.JONGERE, "Twee sollicitaties versturen"),
                (AgreementOwner.COACH, "Vacatures bij {werk} navragen"),
                (AgreementOwner.NETWERK, "{prof} regelt een proefplaatsing"),
                (AgreementOwner.JONGERE, "Werkschoenen kopen met de vergoeding van de gemeente"),
            ),
            concerns=(
                "Geen werk en geen idee wat {hij} wil.",
                "Al drie keer ontslagen in de proeftijd, komt te laat.",
                "Durft niet te solliciteren na eerdere afwijzingen.",
            ),
            wishes=(
                "Een baan waar ik niet de hele dag binnen zit.",
                "Gewoon geld verdienen en niet meer afhankelijk zijn.",
                "Iets met auto's, dat heb ik altijd gewild.",
            ),
        ),
        Theme(
            "school",
            "werk_opleiding",
            "school en stage",
            topics=(
                "Stage loopt moeizaam: {naam} kwam twee keer te laat en de praktijkbegeleider belde {prof}.",
                "Samen een stageplek gezocht, {hij} heeft zelf twee bedrijven gebeld.",
                "Gesprek met {prof} ({prof_rel}) over terugkeer naar school na de zomer.",
                "{Naam} twijfelt of de opleiding bij {school} wel past. Open gesprek gehad over wat {hij} eigenlijk wil.",
                "Verzuim op school is hoog; de leerplichtambtenaar heeft een brief gestuurd.",
                "Open dag bezocht bij een andere opleiding, {naam} was enthousiast over de praktijklokalen.",
            ),
            progress=(
                "Stage bij {werk} gaat goed, de begeleider noemt {hem} 'betrouwbaar'.",
                "{Naam} heeft {zijn} eerste praktijkexamen gehaald!",
                "Is weer ingeschreven, begint na de zomer. Zit er zichtbaar rechter bij.",
            ),
            agreements=(
                (AgreementOwner.JONGERE, "Mailen naar de stagebegeleider over het rooster"),
                (AgreementOwner.COACH, "Driegesprek plannen met {prof} en {naam}"),
                (AgreementOwner.JONGERE, "Inschrijven voor de open dag"),
                (AgreementOwner.NETWERK, "{prof} zoekt uit of instromen halverwege het jaar kan"),
            ),
            concerns=(
                "Stage dreigt te stoppen door te laat komen.",
                "Opleiding afgebroken, sindsdien thuis.",
                "Hoog verzuim, dreigende uitschrijving.",
            ),
            wishes=(
                "Mijn diploma halen, al is het niveau 2.",
                "Een stage waar ze me serieus nemen.",
                "Iets leren waar ik echt zin in heb.",
            ),
        ),
        Theme(
            "blowen",
            "middelengebruik",
            "het blowen",
            topics=(
                "{Naam} geeft eerlijk aan dat {hij} weer meer blowt, vooral 's avonds om te kunnen slapen.",
                "Gesprek over blowen en geld: {hij} rekende zelf uit wat het per maand kost en schrok.",
                "Blowen is minder geworden, zegt {hij}: alleen nog in het weekend met vrienden.",
                "{Naam} rook naar wiet toen we elkaar zagen. Benoemd; {hij} reageerde eerst boos, later rustig.",
                "Gevraagd of {hij} wil praten met iemand van de verslavingszorg. Nog niet, misschien later.",
            ),
            progress=(
                "Al drie weken niet geblowd doordeweeks, {naam} slaapt er beter van.",
                "Blowen niet meer 's ochtends, dat was {zijn} eigen doel.",
            ),
            agreements=(
                (AgreementOwner.JONGERE, "Bijhouden op welke dagen er geblowd wordt"),
                (AgreementOwner.COACH, "Folder en telefoonnummer van de verslavingszorg meenemen"),
                (AgreementOwner.JONGERE, "Doordeweeks niet blowen voor de stage"),
            ),
            concerns=(
                "Blowt dagelijks, vanaf de middag.",
                "Blowen kost veel geld en houdt het dagritme kapot.",
                "Drinkt in het weekend veel met vrienden.",
            ),
            wishes=("Minder blowen, maar niet helemaal stoppen.", "Ik wil 's ochtends weer helder zijn."),
        ),
        Theme(
            "somber",
            "geestelijke_gezondheid",
            "hoe {hij} zich voelt",
            topics=(
                "{Naam} slaapt slecht en piekert veel, vooral over geld en thuis.",
                "Somber vandaag, wilde niet veel praten. Samen even een rondje gelopen, dat hielp een beetje.",
                "Eerste gesprek bij de praktijkondersteuner ggz gehad. {Hij} vond het 'wel oké'.",
                "Gesproken over paniekaanvallen in de bus; {naam} vermijdt nu het openbaar vervoer.",
                "Verwijzing naar {prof} ({prof_rel}) besproken, wachttijd is acht weken.",
                "Benoemd dat ik me zorgen maak. {Naam} knikte en zei: 'ik ook wel eigenlijk'.",
            ),
            progress=(
                "Gaat om de week naar {prof}, {naam} zegt dat het helpt om te praten.",
                "{Naam} lacht weer vaker, ook {inf} ziet het verschil.",
            ),
            agreements=(
                (AgreementOwner.JONGERE, "Afspraak bij de huisarts maken over het slapen"),
                (AgreementOwner.COACH, "Verwijzing naar {prof} nabellen"),
                (AgreementOwner.JONGERE, "Elke dag even naar buiten, al is het maar tien minuten"),
            ),
            concerns=(
                "Somber, slaapt slecht, trekt zich terug.",
                "Paniekklachten, komt moeilijk de deur uit.",
                "Wachtlijst ggz, intussen weinig steun.",
            ),
            wishes=("Me weer gewoon rustig voelen.", "Iemand om mee te praten die me niet veroordeelt."),
        ),
        Theme(
            "thuis",
            "huiselijke_relaties",
            "de situatie thuis",
            topics=(
                "Weer ruzie met {inf} ({inf_rel}) over geld en opruimen. {Naam} wil het huis uit.",
                "Gesprek met {inf} erbij: spanning voelbaar, toch een redelijk gesprek gehad.",
                "{Naam} vertelt dat het thuis rustiger is sinds {hij} werkt en bijdraagt in de kosten.",
                "Gesprek over {zijn} vader, die {hij} al jaren niet ziet. Dat zit diep.",
                "{Inf} belde mij ongerust op: {naam} komt 's nachts laat thuis en zegt niets.",
            ),
            progress=(
                "Het gaat beter tussen {naam} en {inf}, ze eten weer samen op zondag.",
                "Afspraken thuis over huishouden en kostgeld werken, minder ruzie.",
            ),
            agreements=(
                (AgreementOwner.COACH, "Gesprek plannen met {naam} en {inf} samen"),
                (AgreementOwner.NETWERK, "{inf} zegt niet meer tegen {naam} dat {hij} 'toch niks kan'"),
                (AgreementOwner.JONGERE, "Kostgeld op de eerste van de maand aan {inf} geven"),
            ),
            concerns=(
                "Veel ruzie thuis, dreigt op straat te komen.",
                "Geen contact met vader, moeder overbelast.",
                "Spanning thuis over geld.",
            ),
            wishes=("Dat het thuis gewoon gezellig is.", "Dat mijn moeder ziet dat ik mijn best doe."),
        ),
        Theme(
            "dagritme",
            "tijdsbesteding",
            "een dagritme",
            topics=(
                "{Naam} komt pas rond twee uur 's middags uit bed en gamet tot diep in de nacht.",
                "Weekschema gemaakt op een A4 op de koelkast. {Hij} vond het kinderachtig maar deed mee.",
                "Samen naar de sportschool in de wijk, {naam} mag een maand gratis proberen.",
                "Vrijwilligerswerk bij de kringloop besproken, twee ochtenden per week lijkt {hem} wel wat.",
                "{Naam} vertelt dat {hij} meestal tot elf uur in bed ligt; {inf} moet {hem} wakker bellen.",
            ),
            progress=(
                "Gaat nu drie ochtenden per week naar de kringloop en is om half negen op.",
                "Voetbalt weer mee op dinsdag en donderdag, dat geeft ritme.",
            ),
            agreements=(
                (AgreementOwner.JONGERE, "Wekker op negen uur zetten, ook in het weekend"),
                (AgreementOwner.COACH, "Contact leggen met de kringloop over vrijwilligerswerk"),
                (AgreementOwner.JONGERE, "Sportschool proefles op dinsdag"),
            ),
            concerns=("Geen dagritme: nachten gamen, overdag slapen.", "Zit de hele dag thuis, verveelt zich."),
            wishes=("Iets te doen hebben waar ik voor uit bed kom.", "Weer gaan voetballen."),
        ),
        Theme(
            "justitie",
            "justitie",
            "de rechtszaak",
            topics=(
                "Zitting bij de kantonrechter volgende maand; {naam} is er erg nerveus over.",
                "Taakstraf loopt, nog veertig uur te gaan. {Hij} gaat trouw.",
                "Gesprek met {prof} ({prof_rel}): de meldplicht gaat goed, maar {naam} moet uit de buurt van de oude vrienden blijven.",
                "Boete van het OV nog niet betaald, is inmiddels verhoogd.",
            ),
            progress=(
                "Taakstraf afgerond! {Naam} kreeg een handdruk van de werkmeester.",
                "Zaak is afgesloten, {naam} kan weer vooruit.",
            ),
            agreements=(
                (AgreementOwner.JONGERE, "Op tijd naar de meldplicht"),
                (AgreementOwner.NETWERK, "{prof} stuurt het verslag van de zitting"),
                (AgreementOwner.COACH, "Samen de brief van het CJIB doornemen"),
            ),
            concerns=("Lopende zaak, zitting gepland.", "Taakstraf nog niet afgerond."),
            wishes=("Het achter me laten en opnieuw beginnen.",),
        ),
        Theme(
            "eenzaam",
            "sociaal_netwerk",
            "eenzaamheid",
            topics=(
                "{Naam} zegt dat {hij} eigenlijk niemand heeft om mee te praten behalve {inf}.",
                "De oude vriendengroep is weg, de nieuwe mensen kent {hij} nog nauwelijks.",
                "Gesproken over wie {hij} zou kunnen bellen als het misgaat. Lijstje gemaakt: drie namen.",
                "{Naam} vertelt over een online vriend uit Limburg met wie {hij} elke avond gamet.",
            ),
            progress=(
                "Is lid geworden van een gamevereniging in {stad} en gaat er wekelijks heen.",
                "Heeft een maatje via het maatjesproject, ze gaan samen vissen.",
            ),
            agreements=(
                (AgreementOwner.JONGERE, "Een keer meegaan naar de inloop van het jongerencentrum"),
                (AgreementOwner.COACH, "Aanmelden bij het maatjesproject"),
            ),
            concerns=(
                "Weinig mensen om zich heen, vooral online contact.",
                "Vrienden zijn vooral mensen die ook blowen.",
            ),
            wishes=("Een paar echte vrienden.", "Ergens bij horen."),
        ),
        Theme(
            "papieren",
            "instrumentele_adl",
            "de papieren",
            topics=(
                "DigiD samen aangevraagd, de brief komt naar het adres van {inf}.",
                "Zorgtoeslag bleek nooit aangevraagd. Samen gedaan, {naam} typte zelf.",
                "Inschrijving bij de gemeente klopt niet meer, daardoor loopt de uitkering vast.",
                "Stapel papieren gesorteerd in drie mapjes: betalen, bewaren, weggooien.",
                "Aanvraag bijstand bij {prof} ({prof_rel}) doorgenomen, er ontbreken nog loonstroken.",
            ),
            progress=(
                "{Naam} heeft zelf de huurtoeslag gewijzigd na de loonsverhoging.",
                "Post wordt elke week zelf in de mapjes gesorteerd.",
            ),
            agreements=(
                (AgreementOwner.JONGERE, "Activeringscode DigiD invoeren zodra de brief er is"),
                (AgreementOwner.COACH, "Uitzoeken waarom de uitkering is stopgezet"),
                (AgreementOwner.NETWERK, "{prof} kijkt of de aanvraag met terugwerkende kracht kan"),
            ),
            concerns=("Geen DigiD, geen toeslagen aangevraagd.", "Overzicht over post en formulieren ontbreekt."),
            wishes=("Dat ik het zelf snap en niet steeds hulp nodig heb.",),
        ),
        Theme(
            "gezondheid",
            "lichamelijke_gezondheid",
            "{zijn} gezondheid",
            topics=(
                "Al maanden kiespijn, {naam} durft niet naar de tandarts vanwege de rekening.",
                "{Naam} eet vooral chips en energiedrank. Samen boodschappen gedaan voor de week.",
                "Afspraak bij de huisarts gemaakt over de rugklachten, {hij} gaat zelf.",
            ),
            progress=(
                "Naar de tandarts geweest, de kiespijn is weg.",
                "Kookt nu twee keer per week zelf, trots op de pasta.",
            ),
            agreements=(
                (AgreementOwner.JONGERE, "Zelf de tandarts bellen voor een afspraak"),
                (AgreementOwner.COACH, "Uitzoeken wat de zorgverzekering vergoedt"),
            ),
            concerns=("Kiespijn, mijdt de tandarts.", "Eet ongezond en onregelmatig."),
            wishes=("Me fitter voelen.",),
        ),
    )
}

# Domains nobody struggles with as a theme still get a strength now and then.
GOING_WELL: dict[str, tuple[str, ...]] = {
    "financien": ("Houdt leefgeld over en betaalt vaste lasten op tijd.", "Spaart een klein bedrag per maand."),
    "werk_opleiding": ("Heeft een stageplek die bij {hem} past.", "Werkt vier dagen per week en gaat met plezier."),
    "tijdsbesteding": ("Sport twee keer per week.", "Heeft een vast ritme door werk en voetbal."),
    "huisvesting": ("Woont stabiel bij {inf}.", "Heeft een eigen kamer en houdt die netjes."),
    "huiselijke_relaties": ("Goed contact met {zijn} zus.", "{Inf} staat altijd voor {hem} klaar."),
    "geestelijke_gezondheid": (
        "Kan goed vertellen hoe {hij} zich voelt.",
        "Weet wat {hem} helpt als {hij} onrustig wordt.",
    ),
    "lichamelijke_gezondheid": ("Gezond, sport veel.", "Gaat zelf naar de huisarts als het nodig is."),
    "middelengebruik": ("Gebruikt niet, drinkt alleen af en toe een biertje.", "Rookt niet meer sinds de zomer."),
    "basale_adl": ("Zorgt goed voor zichzelf, kookt regelmatig.", "Huishouden gaat prima."),
    "instrumentele_adl": ("Regelt zelf de post en de toeslagen.", "Maakt zelf afspraken en houdt een agenda bij."),
    "sociaal_netwerk": ("Heeft een paar goede vrienden van vroeger.", "Hecht aan {zijn} voetbalteam."),
    "maatschappelijke_participatie": ("Helpt mee bij de voedselbank.", "Doet vrijwilligerswerk bij de dierenopvang."),
    "justitie": ("Geen contact met politie of justitie.", "Zaak is afgesloten, verder niets."),
}

OPENERS: dict[str, tuple[str, ...]] = {
    ContactMode.HUISBEZOEK: (
        "Huisbezoek bij {naam}.",
        "Aan de keukentafel bij {naam} thuis.",
        "Bij {naam} thuis geweest, {huis} zette koffie.",
        "Huisbezoek, {naam} had opgeruimd voor de verandering.",
        "Thuis bij {naam}, de tv bleef aan maar we hebben goed gepraat.",
    ),
    ContactMode.OUTREACH: (
        "Langs geweest op het pleintje bij de snackbar, {naam} stond er met vrienden.",
        "Op straat aangesproken bij het station.",
        "Bij de ingang van de sportschool even met {naam} gepraat.",
    ),
    ContactMode.TELEFOON: (
        "Gebeld met {naam}.",
        "{Naam} belde zelf.",
        "Telefonisch contact.",
        "Kort telefoontje met {naam}.",
    ),
    ContactMode.BERICHT: (
        "Appje van {naam}.",
        "Berichtje gestuurd.",
        "Via WhatsApp contact gehad.",
        "{Naam} stuurde een spraakbericht.",
    ),
    ContactMode.VIDEO: ("Videobellen, {naam} zat nog in bed met de camera uit.", "Beeldbellen omdat {naam} ziek was."),
    ContactMode.KANTOOR: (
        "Op kantoor afgesproken, {naam} was op tijd.",
        "Gesprek op kantoor, {naam} kwam samen met {inf}.",
    ),
    ContactMode.SAMEN_OP_PAD: (
        "Samen op pad naar het gemeentehuis.",
        "Samen naar {prof} ({prof_rel}) gegaan.",
        "Samen met {naam} naar het uitzendbureau.",
        "Samen op pad: boodschappen en daarna de bank.",
    ),
    ContactMode.WANDELING: (
        "Wandeling door het park, praat makkelijker zo.",
        "Rondje om de vijver gelopen met {naam}.",
        "Lopend gesprek langs de rivier.",
    ),
}

GENERAL_TOPICS: tuple[str, ...] = (
    "Terug gekeken op de afgelopen week: {naam} is tevreden over hoe het ging.",
    "Veel gelachen vandaag, {naam} had {zijn} dag.",
    "Gevraagd: 'Wil je weten wat ik ervan vind?' {Naam} zei ja, en we hadden een eerlijk gesprek.",
    "{Naam} vertelde over {inf}, die belangrijk voor {hem} is.",
    "Gesproken over wat {naam} zelf al geregeld heeft. Meer dan {hij} dacht.",
    "Doelen van het plan doorgelopen en bijgesteld.",
    "{Naam} had weinig zin, toch samen de afspraken van vorige keer nagelopen.",
)

MOODS: tuple[str, ...] = (
    "{Hij} oogde moe.",
    "Goede energie vandaag.",
    "{Naam} was open en vertelde veel.",
    "Wat stiller dan anders.",
    "Zit er beter bij dan een maand geleden.",
    "Kort lontje vandaag, niet doorgedrukt.",
    "",
)

NEXT_STEPS: tuple[str, ...] = (
    "Volgende keer samen verder met de papieren.",
    "Afgesproken dat {naam} zelf {prof} belt.",
    "Volgende week weer huisbezoek.",
    "Ik stuur {prof} een mail.",
    "{Naam} stuurt mij een appje als het gelukt is.",
    "Volgende afspraak samen naar {prof}.",
    "",
)

# Short notes for messages and calls between the visits: (mode, who started it, text).
EXTRAS: tuple[tuple[str, str, str], ...] = (
    (ContactMode.BERICHT, Initiator.JONGERE, "{Naam} appt een foto van de brief van de gemeente: wat moet ik hiermee?"),
    (ContactMode.BERICHT, Initiator.COACH, "Herinnering gestuurd voor de afspraak bij {prof}."),
    (ContactMode.TELEFOON, Initiator.JONGERE, "{Naam} belt: de afspraak van morgen gaat door."),
    (ContactMode.BERICHT, Initiator.JONGERE, "Appje van {naam}: 'het is gelukt!' met een duim."),
    (ContactMode.TELEFOON, Initiator.NETWERK, "{Inf} ({inf_rel}) belt even hoe het gaat met {naam}."),
    (ContactMode.BERICHT, Initiator.COACH, "Gevraagd hoe de eerste dag was. Antwoord: 'chill'."),
    (
        ContactMode.BERICHT,
        Initiator.JONGERE,
        "{Naam} stuurt een spraakbericht, wil even {zijn} verhaal kwijt over thuis.",
    ),
    (ContactMode.BERICHT, Initiator.COACH, "Afspraak bevestigd via app."),
    (ContactMode.TELEFOON, Initiator.NETWERK, "{Prof} ({prof_rel}) belt over de voortgang, samen afgestemd."),
    (
        ContactMode.TELEFOON,
        Initiator.COACH,
        "Even gebeld om te horen hoe het gesprek bij {prof} ging. Viel mee, zegt {naam}.",
    ),
    (ContactMode.BERICHT, Initiator.JONGERE, "{Naam} vraagt of ik meega naar {prof}. Ja, geregeld."),
    (ContactMode.BERICHT, Initiator.JONGERE, "Laat appje van {naam}: kan niet slapen. Morgen even bellen."),
    (
        ContactMode.TELEFOON,
        Initiator.JONGERE,
        "{Naam} belt in paniek over een brief, bleek een herinnering. Samen rustig doorgelezen.",
    ),
    (ContactMode.BERICHT, Initiator.COACH, "Foto gestuurd van de vacature die ik tegenkwam."),
)

# Notes on a planned call or message instead of a visit.
REMOTE_TOPICS: tuple[str, ...] = (
    "Gebeld over {thema}. {Naam} klonk rustig en had zelf al een plan.",
    "De week doorgenomen, de afspraken van vorige keer staan.",
    "{Naam} had de brief van {prof} gekregen en wist niet wat te doen. Samen doorgelezen.",
    "Weekschema doorgenomen. Twee dingen gelukt, een niet.",
    "{Naam} had geen beltegoed, dus via WhatsApp gebeld.",
    "Kort contact, {naam} had weinig tijd. Volgende keer weer langs.",
    "Gevraagd hoe het met {inf} gaat; thuis is het rustig.",
)

NO_SHOW: tuple[str, ...] = (
    "Niet thuis bij huisbezoek. Briefje door de bus gedaan.",
    "Stond voor een dichte deur. {Naam} reageert niet op appjes.",
    "{Naam} niet verschenen op de afspraak. Telefoon staat uit.",
    "Niet thuis. {Inf} wist ook niet waar {hij} was.",
    "Weer niet verschenen. Appje gestuurd: 'ik kom volgende week gewoon weer langs.'",
    "Geen gehoor bij huisbezoek, gordijnen dicht.",
)

CANCELLED: tuple[str, ...] = (
    "{Naam} zegt af via app: ziek.",
    "Afgezegd door {naam}: moet werken, nieuwe afspraak gemaakt.",
    "Afspraak verzet op verzoek van {naam}.",
    "Zelf afgezegd (ziek), {naam} gebeld voor een nieuwe afspraak.",
    "{Naam} zegt een uur van tevoren af, had 'geen zin'. Benoemd dat ik het jammer vind.",
)

REFERRALS: tuple[str, ...] = (
    "Telefoontje van {prof} ({prof_rel}): aanmelding van {naam} besproken, achtergrond doorgenomen.",
    "{Prof} ({prof_rel}) belt met een aanmelding: zorgen over {thema}.",
    "{Inf} ({inf_rel}) belt: {naam} zit al maanden thuis. Of ik langs wil komen.",
)

# Reaching out before the first real conversation, per mode.
AANMELDING_TOPICS: dict[str, tuple[str, ...]] = {
    ContactMode.BERICHT: (
        "Appje gestuurd om kennis te maken, {naam} leest het wel maar reageert niet.",
        "Appje gestuurd met een foto van mij, zodat {naam} weet wie er komt.",
        "{Naam} appt terug: 'ok, misschien volgende week'.",
    ),
    ContactMode.TELEFOON: (
        "Gebeld met {prof} ({prof_rel}): achtergrond doorgenomen.",
        "Gebeld met {naam}, kort gesprek. {Hij} wil eerst weten wat ik kom doen.",
        "{Inf} gebeld: {naam} heeft het appje gezien, twijfelt nog.",
    ),
    ContactMode.OUTREACH: (
        "Bij de snackbar op het plein even met {naam} gepraat, samen met {zijn} vrienden.",
        "{Naam} aangesproken bij de supermarkt. Kort, maar vriendelijk.",
    ),
    ContactMode.HUISBEZOEK: (
        "Langs geweest, {huis} deed open en zegt dat {naam} slaapt.",
        "Kort gesproken bij de deur. {Naam} wil 'misschien' wel een keer praten.",
        "Eerste keer binnen geweest, tien minuten. {Naam} liet {zijn} kamer zien.",
    ),
}

INTAKE_TOPICS: tuple[str, ...] = (
    "Intakegesprek: alle leefgebieden doorgelopen, {naam} wilde vooral praten over {thema}.",
    "Warm verhaal: {naam} vertelde waar {hij} trots op is. Bijzonder gesprek.",
    "Tweede intakegesprek, nu samen met {inf}. Zorgen over {thema} besproken.",
    "Eerste kennismaking aan de keukentafel. Uitgelegd wat een jongerencoach doet en dat ik blijf, ook als het tegenzit.",
    "Leefgebieden verder doorgelopen. {Naam} gaf zichzelf voor bijna alles een 3, 'want het gaat wel'.",
    "Gevraagd hoe {hij} het al die tijd heeft volgehouden. Lange stilte, toen kwam er een mooi verhaal.",
    "Samen op een rij gezet wie er om {naam} heen staan: {inf} bovenaan.",
)

AFBOUW_TOPICS: tuple[str, ...] = (
    "Afbouw besproken: we zien elkaar nu minder vaak. {Naam} vond dat spannend maar ook logisch.",
    "Terug gekeken naar hoe het begon. {Naam}: 'ik was echt de weg kwijt toen'.",
    "Gaat goed op het werk, {naam} regelt de post nu zelf. Volgende afspraak over {weken} weken.",
    "Besproken wie {hij} kan bellen als het even niet gaat: {inf} en {prof}.",
    "Korte check: alles loopt. {Naam} vraagt of ik echt niet meer wekelijks kom, lacht erbij.",
)

# Follow-up after letting go: (mode, text).
NAZORG_TOPICS: tuple[tuple[str, str], ...] = (
    (ContactMode.TELEFOON, "Nazorgcontact: even gebeld, het gaat goed op het werk."),
    (ContactMode.BERICHT, "Nazorg: {naam} appte uit zichzelf een foto van {zijn} nieuwe kamer."),
    (ContactMode.TELEFOON, "Nazorgcheck: post op orde, werk loopt, geen nieuwe schulden."),
    (ContactMode.HUISBEZOEK, "Nazorg: kort koffie gedronken. {Naam} is rustig en regelt veel zelf."),
    (ContactMode.BERICHT, "Nazorg: appje gestuurd hoe het gaat. 'Top! Druk met werk.'"),
    (ContactMode.HUISBEZOEK, "Nazorgbezoek: {inf} was er ook. Samen vastgesteld dat het stabiel is."),
)

PHASE_NOTES: dict[str, tuple[str, ...]] = {
    Phase.AANMELDING: (
        "Aangemeld door {prof} ({prof_rel}) vanwege zorgen over {thema}.",
        "Aangemeld door {inf} ({inf_rel}): zit thuis, geen school of werk.",
        "Via het jongerenloket aangemeld, na uitval op school.",
        "Zelf aangemeld na een tip van een vriend.",
    ),
    Phase.INTAKE: (
        "Eerste gesprek gevoerd, {naam} wil meedoen.",
        "Intake gestart na een paar weken aanhaken.",
        "Kennismaking gelukt, intake loopt.",
    ),
    Phase.BEGELEIDING: (
        "Plan gemaakt: eerst {thema}, daarna werk of school.",
        "Begeleiding gestart, focus op {thema}.",
        "Samen drie doelen gekozen, {thema} bovenaan.",
    ),
    Phase.AFBOUW: (
        "Werkt sinds een paar maanden bij {werk}, ritme staat. Samen besloten af te bouwen.",
        "Situatie stabiel, {naam} regelt veel zelf. Afbouw ingezet: contact steeds verder uit elkaar.",
        "Afbouw gestart; {inf} en {prof} blijven dichtbij.",
    ),
    Phase.NAZORG: (
        "Losgelaten. Nazorg: over een paar weken even bellen.",
        "Traject actief afgerond, nazorg voor drie maanden.",
    ),
    Phase.AFGESLOTEN: (
        "Nazorg afgerond, het gaat goed. Dossier gesloten.",
        "Afgesloten: {naam} redt het zelf en weet me te vinden.",
    ),
}

WARM_STORY: dict[str, tuple[tuple[str, bool], ...]] = {
    "belangrijk": (
        ("Mijn kleine zusje. Voor haar wil ik het goed doen.", True),
        ("Dat ik mijn eigen geld verdien.", True),
        ("Muziek maken, {hij} schrijft eigen teksten.", False),
        ("{Zijn} hond Bobby is alles voor {hem}.", False),
        ("Dat mensen me serieus nemen.", True),
        ("Trouw zijn aan vrienden, ook als het lastig is.", False),
    ),
    "trots": (
        ("Ik heb mijn rijbewijs in één keer gehaald.", True),
        ("Dat ik nooit ben gestopt met voetballen, ook niet toen het thuis misging.", True),
        ("Heeft {zijn} oma verzorgd toen ze ziek was.", False),
        ("Is na een zware tijd weer naar school gegaan.", False),
        ("Ik ben al drie maanden elke dag op tijd.", True),
    ),
    "kracht": (
        ("Kan goed met kleine kinderen omgaan.", False),
        ("Handig met scooters en fietsen, repareert alles.", False),
        ("Ik geef niet snel op.", True),
        ("Eerlijk, zegt wat {hij} denkt.", False),
        ("Mensen komen altijd naar mij als ze ergens mee zitten.", True),
        ("Creatief: tekent, ontwerpt kleding.", False),
    ),
    "droom": (
        ("Ooit mijn eigen barbershop.", True),
        ("Monteur worden, bij een garage met goede collega's.", False),
        ("Een eigen huisje met een tuin voor mijn hond.", True),
        ("Ik wil later jongeren helpen, zoals jij.", True),
        ("Reizen, een keer naar het land van {zijn} opa.", False),
    ),
    "volhouden": (
        ("Muziek op en gewoon doorgaan.", True),
        ("Door mijn oma, die zei altijd: 'morgen is er weer een dag'.", True),
        ("Sporten hielp {hem} door de moeilijkste tijd.", False),
        ("Ik dacht aan mijn zusje, ik wilde niet dat ze mij zo zag.", True),
        ("Schreef alles op in een schrift, dat lucht op.", False),
    ),
    "mensen": (
        ("{Inf}, die er altijd is.", False),
        ("Mijn beste vriend, we kennen elkaar sinds groep 3.", True),
        ("De trainer van de voetbalclub, die geloofde in mij.", True),
        ("{Zijn} oma en tante.", False),
    ),
}

INTERVISION_QUESTIONS: tuple[str, ...] = (
    "Hoe blijf ik in contact met een jongere die steeds niet thuis is, zonder te gaan duwen?",
    "Wanneer is het goed genoeg om af te bouwen, als het werk net loopt maar de schulden er nog zijn?",
    "Hoe betrek ik moeder, terwijl de jongere dat eigenlijk niet wil?",
    "Hoe ga ik om met mijn eigen zorgen over het blowen, nu de jongere zegt dat het geen probleem is?",
    "Ik merk dat ik te veel overneem. Hoe geef ik de regie terug?",
    "Hoe houd ik vol als de jongere na een goede periode weer terugvalt?",
)

# One leervraag per case, about the coach, fitting what the case is about: by the young
# person's first theme, and for those who keep away, by how they keep away.
THEME_QUESTIONS: dict[str, tuple[str, ...]] = {
    "schulden": (
        "Hoe voorkom ik dat ik de post en de schulden overneem, terwijl ik zie dat het misgaat?",
        "Wat maakt dat ik over geld begin terwijl de jongere over iets anders wil praten?",
    ),
    "wonen": (
        "Hoe houd ik rust in mijn begeleiding nu de woonplek op losse schroeven staat?",
        "Wanneer kies ik voor een noodoplossing en wanneer wacht ik, als het om een dak gaat?",
    ),
    "werk": (
        "Wanneer vind ik het goed genoeg om af te bouwen, als het werk net loopt maar de rest nog wankelt?",
        "Hoe laat ik merken dat ik trots ben op het werk, zonder dat het een verwachting wordt?",
    ),
    "school": (
        "Hoe blijf ik naast de jongere staan als ik het eigenlijk eens ben met de school?",
        "Wat maakt dat ik de opleiding belangrijker vind dan de jongere zelf?",
    ),
    "blowen": (
        "Hoe ga ik om met mijn eigen zorgen over het blowen, nu de jongere zegt dat het geen probleem is?",
        "Hoe bespreek ik het blowen zonder dat ik de politieagent word?",
    ),
    "somber": (
        "Hoe bewaak ik mijn grens tussen meeleven en hulpverlener spelen als de jongere somber is?",
        "Wanneer deel ik mijn zorgen over de somberheid met het netwerk, en hoe doe ik dat?",
    ),
    "thuis": (
        "Hoe betrek ik moeder, terwijl de jongere dat eigenlijk niet wil?",
        "Hoe blijf ik neutraal als ik thuis partij word gemaakt?",
    ),
    "dagritme": (
        "Hoe houd ik het contact als ik 's ochtends steeds voor een dichte deur sta?",
        "Ik merk dat ik het ritme voor de jongere regel. Hoe geef ik de regie terug?",
    ),
    "justitie": (
        "Hoe houd ik mijn eigen rol zuiver naast de reclassering en de zitting?",
        "Wat doe ik met mijn twijfel over wat de jongere mij over de zaak vertelt?",
    ),
    "eenzaam": (
        "Hoe voorkom ik dat ik het enige contact van de jongere word?",
        "Hoe help ik nieuwe mensen erbij zonder dat ik het netwerk zelf ga bouwen?",
    ),
    "papieren": (
        "Hoe voorkom ik dat ik de formulieren invul in plaats van ernaast te zitten?",
        "Wat maakt dat ik haast heb met de papieren terwijl de jongere die niet voelt?",
    ),
    "gezondheid": (
        "Hoe ga ik om met mijn onrust over de gezondheid, als de jongere niet naar de huisarts wil?",
        "Wanneer schakel ik iemand in over de gezondheid, en hoe zeg ik dat eerlijk?",
    ),
}
PROFILE_QUESTIONS: dict[str, tuple[str, ...]] = {
    "stilte": (
        "Hoe blijf ik in contact met een jongere die niet meer reageert, zonder te gaan duwen?",
        "Hoe lang blijf ik berichten sturen, en wat zegt mijn volhouden over mij?",
    ),
    "no_show": (
        "Hoe reageer ik op de keer dat de jongere weer niet komt, zonder boos of onverschillig te worden?",
        "Wat doe ik anders na een afspraak die niet doorging, zodat de volgende wel lukt?",
    ),
}


AANMELDING_AGREEMENTS: tuple[tuple[str, str], ...] = (
    (AgreementOwner.JONGERE, "Laten weten of {hij} een keer wil kennismaken"),
    (AgreementOwner.COACH, "Volgende week weer langs bij {naam}, ook als {hij} niet reageert"),
    (AgreementOwner.NETWERK, "{inf} vertelt {naam} dat ik weer kom"),
)

INFORMAL_NOTES: tuple[str, ...] = (
    "Belangrijkste steun, mag altijd gebeld worden.",
    "Contact wisselt, soms ruzie.",
    "Woont om de hoek.",
    "{Naam} kan hier altijd terecht.",
    "Weet van de schulden, helpt met de post.",
)
PROFESSIONAL_NOTES: tuple[str, ...] = (
    "Heeft {naam} aangemeld.",
    "Maandelijks afstemmen over de voortgang.",
    "Bereikbaar op dinsdag en donderdag.",
    "Prettige samenwerking, denkt mee.",
    "Wachtlijst, intussen telefonisch contact.",
)

# Which professional fits a theme, so the network matches the story.
THEME_PROFESSIONALS: dict[str, tuple[str, ...]] = {
    "schulden": ("schuldhulpverlener", "bewindvoerder"),
    "wonen": ("woonbegeleider", "consulent gemeente"),
    "werk": ("jobcoach", "consulent gemeente"),
    "school": ("mentor school", "leerplichtambtenaar"),
    "blowen": ("huisarts",),
    "somber": ("behandelaar ggz", "huisarts"),
    "thuis": ("consulent gemeente",),
    "dagritme": ("jobcoach",),
    "justitie": ("reclasseringswerker",),
    "eenzaam": ("consulent gemeente",),
    "papieren": ("consulent gemeente", "bewindvoerder"),
    "gezondheid": ("huisarts",),
}
THEME_WEIGHTS: dict[str, int] = {
    "schulden": 6,
    "wonen": 3,
    "werk": 5,
    "school": 4,
    "blowen": 3,
    "somber": 3,
    "thuis": 3,
    "dagritme": 4,
    "justitie": 1,
    "eenzaam": 2,
    "papieren": 3,
    "gezondheid": 1,
}
