/**
 * Every sentence the verifier shows, in Dutch and English. The audience is an employer or
 * admissions officer, not a cryptographer: each message says what was checked and what it means,
 * and a check that could not be done says so instead of sounding like a pass.
 *
 * Kept in one table so that translations can be reviewed side by side and no check can exist in
 * one language only (test/messages.test.js walks the table).
 */

/** @typedef {{nl: string, en: string}} Text */

export const MESSAGES = {
  // --- structure -----------------------------------------------------------------------------
  'structure.passed.ob': {
    en: 'This is a well-formed Open Badges 3.0 credential.',
    nl: 'Dit is een correct opgebouwd Open Badges 3.0-credential.',
  },
  'structure.passed.vc': {
    en: 'This is a well-formed verifiable credential.',
    nl: 'Dit is een correct opgebouwd verifieerbaar credential.',
  },
  'structure.failed': {
    en: 'This is not a well-formed credential: {problems}.',
    nl: 'Dit is geen correct opgebouwd credential: {problems}.',
  },
  'problem.NOT_OBJECT': { en: 'it is not a JSON object', nl: 'het is geen JSON-object' },
  'problem.CONTEXT_V2': {
    en: 'its first @context is not the W3C Verifiable Credentials 2.0 context',
    nl: 'de eerste @context is niet de context van W3C Verifiable Credentials 2.0',
  },
  'problem.CONTEXT_OB': {
    en: 'it is an Open Badge, but its second @context is not an Open Badges 3.0 context',
    nl: 'het is een Open Badge, maar de tweede @context is geen Open Badges 3.0-context',
  },
  'problem.TYPE_VC': {
    en: 'its type does not include VerifiableCredential',
    nl: 'het type bevat geen VerifiableCredential',
  },
  'problem.ISSUER_MISSING': {
    en: 'it does not name its issuer with a full identifier',
    nl: 'de uitgever staat er niet met een volledige identificatie in',
  },
  'problem.SUBJECT_MISSING': {
    en: 'it does not say whom it is about (credentialSubject)',
    nl: 'er staat niet in over wie het gaat (credentialSubject)',
  },
  'problem.SUBJECT_MULTIPLE': {
    en: 'it is about more than one subject (credentialSubject), and its signature does not say which comes first',
    nl: 'het gaat over meer dan één onderwerp (credentialSubject), en de handtekening legt niet vast welk eerst komt',
  },
  'problem.ACHIEVEMENT_NOT_ONE': {
    en: 'it is an Open Badge, but its subject does not name exactly one achievement',
    nl: 'het is een Open Badge, maar het onderwerp noemt niet precies één prestatie (achievement)',
  },
  'problem.VALID_FROM_MALFORMED': {
    en: 'its start date (validFrom) is not a date and time with a time zone',
    nl: 'de begindatum (validFrom) is geen datum en tijd met tijdzone',
  },
  'problem.VALID_UNTIL_MALFORMED': {
    en: 'its end date (validUntil) is not a date and time with a time zone',
    nl: 'de einddatum (validUntil) is geen datum en tijd met tijdzone',
  },
  'problem.ISSUER_SIGNED': {
    en: 'the issuer in its data is not the issuer its signature covers',
    nl: 'de uitgever in de gegevens is niet de uitgever die de handtekening dekt',
  },
  'problem.PROPERTY_HIDDEN': {
    en: 'it writes its status or its dates in a form that programs reading it as plain data would miss',
    nl: 'het schrijft zijn status of datums in een vorm die programma\'s die het als gewone gegevens lezen zouden missen',
  },
  'problem.VALIDITY_ORDER': {
    en: 'its end date lies before its start date',
    nl: 'de einddatum ligt vóór de begindatum',
  },

  // --- proof format --------------------------------------------------------------------------
  'proof-format.passed': {
    en: 'The credential carries a digital signature of a kind this page checks (Data Integrity, {cryptosuite}).',
    nl: 'Het credential draagt een digitale handtekening van een soort die deze pagina controleert (Data Integrity, {cryptosuite}).',
  },
  'proof-format.PROOF_MISSING': {
    en: 'The credential carries no digital signature, so nothing proves who issued it.',
    nl: 'Het credential heeft geen digitale handtekening, dus niets bewijst wie het heeft uitgegeven.',
  },
  'proof-format.PROOF_MULTIPLE': {
    en: 'The credential carries {count} signatures; this page checks credentials with exactly one.',
    nl: 'Het credential heeft {count} handtekeningen; deze pagina controleert alleen credentials met precies één.',
  },
  'proof-format.PROOF_MALFORMED': {
    en: 'The signature part of the credential is damaged.',
    nl: 'Het handtekeninggedeelte van het credential is beschadigd.',
  },
  'proof-format.PROOF_TYPE': {
    en: 'The signature is of a kind this page does not check ({value}); only Data Integrity proofs are supported.',
    nl: 'De handtekening is van een soort die deze pagina niet controleert ({value}); alleen Data Integrity-handtekeningen worden ondersteund.',
  },
  'proof-format.PROOF_CRYPTOSUITE': {
    en: 'The signature uses a method this page does not check ({value}); only {suites} is supported.',
    nl: 'De handtekening gebruikt een methode die deze pagina niet controleert ({value}); alleen {suites} wordt ondersteund.',
  },
  'proof-format.PROOF_PURPOSE': {
    en: 'The signature was not made for issuing credentials (its purpose is {value}).',
    nl: 'De handtekening is niet gezet om credentials uit te geven (het doel is {value}).',
  },
  'proof-format.PROOF_NO_VERIFICATION_METHOD': {
    en: 'The signature does not say which key made it.',
    nl: 'De handtekening vermeldt niet met welke sleutel ze is gezet.',
  },
  'proof-format.PROOF_VALUE_ENCODING': {
    en: 'The signature value is damaged or not in the expected format.',
    nl: 'De handtekeningwaarde is beschadigd of niet in het verwachte formaat.',
  },
  'proof-format.PROOF_CREATED_MALFORMED': {
    en: 'The moment of signing (created) is not a valid date and time.',
    nl: 'Het moment van ondertekenen (created) is geen geldige datum en tijd.',
  },
  'proof-format.PROOF_EXPIRES_MALFORMED': {
    en: "The signature's expiry date is not a valid date and time.",
    nl: 'De vervaldatum van de handtekening is geen geldige datum en tijd.',
  },
  'proof-format.PROOF_UNKNOWN_PROPERTY': {
    en: 'The signature carries a field, {value}, that a signature of this kind does not have; it could hide when the signature stops being valid.',
    nl: 'De handtekening bevat een veld, {value}, dat een handtekening van deze soort niet heeft; het zou kunnen verbergen wanneer de handtekening ophoudt geldig te zijn.',
  },
  'proof-format.PROOF_EXPIRED': {
    en: 'The signature itself stopped being valid on {date}.',
    nl: 'De handtekening zelf is sinds {date} niet meer geldig.',
  },
  'proof-format.PROOF_CONTEXT_MISMATCH': {
    en: "The signature's own @context differs from the credential's.",
    nl: 'De eigen @context van de handtekening verschilt van die van het credential.',
  },
  'proof-format.not-checked': {
    en: 'Not checked.',
    nl: 'Niet gecontroleerd.',
  },

  // --- canonicalization (vocabularies) -------------------------------------------------------
  'contexts.passed': {
    en: 'All data in the credential uses vocabularies this page knows, so every field is covered by the signature.',
    nl: 'Alle gegevens in het credential gebruiken woordenlijsten die deze pagina kent, dus elk veld valt onder de handtekening.',
  },
  'contexts.UNKNOWN_CONTEXT': {
    en: 'The credential relies on a vocabulary this page does not carry ({url}). It is not fetched from the internet, because then someone else could change what the credential means.',
    nl: 'Het credential gebruikt een woordenlijst die deze pagina niet meelevert ({url}). Die wordt niet van internet gehaald, omdat een ander dan zou kunnen veranderen wat het credential betekent.',
  },
  'contexts.UNDEFINED_TERM': {
    en: 'The credential contains a field, "{term}", that no vocabulary defines; it would not be covered by the signature.',
    nl: 'Het credential bevat een veld, "{term}", dat in geen enkele woordenlijst staat; het zou niet onder de handtekening vallen.',
  },
  'contexts.UNDEFINED_TYPE': {
    en: 'The credential uses a type, "{term}", that no vocabulary defines; it would not be covered by the signature.',
    nl: 'Het credential gebruikt een type, "{term}", dat in geen enkele woordenlijst staat; het zou niet onder de handtekening vallen.',
  },
  'contexts.RELATIVE_IRI': {
    en: 'The credential contains an identifier that is not a full address ("{value}").',
    nl: 'Het credential bevat een identificatie die geen volledig adres is ("{value}").',
  },
  'contexts.LOSSY_DATA': {
    en: 'Part of the credential\'s data would be lost when it is processed ({reason}), so it cannot be checked exactly.',
    nl: 'Een deel van de gegevens in het credential zou bij verwerking verloren gaan ({reason}), dus het kan niet exact worden gecontroleerd.',
  },
  'contexts.JSONLD_INVALID': {
    en: "The credential's data cannot be processed as linked data ({reason}).",
    nl: 'De gegevens in het credential kunnen niet als linked data worden verwerkt ({reason}).',
  },
  'contexts.INLINE_CONTEXT': {
    en: 'The credential defines its own vocabulary inside the file ({value}). Only published vocabularies this page carries are accepted, because words defined inside the credential can rename or hide what the page checks.',
    nl: 'Het credential definieert een eigen woordenlijst in het bestand zelf ({value}). Alleen gepubliceerde woordenlijsten die deze pagina meelevert worden aanvaard, omdat woorden die in het credential zelf worden gedefinieerd kunnen verbergen of hernoemen wat de pagina controleert.',
  },
  'contexts.KEYWORD_REFUSED': {
    en: 'The credential uses the linked-data keyword {term}, which lets it say things in places a reader of its data does not look. Credentials do not need it, so it is not accepted.',
    nl: 'Het credential gebruikt het linked-data-sleutelwoord {term}, waarmee het dingen kan zeggen op plaatsen waar een lezer van de gegevens niet kijkt. Credentials hebben het niet nodig, dus het wordt niet aanvaard.',
  },
  'contexts.not-checked': {
    en: 'Not checked, because the credential carries no usable signature.',
    nl: 'Niet gecontroleerd, omdat het credential geen bruikbare handtekening heeft.',
  },

  // --- issuer key ----------------------------------------------------------------------------
  'issuer-key.passed.web': {
    en: 'The signing key is published by its owner at {url} and is authorised for issuing credentials.',
    nl: 'De sleutel waarmee is ondertekend, wordt door de eigenaar gepubliceerd op {url} en is bevoegd om credentials uit te geven.',
  },
  'issuer-key.passed.key': {
    en: 'The signing key is contained in the identifier itself (did:key).',
    nl: 'De sleutel waarmee is ondertekend, zit in de identificatie zelf (did:key).',
  },
  'issuer-key.warning.ASSERTION_RELATIVE': {
    en: 'Note: the key document authorises the key with a short (relative) reference instead of its full identifier.',
    nl: 'Let op: het sleuteldocument machtigt de sleutel met een korte (relatieve) verwijzing in plaats van de volledige identificatie.',
  },
  'issuer-key.warning.VM_IS_DID': {
    en: 'Note: the signature names the identifier, not the key within it; its only key was used.',
    nl: 'Let op: de handtekening noemt de identificatie, niet de sleutel daarin; de enige sleutel daarvan is gebruikt.',
  },
  'issuer-key.KEY_DOCUMENT_ID_MISMATCH': {
    en: 'The key document at {url} belongs to someone else ({actual}), not to {expected}.',
    nl: 'Het sleuteldocument op {url} hoort bij een ander ({actual}), niet bij {expected}.',
  },
  'issuer-key.KEY_DOCUMENT_MALFORMED': {
    en: 'The key document at {url} is not valid.',
    nl: 'Het sleuteldocument op {url} is niet geldig.',
  },
  'issuer-key.VM_NOT_FOUND': {
    en: 'The key that made this signature is not published by its owner (checked {url}).',
    nl: 'De sleutel waarmee is ondertekend, wordt niet door de eigenaar gepubliceerd (gecontroleerd: {url}).',
  },
  'issuer-key.VM_RELATIVE_ID': {
    en: 'The key document at {url} lists the key with a short (relative) identifier; a full identifier is required.',
    nl: 'Het sleuteldocument op {url} vermeldt de sleutel met een korte (relatieve) identificatie; een volledige identificatie is vereist.',
  },
  'issuer-key.VM_DUPLICATE': {
    en: 'The key document at {url} lists the same key more than once, so it is ambiguous.',
    nl: 'Het sleuteldocument op {url} vermeldt dezelfde sleutel meer dan eens en is dus dubbelzinnig.',
  },
  'issuer-key.VM_TYPE': {
    en: 'The published key is of a type this page does not support (only Multikey).',
    nl: 'De gepubliceerde sleutel is van een type dat deze pagina niet ondersteunt (alleen Multikey).',
  },
  'issuer-key.VM_CONTROLLER_MISSING': {
    en: 'The published key does not say who controls it.',
    nl: 'Bij de gepubliceerde sleutel staat niet wie die beheert.',
  },
  'issuer-key.VM_NOT_ASSERTION': {
    en: 'The owner has not authorised this key for issuing credentials (it is not listed under assertionMethod).',
    nl: 'De eigenaar heeft deze sleutel niet bevoegd gemaakt om credentials uit te geven (hij staat niet onder assertionMethod).',
  },
  'issuer-key.KEY_TYPE': {
    en: 'The published key is of a kind ({value}) that signatures of this method ({cryptosuite}) are not made with.',
    nl: 'De gepubliceerde sleutel is van een soort ({value}) waarmee handtekeningen van deze methode ({cryptosuite}) niet worden gezet.',
  },
  'issuer-key.MULTIKEY': {
    en: 'The published key is not a valid Ed25519 public key.',
    nl: 'De gepubliceerde sleutel is geen geldige openbare Ed25519-sleutel.',
  },
  'issuer-key.UNSUPPORTED_DID_METHOD': {
    en: 'The credential was signed with a kind of key this page cannot look up ({method}); only did:web, did:key and https keys are supported.',
    nl: 'Het credential is ondertekend met een soort sleutel die deze pagina niet kan opzoeken ({method}); alleen did:web, did:key en https worden ondersteund.',
  },
  'issuer-key.VM_SYNTAX': {
    en: 'The reference to the signing key is malformed ({vm}).',
    nl: 'De verwijzing naar de sleutel is onjuist opgebouwd ({vm}).',
  },
  'issuer-key.KEY_DOCUMENT_UNREACHABLE': {
    en: "Could not fetch the issuer's public key from {url}, so the signature could not be checked. Try again later.",
    nl: 'De openbare sleutel van de uitgever kon niet worden opgehaald van {url}, dus de handtekening kon niet worden gecontroleerd. Probeer het later opnieuw.',
  },
  'issuer-key.not-checked': {
    en: 'Not checked, because the signature does not name a key.',
    nl: 'Niet gecontroleerd, omdat de handtekening geen sleutel noemt.',
  },

  // --- key controller ------------------------------------------------------------------------
  'key-controller.passed': {
    en: 'The key belongs to the issuer named in the credential ({issuer}).',
    nl: 'De sleutel hoort bij de uitgever die in het credential staat ({issuer}).',
  },
  'key-controller.failed': {
    en: 'The key belongs to {actual}, not to the issuer named in the credential ({expected}). Anyone can write a name in a credential; only the issuer\'s own key proves it.',
    nl: 'De sleutel hoort bij {actual}, niet bij de uitgever die in het credential staat ({expected}). Iedereen kan een naam in een credential zetten; alleen de eigen sleutel van de uitgever bewijst die.',
  },
  'key-controller.CONTROLLER_NOT_DOCUMENT': {
    en: 'The key was published by {actual}, but names {listed} as its owner. A document can only publish its own keys, so this key does not show who issued the credential.',
    nl: 'De sleutel is gepubliceerd door {actual}, maar noemt {listed} als eigenaar. Een document kan alleen zijn eigen sleutels publiceren, dus deze sleutel laat niet zien wie het credential heeft uitgegeven.',
  },
  'key-controller.not-checked': {
    en: 'Not checked, because the key could not be established.',
    nl: 'Niet gecontroleerd, omdat de sleutel niet kon worden vastgesteld.',
  },

  // --- key status --------------------------------------------------------------------------
  'key-status.passed': {
    en: 'The issuer has not marked the signing key as compromised or expired.',
    nl: 'De uitgever heeft de sleutel waarmee is ondertekend niet als gecompromitteerd of verlopen gemarkeerd.',
  },
  'key-status.KEY_REVOKED_LATER': {
    en: 'Note: the issuer marked this key as compromised from {date}. This signature says it was made earlier ({created}), so it still counts, but a thief of the key could have back-dated it.',
    nl: 'Let op: de uitgever heeft deze sleutel vanaf {date} als gecompromitteerd gemarkeerd. Volgens de handtekening is die eerder gezet ({created}), dus ze telt nog, maar wie de sleutel heeft gestolen, kan de datum hebben vervalst.',
  },
  'key-status.KEY_EXPIRES_LATER': {
    en: 'Note: this key is only valid until {date}; the signature was made before that ({created}).',
    nl: 'Let op: deze sleutel is geldig tot {date}; de handtekening is daarvóór gezet ({created}).',
  },
  'key-status.VM_DATE_MALFORMED': {
    en: "The published key's revocation or expiry date is not a valid date and time.",
    nl: 'De intrekkings- of vervaldatum van de gepubliceerde sleutel is geen geldige datum en tijd.',
  },
  'key-status.KEY_REVOKED': {
    en: 'The issuer has marked this key as compromised from {date}. The signature was made at or after that moment, or does not say when, so it does not count.',
    nl: 'De uitgever heeft deze sleutel vanaf {date} als gecompromitteerd gemarkeerd. De handtekening is op of na dat moment gezet, of vermeldt niet wanneer, en telt daarom niet.',
  },
  'key-status.KEY_EXPIRED': {
    en: 'The signing key was only valid until {date}. The signature was made at or after that moment, or does not say when, so it does not count.',
    nl: 'De sleutel was maar geldig tot {date}. De handtekening is op of na dat moment gezet, of vermeldt niet wanneer, en telt daarom niet.',
  },
  'key-status.not-checked': {
    en: 'Not checked, because the key could not be established.',
    nl: 'Niet gecontroleerd, omdat de sleutel niet kon worden vastgesteld.',
  },

  // --- signature -----------------------------------------------------------------------------
  'signature.passed': {
    en: 'The digital signature is valid: nothing in the credential has changed since it was signed.',
    nl: 'De digitale handtekening klopt: er is niets in het credential veranderd sinds het werd ondertekend.',
  },
  'signature.failed': {
    en: 'The digital signature does not match: the credential was changed after signing, or it was signed with another key.',
    nl: 'De digitale handtekening klopt niet: het credential is na het ondertekenen veranderd, of met een andere sleutel ondertekend.',
  },
  'signature.not-checked': {
    en: 'The signature could not be checked (see the checks above).',
    nl: 'De handtekening kon niet worden gecontroleerd (zie de controles hierboven).',
  },

  // --- signed data -------------------------------------------------------------------------
  'signed-data.passed': {
    en: 'Every date, status and field is read from what the signature covers, and the credential\'s data says the same plainly.',
    nl: 'Elke datum, status en elk veld wordt gelezen uit wat de handtekening dekt, en de gegevens van het credential zeggen hetzelfde zonder omwegen.',
  },
  'signed-data.failed': {
    en: 'What the signature covers does not say plainly what the credential\'s data says: {problems}.',
    nl: 'Wat de handtekening dekt, zegt niet zonder omwegen wat de gegevens van het credential zeggen: {problems}.',
  },
  'signed-data.NODE_TWICE': {
    en: 'The credential describes one thing ({value}) in two places, differently; a reader of one place would miss what the other says.',
    nl: 'Het credential beschrijft één ding ({value}) op twee plaatsen, verschillend; wie één plaats leest, mist wat de andere zegt.',
  },
  'signed-data.TEXT_BOOLEAN': {
    en: 'The credential writes a yes/no value as text ("{term}"), which programs that read it as plain data take for "yes".',
    nl: 'Het credential schrijft een ja/nee-waarde als tekst ("{term}"), wat programma\'s die het als gewone gegevens lezen als "ja" opvatten.',
  },
  'signed-data.not-checked': {
    en: "Not checked, because the credential's data could not be read with its vocabularies.",
    nl: 'Niet gecontroleerd, omdat de gegevens van het credential niet met de woordenlijsten konden worden gelezen.',
  },

  // --- validity period -----------------------------------------------------------------------
  'valid-from.passed': { en: 'Valid from {date}.', nl: 'Geldig vanaf {date}.' },
  'valid-from.passed.none': { en: 'No start date is given.', nl: 'Er is geen begindatum opgegeven.' },
  'valid-from.warning.none': {
    en: 'No start date is given, although Open Badges 3.0 requires one.',
    nl: 'Er is geen begindatum opgegeven, hoewel Open Badges 3.0 die verplicht stelt.',
  },
  'valid-from.failed': { en: 'Not valid yet: valid from {date}.', nl: 'Nog niet geldig: geldig vanaf {date}.' },
  'valid-until.passed': { en: 'Valid until {date}.', nl: 'Geldig tot {date}.' },
  'valid-until.passed.none': { en: 'Has no end date.', nl: 'Heeft geen einddatum.' },
  'valid-until.failed': { en: 'Expired on {date}.', nl: 'Verlopen op {date}.' },

  // --- status --------------------------------------------------------------------------------
  'status.none': {
    en: 'The issuer has given no way to withdraw this credential, so there is no revocation list to check and it cannot be revoked.',
    nl: 'De uitgever biedt geen manier om dit credential in te trekken, dus er is geen intrekkingslijst om te controleren en het kan niet worden ingetrokken.',
  },
  'status.revocation.clear': {
    en: "Not revoked: the issuer's revocation list, checked just now, does not list this credential.",
    nl: 'Niet ingetrokken: de intrekkingslijst van de uitgever, zojuist gecontroleerd, vermeldt dit credential niet.',
  },
  'status.revocation.set': {
    en: 'Revoked: the issuer has withdrawn this credential.',
    nl: 'Ingetrokken: de uitgever heeft dit credential ingetrokken.',
  },
  'status.suspension.clear': {
    en: "Not suspended: the issuer's suspension list, checked just now, does not list this credential.",
    nl: 'Niet geschorst: de schorsingslijst van de uitgever, zojuist gecontroleerd, vermeldt dit credential niet.',
  },
  'status.suspension.set': {
    en: 'Suspended: the issuer has suspended this credential for the time being. Other verifiers, such as wallets, may not check suspensions and can show it as valid; this check is the one to go by.',
    nl: 'Geschorst: de uitgever heeft dit credential voorlopig geschorst. Andere controles, zoals die van wallets, kijken mogelijk niet naar schorsingen en kunnen het als geldig tonen; ga uit van deze controle.',
  },
  'status.revocation.unknown': {
    en: 'Could not check whether the issuer has revoked this credential: {reason}.',
    nl: 'Kon niet controleren of de uitgever dit credential heeft ingetrokken: {reason}.',
  },
  'status.suspension.unknown': {
    en: 'Could not check whether the issuer has suspended this credential: {reason}.',
    nl: 'Kon niet controleren of de uitgever dit credential heeft geschorst: {reason}.',
  },
  'status.other.unknown': {
    en: 'Could not check the status of this credential: {reason}.',
    nl: 'Kon de status van dit credential niet controleren: {reason}.',
  },
  'status.not-understood': {
    en: 'The credential has a status entry for "{purpose}", which this page does not interpret.',
    nl: 'Het credential heeft een statusvermelding voor "{purpose}", die deze pagina niet interpreteert.',
  },
  'reason.LIST_UNREACHABLE': {
    en: 'the list at {url} could not be fetched',
    nl: 'de lijst op {url} kon niet worden opgehaald',
  },
  'reason.LIST_MALFORMED': {
    en: 'the list at {url} is not a valid status list',
    nl: 'de lijst op {url} is geen geldige statuslijst',
  },
  'reason.LIST_ID_MISMATCH': {
    en: 'the document at {url} is a different list ({actual})',
    nl: 'het document op {url} is een andere lijst ({actual})',
  },
  'reason.LIST_ISSUER_MISMATCH': {
    en: 'the list was issued by someone else ({actual})',
    nl: 'de lijst is door een ander uitgegeven ({actual})',
  },
  'reason.LIST_PURPOSE_MISMATCH': {
    en: 'the list at {url} serves another purpose',
    nl: 'de lijst op {url} dient een ander doel',
  },
  'reason.LIST_PROOF_INVALID': {
    en: "the list's own signature is not valid",
    nl: 'de handtekening van de lijst zelf klopt niet',
  },
  'reason.LIST_KEY_UNAVAILABLE': {
    en: "the key for the list's signature could not be fetched",
    nl: 'de sleutel voor de handtekening van de lijst kon niet worden opgehaald',
  },
  'reason.LIST_NOT_YET_VALID': {
    en: 'the list is not valid yet (from {date})',
    nl: 'de lijst is nog niet geldig (vanaf {date})',
  },
  'reason.LIST_EXPIRED': {
    en: 'the list is out of date (it was valid until {date}); an old list can hide a later revocation',
    nl: 'de lijst is verouderd (ze was geldig tot {date}); een oude lijst kan een latere intrekking verbergen',
  },
  'reason.ENCODING_ERROR': {
    en: 'the contents of the list are damaged',
    nl: 'de inhoud van de lijst is beschadigd',
  },
  'reason.STATUS_LIST_LENGTH_ERROR': {
    en: 'the list is too short ({entries} entries; at least 131,072 are required so that a list does not reveal whose credentials it covers)',
    nl: 'de lijst is te kort ({entries} plaatsen; er zijn er minstens 131.072 nodig zodat een lijst niet verraadt over wiens credentials ze gaat)',
  },
  'reason.RANGE_ERROR': {
    en: "the credential's position in the list ({index}) lies outside the list",
    nl: 'de plaats van het credential in de lijst ({index}) ligt buiten de lijst',
  },
  'reason.MALFORMED_ENTRY': {
    en: "the credential's status entry is malformed",
    nl: 'de statusvermelding in het credential is onjuist opgebouwd',
  },
  'reason.UNSUPPORTED_STATUS_TYPE': {
    en: 'it uses a status mechanism this page does not support ({type})',
    nl: 'het gebruikt een statusmechanisme dat deze pagina niet ondersteunt ({type})',
  },

  // --- skipped / internal --------------------------------------------------------------------
  'skipped.unauthenticated': {
    en: "Not checked, because the credential's authenticity could not be established.",
    nl: 'Niet gecontroleerd, omdat de echtheid van het credential niet kon worden vastgesteld.',
  },
  'internal.failed': {
    en: "Something went wrong in this page's own checking code, so no verdict could be reached. This says nothing about the credential.",
    nl: 'Er ging iets mis in de controlecode van deze pagina, waardoor geen oordeel mogelijk is. Dit zegt niets over het credential.',
  },

  // --- reading a pasted or dropped credential -----------------------------------------------
  'input.EMPTY': { en: 'The text or file is empty.', nl: 'De tekst of het bestand is leeg.' },
  'input.NOT_JSON': {
    en: 'This is not valid JSON ({reason}).',
    nl: 'Dit is geen geldige JSON ({reason}).',
  },
  'input.NOT_OBJECT': {
    en: 'This JSON is not a credential (a credential is a JSON object).',
    nl: 'Deze JSON is geen credential (een credential is een JSON-object).',
  },
  'input.JWT_UNSUPPORTED': {
    en: 'This credential is in JWT form (VC-JWT). This page checks only credentials with an embedded proof ({suites}).',
    nl: 'Dit credential is in JWT-vorm (VC-JWT). Deze pagina controleert alleen credentials met een ingebedde handtekening ({suites}).',
  },
  'input.OB2': {
    en: 'This is an Open Badges 2.0 badge. This page checks only Open Badges 3.0 credentials.',
    nl: 'Dit is een Open Badges 2.0-badge. Deze pagina controleert alleen Open Badges 3.0-credentials.',
  },
  'input.PNG_DAMAGED': {
    en: 'The PNG image is damaged ({reason}).',
    nl: 'De PNG-afbeelding is beschadigd ({reason}).',
  },
  'input.PNG_NO_CREDENTIAL': {
    en: 'This PNG image contains no Open Badges 3.0 credential (no "openbadgecredential" text chunk).',
    nl: 'Deze PNG-afbeelding bevat geen Open Badges 3.0-credential (geen tekstblok "openbadgecredential").',
  },
  'input.PNG_COMPRESSED': {
    en: 'The credential in this PNG image is compressed, which Open Badges 3.0 does not allow.',
    nl: 'Het credential in deze PNG-afbeelding is gecomprimeerd, wat Open Badges 3.0 niet toestaat.',
  },
  'input.SVG_NO_CREDENTIAL': {
    en: 'This SVG image contains no Open Badges 3.0 credential (no <openbadges:credential> element).',
    nl: 'Deze SVG-afbeelding bevat geen Open Badges 3.0-credential (geen element <openbadges:credential>).',
  },
  'input.SVG_MALFORMED': {
    en: 'The SVG image is malformed ({reason}).',
    nl: 'De SVG-afbeelding is onjuist opgebouwd ({reason}).',
  },
  'input.NOT_UTF8': {
    en: 'The file is not readable text (not UTF-8).',
    nl: 'Het bestand is geen leesbare tekst (geen UTF-8).',
  },
  'input.UNKNOWN_FORMAT': {
    en: 'This file is not a credential: expected JSON, or a PNG or SVG badge image.',
    nl: 'Dit bestand is geen credential: verwacht werd JSON, of een PNG- of SVG-badgeafbeelding.',
  },
  // Limits (limits.js, credsite/data/limits.json): refused before any expensive work.
  'input.TOO_LARGE': {
    en: 'This file is too large to be a credential: it is larger than {max}, so it is not checked.',
    nl: 'Dit bestand is te groot voor een credential: het is groter dan {max}, dus wordt het niet gecontroleerd.',
  },
  'input.TOO_DEEP': {
    en: 'This JSON is nested more than {max} levels deep. No credential is, so it is not checked.',
    nl: 'Deze JSON is meer dan {max} niveaus diep genest. Geen credential is dat, dus wordt het niet gecontroleerd.',
  },
  'input.TOO_MANY_VALUES': {
    en: 'This JSON holds more than {max} values. A credential holds a few hundred, so it is not checked.',
    nl: 'Deze JSON bevat meer dan {max} waarden. Een credential bevat er een paar honderd, dus wordt het niet gecontroleerd.',
  },
  'input.ARRAY_TOO_LONG': {
    en: 'This JSON has a list of more than {max} entries. No credential needs that many, so it is not checked.',
    nl: 'Deze JSON heeft een lijst van meer dan {max} onderdelen. Geen credential heeft er zoveel nodig, dus wordt het niet gecontroleerd.',
  },
  'input.DUPLICATE_KEY': {
    en: 'This JSON gives the key {key} twice in one object. Programs differ in which of the two values counts, so it is refused.',
    nl: 'Deze JSON geeft de sleutel {key} twee keer in één object. Programma\'s verschillen in welke van de twee waarden telt, dus wordt het geweigerd.',
  },
};

