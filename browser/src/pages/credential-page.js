/**
 * The script of every credential page (/c/<id>/), bundled by build.mjs with the verifier and the
 * JSON-LD contexts. The DOM contract is written by templates/credential.html:
 *
 *   #verification[data-state]   checking → verified | revoked | suspended | expired | not-yet-valid
 *                               | invalid | unsupported | status-unknown | error
 *   #credential-json            the signed credential, byte for byte (textContent)
 *   #credential-content[data-trust]  unverified (static) → verified | untrusted
 *   [data-field]                rendered again from the VERIFIED credential (credential-fields.js)
 *   [data-label]                interface texts, switched by #language-switch (labels: credsite/catalogue/labels.py, bundled)
 *   html[lang]                  the page's language: credential-page-<lang>.js brings its texts
 *                               (page-language.js); other languages' are loaded on a switch
 *
 * On load it verifies the embedded credential in this browser, shows the verdict and every check,
 * and replaces the static content with the verified data; when the credential is not authentic
 * (invalid, or error: could not check) the static content stays, struck through and flagged.
 * Nothing from the credential is ever parsed as HTML.
 *
 * What the verdict does not need is imported when it is needed (build.mjs puts it in chunks): the
 * pack reader on a packed site only, the holder's actions (holder-actions.js: the downloads,
 * baking, LinkedIn, the wallet, printing and the QR codes, offered or not by the verdict) once the
 * verdict is shown, the verifier's sentences of a failing check or of another language; the
 * verifier loads other issuers' suites and contexts the same way.
 */
import { verifyCredential } from '../verifier/bundled-verifier.js';
import { webCryptoHasEd25519 } from '../verifier/ed25519.js';
import { checkJsonText } from '../verifier/limits.js';
import { credentialFields } from './credential-fields.js';
import { canonicalPageUrl, createFetchJson, documentsToPrefetch, foreignIssuerNote, localDidFor, memoizeFetch, originNote, siteContext } from './page-fetch.js';
import { AUTHENTIC_STATES, applyLabels, keepOnlyRendered, labelText, renderChecks, renderFields, renderVerdict } from './page-render.js';
import { renderEndorsements } from './endorsement-list.js';
import { canShow, ensureTexts, hasTexts, LABELS } from './page-language.js';
import { pageText } from './page-texts.js';
import { issuerIdOf } from '../verifier/structure.js';
import { verdictText } from '../verifier/rulebook.js';

const byId = (id) => document.getElementById(id);

const labels = LABELS;
// Read from the page by readPage(): on a packed site (build --pack) the page arrives first.
let section = null;
let credentialText = '';
let site = null;
let credentialLang = 'nl';

const view = {
  lang: 'nl',
  result: null,
  credential: null, // only when authentic
  issuerId: null,
};

/** Writes the holder's actions' note again (in the page's language), once they are shown. */
let renderActions = () => {};

function readPage() {
  section = byId('verification');
  credentialText = byId('credential-json') ? byId('credential-json').textContent : '';
  site = siteContext(section ? section.dataset : {}, location.href);
  credentialLang = (section && section.dataset.credentialLang) || document.documentElement.lang || 'nl';
  view.lang = document.documentElement.lang || credentialLang;
}

/**
 * A packed or private site's router (pack.js, a chunk): finds this address's page in its pack,
 * decrypts it and puts it in place of the router's body, parsed inert (nothing in it runs: this
 * script goes on with it), or says in the router why not.
 */
async function unpack(router) {
  try {
    return await (await import('./pack.js')).showPacked(router, 'c');
  } catch {
    byId('pack-status').textContent = pageText(document.documentElement.lang, 'state.error'); // pack.js did not load
    router.dataset.state = 'error';
    return false;
  }
}

/** Elements made by the script: the time of the check, the certificate's verdict. */
function ensureElement(id, tag, className, parent, before = null) {
  let el = byId(id);
  if (!el && parent) {
    el = document.createElement(tag);
    el.id = id;
    el.className = className;
    parent.insertBefore(el, before);
  }
  return el;
}

