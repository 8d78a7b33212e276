"""Word lists that tell a romanised name from ordinary capitalised English.

Used by newslint.names. Every list is folded (lowercase, no diacritics) so it can be compared
with folded name pieces directly.
"""

from __future__ import annotations

# English words that happen to have the shape of one romanised Korean or Chinese syllable
# (consonant, vowel, final consonant). "God-King" and "God King" are one compound written two
# ways, not one name romanised two ways: when every piece around a hyphen or space that differs is
# one of these words, the difference is English spelling, not romanisation. A name always has at
# least one piece that is not ordinary English ("Jae-in": "jae"; "Son-hui": "hui").
ENGLISH_SYLLABLE_WORDS = frozenset("""
a ah am an as at ad ha he hi ho me my no oh ok so to up us we ye yo be by do go if in is it of on or
bad bag ban bang bar bat bay bed bee beg bet bid big bin bit bob bog boo book boom boot bop bud bug
bum bun bus but buy cab cam can cap car cat cod cook cool cop cot cub cue cup cut dab dad dam day deb
den dew did dig dim din dip doc dog don doom door dot dub dud due dug dun each ear eat egg ego
fan far fat fed fee feed feel feet fig fin fit foe fog food fool foot for fun fur gag gap gas gay gel
gem get gig gin god good goo gum gun gut guy had hag ham hat hay hen her hid him hip his hit hog hoop
hop hot hug hum hut jab jag jam jar jaw jay jet jig job jog jot joy jug jut keg ken key kid kin king
kit lab lad lag lap law lay led lee leg let lid lip lit log look loom loop lot low lug mad man map mar
mat may men met mid mob mod mom moon mop mud mug mum nab nag nap net new nib nil nip nod nor not now
nun nut oak oar oat odd oil old one our out pad pal pan pap par pat paw pay pea peg pen pep per pet
pie pig pin pit pod pog pool poop pop pot pub pug pun pup put rag ram ran rap rat raw ray red rib rid
rig rim rip rob rod roof room root rot row rub rug rum run rut sad sag sap sat saw say see seek seem
seen set sew she shed ship shoe shop shot shun shut sin sip sir sit sob sod son soon sop sot sow soy
sub sue sum sun sup tab tad tag tan tap tar tax tea teen ten tie tin tip toe tom ton too took tool top
tot tow toy tub tug two use van vat vet vow wad wag wan war was wax way web wed wee wet who why wig
win wit woe wok won woo wood wool yak yam yap yen yes yet yew you zap zen zip zoo
bang bing bong dang ding dong gang hang hung king kong long lung pang ping pong rang ring rung sang
sing song sung tang ting tong wing wong yang young chang ching chung
chap chat chef chic chin chip chop chow chum shah sham shin shoo shook shoot shy than that the them
then they thin this thud thug thus whim whip whit whom wham when hail hair heal hear heat heed heel
jail lead leak lean leap meal mean meat mail main nail noon pail pain pair peal peak peel rail rain
read real reap reel sail seal seam seat tail teal team tear wail wait weak wean wear weed week ween
weep beak beam bean bear beat been beer bail bait boat coat coal deal dean dear deed deep dial fail
fair faith feat goal goat hoax load loaf loan moat road roam soap soak toad wheat zeal
""".split()) - frozenset("""
an in ha ho do so go oh yo ye sun son song sung young yang chang ching chung dong hong kong long sang tang tong wing wong hung gang bang bong ding won moon ban man min jin sin tan chan lam pan
fan hang bin ton mun yun hee joo soo woo seo shin sook doo
""".split())  # syllables of Korean and Chinese names first: "Lee Sun-young", "Kim Chang-do"

# Words that start or end a run of capitalised words but are no part of a name: titles, function
# words, calendar words, credits. A name candidate never starts with one, so the span of
# "President Moon Jae-in" is the name, not the title.
NOT_NAME_WORDS = frozenset("""
a the this that these those it its he she they we you i his her their our my your
in on at by for from with without to of as and but or nor if when while after before since until
though although because meanwhile however also then today yesterday tomorrow tonight here there
where what who whom whose which why how not yes all both each every some many more most other
new old former late then-president then-leader later earlier now still even only just yet so thus
instead besides furthermore moreover indeed perhaps maybe finally eventually recently currently
previously initially separately similarly likewise otherwise therefore accordingly consequently
nonetheless nevertheless according under over between among against during about around through
into onto upon within beyond toward towards like unlike despite including following amid ahead
both neither either such any another several few much once twice
mr mrs ms miss dr prof sir dame lord lady rev fr
president vice prime minister premier chairman chairwoman chair general gen lt col maj capt adm
marshal comrade leader supreme secretary governor gov mayor senator sen rep representative
ambassador envoy director deputy chief commander king queen prince princess emperor empress pope
sheikh sheik emir sultan crown justice judge officer foreign defense defence unification finance
trade interior speaker spokesman spokeswoman spokesperson dear respected beloved great first lady
chancellor counselor councillor lawmaker legislator professor coach captain sergeant colonel major
lieutenant admiral brigadier dictator chairperson ceo executive head member delegate sgt cpl pvt
cmdr amb vice-chairman vice-president vice-minister imam ayatollah cleric rabbi father saint st bishop
cardinal archbishop pastor reverend
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
photo caption file reuters ap afp yonhap xinhua kcna epa getty images read related analysis update
breaking exclusive opinion editorial said says
north south east west northern southern eastern western central
korean chinese japanese russian ukrainian american british french german arab arabic libyan syrian
iranian iraqi israeli palestinian taiwanese
""".split())

# Lowercase particles that belong inside a name ("Bashar al-Assad", "Mohammed bin Salman",
# "Ursula von der Leyen"). Their hyphen or space and their case vary by house style.
NAME_PARTICLES = frozenset("""
al el ad ar ash az ez es ed bin bint ibn abu abd ben ould van von der den de del della di da dos das
du le la ul ud
""".split())

# Capitalised words that, right after a place or person's name, make it part of an official name
# that keeps its own spelling: "Pusan National University" next to the city "Busan",
# "Kim Il Sung University", "Kunsan Air Base". Users can replace the list (option
# `official-name-words`).
OFFICIAL_NAME_WORDS = (
    "University", "College", "Institute", "Academy", "School", "Hospital", "Clinic", "Museum", "Library",
    "Airport", "Air", "Base", "Station", "Port", "Harbour", "Harbor", "Stadium", "Arena", "Square", "Palace",
    "Tower", "Bridge", "Hall", "Street", "Avenue", "Road", "Boulevard", "Bank", "Corporation", "Corp",
    "Company", "Co", "Group", "Holdings", "Club", "FC", "United", "Post", "Times", "Daily", "Herald", "News",
    "Press", "Journal", "Independent", "Broadcasting", "Television", "TV", "Radio", "Foundation", "Fund",
    "Society", "Association", "Federation", "Church", "Temple", "Cathedral", "Mosque", "Shrine", "Orchestra",
    "Opera", "Theatre", "Theater", "Zoo", "Hotel", "Resort", "Marine", "Motor", "Motors", "Electric",
    "Electronics", "Steel", "Shipbuilding", "Heavy", "Industries", "Industry", "Airlines", "Airways",
    "Railway", "Railways", "Metro", "Declaration", "Treaty", "Agreement", "Accord", "Accords", "Protocol",
    "Convention", "Festival", "Film", "Olympics", "Games", "Prize", "Award", "Medal", "Order", "National",
    "International", "Brewery", "Beer",
)
