/**
 * The page scripts' own texts, in Dutch and English: verdict titles, check names, outcome words,
 * the origin note and the messages of the download and /verify/ controls.
 *
 * Interface labels that the static HTML also shows come from credsite/catalogue/labels.py (embedded in the
 * page as JSON, `#labels`); the verifier's sentences come from messages.js. These are the texts
 * only the script ever shows. test/page-texts.test.js checks every key exists in both languages.
 */

export const PAGE_TEXTS = Object.freeze({
  nl: Object.freeze({
    'state.checking': 'Bezig met controleren…',
    'state.verified': 'Geverifieerd',
    'state.revoked': 'Ingetrokken',
    'state.suspended': 'Geschorst',
    'state.expired': 'Verlopen',
    'state.not-yet-valid': 'Nog niet geldig',
    'state.invalid': 'Ongeldig',
    'state.status-unknown': 'Echt, maar intrekking niet gecontroleerd',
    'state.error': 'Kon niet controleren',
    'outcome.passed': 'Geslaagd',
    'outcome.failed': 'Mislukt',
    'outcome.not-checked': 'Niet gecontroleerd',
    'outcome.warning': 'Let op',
    'check.structure': 'Opbouw',
    'check.proof-format': 'Soort handtekening',
    'check.contexts': 'Woordenlijsten',
    'check.issuer-key': 'Sleutel van de uitgever',
    'check.key-controller': 'Eigenaar van de sleutel',
    'check.signature': 'Handtekening',
    'check.valid-from': 'Geldig vanaf',
    'check.valid-until': 'Geldig tot',
    'check.status': 'Intrekking',
    'check.status-revocation': 'Intrekking',
    'check.status-suspension': 'Schorsing',
    'check.status-other': 'Status',
    'check.internal': 'Controlecode',
    'checked-at': 'Gecontroleerd op {date} om {time} (UTC).',
    'origin-note':
      'Deze pagina staat niet op het eigen adres van de uitgever ({issuer}), maar op {here}; de controle gebruikte de sleutels die hier zijn gepubliceerd. Controleer op het eigen adres van de uitgever om zeker te zijn.',
    'origin-link': 'Open deze pagina op het adres van de uitgever',
    'foreign-issuer': 'Deze microcredential is niet uitgegeven door de instelling van deze site. De uitgever is {issuer}.',
    'issuer-id': 'Identificatie van de uitgever',
    'issuer-no-web': 'geen webadres (de sleutel zit in de identificatie zelf)',
    'subject-id': 'Identificatie van de houder',
    'download-failed': 'Downloaden is mislukt ({reason}). Download de microcredential als JSON-bestand.',
    'pack-not-found': 'Op dit adres staat geen microcredential. Controleer het adres; de uitgever kan een microcredential ook van de site hebben gehaald.',
    'pack-failed': 'Deze pagina kon niet worden geladen ({reason}). Probeer het later opnieuw.',
    'input-missing': 'Kies of sleep een bestand, of plak de tekst van een microcredential.',
    'input-too-large': 'Dit bestand is te groot ({size}) om een microcredential te zijn.',
    'input-unreadable': 'Het bestand kon niet worden gelezen.',
    'input-file': 'Bestand: {name}',
    'credential-not-shown':
      'De inhoud wordt niet getoond, omdat niet vaststaat dat die van de uitgever komt.',
  }),
  en: Object.freeze({
    'state.checking': 'Checking…',
    'state.verified': 'Verified',
    'state.revoked': 'Revoked',
    'state.suspended': 'Suspended',
    'state.expired': 'Expired',
    'state.not-yet-valid': 'Not yet valid',
    'state.invalid': 'Not valid',
    'state.status-unknown': 'Authentic, but revocation not checked',
    'state.error': 'Could not check',
    'outcome.passed': 'Passed',
    'outcome.failed': 'Failed',
    'outcome.not-checked': 'Not checked',
    'outcome.warning': 'Note',
    'check.structure': 'Structure',
    'check.proof-format': 'Kind of signature',
    'check.contexts': 'Vocabularies',
    'check.issuer-key': "Issuer's key",
    'check.key-controller': 'Owner of the key',
    'check.signature': 'Signature',
    'check.valid-from': 'Valid from',
    'check.valid-until': 'Valid until',
    'check.status': 'Revocation',
    'check.status-revocation': 'Revocation',
    'check.status-suspension': 'Suspension',
    'check.status-other': 'Status',
    'check.internal': 'Checking code',
    'checked-at': 'Checked on {date} at {time} (UTC).',
    'origin-note':
      "This page is not served from the issuer's own address ({issuer}) but from {here}; the check used the keys published here. Verify at the issuer's own address to be sure.",
    'origin-link': "Open this page at the issuer's address",
    'foreign-issuer': "This micro-credential was not issued by this site's institution. Its issuer is {issuer}.",
    'issuer-id': "Issuer's identifier",
    'issuer-no-web': 'no web address (the key is contained in the identifier itself)',
    'subject-id': "Holder's identifier",
    'download-failed': 'The download failed ({reason}). Download the micro-credential as a JSON file instead.',
    'pack-not-found': 'There is no micro-credential at this address. Check the address; the issuer may also have taken a credential off the site.',
    'pack-failed': 'This page could not be loaded ({reason}). Please try again later.',
    'input-missing': "Choose or drop a file, or paste a micro-credential's text.",
    'input-too-large': 'This file is too large ({size}) to be a micro-credential.',
    'input-unreadable': 'The file could not be read.',
    'input-file': 'File: {name}',
    'credential-not-shown': 'The content is not shown, because it is not established that it comes from the issuer.',
  }),
});

/**
 * A page text in `lang` (falling back to English), with {placeholders} filled.
 * @param {string} lang
 * @param {string} key
 * @param {Record<string, string|number>} [values]
 * @returns {string}
 */
export function pageText(lang, key, values = {}) {
  const table = PAGE_TEXTS[lang] || PAGE_TEXTS.en;
  const template = table[key] ?? PAGE_TEXTS.en[key];
  if (template === undefined) throw new Error(`no page text ${key}`);
  return template.replace(/\{(\w+)\}/g, (whole, name) => (values[name] === undefined ? whole : String(values[name])));
}

/**
 * The name of a check for the list, from its id ('status-revocation-2' is a second revocation
 * entry and is named like the first).
 * @param {string} lang
 * @param {string} id
 * @returns {string}
 */
export function checkName(lang, id) {
  const base = String(id).replace(/-\d+$/, '');
  const table = PAGE_TEXTS[lang] || PAGE_TEXTS.en;
  return table[`check.${base}`] ?? PAGE_TEXTS.en[`check.${base}`] ?? base;
}
