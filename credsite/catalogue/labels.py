"""Interface texts in Dutch and English.

Kept as code (not in templates) so a test can prove every label exists in both languages, and so
templates stay free of language conditionals: they read ``t.<key>``.
"""

from __future__ import annotations

from types import MappingProxyType

_LABELS: dict[str, tuple[str, str]] = {
    # key: (Dutch, English)
    "language_name": ("Nederlands", "English"),
    "skip_to_content": ("Naar de inhoud", "Skip to content"),
    "nav_label": ("Hoofdmenu", "Main menu"),
    "nav_home": ("Home", "Home"),
    "nav_catalogue": ("Alle modules", "All modules"),
    "nav_tracks": ("Leerroutes", "Learning tracks"),
    "switch_language": ("Read this page in English", "Lees deze pagina in het Nederlands"),
    "switch_language_short": ("English", "Nederlands"),
    "site_subtitle": ("Microcredentials", "Micro-credentials"),
    "breadcrumb": ("Kruimelpad", "Breadcrumb"),
    "home_title": ("Microcredentials voor professionals", "Micro-credentials for professionals"),
    "home_recent": ("Nieuw in het aanbod", "New in the catalogue"),
    "home_tracks": ("Leerroutes", "Learning tracks"),
    "home_all_modules": ("Bekijk alle {n} modules", "See all {n} modules"),
    "home_what_title": ("Wat is een microcredential?", "What is a micro-credential?"),
    "home_what_text": (
        "Een microcredential is een betrouwbaar, erkend digitaal certificaat voor een korte "
        "onderwijseenheid van 3 tot 30 EC. Het vermeldt wat je weet en kunt, op welk niveau "
        "(EQF/NLQF) en met welke studiebelasting. Je kunt microcredentials stapelen en ze blijven "
        "onbeperkt geldig, tenzij bij de module anders staat.",
        "A micro-credential is a reliable, recognised digital certificate for a short unit of "
        "study of 3 to 30 EC. It states what you know and can do, at which level (EQF/NLQF) and "
        "with what study load. Micro-credentials can be stacked and stay valid indefinitely "
        "unless the module says otherwise.",
    ),
    "home_verify_title": ("Voor werkgevers", "For employers"),
    "home_verify_text": (
        "Elke microcredential heeft een eigen pagina die in uw browser controleert of het "
        "certificaat echt is, door ons is uitgegeven, niet is ingetrokken en nog geldig is. "
        "Daarvoor is geen account en geen server nodig.",
        "Every micro-credential has its own page that checks in your browser that the "
        "certificate is genuine, was issued by us, has not been revoked and is still valid. No "
        "account and no server are needed.",
    ),
    "catalogue_title": ("Alle modules", "All modules"),
    "catalogue_intro": (
        "Alle modules waarmee je een microcredential behaalt. Gebruik de filters om het aanbod "
        "te verkleinen; de link van een gefilterde lijst kun je delen.",
        "All modules that lead to a micro-credential. Use the filters to narrow the list; you "
        "can share the link to a filtered list.",
    ),
    "filters": ("Filters", "Filters"),
    "search": ("Zoeken", "Search"),
    "search_placeholder": ("Zoek op titel, onderwerp of code", "Search by title, topic or code"),
    # The catalogue's filters; the checkbox groups' legends are named in catalogue/filters.py.
    "filter_ec": ("Studiebelasting (EC)", "Study load (EC)"),
    "filter_ec_min": ("Minimaal", "Minimum"),
    "filter_ec_max": ("Maximaal", "Maximum"),
    "filter_eqf": ("EQF-niveau", "EQF level"),
    "filter_language": ("Taal", "Language"),
    "filter_participation": ("Vorm", "Form of participation"),
    "filter_assessment": ("Toetsing", "Assessment"),
    "filter_field": ("Studiegebied", "Field of study"),
    "filter_faculty": ("Faculteit", "Faculty"),
    "filter_stackable": ("Alleen stapelbare modules", "Stackable modules only"),
    "filter_soon": ("Start binnen {days} dagen", "Starts within {days} days"),
    "filter_reset": ("Alle filters wissen", "Clear all filters"),
    "filter_any": ("Alle", "Any"),
    "results_count": ("{n} van {total} modules", "{n} of {total} modules"),
    "no_results": (
        "Geen modules gevonden. Pas de filters aan of wis ze.",
        "No modules found. Change or clear the filters.",
    ),
    "module_count": ("{n} modules", "{n} modules"),
    "next_start": ("Start", "Starts"),
    "no_start_planned": ("Nog geen startdatum gepland", "No start date planned yet"),
    "study_load": ("Studiebelasting", "Study load"),
    "ec_unit": ("EC", "EC"),
    "hours_unit": ("uur", "hours"),
    "level": ("Niveau", "Level"),
    "eqf_level": ("EQF-niveau", "EQF level"),
    "nlqf_level": ("NLQF-niveau", "NLQF level"),
    "language_of_instruction": ("Voertaal", "Language of instruction"),
    "participation": ("Vorm van deelname", "Form of participation"),
    "assessment": ("Toetsing", "Assessment"),
    "assessment_types": ("Toetsvorm", "Type of assessment"),
    "assessment_supervised": ("Toezicht bij de toetsing", "Supervision during assessment"),
    "assessment_id_verified": (
        "Identiteitscontrole bij de toetsing",
        "Identity check at assessment",
    ),
    "yes_supervised": (
        "Ja, de toetsing vindt plaats onder toezicht",
        "Yes, the assessment is supervised",
    ),
    "no_supervised": (
        "Nee, de toetsing vindt plaats zonder toezicht",
        "No, the assessment is not supervised",
    ),
    "yes_id_verified": (
        "Ja, de identiteit van de deelnemer wordt gecontroleerd",
        "Yes, the learner's identity is checked",
    ),
    "no_id_verified": (
        "Nee, de identiteit wordt niet gecontroleerd",
        "No, identity is not checked",
    ),
    "grading": ("Beoordeling", "Grading"),
    "grade_recorded": (
        "Het behaalde cijfer staat op de microcredential",
        "The grade achieved is recorded on the micro-credential",
    ),
    "grade_not_recorded": (
        "Geen cijfer; de microcredential vermeldt dat je de module hebt behaald",
        "No grade; the micro-credential states that you passed the module",
    ),
    "field_of_study": ("Studiegebied", "Field of study"),
    "faculty": ("Faculteit", "Faculty"),
    "course_code": ("Modulecode", "Course code"),
    "price": ("Prijs", "Price"),
    "price_from": ("vanaf {price}", "from {price}"),
    "description": ("Over deze module", "About this module"),
    "learning_outcomes": ("Leeruitkomsten", "Learning outcomes"),
    "learning_outcomes_intro": ("Na afloop van de module:", "When you complete the module:"),
    "criteria": ("Hoe behaal je de microcredential?", "How do you earn the micro-credential?"),
    "prerequisites": ("Toelatingseisen", "Prerequisites"),
    "stackability": ("Stapelbaarheid", "Stackability"),
    "stackable_yes": ("Deze microcredential is stapelbaar.", "This micro-credential is stackable."),
    "stackable_no": (
        "Deze microcredential staat op zichzelf.",
        "This micro-credential is stand-alone.",
    ),
    "stacks_towards": ("Stapelt naar", "Stacks towards"),
    "exam_board_note": (
        "Of een microcredential vrijstelling geeft, beslist de examencommissie van de opleiding "
        "waarvoor je die vrijstelling aanvraagt.",
        "Whether a micro-credential gives an exemption is decided by the examination board of "
        "the programme you apply to.",
    ),
    "part_of_tracks": ("Onderdeel van de leerroute", "Part of the learning track"),
    "quality_assurance": ("Kwaliteitsborging", "Quality assurance"),
    "offerings": ("Startmomenten", "Start dates"),
    "offering_dates": ("{start} tot en met {end}", "{start} to {end}"),
    "offering_from": ("vanaf {start}", "from {start}"),
    "offering_mode": ("Vorm", "Form"),
    "offering_location": ("Locatie", "Location"),
    "offering_price": ("Prijs", "Price"),
    "enrol": ("Inschrijven", "Enrol"),
    "enrol_for": ("Inschrijven voor {title}, start {date}", "Enrol for {title}, starting {date}"),
    "offering_past": ("Deze start is voorbij", "This start date has passed"),
    "no_offerings": (
        "Er is nu geen startmoment gepland. Neem contact op voor de mogelijkheden.",
        "No start date is planned at the moment. Contact us for the options.",
    ),
    "certifies_title": ("Wat de microcredential bevestigt", "What the micro-credential certifies"),
    "certifies_text": (
        "Wie de module met goed gevolg afrondt, ontvangt een digitaal ondertekende "
        "microcredential (Open Badges 3.0) van {issuer}. Daarin staan je naam, de titel, de "
        "leeruitkomsten, de studiebelasting, het niveau, de toetsing, de vorm van deelname en de "
        "kwaliteitsborging. Iedereen kan de echtheid ervan online controleren.",
        "Learners who complete the module receive a digitally signed micro-credential (Open "
        "Badges 3.0) from {issuer}. It states your name, the title, the learning outcomes, the "
        "study load, the level, the assessment, the form of participation and the quality "
        "assurance. Anyone can check that it is genuine online.",
    ),
    "validity_indefinite": (
        "De microcredential is onbeperkt geldig.",
        "The micro-credential is valid indefinitely.",
    ),
    "validity_limited": (
        "De microcredential is {period} geldig na uitgifte.",
        "The micro-credential is valid for {period} after it is issued.",
    ),
    "years": ("{n} jaar", "{n} years"),
    "year": ("{n} jaar", "{n} year"),
    "months": ("{n} maanden", "{n} months"),
    "month": ("{n} maand", "{n} month"),
    "machine_readable": ("Voor systemen", "For systems"),
    "achievement_json": (
        "Definitie als Open Badges 3.0-Achievement (JSON)",
        "Definition as an Open Badges 3.0 Achievement (JSON)",
    ),
    "translation_missing": ("Niet vertaald; in het {language}", "Not translated; in {language}"),
    "track_about": ("Over deze leerroute", "About this track"),
    "track_modules": ("Modules in deze leerroute", "Modules in this track"),
    "track_total": ("Totaal", "Total"),
    "track_total_ec": ("{ec} EC in {n} modules", "{ec} EC in {n} modules"),
    "track_leads_to": ("Deze leerroute leidt naar", "This track leads to"),
    "feed_title": ("Nieuwe microcredentials van {issuer}", "New micro-credentials from {issuer}"),
    "footer_contact": ("Contact", "Contact"),
    "footer_feed": ("Nieuwe modules (Atom-feed)", "New modules (Atom feed)"),
    "footer_data": ("Catalogus als data (JSON)", "Catalogue as data (JSON)"),
    "footer_about": (
        "Deze site is statisch gegenereerd met credsite. Er worden geen cookies of "
        "trackers gebruikt.",
        "This site is statically generated with credsite. It uses no cookies or trackers.",
    ),
    "not_found_title": ("Pagina niet gevonden", "Page not found"),
    "not_found_text": (
        "Deze pagina bestaat niet (meer). Misschien is de module gearchiveerd of is de link "
        "onvolledig.",
        "This page does not exist (any more). The module may have been archived or the link may "
        "be incomplete.",
    ),
    "choose_language": ("Kies je taal", "Choose your language"),
    # credential pages and /verify/
    "nav_verify": ("Controleer een microcredential", "Verify a micro-credential"),
    "nav_verify_short": ("Controleren", "Verify"),
    "credential_heading": ("Microcredential", "Micro-credential"),
    "awarded_to": ("Toegekend aan", "Awarded to"),
    "issued_by": ("Uitgegeven door", "Issued by"),
    "issuer_domain": ("Webadres van de uitgever", "Issuer's web address"),
    "issued_on": ("Uitgegeven op", "Issued on"),
    "valid_until": ("Geldig tot", "Valid until"),
    "valid_indefinitely": ("Onbeperkt geldig", "Valid indefinitely"),
    "grade": ("Behaald cijfer", "Grade achieved"),
    "narrative": ("Toelichting", "Note"),
    "evidence": ("Bewijs", "Evidence"),
    "credential_details": ("Wat is behaald", "What was achieved"),
    "verification_title": ("Controle", "Verification"),
    "verification_checking": ("Bezig met controleren…", "Checking…"),
    "verification_noscript": (
        "Deze pagina controleert de microcredential in uw browser met JavaScript. Zonder "
        "JavaScript is de inhoud hieronder niet gecontroleerd. Controleer het bestand op de "
        "controlepagina van een andere browser of met de opdrachtregel.",
        "This page checks the micro-credential in your browser with JavaScript. Without "
        "JavaScript the content below has not been checked. Check the file on the verify page in "
        "another browser, or on the command line.",
    ),
    "checks_title": ("Wat er is gecontroleerd", "What was checked"),
    "unverified_note": (
        "Nog niet gecontroleerd: vertrouw deze gegevens pas als de controle hierboven is geslaagd.",
        "Not yet verified: trust these details only once the check above has succeeded.",
    ),
    "untrusted_note": (
        "Niet betrouwbaar: de controle is mislukt. Deze gegevens zijn mogelijk vervalst.",
        "Not trustworthy: the check failed. These details may have been forged.",
    ),
    "verified_note": (
        "Deze gegevens komen uit de ondertekende microcredential en zijn gecontroleerd.",
        "These details come from the signed micro-credential and have been verified.",
    ),
    "downloads_title": ("Voor de houder", "For the holder"),
    "download_json": ("Download de microcredential (JSON)", "Download the micro-credential (JSON)"),
    "download_png": (
        "Download als badge (PNG) voor een wallet",
        "Download as a badge (PNG) for a wallet",
    ),
    "download_svg": ("Download als badge (SVG)", "Download as a badge (SVG)"),
    "add_to_linkedin": ("Toevoegen aan LinkedIn-profiel", "Add to LinkedIn profile"),
    "add_to_wallet": ("Toevoegen aan een wallet-app", "Add to a wallet app"),
    "wallet_note": (
        "Een wallet-app (zoals de Learner Credential Wallet) bewaart uw microcredentials op uw "
        "telefoon en toont ze aan wie u kiest. Scan de code in de app of plak daar het adres van "
        "de link.",
        "A wallet app (such as the Learner Credential Wallet) keeps your micro-credentials on "
        "your phone and shows them to whoever you choose. Scan the code in the app, or paste the "
        "link's address there.",
    ),
    "wallet_qr_label": (
        "QR-code met het adres van deze microcredential, voor een wallet-app",
        "QR code with the address of this micro-credential, for a wallet app",
    ),
    "wallet_packed": (
        "Een wallet-app (zoals de Learner Credential Wallet) bewaart uw microcredentials op uw "
        "telefoon en toont ze aan wie u kiest. Deze pagina heeft geen eigen adres voor de app: "
        "download de microcredential (JSON) en voeg het bestand daar toe.",
        "A wallet app (such as the Learner Credential Wallet) keeps your micro-credentials on "
        "your phone and shows them to whoever you choose. This page has no address of its own "
        "for the app: download the micro-credential (JSON) and add the file there.",
    ),
    "second_opinion": (
        "Controleer deze microcredential ook bij een onafhankelijke controleur (VerifierPlus)",
        "Check this micro-credential with an independent verifier too (VerifierPlus)",
    ),
    "print": ("Afdrukken als certificaat", "Print as a certificate"),
    "takedown": (
        "Wilt u dat deze openbare pagina verdwijnt? Vraag het {issuer}; uw microcredential blijft "
        "daarna geldig als bestand.",
        "Want this public page taken down? Ask {issuer}; your micro-credential stays valid as a "
        "file afterwards.",
    ),
    "print_has_earned": ("heeft de microcredential behaald", "has earned the micro-credential"),
    "print_scan": (
        "Scan de code of ga naar het adres hieronder om de echtheid te controleren.",
        "Scan the code or visit the address below to check that it is genuine.",
    ),
    "qr_label": ("QR-code met het adres van deze pagina", "QR code with the address of this page"),
    "show_json": ("Toon de ondertekende gegevens", "Show the signed data"),
    "verify_title": ("Controleer een microcredential", "Verify a micro-credential"),
    "verify_intro": (
        "Sleep een microcredential hierheen, kies een bestand of plak de tekst. JSON, PNG- en "
        "SVG-badges van elke uitgever werken; de controle gebeurt in uw browser en er wordt niets "
        "verstuurd.",
        "Drop a micro-credential here, choose a file or paste its text. JSON, PNG and SVG badges "
        "from any issuer work; the check runs in your browser and nothing is uploaded.",
    ),
    "verify_drop": ("Sleep een bestand hierheen", "Drop a file here"),
    "verify_choose": ("Kies een bestand", "Choose a file"),
    "verify_paste": (
        "Of plak de tekst van de microcredential",
        "Or paste the micro-credential's text",
    ),
    "verify_button": ("Controleer", "Verify"),
    "verify_again": ("Controleer een andere", "Verify another"),
    "verify_noscript": (
        "Voor deze controle is JavaScript nodig. Zonder JavaScript kunt u het bestand controleren "
        "met het programma credsite: credsite verify BESTAND.",
        "This check needs JavaScript. Without it you can check the file with the credsite "
        "program: credsite verify FILE.",
    ),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
}

