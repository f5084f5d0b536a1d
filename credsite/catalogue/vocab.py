"""Controlled vocabularies: the values staff may use in module files, with Dutch and English labels.

The codes are the ones Dutch programme offices know from Edubadges (participation, assessment
types) or public classifications (EQF, NLQF, ISCED-F 2013, ISO 639, ISO 3166, ISO 4217). The
labels are shown on pages and written into credentials, so each has both languages.
"""

from __future__ import annotations

Labels = dict[str, dict[str, str]]

PARTICIPATION: Labels = {
    "online": {"nl": "Online", "en": "Online"},
    "onsite": {"nl": "Op locatie", "en": "On site"},
    "blended": {"nl": "Blended (online en op locatie)", "en": "Blended (online and on site)"},
    "work_experience": {"nl": "Leren op de werkplek", "en": "Work-based learning"},
}

ASSESSMENT_TYPES: Labels = {
    "written_exam": {"nl": "Schriftelijk tentamen", "en": "Written exam"},
    "report_paper": {"nl": "Verslag of paper", "en": "Report or paper"},
    "behavioural_assessment": {"nl": "Gedragsbeoordeling", "en": "Behavioural assessment"},
    "professional_product": {"nl": "Beroepsproduct", "en": "Professional product"},
    "development_report": {"nl": "Ontwikkelingsverslag", "en": "Development report"},
    "portfolio_assessment": {"nl": "Portfoliobeoordeling", "en": "Portfolio assessment"},
    "oral_exam": {"nl": "Mondeling tentamen", "en": "Oral exam"},
    "personalized_assessment": {"nl": "Toetsing op maat", "en": "Personalised assessment"},
}

EQF_LEVELS = range(1, 9)

NLQF_LEVELS: Labels = {
    "entry": {"nl": "NLQF Instapniveau", "en": "NLQF entry level"},
    **{
        str(n): {"nl": f"NLQF-niveau {n}", "en": f"NLQF level {n}"}
        for n in ("1", "2", "3", "4", "4+", "5", "6", "7", "8")
    },
}

STATUSES = ("draft", "published", "archived")

CURRENCIES = ("EUR", "USD", "GBP", "CHF", "SEK", "DKK", "NOK", "PLN", "CZK", "HUF")

# Languages of instruction (ISO 639-1, and 639-3 where a language has no two-letter code).
LANGUAGES: Labels = {
    "ar": {"nl": "Arabisch", "en": "Arabic"},
    "cs": {"nl": "Tsjechisch", "en": "Czech"},
    "da": {"nl": "Deens", "en": "Danish"},
    "de": {"nl": "Duits", "en": "German"},
    "el": {"nl": "Grieks", "en": "Greek"},
    "en": {"nl": "Engels", "en": "English"},
    "es": {"nl": "Spaans", "en": "Spanish"},
    "fi": {"nl": "Fins", "en": "Finnish"},
    "fr": {"nl": "Frans", "en": "French"},
    "fy": {"nl": "Fries", "en": "West Frisian"},
    "hu": {"nl": "Hongaars", "en": "Hungarian"},
    "it": {"nl": "Italiaans", "en": "Italian"},
    "ja": {"nl": "Japans", "en": "Japanese"},
    "ko": {"nl": "Koreaans", "en": "Korean"},
    "nl": {"nl": "Nederlands", "en": "Dutch"},
    "no": {"nl": "Noors", "en": "Norwegian"},
    "pap": {"nl": "Papiaments", "en": "Papiamento"},
    "pl": {"nl": "Pools", "en": "Polish"},
    "pt": {"nl": "Portugees", "en": "Portuguese"},
    "ro": {"nl": "Roemeens", "en": "Romanian"},
    "ru": {"nl": "Russisch", "en": "Russian"},
    "sv": {"nl": "Zweeds", "en": "Swedish"},
    "tr": {"nl": "Turks", "en": "Turkish"},
    "uk": {"nl": "Oekraïens", "en": "Ukrainian"},
    "zh": {"nl": "Chinees", "en": "Chinese"},
}