function authentic() {
  return Boolean(view.result && AUTHENTIC_STATES.includes(view.result.state) && view.credential);
}

/** Say plainly when the credential on this page is not this site's institution's. */
function renderIssuerNote() {
  const origin = byId('origin-note');
  if (!origin) return;
  const note = ensureElement('issuer-note', 'p', 'notice issuer-note', origin.parentNode, origin);
  const found = view.result && authentic() ? foreignIssuerNote(view.issuerId, site) : null;
  note.textContent = found ? pageText(view.lang, 'foreign-issuer', found) : '';
  note.hidden = !found;
}

function renderOrigin() {
  renderIssuerNote();
  const note = byId('origin-note');
  if (!note) return;
  const found = view.issuerId ? originNote(view.issuerId, location.href) : null;
  if (!found) {
    note.hidden = true;
    note.replaceChildren();
    return;
  }
  const parts = [pageText(view.lang, 'origin-note', found)];
  const canonical = view.issuerId === site.did ? canonicalPageUrl(location.href, site) : null;
  note.replaceChildren(parts[0]);
  if (canonical) {
    const link = document.createElement('a');
    link.href = canonical;
    link.textContent = pageText(view.lang, 'origin-link');
    note.append(' ', link);
  }
  note.hidden = false;
}

function renderTrust() {
  const content = byId('credential-content');
  const note = byId('trust-note');
  if (!content || !view.result) return;
  const trust = authentic() ? 'verified' : 'untrusted';
  content.dataset.trust = trust;
  const certificate = document.querySelector('.certificate');
  if (certificate) certificate.dataset.trust = trust;
  if (note) note.dataset.label = trust === 'verified' ? 'verified_note' : 'untrusted_note';
}

/** Mark credential values with the credential's language when the interface is in another one. */
function markValueLanguage() {
  const formatted = authentic() ? new Set(['valid-from', 'valid-until', 'issuer-domain']) : new Set(['issuer-domain']);
  for (const el of document.querySelectorAll('[data-field]')) {
    if (view.lang !== credentialLang && !formatted.has(el.dataset.field)) el.lang = credentialLang;
    else el.removeAttribute('lang');
  }
}

function renderLanguageSwitch() {
  const button = byId('language-switch');
  if (!button) return;
  const other = button.dataset.lang;
  const name = labelText(labels, other, 'language_name');
  if (name) button.textContent = name;
  button.lang = other;
}

function render() {
  document.documentElement.lang = view.lang;
  renderTrust();
  const fields = authentic() ? credentialFields(view.credential, view.lang) : null;
  const content = byId('credential-content');
  if (fields && content) keepOnlyRendered(content, fields, labels, view.lang); // before any text is written
  applyLabels(document, labels, view.lang);
  if (view.result) {
    const title = byId('verdict-title');
    title.removeAttribute('data-label');
    renderVerdict({ title, summary: byId('verdict-summary'), time: byId('verdict-time') }, view.result, view.lang);
    renderChecks(byId('checks'), view.result.checks, view.lang);
    renderEndorsements(byId('checks-details'), view.result.endorsements, view.lang);
    const certificate = byId('certificate-verdict');
    if (certificate) certificate.textContent = `${pageText(view.lang, `state.${view.result.state}`)}. ${byId('verdict-time').textContent}`;
  }
  if (fields) {
    renderFields(document, fields, labels, view.lang);
  } else {
    // The static text stays; only the "valid indefinitely" label is interface text.
    for (const el of document.querySelectorAll('[data-field][data-empty-label]')) {
      const text = labelText(labels, view.lang, el.dataset.emptyLabel);
      if (text !== null) el.textContent = text;
    }
  }
  markValueLanguage();
  renderOrigin();
  renderLanguageSwitch();
  renderActions();
}

