/**
 * Every sentence the verifier shows, in Dutch and English. The audience is an employer or
 * admissions officer, not a cryptographer: each message says what was checked and what it means,
 * and a check that could not be done says so instead of sounding like a pass.
 *
 * Kept in one table so that translations can be reviewed side by side and no check can exist in
 * one language only (test/messages.test.js walks the table). messages.js writes them out; the
 * page scripts carry them per language and per group instead (message-groups.js, build.mjs).
 */

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
  'structure.passed.ob.v11': {
    en: 'This is a well-formed Open Badges 3.0 credential in the older Verifiable Credentials 1.1 format.',
    nl: 'Dit is een correct opgebouwd Open Badges 3.0-credential in het oudere formaat Verifiable Credentials 1.1.',
  },
  'structure.passed.vc.v11': {
    en: 'This is a well-formed verifiable credential in the older Verifiable Credentials 1.1 format.',
    nl: 'Dit is een correct opgebouwd verifieerbaar credential in het oudere formaat Verifiable Credentials 1.1.',
  },
  'structure.failed': {
    en: 'This is not a well-formed credential: {problems}.',
    nl: 'Dit is geen correct opgebouwd credential: {problems}.',
  },
  'structure.warning.schema': {
    en: 'Verifiable Credentials allows what it writes, but the stricter Open Badges 3.0 JSON Schema does not: {notes}. It is signed and read as written.',
    nl: 'Verifiable Credentials staat toe wat het schrijft, maar het strengere JSON-schema van Open Badges 3.0 niet: {notes}. Het is ondertekend en wordt gelezen zoals het er staat.',
  },
  'note.VALUE_OBJECT': {
    en: '{paths} written as a value object (a text with its language, direction or type), where the schema wants plain text',
    nl: '{paths} als waarde-object geschreven (een tekst met taal, schrijfrichting of type), waar het schema gewone tekst wil',
  },
  'note.STATUS_LIST': {
    en: 'its status (credentialStatus) written as a list, where the schema wants one entry',
    nl: 'de status (credentialStatus) als lijst geschreven, waar het schema één vermelding wil',
  },
  'problem.NOT_OBJECT': { en: 'it is not a JSON object', nl: 'het is geen JSON-object' },
  'problem.CONTEXT_V2': {
    en: 'its first @context is not the W3C Verifiable Credentials context (2.0 or 1.1)',
    nl: 'de eerste @context is niet de context van W3C Verifiable Credentials (2.0 of 1.1)',
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
  'problem.ISSUANCE_DATE_MALFORMED': {
    en: 'its date of issue (issuanceDate) is not a date and time with a time zone',
    nl: 'de datum van uitgifte (issuanceDate) is geen datum en tijd met tijdzone',
  },
  'problem.EXPIRATION_DATE_MALFORMED': {
    en: 'its end date (expirationDate) is not a date and time with a time zone',
    nl: 'de einddatum (expirationDate) is geen datum en tijd met tijdzone',
  },
  'problem.ISSUANCE_DATE_MISSING': {
    en: 'it is in the Verifiable Credentials 1.1 format, which requires a date of issue (issuanceDate), and has none',
    nl: 'het heeft het formaat Verifiable Credentials 1.1, dat een datum van uitgifte (issuanceDate) vereist, en heeft er geen',
  },
  'problem.ISSUANCE_DATE_DISAGREES': {
    en: 'it gives two different start dates (validFrom and issuanceDate)',
    nl: 'het geeft twee verschillende begindatums (validFrom en issuanceDate)',
  },
  'problem.EXPIRATION_DATE_DISAGREES': {
    en: 'it gives two different end dates (validUntil and expirationDate)',
    nl: 'het geeft twee verschillende einddatums (validUntil en expirationDate)',
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
  // --- JOSE-secured credentials (jose/): the token, its header and its claims -------------------
  'jose.structure.limits': { en: 'The credential is too large to check: {reason}', nl: 'Het credential is te groot om te controleren: {reason}' },
  'jose.structure.PARTS': {
    en: 'This is not a signed credential (a JWT in compact form): it has {count} parts separated by dots, where a signed JWT has three (header, payload, signature).',
    nl: 'Dit is geen ondertekend credential (een JWT in compacte vorm): het heeft {count} delen gescheiden door punten, waar een ondertekende JWT er drie heeft (header, inhoud, handtekening).',
  },
  'jose.structure.ENCODING': {
    en: 'This is not a signed credential (a JWT in compact form): its {part} is not base64url text.',
    nl: 'Dit is geen ondertekend credential (een JWT in compacte vorm): het deel {part} is geen base64url-tekst.',
  },
  'jose.structure.ENCRYPTED': {
    en: 'The credential is encrypted (a JWE): it cannot be read, and so cannot be checked, without the key of its holder, the person it was encrypted for.',
    nl: 'Het credential is versleuteld (een JWE): zonder de sleutel van de houder, voor wie het versleuteld is, is het niet te lezen en dus niet te controleren.',
  },
  'jose.structure.payload': { en: 'The token carries no credential: {reason}.', nl: 'Het token bevat geen credential: {reason}.' },
  'jose.structure.VC_CLAIM': {
    en: 'The token carries no credential: its vc claim, which holds the credential, is not a JSON object.',
    nl: 'Het token bevat geen credential: de vc-claim, die het credential bevat, is geen JSON-object.',
  },
  'jose.part.NOT_JSON': { en: 'its {part} is not JSON', nl: 'het deel {part} is geen JSON' },
  'jose.part.NOT_OBJECT': { en: 'its {part} is not a JSON object', nl: 'het deel {part} is geen JSON-object' },
  'jose.proof-format.header': { en: "The token's header cannot be read: {reason}.", nl: 'De header van het token is niet te lezen: {reason}.' },
  'jose.proof-format.failed': {
    en: "The token's signature cannot be accepted as it is: {problems}.",
    nl: 'De handtekening van het token kan zo niet worden geaccepteerd: {problems}.',
  },
  'jose.proof-format.unsupported': {
    en: 'The credential is a signed token this verifier cannot check: {problems}.',
    nl: 'Het credential is een ondertekend token dat deze controle niet kan nagaan: {problems}.',
  },
  'jose.proof-format.passed': {
    en: 'The credential is signed as a JWT of a kind this verifier checks ({form}, {alg}).',
    nl: 'Het credential is ondertekend als een JWT van een soort die deze controle nagaat ({form}, {alg}).',
  },
  'jose.header.TYP': { en: 'it is a token of type {typ}, not a credential this verifier reads', nl: 'het is een token van het type {typ}, geen credential dat deze controle leest' },
  'jose.header.ALG_MISSING': { en: 'it does not name its signature algorithm (alg)', nl: 'het noemt zijn handtekeningalgoritme (alg) niet' },
  'jose.header.ALG_NONE': {
    en: "it is not signed at all (alg 'none'): anyone could have written it",
    nl: "het is helemaal niet ondertekend (alg 'none'): iedereen kan het hebben geschreven",
  },
  'jose.header.ALG_HMAC': {
    en: 'it uses {alg}, a shared-secret code, not a signature: it cannot show who issued the credential',
    nl: 'het gebruikt {alg}, een code met een gedeeld geheim, geen handtekening: daarmee is niet te zien wie het credential uitgaf',
  },
  'jose.header.ALG_UNKNOWN': { en: '{alg} is not a signature algorithm of JOSE', nl: '{alg} is geen handtekeningalgoritme van JOSE' },
  'jose.header.ALG_UNSUPPORTED': { en: 'it is signed with {alg}, which this verifier does not check', nl: 'het is ondertekend met {alg}, dat deze controle niet nagaat' },
  'jose.header.CRIT': {
    en: 'it marks header parameters as critical ({names}), which this verifier does not understand, so it may not accept the token',
    nl: 'het markeert headerparameters als kritiek ({names}), die deze controle niet begrijpt, dus mag zij het token niet accepteren',
  },
  'jose.header.KID_MALFORMED': { en: 'its key identifier (kid) is not text', nl: 'de sleutelaanduiding (kid) is geen tekst' },
  'jose.header.KEY_MISSING': { en: 'it names no key (neither jwk nor kid)', nl: 'het noemt geen sleutel (geen jwk en geen kid)' },
  'jose.header.KEY_SOURCE': {
    en: 'it names its key only by {name}, which this verifier does not read (only jwk and kid)',
    nl: 'het noemt zijn sleutel alleen via {name}, dat deze controle niet leest (alleen jwk en kid)',
  },
  'jose.header.JWK_PRIVATE': {
    en: 'its jwk header holds a private key, which must never be published',
    nl: 'de jwk-header bevat een privésleutel, die nooit openbaar mag worden gemaakt',
  },
  'jose.header.JWK_MALFORMED': { en: 'its jwk header is not a usable key: {reason}', nl: 'de jwk-header is geen bruikbare sleutel: {reason}' },
  'jose.header.JWK_KID_DIFFER': { en: 'the key in its jwk header is not the key its kid names', nl: 'de sleutel in de jwk-header is niet de sleutel die de kid noemt' },
  'jose.header.ALG_KEY_MISMATCH': {
    en: 'it says {alg}, which needs a key of kind {wanted}, but the key is of kind {actual}',
    nl: 'het noemt {alg}, dat een sleutel van het soort {wanted} vraagt, maar de sleutel is van het soort {actual}',
  },
  'jose.header.ALG_KEY_MISMATCH_OTHER': {
    en: 'it says {alg}, but its jwk header holds another kind of key',
    nl: 'het noemt {alg}, maar de jwk-header bevat een ander soort sleutel',
  },
  'jose.header.RSA_SHORT': {
    en: 'its RSA key has {bits} bits, fewer than the {min} that make it safe',
    nl: 'de RSA-sleutel heeft {bits} bits, minder dan de {min} die hem veilig maken',
  },
  'jose.contexts.passed': {
    en: "All data in the credential uses vocabularies this verifier carries; the token's signature covers every field.",
    nl: 'Alle gegevens in het credential gebruiken woordenlijsten die deze controle kent; de handtekening van het token dekt elk veld.',
  },
  'jose.issuer-key.none': { en: 'Not checked, because the token names no key.', nl: 'Niet gecontroleerd, omdat het token geen sleutel noemt.' },
  'jose.issuer-key.unusable': {
    en: "Not checked, because the token's key cannot be used.",
    nl: 'Niet gecontroleerd, omdat de sleutel van het token niet bruikbaar is.',
  },
  'jose.issuer-key.carried': {
    en: 'The token carries its own key (the jwk header, {kind}); it is not a key the issuer publishes.',
    nl: 'Het token bevat zijn eigen sleutel (de jwk-header, {kind}); het is geen sleutel die de uitgever publiceert.',
  },
  'jose.key-controller.carried': {
    en: "The key came with the credential itself (the jwk header), so nothing ties it to the issuer {issuer}: whoever made the token chose the key. Trust it only if you know this key is the issuer's.",
    nl: 'De sleutel zat in het credential zelf (de jwk-header), dus niets verbindt hem met de uitgever {issuer}: wie het token maakte, koos de sleutel. Vertrouw het alleen als u weet dat deze sleutel van de uitgever is.',
  },
  'jose.key-controller.not-issuers': {
    en: "The token was signed with the key in its jwk header (JWK thumbprint {thumbprint}), which is not a key the issuer {issuer} authorises for issuing credentials ({reason}): anyone can write a name in a credential; only the issuer's own key proves it.",
    nl: 'Het token is ondertekend met de sleutel in zijn jwk-header (JWK-vingerafdruk {thumbprint}), en dat is geen sleutel waarmee de uitgever {issuer} credentials mag uitgeven ({reason}): iedereen kan een naam in een credential zetten; alleen de eigen sleutel van de uitgever bewijst hem.',
  },
  'jose.key-controller.not-issuers-unreachable': {
    en: 'The token was signed with the key in its jwk header (JWK thumbprint {thumbprint}), but the keys of the issuer {issuer} could not be fetched, so whether it is theirs could not be checked.',
    nl: 'Het token is ondertekend met de sleutel in zijn jwk-header (JWK-vingerafdruk {thumbprint}), maar de sleutels van de uitgever {issuer} konden niet worden opgehaald, dus of het de hunne is kon niet worden gecontroleerd.',
  },
  'jose.issuer-key.served': {
    en: 'The credential was signed with the key served at {url} ({form}, {kind}).',
    nl: 'Het credential is ondertekend met de sleutel die op {url} staat ({form}, {kind}).',
  },
  'jose.key-controller.served': {
    en: "The key was served at {url} as {form}, which names no owner, so only that address ties it to the issuer {issuer}. Trust it only if you know the address is the issuer's.",
    nl: 'De sleutel stond op {url} als {form}, dat geen eigenaar noemt, dus alleen dat adres verbindt hem met de uitgever {issuer}. Vertrouw het alleen als u weet dat het adres van de uitgever is.',
  },
  'jose.key-status.carried': { en: 'A key given in the token has no published status.', nl: 'Een sleutel die in het token staat, heeft geen gepubliceerde status.' },
  'jose.signed-data.passed': {
    en: "The token signs the credential's exact bytes, and its claims agree with it.",
    nl: 'Het token ondertekent het credential byte voor byte, en de claims ervan komen ermee overeen.',
  },
  'jose.signed-data.failed': {
    en: "The token's claims do not say what the credential says: {problems}.",
    nl: 'De claims van het token zeggen niet wat het credential zegt: {problems}.',
  },
  'jose.claim.CLAIM_ISS': { en: "its iss is {value}, but the credential's issuer is {expected}", nl: 'de iss is {value}, maar de uitgever van het credential is {expected}' },
  'jose.claim.CLAIM_SUB': { en: "its sub is {value}, but the credential's subject is {expected}", nl: 'de sub is {value}, maar het onderwerp van het credential is {expected}' },
  'jose.claim.CLAIM_JTI': { en: "its jti is {value}, but the credential's id is {expected}", nl: 'de jti is {value}, maar de id van het credential is {expected}' },
  'jose.claim.CLAIM_NOT_DATE': {
    en: 'its {claim} is not a date (a NumericDate: seconds since 1970)',
    nl: 'de {claim} is geen datum (een NumericDate: seconden sinds 1970)',
  },
  'jose.claim.CLAIM_DATE': {
    en: "its {claim} is {value}, but the credential's {property} is {expected}",
    nl: 'de {claim} is {value}, maar de {property} van het credential is {expected}',
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
  'proof-format.unsupported': {
    en: '{kinds} So whether the credential is authentic cannot be checked here.',
    nl: '{kinds} Dus kan hier niet worden nagegaan of het credential echt is.',
  },
  'proof-format.legacy': {
    en: 'The credential carries a digital signature of a kind this page checks, under the name {name} its method had before it was standardised; the standard name is {standard}.',
    nl: 'Het credential draagt een digitale handtekening van een soort die deze pagina controleert, onder de naam {name} die de methode had voordat ze een standaard werd; de standaardnaam is {standard}.',
  },
  'proof-format.PROOF_SET_MALFORMED': {
    en: 'The credential carries {count} signatures, and signature {number} is damaged (it is not a JSON object).',
    nl: 'Het credential heeft {count} handtekeningen, en handtekening {number} is beschadigd (het is geen JSON-object).',
  },
  'proof-format.set': {
    en: 'The credential carries {count} signatures: {notes}. The checks below are those of signature {chosen}.',
    nl: 'Het credential heeft {count} handtekeningen: {notes}. De controles hieronder zijn die van handtekening {chosen}.',
  },
  'proof-format.set.skipped-kind': {
    en: 'signature {number} was skipped, because it is of a kind this page does not check ({kind})',
    nl: 'handtekening {number} is overgeslagen, omdat ze van een soort is die deze pagina niet controleert ({kind})',
  },
  'proof-format.set.skipped-other': {
    en: 'signature {number} was skipped, because it was made with a key of {controller}, not of the issuer',
    nl: 'handtekening {number} is overgeslagen, omdat ze is gezet met een sleutel van {controller}, niet van de uitgever',
  },
  'proof-format.set.verifies': {
    en: 'signature {number} ({suite}) is valid',
    nl: 'handtekening {number} ({suite}) klopt',
  },
  'proof-format.set.fails': {
    en: 'signature {number} ({suite}) is not valid',
    nl: 'handtekening {number} ({suite}) klopt niet',
  },
  'proof-format.set.unfinished': {
    en: 'signature {number} ({suite}) could not be checked to the end',
    nl: 'handtekening {number} ({suite}) kon niet helemaal worden gecontroleerd',
  },
  'proof-format.set.none': {
    en: 'The credential carries {count} signatures, none of a kind this page checks.',
    nl: 'Het credential heeft {count} handtekeningen, geen van een soort die deze pagina controleert.',
  },
  'proof-format.set.none-checked': {
    en: 'So whether it is authentic cannot be checked here.',
    nl: 'Dus kan hier niet worden nagegaan of het echt is.',
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
  'inline-context.not-object': {
    en: 'Only an object that adds terms is accepted there, not a list, text or null.',
    nl: 'Daar wordt alleen een object aanvaard dat woorden toevoegt, geen lijst, tekst of null.',
  },
  'inline-context.nested': {
    en: 'A vocabulary defined inside the file is accepted only in the credential\'s own @context list, not inside one of its parts.',
    nl: 'Een woordenlijst in het bestand zelf wordt alleen aanvaard in de eigen @context-lijst van het credential, niet in een van de onderdelen.',
  },
  'inline-context.position': {
    en: 'It must come after every published vocabulary, so that it can only add words.',
    nl: 'Die moet na alle gepubliceerde woordenlijsten komen, zodat die alleen woorden kan toevoegen.',
  },
  'inline-context.keyword': {
    en: 'It uses the linked-data keyword {term}, which can change how the other words are read.',
    nl: 'Die gebruikt het linked-data-sleutelwoord {term}, dat kan veranderen hoe de andere woorden worden gelezen.',
  },
  'inline-context.term-name': {
    en: 'It defines "{term}", which is not a plain word and could stand for another field.',
    nl: 'Die definieert "{term}", dat geen gewoon woord is en voor een ander veld zou kunnen staan.',
  },
  'inline-context.defined': {
    en: 'It redefines "{term}", which a published vocabulary of the credential already defines.',
    nl: 'Die definieert "{term}" opnieuw, dat al in een gepubliceerde woordenlijst van het credential staat.',
  },
  'inline-context.definition': {
    en: 'It defines "{term}" with more than an address (a type, a container or a vocabulary of its own), which changes how values are read.',
    nl: 'Die definieert "{term}" met meer dan een adres (een type, een container of een eigen woordenlijst), wat verandert hoe waarden worden gelezen.',
  },
  'inline-context.not-iri': {
    en: 'It defines "{term}" as something other than a full address.',
    nl: 'Die definieert "{term}" als iets anders dan een volledig adres.',
  },
  'inline-context.prefix': {
    en: 'It defines "{term}" in a way that changes what other names in the credential mean (as a prefix, or through one).',
    nl: 'Die definieert "{term}" zo dat het verandert wat andere namen in het credential betekenen (als voorvoegsel, of via een voorvoegsel).',
  },
  'inline-context.known-iri': {
    en: 'It gives "{term}" the meaning of a field or type a published vocabulary already names, so it would be a second name for it.',
    nl: 'Die geeft "{term}" de betekenis van een veld of type dat een gepubliceerde woordenlijst al benoemt, dus het zou er een tweede naam voor zijn.',
  },
  'contexts.KEYWORD_REFUSED': {
    en: 'The credential uses the linked-data keyword {term}, which lets it say things in places a reader of its data does not look. Credentials do not need it, so it is not accepted.',
    nl: 'Het credential gebruikt het linked-data-sleutelwoord {term}, waarmee het dingen kan zeggen op plaatsen waar een lezer van de gegevens niet kijkt. Credentials hebben het niet nodig, dus het wordt niet aanvaard.',
  },
  'contexts.unsupported': {
    en: 'The credential uses vocabularies this page does not carry ({urls}), so what its data means, and so its signature, cannot be checked here. They are not fetched from the internet, because then someone else could change what the credential means.',
    nl: 'Het credential gebruikt woordenlijsten die deze pagina niet meelevert ({urls}), dus kan hier niet worden nagegaan wat de gegevens betekenen, en dus ook de handtekening niet. Ze worden niet van internet gehaald, omdat een ander dan zou kunnen veranderen wat het credential betekent.',
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
    en: 'The published key is of a type this page does not support (only Multikey, Ed25519VerificationKey2020 with an Ed25519 key, JsonWebKey and JsonWebKey2020).',
    nl: 'De gepubliceerde sleutel is van een type dat deze pagina niet ondersteunt (alleen Multikey, Ed25519VerificationKey2020 met een Ed25519-sleutel, JsonWebKey en JsonWebKey2020).',
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
    en: 'The credential was signed with a kind of key this page cannot look up ({method}); only did:web, did:key, did:jwk and https keys are supported.',
    nl: 'Het credential is ondertekend met een soort sleutel die deze pagina niet kan opzoeken ({method}); alleen did:web, did:key, did:jwk en https worden ondersteund.',
  },
  'issuer-key.JWK_MALFORMED': {
    en: 'The published key (a JSON Web Key) is malformed.',
    nl: 'De gepubliceerde sleutel (een JSON Web Key) is onjuist opgebouwd.',
  },
  'issuer-key.JWK_PRIVATE': {
    en: 'The published key (a JSON Web Key) contains its private part, so it is refused: a published key must be public only.',
    nl: 'De gepubliceerde sleutel (een JSON Web Key) bevat het geheime deel en wordt daarom geweigerd: een gepubliceerde sleutel moet alleen openbaar zijn.',
  },
  'issuer-key.JWK_UNSUPPORTED': {
    en: 'The published key (a JSON Web Key) is of a kind this page does not support (only Ed25519, P-256, P-384 and, for JWTs, RSA).',
    nl: 'De gepubliceerde sleutel (een JSON Web Key) is van een soort die deze pagina niet ondersteunt (alleen Ed25519, P-256, P-384 en, voor JWT\'s, RSA).',
  },
  'issuer-key.JWK_NOT_ON_CURVE': {
    en: 'The published key (a JSON Web Key) is not a point on its curve, so no signature can be checked with it.',
    nl: 'De gepubliceerde sleutel (een JSON Web Key) is geen punt op de curve, dus er kan geen handtekening mee worden gecontroleerd.',
  },
  'issuer-key.JWK_JOSE_ONLY': {
    en: 'The published key is an RSA key, which only JWT signatures are made with, not signatures of this kind.',
    nl: 'De gepubliceerde sleutel is een RSA-sleutel, waarmee alleen JWT-handtekeningen worden gezet, geen handtekeningen van deze soort.',
  },
  'issuer-key.JWKS_NO_KEY': {
    en: 'The key served at {url} is not the key the signature names ({vm}).',
    nl: 'De sleutel op {url} is niet de sleutel die de handtekening noemt ({vm}).',
  },
  'issuer-key.JWKS_AMBIGUOUS': {
    en: 'The key set at {url} does not say which of its keys the signature names ({vm}).',
    nl: 'De sleutelverzameling op {url} zegt niet welke van haar sleutels de handtekening noemt ({vm}).',
  },
  'issuer-key.JWK_NOT_FOR_SIGNING': {
    en: 'The key served at {url} is marked for another use than signatures, so it cannot vouch for one.',
    nl: 'De sleutel op {url} is bestemd voor iets anders dan handtekeningen, dus hij kan er niet voor instaan.',
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
  'key-controller.KEYLESS_ISSUER': {
    en: "The credential was signed with the key {key}, but its issuer is named {expected}, a name that can publish no key, so nothing ties the key to the issuer: whoever holds the key signed it. Trust it only if you know this key is the issuer's.",
    nl: 'Het credential is ondertekend met de sleutel {key}, maar de uitgever heet {expected}, een naam die geen sleutel kan publiceren, dus niets verbindt de sleutel met de uitgever: wie de sleutel heeft, heeft het ondertekend. Vertrouw het alleen als u weet dat deze sleutel van de uitgever is.',
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
  'signed-data.warning.unsigned': {
    en: 'But the signature does not cover all the credential writes: {notes}. That part could have been changed without breaking the signature.',
    nl: 'Maar de handtekening dekt niet alles wat het credential schrijft: {notes}. Dat deel kan veranderd zijn zonder dat de handtekening breekt.',
  },
  'unsigned.DIRECTION': {
    en: 'the writing direction (@direction) of {paths}',
    nl: 'de schrijfrichting (@direction) van {paths}',
  },
  'unsigned.INDEX': {
    en: 'the index labels (@index) of {paths}',
    nl: 'de indexlabels (@index) van {paths}',
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
  'valid-from.passed.named': { en: 'Valid from {date} ({property}).', nl: 'Geldig vanaf {date} ({property}).' },
  'valid-from.failed.named': { en: 'Not valid yet: valid from {date} ({property}).', nl: 'Nog niet geldig: geldig vanaf {date} ({property}).' },
  'valid-until.passed.named': { en: 'Valid until {date} ({property}).', nl: 'Geldig tot {date} ({property}).' },
  'valid-until.failed.named': { en: 'Expired on {date} ({property}).', nl: 'Verlopen op {date} ({property}).' },

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
  'status.revocation.clear.short': {
    en: "Not revoked: the issuer's revocation list, checked just now, does not list this credential. Note: the list holds only {entries} places, fewer than the 131,072 that keep a credential's place in it from narrowing down whose it is.",
    nl: 'Niet ingetrokken: de intrekkingslijst van de uitgever, zojuist gecontroleerd, vermeldt dit credential niet. Let op: de lijst heeft maar {entries} plaatsen, minder dan de 131.072 die voorkomen dat de plaats van een credential erin verraadt van wie het is.',
  },
  'status.suspension.clear.short': {
    en: "Not suspended: the issuer's suspension list, checked just now, does not list this credential. Note: the list holds only {entries} places, fewer than the 131,072 that keep a credential's place in it from narrowing down whose it is.",
    nl: 'Niet geschorst: de schorsingslijst van de uitgever, zojuist gecontroleerd, vermeldt dit credential niet. Let op: de lijst heeft maar {entries} plaatsen, minder dan de 131.072 die voorkomen dat de plaats van een credential erin verraadt van wie het is.',
  },
  'status.revocation.clear.moved': {
    en: "Not revoked, according to the issuer's signed revocation list; but that list calls itself {actual}, not {url}, the address this credential names and where it was fetched. The site at that address could be serving another of the issuer's lists there.",
    nl: 'Niet ingetrokken, volgens de ondertekende intrekkingslijst van de uitgever; maar die lijst noemt zichzelf {actual}, niet {url}, het adres dat dit credential noemt en waar ze is opgehaald. De site op dat adres zou daar een andere lijst van de uitgever kunnen aanbieden.',
  },
  'status.suspension.clear.moved': {
    en: "Not suspended, according to the issuer's signed suspension list; but that list calls itself {actual}, not {url}, the address this credential names and where it was fetched. The site at that address could be serving another of the issuer's lists there.",
    nl: 'Niet geschorst, volgens de ondertekende schorsingslijst van de uitgever; maar die lijst noemt zichzelf {actual}, niet {url}, het adres dat dit credential noemt en waar ze is opgehaald. De site op dat adres zou daar een andere lijst van de uitgever kunnen aanbieden.',
  },
  'status.short-note': {
    en: "Note: the list holds only {entries} places, fewer than the 131,072 that keep a credential's place in it from narrowing down whose it is.",
    nl: 'Let op: de lijst heeft maar {entries} plaatsen, minder dan de 131.072 die voorkomen dat de plaats van een credential erin verraadt van wie het is.',
  },
  'status.revocation.set.other': {
    en: "Revoked, according to a revocation list signed by {signer}, not by the credential's issuer. A list signed by someone else can withdraw a credential, but cannot vouch for it.",
    nl: 'Ingetrokken, volgens een intrekkingslijst die is ondertekend door {signer}, niet door de uitgever van het credential. Een lijst die een ander heeft ondertekend kan een credential intrekken, maar er niet voor instaan.',
  },
  'status.suspension.set.other': {
    en: "Suspended, according to a suspension list signed by {signer}, not by the credential's issuer. A list signed by someone else can withdraw a credential, but cannot vouch for it.",
    nl: 'Geschorst, volgens een schorsingslijst die is ondertekend door {signer}, niet door de uitgever van het credential. Een lijst die een ander heeft ondertekend kan een credential intrekken, maar er niet voor instaan.',
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
  // --- SD-JWT VC (jose/sd-jwt-vc.js; the Python twin's English in credsite/standards/jose/sd_jwt_vc.py)
  'sd-jwt.structure.passed': { en: 'This is a well-formed SD-JWT VC (an IETF SD-JWT-based credential).', nl: 'Dit is een correct opgebouwd SD-JWT VC (een credential volgens IETF SD-JWT).' },
  'sd-jwt.structure.failed': { en: 'This is not a well-formed SD-JWT VC: {problems}.', nl: 'Dit is geen correct opgebouwd SD-JWT VC: {problems}.' },
  'sd-jwt.what.jwt': { en: 'the issuer-signed JWT', nl: 'de door de uitgever ondertekende JWT' },
  'sd-jwt.what.kb': { en: 'the Key Binding JWT', nl: 'de Key Binding JWT' },
  'sd-jwt.what.list': { en: 'the status list', nl: 'de statuslijst' },
  'sd-jwt.problem.TOO_LARGE': { en: 'it is too large to check: larger than {max}', nl: 'het is te groot om te controleren: groter dan {max}' },
  'sd-jwt.problem.NOT_SD_JWT': { en: "it has no '~' after the issuer-signed JWT", nl: "er staat geen '~' na de ondertekende JWT" },
  'sd-jwt.problem.EMPTY_DISCLOSURE': { en: "it has an empty Disclosure ('~~')", nl: "het bevat een lege Disclosure ('~~')" },
  'sd-jwt.problem.JWS_PARTS': { en: '{what} is not a compact JWS (three parts separated by dots)', nl: '{what} is geen compacte JWS (drie delen gescheiden door punten)' },
  'sd-jwt.problem.JWS_ENCODING': { en: '{what} is not base64url text', nl: '{what} is geen base64url-tekst' },
  'sd-jwt.problem.JWS_JSON': { en: '{what} does not hold a JSON object in its header or payload', nl: '{what} bevat geen JSON-object als header of inhoud' },
  'sd-jwt.problem.DISCLOSURE_ENCODING': { en: 'a Disclosure is not base64url text', nl: 'een Disclosure is geen base64url-tekst' },
  'sd-jwt.problem.DISCLOSURE_JSON': { en: 'a Disclosure is not acceptable JSON', nl: 'een Disclosure is geen aanvaardbare JSON' },
  'sd-jwt.problem.DISCLOSURE_SHAPE': { en: 'a Disclosure is not a JSON array of two or three elements', nl: 'een Disclosure is geen JSON-lijst van twee of drie onderdelen' },
  'sd-jwt.problem.DISCLOSURE_NAME': { en: "a Disclosure's salt or claim name is not text", nl: 'de salt of de naam in een Disclosure is geen tekst' },
  'sd-jwt.problem.VCT': { en: 'it names no credential type (vct)', nl: 'het noemt geen soort credential (vct)' },
  'sd-jwt.problem.ISS': { en: 'it does not name its issuer (iss)', nl: 'het noemt de uitgever niet (iss)' },
  'sd-jwt.problem.DATE': { en: 'its {name} is not a date (seconds since 1970)', nl: 'de {name} is geen datum (seconden sinds 1970)' },
  'sd-jwt.problem.NOT_OBJECT': { en: 'its {name} is not a JSON object', nl: 'de {name} is geen JSON-object' },
  'sd-jwt.proof-format.passed': { en: 'The credential is an SD-JWT VC ({typ}) signed with {alg}, a kind of signature this verifier checks.', nl: 'Het credential is een SD-JWT VC ({typ}), ondertekend met {alg}, een soort handtekening die deze controle kent.' },
  'sd-jwt.proof-format.failed': { en: 'The signature cannot be accepted as it is: {problems}.', nl: 'De handtekening kan zo niet worden aanvaard: {problems}.' },
  'sd-jwt.header.TYP': { en: 'its type (typ) is {typ}, not dc+sd-jwt', nl: 'het type (typ) is {typ}, niet dc+sd-jwt' },
  'sd-jwt.header.KB_TYP': { en: 'its type (typ) is {typ}, not kb+jwt', nl: 'het type (typ) is {typ}, niet kb+jwt' },
  'sd-jwt.header.SD_ALG_MALFORMED': { en: 'its digest algorithm (_sd_alg) is not text', nl: 'het digest-algoritme (_sd_alg) is geen tekst' },
  'sd-jwt.header.SD_ALG_UNSUPPORTED': { en: 'its digest algorithm {alg} is not one this verifier supports', nl: 'het digest-algoritme {alg} wordt door deze controle niet ondersteund' },
  'sd-jwt.header.ALG_MISSING': { en: 'it does not name its signature algorithm (alg)', nl: 'het noemt het handtekeningalgoritme niet (alg)' },
  'sd-jwt.header.ALG_NONE': { en: "it is not signed at all (alg 'none'): anyone could have written it", nl: "het is helemaal niet ondertekend (alg 'none'): iedereen kan het geschreven hebben" },
  'sd-jwt.header.ALG_HMAC': { en: 'it uses {alg}, a shared-secret code, not a signature: it cannot show who issued it', nl: 'het gebruikt {alg}, een code met een gedeeld geheim, geen handtekening: die kan niet laten zien wie het uitgaf' },
  'sd-jwt.header.ALG_UNSUPPORTED': { en: 'it is signed with {alg}, which this verifier does not check', nl: 'het is ondertekend met {alg}, dat deze controle niet kent' },
  'sd-jwt.header.ALG_UNKNOWN': { en: '{alg} is not a signature algorithm of JOSE', nl: '{alg} is geen handtekeningalgoritme van JOSE' },
  'sd-jwt.header.CRIT': { en: 'it marks header parameters as critical (crit), which this verifier does not understand', nl: 'het markeert headerparameters als kritiek (crit), wat deze controle niet begrijpt' },
  'sd-jwt.header.KID_MALFORMED': { en: 'its key identifier (kid) is not text', nl: 'de sleutelaanduiding (kid) is geen tekst' },
  'sd-jwt.header.kb': { en: 'the Key Binding JWT: {fault}', nl: 'de Key Binding JWT: {fault}' },
  'sd-jwt.contexts.passed': { en: 'An SD-JWT VC is plain JSON: it uses no vocabularies, and its signature covers its bytes.', nl: 'Een SD-JWT VC is gewone JSON: het gebruikt geen woordenlijsten, en de handtekening dekt de bytes zelf.' },
  'sd-jwt.issuer-key.passed.did': { en: 'The key was found in the issuer\'s DID ({url}).', nl: 'De sleutel is gevonden in de DID van de uitgever ({url}).' },
  'sd-jwt.issuer-key.passed.metadata': { en: "The key was found in the issuer's metadata at {url}.", nl: 'De sleutel is gevonden in de metadata van de uitgever op {url}.' },
  'sd-jwt.issuer-key.passed.header': { en: 'The key is carried in the credential itself.', nl: 'De sleutel zit in het credential zelf.' },
  'sd-jwt.issuer-key.failed': { en: "The issuer's key cannot be used: {reason}.", nl: 'De sleutel van de uitgever kan niet worden gebruikt: {reason}.' },
  'sd-jwt.issuer-key.not-checked': { en: "The issuer's key could not be fetched: {reason}.", nl: 'De sleutel van de uitgever kon niet worden opgehaald: {reason}.' },
  'sd-jwt.issuer-key.unsupported': { en: "The issuer's key comes in an X.509 certificate chain (x5c), which this verifier cannot judge: it carries no trust anchors. This says nothing against the credential.", nl: 'De sleutel van de uitgever zit in een X.509-certificaatketen (x5c), die deze controle niet kan beoordelen: ze heeft geen vertrouwde basiscertificaten. Dit zegt niets tegen het credential.' },
  'sd-jwt.key.ISSUER_URL': { en: 'the issuer {iss} is not an https address without query or fragment', nl: 'de uitgever {iss} is geen https-adres zonder query of fragment' },
  'sd-jwt.key.ISSUER_DOT_SEGMENT': {
    en: "the issuer {iss} has a '.' or '..' path segment, which would lead the metadata lookup out of /.well-known/jwt-vc-issuer",
    nl: "de uitgever {iss} heeft een padsegment '.' of '..', waardoor het opzoeken van de metadata buiten /.well-known/jwt-vc-issuer zou uitkomen",
  },
  'sd-jwt.key.UNREACHABLE': { en: 'could not fetch {url}', nl: 'kon {url} niet ophalen' },
  'sd-jwt.key.METADATA_NOT_OBJECT': { en: 'the issuer metadata at {url} are not a JSON object', nl: 'de metadata van de uitgever op {url} zijn geen JSON-object' },
  'sd-jwt.key.METADATA_NO_ISSUER': { en: 'the issuer metadata at {url} do not name their issuer', nl: 'de metadata van de uitgever op {url} noemen hun uitgever niet' },
  'sd-jwt.key.JWKS_BOTH': { en: 'the issuer metadata at {url} give both jwks and jwks_uri', nl: 'de metadata van de uitgever op {url} geven zowel jwks als jwks_uri' },
  'sd-jwt.key.JWKS_NONE': { en: 'the issuer metadata at {url} give neither jwks nor jwks_uri', nl: 'de metadata van de uitgever op {url} geven jwks noch jwks_uri' },
  'sd-jwt.key.JWKS_URI': { en: 'the jwks_uri of the issuer metadata at {url} is not an https address', nl: 'de jwks_uri in de metadata van de uitgever op {url} is geen https-adres' },
  'sd-jwt.key.NOT_JWKS': { en: 'the key set at {url} is not a JWK Set', nl: 'de sleutelverzameling op {url} is geen JWK Set' },
  'sd-jwt.key.KID_NONE': { en: 'the credential names no key (kid) and the issuer metadata at {url} list {count} signing keys', nl: 'het credential noemt geen sleutel (kid) en de metadata van de uitgever op {url} noemen {count} ondertekeningssleutels' },
  'sd-jwt.key.KID_NOT_FOUND': { en: 'the issuer metadata at {url} list no signing key {kid}', nl: 'de metadata van de uitgever op {url} noemen geen ondertekeningssleutel {kid}' },
  'sd-jwt.key.KID_TWICE': { en: 'the issuer metadata at {url} list the key {kid} twice', nl: 'de metadata van de uitgever op {url} noemen de sleutel {kid} twee keer' },
  'sd-jwt.key.NO_KEY': { en: 'the credential names no key the issuer publishes: no kid that is a DID URL, and its issuer (iss) is neither a DID nor an https address', nl: 'het credential noemt geen sleutel die de uitgever publiceert: geen kid die een DID-URL is, en de uitgever (iss) is geen DID en geen https-adres' },
  'sd-jwt.key.NO_JWK_FORM': { en: 'the key {vm} has no form a JWS can be checked with', nl: 'de sleutel {vm} heeft geen vorm waarmee een JWS kan worden gecontroleerd' },
  'sd-jwt.key.ALG_KEY_MISMATCH': { en: 'the signature says {alg}, but the key is a {keyType} key', nl: 'de handtekening zegt {alg}, maar de sleutel is een {keyType}-sleutel' },
  'sd-jwt.key.RSA_SHORT': { en: 'its RSA key has {bits} bits, fewer than the 2048 that make it safe', nl: 'de RSA-sleutel heeft {bits} bits, minder dan de 2048 die hem veilig maken' },
  'sd-jwt.key.KEY_ALG': { en: 'the key is published for {published}, not for {alg}', nl: 'de sleutel is gepubliceerd voor {published}, niet voor {alg}' },
  'sd-jwt.key.JWK_MALFORMED': { en: 'the key (JWK) is malformed', nl: 'de sleutel (JWK) is onjuist opgebouwd' },
  'sd-jwt.key.JWK_PRIVATE': { en: 'the key (JWK) holds a private key', nl: 'de sleutel (JWK) bevat een geheime sleutel' },
  'sd-jwt.key.JWK_UNSUPPORTED': { en: 'the key (JWK) is of a kind this verifier does not support', nl: 'de sleutel (JWK) is van een soort die deze controle niet ondersteunt' },
  'sd-jwt.key.JWK_NOT_ON_CURVE': { en: 'the key (JWK) is not a point on its curve', nl: 'de sleutel (JWK) is geen punt op zijn kromme' },
  'sd-jwt.key.MULTIKEY': { en: 'the key is refused (a weak or malformed key)', nl: 'de sleutel wordt geweigerd (zwak of onjuist opgebouwd)' },
  'sd-jwt.key-controller.passed': { en: 'The key belongs to the issuer, {issuer}.', nl: 'De sleutel is van de uitgever, {issuer}.' },
  'sd-jwt.key-controller.header': { en: 'The key is carried in the credential itself, not published by its issuer: anyone could have signed it.', nl: 'De sleutel zit in het credential zelf en is niet door de uitgever gepubliceerd: iedereen kan het ondertekend hebben.' },
  'sd-jwt.key-controller.other': { en: "The key belongs to {controller}, not to the credential's issuer {issuer}.", nl: 'De sleutel is van {controller}, niet van de uitgever van het credential, {issuer}.' },
  'sd-jwt.key-controller.not-checked': { en: 'Not checked, because the key could not be found.', nl: 'Niet gecontroleerd, omdat de sleutel niet gevonden kon worden.' },
  'sd-jwt.key-status.passed': { en: 'The key was not revoked or expired when the credential was issued.', nl: 'De sleutel was niet ingetrokken of verlopen toen het credential werd uitgegeven.' },
  'sd-jwt.key-status.failed': { en: "The issuer's key was revoked or expired ({date}) before the credential was issued, or its date cannot be read.", nl: 'De sleutel van de uitgever was ingetrokken of verlopen ({date}) voordat het credential werd uitgegeven, of die datum is onleesbaar.' },
  'sd-jwt.key-status.not-checked': { en: 'Not checked, because the key could not be found.', nl: 'Niet gecontroleerd, omdat de sleutel niet gevonden kon worden.' },
  'sd-jwt.signature.passed': { en: "The issuer's signature is valid.", nl: 'De handtekening van de uitgever is geldig.' },
  'sd-jwt.signature.passed.kb': { en: "The issuer's signature is valid, and the holder's Key Binding JWT is signed by the key the credential binds, over this presentation.", nl: 'De handtekening van de uitgever is geldig, en de Key Binding JWT van de houder is ondertekend met de sleutel die het credential vastlegt, over deze presentatie.' },
  'sd-jwt.signature.failed': { en: "The issuer's signature does not match: the credential was changed after it was signed, or not signed with this key.", nl: 'De handtekening van de uitgever klopt niet: het credential is na ondertekening gewijzigd, of niet met deze sleutel ondertekend.' },
  'sd-jwt.signature.kb-failed': { en: "The issuer's signature is valid, but the Key Binding JWT is not: {reason}.", nl: 'De handtekening van de uitgever is geldig, maar de Key Binding JWT niet: {reason}.' },
  'sd-jwt.signature.not-checked': { en: 'Not checked, because the signature or its key cannot be used.', nl: 'Niet gecontroleerd, omdat de handtekening of de sleutel niet bruikbaar is.' },
  'sd-jwt.kb.NO_CNF': { en: 'the credential binds no key (cnf.jwk) it could be checked with', nl: 'het credential legt geen sleutel vast (cnf.jwk) waarmee die gecontroleerd kan worden' },
  'sd-jwt.kb.KEY': { en: "the holder's key cannot be used: {reason}", nl: 'de sleutel van de houder is niet bruikbaar: {reason}' },
  'sd-jwt.kb.SIGNATURE': { en: 'it is not signed by the key the credential binds', nl: 'die is niet ondertekend met de sleutel die het credential vastlegt' },
  'sd-jwt.kb.CLAIMS': { en: 'it lacks iat, aud, nonce or sd_hash', nl: 'die mist iat, aud, nonce of sd_hash' },
  'sd-jwt.kb.SD_HASH': { en: 'its sd_hash does not match this presentation', nl: 'de sd_hash past niet bij deze presentatie' },
  'sd-jwt.signed-data.passed': { en: 'Every claim was read from what the issuer signed ({count} disclosed by digest).', nl: 'Elk gegeven is gelezen uit wat de uitgever ondertekende ({count} via een digest onthuld).' },
  'sd-jwt.signed-data.failed': { en: 'The disclosed claims do not match what the issuer signed: {reason}.', nl: 'De onthulde gegevens passen niet bij wat de uitgever ondertekende: {reason}.' },
  'sd-jwt.signed-data.not-checked': { en: "Not checked, because the credential's digests could not be read.", nl: 'Niet gecontroleerd, omdat de digests van het credential niet gelezen konden worden.' },
  'sd-jwt.disclosure.DUPLICATE_DISCLOSURE': { en: 'the same Disclosure is given twice', nl: 'dezelfde Disclosure staat er twee keer in' },
  'sd-jwt.disclosure.UNUSED': { en: '{count} Disclosure(s) not referenced by a digest the issuer signed', nl: '{count} Disclosure(s) waarvan de uitgever geen digest ondertekende' },
  'sd-jwt.disclosure.SD_MALFORMED': { en: 'an _sd claim is not a list of digests', nl: 'een _sd-gegeven is geen lijst van digests' },
  'sd-jwt.disclosure.NO_CLAIM_NAME': { en: 'a Disclosure for an object property has no claim name', nl: 'een Disclosure voor een eigenschap heeft geen naam' },
  'sd-jwt.disclosure.RESERVED_NAME': { en: 'a Disclosure names the reserved claim {name}', nl: 'een Disclosure noemt het gereserveerde gegeven {name}' },
  'sd-jwt.disclosure.CLAIM_EXISTS': { en: 'a Disclosure names the claim {name}, which is already there', nl: 'een Disclosure noemt het gegeven {name}, dat er al staat' },
  'sd-jwt.disclosure.ELEMENT_NAMED': { en: 'a Disclosure for a list element has a claim name', nl: 'een Disclosure voor een lijstonderdeel heeft een naam' },
  'sd-jwt.disclosure.DIGEST_TWICE': { en: 'a digest appears more than once in what the issuer signed', nl: 'een digest komt meer dan eens voor in wat de uitgever ondertekende' },
  'sd-jwt.disclosure.PROTECTED': { en: 'the claim {name} is selectively disclosed, which SD-JWT VC does not allow', nl: 'het gegeven {name} is selectief onthuld, wat SD-JWT VC niet toestaat' },
  'sd-jwt.valid-from.none': { en: 'The credential names no start of validity (nbf).', nl: 'Het credential noemt geen begin van de geldigheid (nbf).' },
  'sd-jwt.status.value': { en: "The issuer's status list gives this credential the status {value}, the issuer's own, which this verifier does not interpret.", nl: 'De statuslijst van de uitgever geeft dit credential de status {value}, een eigen status van de uitgever, die deze controle niet duidt.' },
  'sd-jwt.status.unreadable': { en: "The credential's status cannot be read: {reason}.", nl: 'De status van het credential is niet te lezen: {reason}.' },
  'sd-jwt.status.REF_NOT_OBJECT': { en: 'the status claim is not a JSON object', nl: 'het status-gegeven is geen JSON-object' },
  'sd-jwt.status.REF_NO_LIST': { en: 'the status claim names no status list (it holds {names})', nl: 'het status-gegeven noemt geen statuslijst (het bevat {names})' },
  'sd-jwt.status.REF_LIST_NOT_OBJECT': { en: 'the status_list claim is not a JSON object', nl: 'het status_list-gegeven is geen JSON-object' },
  'sd-jwt.status.REF_IDX': { en: 'the status_list idx is not a whole number of zero or more', nl: 'de idx van status_list is geen geheel getal van nul of meer' },
  'sd-jwt.status.REF_URI': { en: 'the status_list uri is not an https address', nl: 'de uri van status_list is geen https-adres' },
  'sd-jwt.status.UNREACHABLE': { en: 'the status list at {url} could not be fetched', nl: 'de statuslijst op {url} kon niet worden opgehaald' },
  'sd-jwt.status.NOT_JWT': { en: 'the status list at {url} is not a Status List Token (JWT)', nl: 'de statuslijst op {url} is geen Status List Token (JWT)' },
  'sd-jwt.status.TOKEN_FORMAT': { en: 'the status list is not a readable JWT', nl: 'de statuslijst is geen leesbare JWT' },
  'sd-jwt.status.TOKEN_TYP': { en: 'the status list is of type {typ}, not statuslist+jwt', nl: 'de statuslijst is van het type {typ}, niet statuslist+jwt' },
  'sd-jwt.status.TOKEN_HEADER': { en: "the status list's signature algorithm cannot be accepted", nl: 'het handtekeningalgoritme van de statuslijst kan niet worden aanvaard' },
  'sd-jwt.status.TOKEN_KEY': { en: "the status list's key cannot be found or used", nl: 'de sleutel van de statuslijst is niet te vinden of niet bruikbaar' },
  'sd-jwt.status.TOKEN_NOT_ISSUER': { en: "the status list is not signed by the credential's issuer", nl: 'de statuslijst is niet ondertekend door de uitgever van het credential' },
  'sd-jwt.status.TOKEN_SIGNATURE': { en: "the status list's signature does not match", nl: 'de handtekening van de statuslijst klopt niet' },
  'sd-jwt.status.TOKEN_SUB': { en: 'the status list fetched from {url} is the list of another address (sub)', nl: 'de statuslijst van {url} is de lijst van een ander adres (sub)' },
  'sd-jwt.status.TOKEN_IAT': { en: 'the status list does not say when it was issued (iat)', nl: 'de statuslijst zegt niet wanneer die is uitgegeven (iat)' },
  'sd-jwt.status.TOKEN_EXP_MALFORMED': { en: "the status list's exp is not a date", nl: 'de exp van de statuslijst is geen datum' },
  'sd-jwt.status.TOKEN_EXPIRED': { en: 'the status list has expired (exp)', nl: 'de statuslijst is verlopen (exp)' },
  'sd-jwt.status.LIST_NOT_OBJECT': { en: "the list's status_list claim is not a JSON object", nl: 'het status_list-gegeven van de lijst is geen JSON-object' },
  'sd-jwt.status.LIST_BITS': { en: "the list's bits is {bits}, not 1, 2, 4 or 8", nl: 'de bits van de lijst is {bits}, niet 1, 2, 4 of 8' },
  'sd-jwt.status.LIST_LST': { en: "the list's lst is not text", nl: 'de lst van de lijst is geen tekst' },
  'sd-jwt.status.LIST_BASE64': { en: "the list's lst is not base64url", nl: 'de lst van de lijst is geen base64url' },
  'sd-jwt.status.LIST_ZLIB': { en: "the list's lst is not valid ZLIB data", nl: 'de lst van de lijst is geen geldige ZLIB-data' },
  'sd-jwt.status.LIST_TOO_LARGE': { en: "the list's lst expands to more than {max} bytes", nl: 'de lst van de lijst wordt uitgepakt groter dan {max} bytes' },
  'sd-jwt.status.LIST_TRAILING': { en: "the list's lst has data after the end of the ZLIB stream", nl: 'de lst van de lijst heeft data na het einde van de ZLIB-stroom' },
  'sd-jwt.status.LIST_INDEX': { en: 'the index {index} is beyond the end of the list ({entries} entries)', nl: 'de index {index} ligt voorbij het einde van de lijst ({entries} plaatsen)' },
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
    en: "the list at {url} is signed by {actual}, not by the credential's issuer; a list signed by someone else can withdraw a credential, but cannot vouch for it",
    nl: 'de lijst op {url} is ondertekend door {actual}, niet door de uitgever van het credential; een lijst die een ander heeft ondertekend kan een credential intrekken, maar er niet voor instaan',
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
  'reason.UNREAD_STATUS_TYPE': {
    en: 'it uses {type}, a status method that Open Badges 3.0 has deprecated (in favour of the Bitstring Status List) and whose list is not signed, so this page does not read it',
    nl: 'het gebruikt {type}, een statusmethode die Open Badges 3.0 heeft afgeschaft (ten gunste van de Bitstring Status List) en waarvan de lijst niet ondertekend is, dus leest deze pagina haar niet',
  },
  'reason.LIST_METHOD_MISMATCH': {
    en: 'the list at {url} is a status list of another kind ({actual})',
    nl: 'de lijst op {url} is een statuslijst van een andere soort ({actual})',
  },
  'reason.UNSUPPORTED_STATUS_TYPE': {
    en: 'it uses a status mechanism this page does not support ({type})',
    nl: 'het gebruikt een statusmechanisme dat deze pagina niet ondersteunt ({type})',
  },

  // --- endorsements (endorsements.js) ---------------------------------------------------------
  'endorsement.verified': {
    en: 'Endorsement of {where} by {who}: verified.',
    nl: 'Onderschrijving van {where} door {who}: geverifieerd.',
  },
  'endorsement.not-verified': {
    en: 'Endorsement of {where} by {who}: {title}.',
    nl: 'Onderschrijving van {where} door {who}: {title}.',
  },
  'endorsement.not-verified.reason': {
    en: 'Endorsement of {where} by {who}: {title}. {reason}.',
    nl: 'Onderschrijving van {where} door {who}: {title}. {reason}.',
  },
  'endorsement.not-about': {
    en: 'It is not about {where}: it endorses {subject}.',
    nl: 'Ze gaat niet over {where}: ze onderschrijft {subject}.',
  },
  'endorsement.beyond': {
    en: 'Endorsement of {where}: not checked, because the credential carries more than {count} endorsements.',
    nl: 'Onderschrijving van {where}: niet gecontroleerd, omdat het credential meer dan {count} onderschrijvingen bevat.',
  },
  'endorsement.where.credential': { en: 'this credential', nl: 'dit credential' },
  'endorsement.where.issuer': { en: 'the issuer', nl: 'de uitgever' },
  'endorsement.where.achievement': { en: 'the achievement', nl: 'de prestatie' },
  'endorsement.key-holder': {
    en: 'the holder of the key {key}, which nothing ties to {endorser}',
    nl: 'de houder van de sleutel {key}, die niets verbindt met {endorser}',
  },
  'endorsement.unidentified': {
    en: 'an endorser that could not be identified (it names {endorser})',
    nl: 'een onderschrijver die niet kon worden vastgesteld (ze noemt {endorser})',
  },
  'endorsement.unknown-endorser': { en: 'an endorser that could not be identified', nl: 'een onderschrijver die niet kon worden vastgesteld' },
  'endorsement.nothing': { en: 'nothing named', nl: 'niets met een naam' },

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
    en: 'This file is not a credential: expected JSON, a JWT or SD-JWT, or a PNG or SVG badge image.',
    nl: 'Dit bestand is geen credential: verwacht werd JSON, een JWT of SD-JWT, of een PNG- of SVG-badgeafbeelding.',
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
