"""Safety signals: heard in any phrasing a coach might type, never in ordinary Dutch, and a class apart."""

from __future__ import annotations

import pytest

from coach.content.prompts import load_content
from coach.content.safety import load_safety
from coach.content.toml_source import PromptsError
from coach.conversation.safety import SafetyWatch
from coach.conversation.signals import SignalFinder
from coach.domain.safety import SafetyCues, SafetyKind, one_typo
from coach.paths import prompts_dir


@pytest.fixture(scope="module")
def cues() -> SafetyCues:
    return load_safety()


# Written for this test: (what a coach might type, the kind it must raise).
POSITIVE = [
    ("Jay vertelt dat zijn vader hem slaat als hij te laat thuis is", "huiselijk_geweld"),
    ("moeder sloeg haar gisteren met een pan", "huiselijk_geweld"),
    ("ze is vorig jaar door haar ex geslagen", "huiselijk_geweld"),
    ("Stiefvader slaat soms", "huiselijk_geweld"),
    ("hij werd thuis MISHANDELD", "huiselijk_geweld"),
    ("er is sprake van mishandeling door oom", "huiselijk_geweld"),
    ("veel geweld thuis de laatste tijd", "huiselijk_geweld"),
    ("Heeft klappen gekregen van broer", "huiselijk_geweld"),
    ("blauwe plekken op haar armen gezien", "huiselijk_geweld"),
    ("vriend heeft haar gewurgd tijdens ruzie", "huiselijk_geweld"),
    ("hij werd in elkaar geslagen door zijn neef", "huiselijk_geweld"),
    ("broer schopte hem de trap af", "huiselijk_geweld"),
    ("zijn vader heeft hem geslagn", "huiselijk_geweld"),  # typo
    ("hij wordt bedreigd door een oud-klasgenoot", "bedreiging"),
    ("een doodsbedreiging via snapchat", "bedreiging"),
    ("ex dreigt me iets aan te doen", "bedreiging"),
    ("wordt afgeperst met foto's", "bedreiging"),
    ("ze wordt gestalkt door haar ex", "bedreiging"),
    ("hij zei: ik maak je af", "bedreiging"),
    ("ze is verkracht op een feest", "seksueel_misbruik"),
    ("aangerand in de trein", "seksueel_misbruik"),
    ("als kind seksueel misbruikt door een buurman", "seksueel_misbruik"),
    ("haar naaktfoto's zijn verspreid op school", "seksueel_misbruik"),
    ("ze snijdt zichzelf weer", "zelfbeschadiging"),
    ("krast in haar armen als het te veel wordt", "zelfbeschadiging"),
    ("vertelt over zelfbeschadiging vorig jaar", "zelfbeschadiging"),
    ("wil zichzelf pijn doen als hij boos is", "zelfbeschadiging"),
    ("denkt aan zelfmoord", "suicidale_gedachten"),
    ("ZELFMOORDGEDACHTEN sinds de breuk", "suicidale_gedachten"),
    ("had het over suïcide", "suicidale_gedachten"),
    ("had het over suicide", "suicidale_gedachten"),
    ("Ze zei dat ze er niet meer wil zijn", "suicidale_gedachten"),
    ("ik wil er eigenlijk niet meer zijn zei hij", "suicidale_gedachten"),
    ("soms wil ik dood", "suicidale_gedachten"),
    ("hij zou liever dood zijn", "suicidale_gedachten"),
    ("wil er een einde aan maken", "suicidale_gedachten"),
    ("denkt aan zelfmord", "suicidale_gedachten"),  # typo: a letter missing
    ("praat over zelfmooord", "suicidale_gedachten"),  # typo: a letter doubled
    ("suicidaal geweest in maart", "suicidale_gedachten"),
    ("hij wil niet meer leven", "suicidale_gedachten"),
    ("loopt met een mes op zak", "wapens"),
    ("heeft een pistool thuis liggen", "wapens"),
    ("vriend is vorige week neergestoken", "wapens"),
    ("hij bewaart een vuurwapen voor iemand", "wapens"),
    ("ze staat sinds gisteren op straat", "acute_dakloosheid"),
    ("heeft vannacht geen slaapplek", "acute_dakloosheid"),
    ("is door zijn moeder uit huis gezet", "acute_dakloosheid"),
    ("sliep buiten in het park", "acute_dakloosheid"),
    ("hij is dakloos sinds vorige week", "acute_dakloosheid"),
    ("ze wordt uitgebuit door haar 'vriend'", "uitbuiting"),
    ("signalen van een loverboy", "uitbuiting"),
    ("moet drugs verkopen voor oudere jongens", "uitbuiting"),
    ("werkt als drugskoerier", "uitbuiting"),
]