function setupLanguageSwitch() {
  const button = byId('language-switch');
  if (!button || !canShow(button.dataset.lang)) return;
  button.hidden = false;
  button.addEventListener('click', async () => {
    const next = button.dataset.lang;
    await ensureTexts(next, view.result);
    // Not when a second click got there first, nor when the language's texts could not be loaded.
    if (button.dataset.lang !== next || !hasTexts(next)) return;
    button.dataset.lang = view.lang;
    view.lang = next;
    render();
  });
}

async function verify() {
  let credential;
  try {
    // A key given twice, or JSON beyond the verifier's limits, is refused as /verify/ refuses it.
    credential = checkJsonText(credentialText) ? credentialText : JSON.parse(credentialText);
  } catch {
    credential = credentialText; // the verifier reports "not a JSON object": invalid
  }
  view.issuerId = issuerIdOf(credential);
  webCryptoHasEd25519(); // start the one-time Ed25519 probe; WebCrypto runs beside canonicalization
  const localDid = localDidFor(view.issuerId, site);
  const { fetchJson, prefetch } = memoizeFetch(createFetchJson(site));
  prefetch(documentsToPrefetch(credential, localDid, site.base)); // fetched while the credential is canonicalized
  return verifyCredential(credential, { fetchJson, localDid });
}

function internalError(e) {
  const message = `${e && e.message ? e.message : e}`;
  return {
    state: 'error',
    summary: verdictText('error'),
    checks: [{ id: 'internal', outcome: 'failed', message: { nl: message, en: message } }],
    credential: null,
    checkedAt: new Date().toISOString(),
  };
}

/**
 * The holder's actions follow the verdict: shown, or in their place why not (holder-actions.js,
 * loaded now). If it cannot be loaded (the connection dropped), nothing is offered.
 */
async function showActions() {
  try {
    const { showHolderActions } = await import('./holder-actions.js');
    renderActions = showHolderActions(document, {
      state: view.result.state,
      credentialText,
      lang: () => view.lang,
      fields: (lang) => (authentic() ? credentialFields(view.credential, lang) : null),
      labels,
    });
  } catch {
    // the list stays hidden, as without JavaScript
  }
}

/** Run `task` when the browser is idle (or soon, where requestIdleCallback is missing). */
function whenIdle(task) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task(), { timeout: 2000 });
  else setTimeout(task, 0);
}

async function main() {
  const router = byId('credential-pack');
  if (router && !(await unpack(router))) return;
  readPage();
  if (!section) return;
  section.dataset.state = 'checking';
  const texts = ensureTexts(view.lang); // at hand, unless this is a packed site's router: it learns the language now
  const verdict = section.querySelector('.verdict');
  ensureElement('verdict-time', 'p', 'verdict-time', verdict);
  const certificate = document.querySelector('.certificate');
  if (certificate) ensureElement('certificate-verdict', 'p', 'certificate-verdict', certificate, certificate.querySelector('.certificate-qr'));
  setupLanguageSwitch();
  let result;
  try {
    result = await verify();
  } catch (e) {
    result = internalError(e);
  }
  view.result = result;
  view.credential = result.credential || null;
  try {
    await texts;
    await ensureTexts(view.lang, result); // the sentences of a failing check, an endorsement, …
    render();
  } catch (e) {
    view.result = internalError(e);
    view.credential = null;
    render();
  }
  const details = byId('checks-details');
  details.hidden = false;
  if (result.state !== 'verified') details.open = true;
  section.dataset.state = view.result.state;
  if (typeof performance !== 'undefined' && performance.mark) performance.mark('credsite:verdict');
  showActions();
  // The other language's texts, so that the switch is instant when it is used.
  const other = byId('language-switch');
  if (other && !other.hidden) whenIdle(() => ensureTexts(other.dataset.lang, view.result));
}

// Once every module of this page script has run (the whole graph runs before any queued task):
// credential-page-<lang>.js registers its language's texts in a module that esbuild may order
// after this one, and main() reads them.
queueMicrotask(main);