# Countries an issuer may be in (ISO 3166-1 alpha-2): the EU/EEA, its neighbours and the Dutch
# Caribbean. Extend as institutions from elsewhere start using credsite.
COUNTRIES: Labels = {
    "AT": {"nl": "Oostenrijk", "en": "Austria"},
    "AW": {"nl": "Aruba", "en": "Aruba"},
    "BE": {"nl": "België", "en": "Belgium"},
    "BG": {"nl": "Bulgarije", "en": "Bulgaria"},
    "BQ": {"nl": "Caribisch Nederland", "en": "Caribbean Netherlands"},
    "CH": {"nl": "Zwitserland", "en": "Switzerland"},
    "CW": {"nl": "Curaçao", "en": "Curaçao"},
    "CY": {"nl": "Cyprus", "en": "Cyprus"},
    "CZ": {"nl": "Tsjechië", "en": "Czechia"},
    "DE": {"nl": "Duitsland", "en": "Germany"},
    "DK": {"nl": "Denemarken", "en": "Denmark"},
    "EE": {"nl": "Estland", "en": "Estonia"},
    "ES": {"nl": "Spanje", "en": "Spain"},
    "FI": {"nl": "Finland", "en": "Finland"},
    "FR": {"nl": "Frankrijk", "en": "France"},
    "GB": {"nl": "Verenigd Koninkrijk", "en": "United Kingdom"},
    "GR": {"nl": "Griekenland", "en": "Greece"},
    "HR": {"nl": "Kroatië", "en": "Croatia"},
    "HU": {"nl": "Hongarije", "en": "Hungary"},
    "IE": {"nl": "Ierland", "en": "Ireland"},
    "IS": {"nl": "IJsland", "en": "Iceland"},
    "IT": {"nl": "Italië", "en": "Italy"},
    "LI": {"nl": "Liechtenstein", "en": "Liechtenstein"},
    "LT": {"nl": "Litouwen", "en": "Lithuania"},
    "LU": {"nl": "Luxemburg", "en": "Luxembourg"},
    "LV": {"nl": "Letland", "en": "Latvia"},
    "MT": {"nl": "Malta", "en": "Malta"},
    "NL": {"nl": "Nederland", "en": "the Netherlands"},
    "NO": {"nl": "Noorwegen", "en": "Norway"},
    "PL": {"nl": "Polen", "en": "Poland"},
    "PT": {"nl": "Portugal", "en": "Portugal"},
    "RO": {"nl": "Roemenië", "en": "Romania"},
    "SE": {"nl": "Zweden", "en": "Sweden"},
    "SI": {"nl": "Slovenië", "en": "Slovenia"},
    "SK": {"nl": "Slowakije", "en": "Slovakia"},
    "SX": {"nl": "Sint Maarten", "en": "Sint Maarten"},
}