LANGUAGES = ("nl", "en")


def _table(index: int) -> MappingProxyType[str, str]:
    return MappingProxyType({key: texts[index] for key, texts in _LABELS.items()})


LABELS: dict[str, MappingProxyType[str, str]] = {
    lang: _table(i) for i, lang in enumerate(LANGUAGES)
}


def label(lang: str, key: str, **values: object) -> str:
    text = LABELS[lang][key]
    return text.format(**values) if values else text


# The texts of a learner's collection page (/l/<id>/, credsite/build/collection_pages.py) only.
# Not in LABELS: every label there travels in every credential page's script (browser/build.mjs),
# and a collection page is rendered in one language, so it takes these from its own page data.
_COLLECTION_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Verzameling microcredentials", "A collection of micro-credentials"),
    "intro": (
        "Deze pagina toont de microcredentials die {issuer} aan één lerende heeft uitgegeven, "
        "en controleert ze een voor een in uw browser.",
        "This page lists the micro-credentials {issuer} issued to one learner, and checks each "
        "of them in your browser.",
    ),
    "checking": ("Bezig met controleren…", "Checking…"),
    "checked": (
        "Gecontroleerd: {counted} van de {count} microcredentials tellen mee.",
        "Checked: {counted} of the {count} micro-credentials count.",
    ),
    "noscript": (
        "Voor de controle is JavaScript nodig. Zonder JavaScript opent u elke microcredential op "
        "zijn eigen pagina; die toont de inhoud, nog niet gecontroleerd.",
        "The check needs JavaScript. Without it, open each micro-credential on its own page, "
        "which shows its content, not yet checked.",
    ),
    "total": ("Behaalde studiebelasting", "Study load earned"),
    "ec": ("{ec} EC", "{ec} EC"),
    "counts": (
        "Alleen een echte microcredential van deze instelling telt mee, en ook een verlopen: de "
        "studiepunten zijn behaald. Een ingetrokken of geschorste telt niet mee, net als een "
        "waarvan de status niet kon worden gecontroleerd.",
        "Only a genuine micro-credential of this institution counts, an expired one too: its "
        "credits were earned. A revoked or suspended one does not count, nor one whose status "
        "could not be checked.",
    ),
    "credentials": ("Microcredentials", "Micro-credentials"),
    "credential": ("Microcredential {id}", "Micro-credential {id}"),
    "none": (
        "Deze verzameling bevat geen gepubliceerde microcredentials.",
        "This collection holds no published micro-credentials.",
    ),
    "tracks": ("Voortgang in leerroutes", "Progress in learning tracks"),
    "track_progress": (
        "{modules} van {total_modules} modules, {ec} van {total_ec} EC",
        "{modules} of {total_modules} modules, {ec} of {total_ec} EC",
    ),
    "takedown": (
        "Wilt u dat deze pagina verdwijnt? Vraag het {issuer}; de microcredentials zelf blijven "
        "geldig.",
        "Would you like this page taken down? Ask {issuer}; the micro-credentials themselves "
        "stay valid.",
    ),
}

COLLECTION_LABELS: dict[str, MappingProxyType[str, str]] = {
    lang: MappingProxyType({key: texts[i] for key, texts in _COLLECTION_LABELS.items()})
    for i, lang in enumerate(LANGUAGES)
}

# The router page of packed and private sites (c/index.html: credential_plan.py) says this
# without JavaScript: it has no content of its own to show unchecked. Not in LABELS (see above).
ROUTER_NOSCRIPT: dict[str, str] = {
    "nl": "Deze microcredential staat versleuteld op de site en wordt in uw browser ontsleuteld "
    "en gecontroleerd, met JavaScript. Zet JavaScript aan om hem te zien, of vraag de houder om "
    "het bestand en controleer dat op de controlepagina.",
    "en": "This micro-credential is stored encrypted on the site, and is decrypted and checked "
    "in your browser, with JavaScript. Turn JavaScript on to see it, or ask its holder for the "
    "file and check that on the verify page.",
}