NEGATIVE = [
    "Ze is geslaagd voor haar examen!",
    "hij hoopt te slagen voor zijn rijexamen",
    "we houden een slag om de arm met de planning",
    "Dat slaat nergens op, zei hij lachend.",
    "ik ben doodmoe na het werk",
    "ik schiet niet op met die aanvraag",
    "hij sloeg alarm bij de woningcorporatie",
    "ze zijn op de vlucht geslagen uit Syrië",
    "de medicatie slaat goed aan",
    "we slaan een brug tussen school en werk",
    "hij heeft goed geslapen",
    "we hebben samen geshopt voor een winterjas",
    "slaat een les over als hij moe is",
    "ik ga dood van het lachen om die video",
    "hij heeft de bal ver geschopt",
    "ze snijdt de groenten voor het eten",
    "hij wil een eigen woning in de stad",
    "dreigt te laat te komen voor de afspraak",
    "er komt een einde aan de ruzie met de buren",
    "ze wil meer leven in de brouwerij",
    "het mes snijdt aan twee kanten",
    "de wapenstilstand met zijn broer houdt stand",
    "ze zat in de klas bij de sla-bar",
    "de slager verkocht geen worst meer",
    "het gaat nu goed, ze is trots op zichzelf",
    "hij heeft een stapel post geopend",
    "we praten over stage, straat en school",
    "de straatcoach van het buurthuis belde",
    "doodgewone dag, niets bijzonders",
]


def test_the_lists_are_long_enough():
    assert len(POSITIVE) >= 40 and len(NEGATIVE) >= 25
    assert {kind for _, kind in POSITIVE} == {kind.key for kind in load_safety().kinds}


@pytest.mark.parametrize(("text", "kind"), POSITIVE)
def test_every_phrasing_is_heard_as_its_kind(cues, text, kind):
    hits = cues.find(text)
    assert [hit.kind for hit in hits][:1] == [kind], f"{text!r}: {[(h.kind, h.typed) for h in hits]}"
    assert text[hits[0].start : hits[0].end] == hits[0].typed


def test_recall_is_complete_in_lowercase_too(cues):
    missed = [text for text, _ in POSITIVE if not cues.find(text.lower())]
    assert missed == []


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_alarm_on_ordinary_words(cues, text):
    assert cues.find(text) == [], [(h.kind, h.typed) for h in cues.find(text)]


def test_typos_are_forgiven_only_in_long_words():
    assert one_typo("zelfmord", "zelfmoord")  # missing letter
    assert not one_typo("zelfmort", "zelfmoord")  # two slips are too many
    assert one_typo("zlefmoord", "zelfmoord")  # two swapped
    assert one_typo("zelfmpord", "zelfmoord")  # neighbouring key
    assert not one_typo("zelfmxord", "zelfmoord")  # a far key is another word
    assert not one_typo("geslapen", "geslagen")  # g and p are far apart
    cues = SafetyCues([SafetyKind("x", "X", "", ("slaat",))])
    assert cues.find("slaaat") == []  # five letters: exact only


def test_the_words_are_never_offered_as_a_domain_signal():
    content = load_content()
    finder = SignalFinder(content)
    domain_words = {signal for domain in content.domains for signal in domain.signals}
    safety_words = {cue for kind in content.safety.kinds for cue in kind.signals}
    assert not domain_words & safety_words
    # A domain offer never names a safety kind.
    assert all(signal.domain in {d.key for d in content.domains} for signal in finder.find("hij slaat haar"))