# ISCED-F 2013 fields of education and training: broad (2 digits), narrow (3) and detailed (4).
# Names in English as UNESCO publishes them; the Dutch names are this project's translation.
ISCED_F: Labels = {
    "00": {
        "nl": "Algemene programma's en kwalificaties",
        "en": "Generic programmes and qualifications",
    },
    "001": {
        "nl": "Basisprogramma's en -kwalificaties",
        "en": "Basic programmes and qualifications",
    },
    "0011": {
        "nl": "Basisprogramma's en -kwalificaties",
        "en": "Basic programmes and qualifications",
    },
    "002": {"nl": "Geletterdheid en gecijferdheid", "en": "Literacy and numeracy"},
    "0021": {"nl": "Geletterdheid en gecijferdheid", "en": "Literacy and numeracy"},
    "003": {
        "nl": "Persoonlijke vaardigheden en ontwikkeling",
        "en": "Personal skills and development",
    },
    "0031": {
        "nl": "Persoonlijke vaardigheden en ontwikkeling",
        "en": "Personal skills and development",
    },
    "01": {"nl": "Onderwijs", "en": "Education"},
    "011": {"nl": "Onderwijs", "en": "Education"},
    "0111": {"nl": "Onderwijskunde", "en": "Education science"},
    "0112": {
        "nl": "Opleiding tot leraar voorschoolse educatie",
        "en": "Training for pre-school teachers",
    },
    "0113": {
        "nl": "Lerarenopleiding zonder vakspecialisatie",
        "en": "Teacher training without subject specialisation",
    },
    "0114": {
        "nl": "Lerarenopleiding met vakspecialisatie",
        "en": "Teacher training with subject specialisation",
    },
    "02": {"nl": "Kunst en geesteswetenschappen", "en": "Arts and humanities"},
    "021": {"nl": "Kunst", "en": "Arts"},
    "0211": {
        "nl": "Audiovisuele technieken en mediaproductie",
        "en": "Audio-visual techniques and media production",
    },
    "0212": {
        "nl": "Mode-, interieur- en industrieel ontwerp",
        "en": "Fashion, interior and industrial design",
    },
    "0213": {"nl": "Beeldende kunst", "en": "Fine arts"},
    "0214": {"nl": "Ambachten", "en": "Handicrafts"},
    "0215": {"nl": "Muziek en podiumkunsten", "en": "Music and performing arts"},
    "022": {"nl": "Geesteswetenschappen (behalve talen)", "en": "Humanities (except languages)"},
    "0221": {"nl": "Religie en theologie", "en": "Religion and theology"},
    "0222": {"nl": "Geschiedenis en archeologie", "en": "History and archaeology"},
    "0223": {"nl": "Filosofie en ethiek", "en": "Philosophy and ethics"},
    "023": {"nl": "Talen", "en": "Languages"},
    "0231": {"nl": "Taalverwerving", "en": "Language acquisition"},
    "0232": {"nl": "Literatuur en taalkunde", "en": "Literature and linguistics"},
    "03": {
        "nl": "Sociale wetenschappen, journalistiek en informatie",
        "en": "Social sciences, journalism and information",
    },
    "031": {"nl": "Sociale en gedragswetenschappen", "en": "Social and behavioural sciences"},
    "0311": {"nl": "Economie", "en": "Economics"},
    "0312": {"nl": "Politicologie en burgerschap", "en": "Political sciences and civics"},
    "0313": {"nl": "Psychologie", "en": "Psychology"},
    "0314": {"nl": "Sociologie en culturele studies", "en": "Sociology and cultural studies"},
    "032": {"nl": "Journalistiek en informatie", "en": "Journalism and information"},
    "0321": {"nl": "Journalistiek en verslaggeving", "en": "Journalism and reporting"},
    "0322": {
        "nl": "Bibliotheek-, informatie- en archiefstudies",
        "en": "Library, information and archival studies",
    },
    "04": {"nl": "Bedrijfskunde, administratie en recht", "en": "Business, administration and law"},
    "041": {"nl": "Bedrijfskunde en administratie", "en": "Business and administration"},
    "0411": {"nl": "Accountancy en belastingen", "en": "Accounting and taxation"},
    "0412": {"nl": "Financiën, bankwezen en verzekeringen", "en": "Finance, banking and insurance"},
    "0413": {"nl": "Management en bestuur", "en": "Management and administration"},
    "0414": {"nl": "Marketing en reclame", "en": "Marketing and advertising"},
    "0415": {"nl": "Secretariaats- en kantoorwerk", "en": "Secretarial and office work"},
    "0416": {"nl": "Groot- en detailhandel", "en": "Wholesale and retail sales"},
    "0417": {"nl": "Werkvaardigheden", "en": "Work skills"},
    "042": {"nl": "Recht", "en": "Law"},
    "0421": {"nl": "Recht", "en": "Law"},
    "05": {
        "nl": "Natuurwetenschappen, wiskunde en statistiek",
        "en": "Natural sciences, mathematics and statistics",
    },
    "051": {"nl": "Biologische en verwante wetenschappen", "en": "Biological and related sciences"},
    "0511": {"nl": "Biologie", "en": "Biology"},
    "0512": {"nl": "Biochemie", "en": "Biochemistry"},
    "052": {"nl": "Milieu", "en": "Environment"},
    "0521": {"nl": "Milieuwetenschappen", "en": "Environmental sciences"},
    "0522": {
        "nl": "Natuurlijke omgeving en wilde dieren",
        "en": "Natural environments and wildlife",
    },
    "053": {"nl": "Natuurkundige wetenschappen", "en": "Physical sciences"},
    "0531": {"nl": "Scheikunde", "en": "Chemistry"},
    "0532": {"nl": "Aardwetenschappen", "en": "Earth sciences"},
    "0533": {"nl": "Natuurkunde", "en": "Physics"},
    "054": {"nl": "Wiskunde en statistiek", "en": "Mathematics and statistics"},
    "0541": {"nl": "Wiskunde", "en": "Mathematics"},
    "0542": {"nl": "Statistiek", "en": "Statistics"},
    "06": {
        "nl": "Informatie- en communicatietechnologie (ICT)",
        "en": "Information and Communication Technologies (ICTs)",
    },
    "061": {
        "nl": "Informatie- en communicatietechnologie (ICT)",
        "en": "Information and Communication Technologies (ICTs)",
    },
    "0611": {"nl": "Computergebruik", "en": "Computer use"},
    "0612": {
        "nl": "Ontwerp en beheer van databases en netwerken",
        "en": "Database and network design and administration",
    },
    "0613": {
        "nl": "Software- en applicatieontwikkeling en -analyse",
        "en": "Software and applications development and analysis",
    },
    "07": {
        "nl": "Techniek, industrie en bouwkunde",
        "en": "Engineering, manufacturing and construction",
    },
    "071": {"nl": "Techniek en technische beroepen", "en": "Engineering and engineering trades"},
    "0711": {
        "nl": "Chemische technologie en processen",
        "en": "Chemical engineering and processes",
    },
    "0712": {"nl": "Milieubeschermingstechnologie", "en": "Environmental protection technology"},
    "0713": {"nl": "Elektriciteit en energie", "en": "Electricity and energy"},
    "0714": {"nl": "Elektronica en automatisering", "en": "Electronics and automation"},
    "0715": {"nl": "Werktuigbouw en metaalbewerking", "en": "Mechanics and metal trades"},
    "0716": {
        "nl": "Motorvoertuigen, schepen en vliegtuigen",
        "en": "Motor vehicles, ships and aircraft",
    },
    "072": {"nl": "Productie en verwerking", "en": "Manufacturing and processing"},
    "0721": {"nl": "Voedselverwerking", "en": "Food processing"},
    "0722": {
        "nl": "Materialen (glas, papier, kunststof en hout)",
        "en": "Materials (glass, paper, plastic and wood)",
    },
    "0723": {
        "nl": "Textiel (kleding, schoeisel en leer)",
        "en": "Textiles (clothes, footwear and leather)",
    },
    "0724": {"nl": "Mijnbouw en winning", "en": "Mining and extraction"},
    "073": {"nl": "Architectuur en bouwkunde", "en": "Architecture and construction"},
    "0731": {"nl": "Architectuur en stedenbouw", "en": "Architecture and town planning"},
    "0732": {"nl": "Bouwkunde en civiele techniek", "en": "Building and civil engineering"},
    "08": {
        "nl": "Landbouw, bosbouw, visserij en diergeneeskunde",
        "en": "Agriculture, forestry, fisheries and veterinary",
    },
    "081": {"nl": "Landbouw", "en": "Agriculture"},
    "0811": {"nl": "Akkerbouw en veeteelt", "en": "Crop and livestock production"},
    "0812": {"nl": "Tuinbouw", "en": "Horticulture"},
    "082": {"nl": "Bosbouw", "en": "Forestry"},
    "0821": {"nl": "Bosbouw", "en": "Forestry"},
    "083": {"nl": "Visserij", "en": "Fisheries"},
    "0831": {"nl": "Visserij", "en": "Fisheries"},
    "084": {"nl": "Diergeneeskunde", "en": "Veterinary"},
    "0841": {"nl": "Diergeneeskunde", "en": "Veterinary"},
    "09": {"nl": "Gezondheidszorg en welzijn", "en": "Health and welfare"},
    "091": {"nl": "Gezondheidszorg", "en": "Health"},
    "0911": {"nl": "Tandheelkunde", "en": "Dental studies"},
    "0912": {"nl": "Geneeskunde", "en": "Medicine"},
    "0913": {"nl": "Verpleegkunde en verloskunde", "en": "Nursing and midwifery"},
    "0914": {
        "nl": "Medische diagnostiek en behandeltechnologie",
        "en": "Medical diagnostic and treatment technology",
    },
    "0915": {"nl": "Therapie en revalidatie", "en": "Therapy and rehabilitation"},
    "0916": {"nl": "Farmacie", "en": "Pharmacy"},
    "0917": {
        "nl": "Traditionele en complementaire geneeskunde",
        "en": "Traditional and complementary medicine and therapy",
    },
    "092": {"nl": "Welzijn", "en": "Welfare"},
    "0921": {
        "nl": "Zorg voor ouderen en volwassenen met een beperking",
        "en": "Care of the elderly and of disabled adults",
    },
    "0922": {"nl": "Kinderopvang en jeugdzorg", "en": "Child care and youth services"},
    "0923": {"nl": "Maatschappelijk werk en begeleiding", "en": "Social work and counselling"},
    "10": {"nl": "Dienstverlening", "en": "Services"},
    "101": {"nl": "Persoonlijke dienstverlening", "en": "Personal services"},
    "1011": {"nl": "Huishoudelijke dienstverlening", "en": "Domestic services"},
    "1012": {"nl": "Haar- en schoonheidsverzorging", "en": "Hair and beauty services"},
    "1013": {"nl": "Hotel, restaurant en catering", "en": "Hotel, restaurants and catering"},
    "1014": {"nl": "Sport", "en": "Sports"},
    "1015": {"nl": "Reizen, toerisme en vrije tijd", "en": "Travel, tourism and leisure"},
    "102": {"nl": "Hygiëne en arbeidsgezondheid", "en": "Hygiene and occupational health services"},
    "1021": {"nl": "Openbare sanitaire voorzieningen", "en": "Community sanitation"},
    "1022": {"nl": "Arbeidsgezondheid en -veiligheid", "en": "Occupational health and safety"},
    "103": {"nl": "Beveiliging", "en": "Security services"},
    "1031": {"nl": "Militair en defensie", "en": "Military and defence"},
    "1032": {
        "nl": "Bescherming van personen en eigendommen",
        "en": "Protection of persons and property",
    },
    "104": {"nl": "Vervoersdiensten", "en": "Transport services"},
    "1041": {"nl": "Vervoersdiensten", "en": "Transport services"},
}

EQF_URL = "http://data.europa.eu/snb/eqf/{level}"
ISCED_F_URL = "http://data.europa.eu/snb/isced-f/{code}"


def isced_broad(code: str) -> str:
    """The broad field (two digits) a code belongs to; the catalogue filters on broad fields."""
    return code[:2]