function fill(template, params, lang) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    const v = params[name];
    if (v === undefined || v === null) return '?';
    return typeof v === 'object' ? String(v[lang]) : String(v);
  });
}

/**
 * Both language versions of a message, with {placeholders} filled. A parameter may itself be a
 * {nl, en} pair (a nested reason), which is filled in per language.
 * @param {string} key
 * @param {Record<string, string|number|Text|null|undefined>} [params]
 * @returns {Text}
 */
export function text(key, params = {}) {
  const entry = MESSAGES[key];
  if (!entry) throw new Error(`no message for ${key}`);
  return { nl: fill(entry.nl, params, 'nl'), en: fill(entry.en, params, 'en') };
}

/**
 * Join several {nl, en} fragments with a separator, per language.
 * @param {Text[]} parts
 * @param {string} [separator]
 * @returns {Text}
 */
export function joinTexts(parts, separator = '; ') {
  return { nl: parts.map((p) => p.nl).join(separator), en: parts.map((p) => p.en).join(separator) };
}

/**
 * A human date for messages: "2025-01-31 12:00 UTC". Deliberately not locale-formatted, so the
 * same credential gives the same text everywhere; the page can format `detail` dates itself.
 * @param {number} ms
 * @returns {string}
 */
export function humanDate(ms) {
  const iso = new Date(ms).toISOString();
  const t = iso.indexOf('T'); // years beyond 0-9999 are written with a sign and six digits
  return `${iso.slice(0, t)} ${iso.slice(t + 1, t + 6)} UTC`;
}