def test_a_long_note_is_scanned_quickly_enough_for_every_key(cues):
    import time

    note = "Hij vertelde over school en de stage bij de bakker; thuis was het druk. " * 80  # some 1000 words
    started = time.perf_counter()
    for _ in range(3):
        assert cues.find(note) == []
    # Scanned on every key press: a generous bound, so a busy machine does not make it fail.
    assert (time.perf_counter() - started) / 3 < 0.25


# --- the watch: raised once per kind, when the word is settled --------------------------


def test_the_watch_waits_for_a_complete_word_and_raises_each_kind_once(cues):
    watch = SafetyWatch(cues)
    assert watch.hear("vader heeft hem geslagen") is None  # still typing the word
    hit = watch.hear("vader heeft hem geslagen ")
    assert hit is not None and hit.kind == "huiselijk_geweld"
    assert watch.take() == hit and watch.take() is None
    assert watch.hear("vader heeft hem geslagen en sloeg ook zijn zus. ") is None  # answered this sitting
    other = watch.hear("vader heeft hem geslagen. Ze denkt aan zelfmoord ")
    assert other is not None and other.kind == "suicidale_gedachten"


def test_the_watch_waits_while_an_ordinary_phrase_may_follow(cues):
    watch = SafetyWatch(cues)
    assert watch.hear("dat slaat ") is None
    assert watch.hear("dat slaat nergens op, zegt hij. ") is None
    assert watch.hear("dat slaat nergens op, zegt hij. Vader slaat haar en") is None
    assert watch.hear("dat slaat nergens op, zegt hij. Vader slaat haar en de kinderen ") is not None


# --- the file ------------------------------------------------------------------------------


def _copy(tmp_path, text: str):
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "veiligheid.toml").write_text(text, encoding="utf-8")
    return folder


def test_an_organisation_can_override_the_words(tmp_path):
    own = _copy(
        tmp_path,
        'ordinary = ["rookt als een schoorsteen"]\n\n[[kind]]\nkey = "roken"\nlabel = "Roken"\n'
        'help = "Bel de huisarts."\nsignals = ["rookt"]\n',
    )
    cues = load_safety(own)
    assert [hit.kind for hit in cues.find("hij rookt binnen")] == ["roken"]
    assert cues.find("hij rookt als een schoorsteen") == []


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('ordinary = []\n\n[[kind]]\nkey = "x"\nlabel = "X"\nhelp = "h"\nsignals = ["a"]\n', "'ordinary'", 1),
        (
            'ordinary = ["a b"]\n\n[[kind]]\nkey = "x"\nlabel = "X"\nhelp = "h"\nsignal = ["a"]\n',
            "onbekend veld 'signal' (bedoel je 'signals'?)",
            7,
        ),
        (
            'ordinary = ["a b"]\n\n[[kind]]\nkey = "Geweld"\nlabel = "X"\nhelp = "h"\nsignals = ["a"]\n',
            "kleine letters",
            4,
        ),
        (
            'ordinary = ["a b"]\n\n[[kind]]\nkey = "x"\nlabel = "X"\nhelp = "h"\nsignals = ["slaat!"]\n',
            "'slaat!'",
            7,
        ),
        (
            'ordinary = ["a b"]\n\n[[kind]]\nkey = "x"\nlabel = "X"\nhelp = "h"\nsignals = ["a"]\n\n'
            '[[kind]]\nkey = "y"\nlabel = "Y"\nhelp = "h"\nsignals = ["A"]\n',
            "staat ook bij 'x'",
            13,
        ),
    ],
)
def test_a_wrong_file_gets_a_dutch_message_with_file_and_line(tmp_path, text, message, line):
    with pytest.raises(PromptsError) as caught:
        load_safety(_copy(tmp_path, text))
    assert caught.value.shown == "eigen/veiligheid.toml"
    assert message in str(caught.value) and caught.value.line == line


def test_the_shipped_file_loads_with_the_rest():
    assert (prompts_dir() / "veiligheid.toml").is_file()
    assert len(load_content().safety.kinds) >= 8
