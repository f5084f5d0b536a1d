/**
 * The page scripts' own texts, in Dutch and English: verdict titles, check names, outcome words,
 * the origin note and the messages of the download and /verify/ controls.
 *
 * Interface labels that the static HTML also shows come from credsite/catalogue/labels.py, and the
 * verifier's sentences from messages.js, both loaded per language (page-language.js). The verdict
 * titles, the check names and the outcome words are the rulebook's (credsite/data/verifier-rules.json,
 * through ../verifier/rulebook.js), which the `verify` command prints too; the rest are the texts
 * only the script ever shows. test/page-texts.test.js checks every key exists in both languages.
 */
import { RULES } from '../verifier/rulebook.js';

/** The rulebook's words for one language: `state.<id>` titles, `check.<id>` names, `outcome.<id>` words. */
function rulebookTexts(lang) {
  return Object.fromEntries([
    ...RULES.states.map((s) => [`state.${s.id}`, s.title[lang]]),
    ...RULES.outcomes.map((o) => [`outcome.${o.id}`, o.label[lang]]),
    ...RULES.checks.map((c) => [`check.${c.id}`, c.label[lang]]),
  ]);
}

export const PAGE_TEXTS = Object.freeze({
  nl: Object.freeze({
    ...rulebookTexts('nl'),
    'state.checking': 'Bezig met controleren…',
    'checked-at': 'Gecontroleerd op {date} om {time} (UTC).',
    'origin-note':
      'Deze pagina staat niet op het eigen adres van de uitgever ({issuer}), maar op {here}; de controle gebruikte de sleutels die hier zijn gepubliceerd. Controleer op het eigen adres van de uitgever om zeker te zijn.',
    'origin-link': 'Open deze pagina op het adres van de uitgever',
    'foreign-issuer': 'Deze microcredential is niet uitgegeven door de instelling van deze site. De uitgever is {issuer}.',
    'issuer-id': 'Identificatie van de uitgever',
    'issuer-no-web': 'geen webadres (de sleutel zit in de identificatie zelf)',
    'signed-by-key': 'Ondertekend met de sleutel',
    'signed-by-key-note': '(niets verbindt deze sleutel met de naam van de uitgever)',
    'carried-key': 'de sleutel in het token zelf (jwk-header)',
    'subject-id': 'Identificatie van de houder',
    'download-failed': 'Downloaden is mislukt ({reason}). Download de microcredential als JSON-bestand.',
    'input-missing': 'Kies of sleep een bestand, of plak de tekst van een microcredential.',
    'input-too-large': 'Dit bestand is te groot ({size}) om een microcredential te zijn.',
    'input-unreadable': 'Het bestand kon niet worden gelezen.',
    'input-file': 'Bestand: {name}',
    'credential-not-shown':
      'De inhoud wordt niet getoond, omdat niet vaststaat dat die van de uitgever komt.',
    'endorsements-title': 'Onderschrijvingen',
    'endorsements-note':
      'Verklaringen van anderen over dit credential, de uitgever of de prestatie, elk apart gecontroleerd. Ze veranderen het oordeel hierboven niet.',
  }),
  en: Object.freeze({
    ...rulebookTexts('en'),
    'state.checking': 'Checking…',
    'checked-at': 'Checked on {date} at {time} (UTC).',
    'origin-note':
      "This page is not served from the issuer's own address ({issuer}) but from {here}; the check used the keys published here. Verify at the issuer's own address to be sure.",
    'origin-link': "Open this page at the issuer's address",
    'foreign-issuer': "This micro-credential was not issued by this site's institution. Its issuer is {issuer}.",
    'issuer-id': "Issuer's identifier",
    'issuer-no-web': 'no web address (the key is contained in the identifier itself)',
    'signed-by-key': 'Signed with the key',
    'signed-by-key-note': "(nothing ties this key to the issuer's name)",
    'carried-key': 'the key in the token itself (jwk header)',
    'subject-id': "Holder's identifier",
    'download-failed': 'The download failed ({reason}). Download the micro-credential as a JSON file instead.',
    'input-missing': "Choose or drop a file, or paste a micro-credential's text.",
    'input-too-large': 'This file is too large ({size}) to be a micro-credential.',
    'input-unreadable': 'The file could not be read.',
    'input-file': 'File: {name}',
    'credential-not-shown': 'The content is not shown, because it is not established that it comes from the issuer.',
    'endorsements-title': 'Endorsements',
    'endorsements-note':
      "Statements by others about this credential, its issuer or its achievement, each checked on its own. They do not change the verdict above.",
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
 * The name of a check for the list, from its id (the rulebook's label; an id it does not know is
 * shown as it is).
 * @param {string} lang
 * @param {string} id
 * @returns {string}
 */
export function checkName(lang, id) {
  const table = PAGE_TEXTS[lang] || PAGE_TEXTS.en;
  return table[`check.${id}`] ?? PAGE_TEXTS.en[`check.${id}`] ?? String(id);
}
