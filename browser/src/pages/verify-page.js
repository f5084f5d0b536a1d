/**
 * The script of /nl/verify/ and /en/verify/, bundled by build.mjs with the verifier and the
 * JSON-LD contexts. A visitor drops or chooses a file, or pastes text: JSON, a baked PNG or a
 * baked SVG, from any issuer. The file never leaves the browser; the only requests are for the
 * issuer's DID document and status lists (this site's from this site, others' over HTTPS).
 *
 * DOM (templates/verify.html): #verify-form (hidden without JS), #drop-zone, #verify-file,
 * #verify-text, #verify-input-error (role=alert), #verification[data-state] (idle → checking →
 * one of the nine verdicts), #checks, #credential-content[data-trust], #verify-again.
 * The credential's content is built with createElement/textContent only, and only from the
 * verified credential.
 */
import { verifyCredential } from '../verifier/bundled-verifier.js';
import { CredentialInputError, extractCredential } from '../verifier/extract.js';
import { credentialFields } from './credential-fields.js';
import { renderSdJwtCredential } from './sd-jwt-render.js';
import { createFetchJson, foreignIssuerNote, issuerKeyAddress, localDidFor, originNote, siteContext } from './page-fetch.js';
import { AUTHENTIC_STATES, labelText, renderChecks, renderVerdict } from './page-render.js';
import { renderEndorsements } from './endorsement-list.js';
import { ensureTexts, LABELS } from './page-language.js';
import { LANGUAGES } from '../verifier/messages.js';
import { looksLikeSdJwt } from '../verifier/jose/sd-jwt-text.js';
import { pageText } from './page-texts.js';
import { issuerIdOf } from '../verifier/structure.js';
import { verdictText } from '../verifier/rulebook.js';

/** No credential file is this large; refuse before reading it into memory. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

const byId = (id) => document.getElementById(id);
const form = byId('verify-form');
const section = byId('verification');
const labels = LABELS;
const lang = LANGUAGES.includes(document.documentElement.lang) ? document.documentElement.lang : 'en';
// This page's labels and sentences, and those of a refused input, loaded while the visitor chooses a file.
const textsReady = ensureTexts(lang, null, ['input']);
const site = siteContext(form ? form.dataset : {}, location.href);
const fileInput = byId('verify-file');
const textArea = byId('verify-text');
const errorBox = byId('verify-input-error');
let run = 0; // the current verification; a reset or a newer input makes older ones stale

const label = (key) => labelText(labels, lang, key) ?? key;

function showInputError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
  textArea.setAttribute('aria-describedby', 'verify-input-error');
}

function clearInputError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
  textArea.removeAttribute('aria-describedby');
}

function sizeText(bytes) {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function isEmpty(value) {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The <dt> and <dd> of one fact, or [] when the value is empty. Lists become a <ul>. */
function factPair(key, value, term) {
  if (isEmpty(value)) return [];
  const dd = el('dd');
  if (Array.isArray(value)) {
    const ul = el('ul');
    for (const v of value) ul.append(el('li', null, v));
    dd.append(ul);
  } else {
    dd.append(value);
  }
  return [el('dt', null, term ?? label(key)), dd];
}

/** One fact for the highlighted grid: <div><dt/><dd/></div>, or null when empty. */
function factRow(key, value) {
  const pair = factPair(key, value);
  if (pair.length === 0) return null;
  const row = el('div');
  row.append(...pair);
  return row;
}

/** The verified credential's main content, built node by node. */
function renderCredential(article, credential, issuerId, keyOnly = null) {
  const f = credentialFields(credential, lang);
  const subject = Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject;
  article.append(el('p', 'trust-note', label('verified_note')));
  article.append(el('p', 'eyebrow', label('credential_heading')));
  article.append(el('h3', 'credential-name', f.name || ''));
  const recipient = el('p', 'recipient');
  if (f.recipient) {
    recipient.append(el('span', null, label('awarded_to')), ' ', el('strong', null, f.recipient));
  } else if (subject && typeof subject.id === 'string') {
    recipient.append(el('span', null, pageText(lang, 'subject-id')), ': ', el('strong', 'identifier', subject.id));
  }
  if (recipient.childNodes.length) article.append(recipient);
  if (f.description) article.append(el('p', 'lead', f.description));

  const facts = el('dl', 'facts facts-large');
  // The name is the issuer's own claim: show who vouches for it (the key's host, or the DID).
  const issuerName = el('span');
  issuerName.append(f['issuer-name'] || '—', ' ', el('span', 'issuer-vouch', `(${keyOnly ?? (issuerKeyAddress(issuerId) || issuerId)})`));
  const rows = [
    factRow('issued_by', issuerName),
    factRow('issued_on', f['valid-from']),
    factRow('valid_until', f['valid-until'] || label('valid_indefinitely')),
    factRow('study_load', f['study-load']),
    factRow('level', [f.eqf, f.nlqf].filter(Boolean).join(' · ')),
    factRow('grade', f.grade),
    factRow('course_code', f['course-code']),
  ];
  facts.append(...rows.filter(Boolean));
  article.append(facts);

  if (f.outcomes.length) {
    article.append(el('h4', null, label('learning_outcomes')));
    const ul = el('ul');
    for (const o of f.outcomes) ul.append(el('li', null, o));
    article.append(ul);
  }
  const details = el('dl', 'details');
  details.append(
    ...factPair('assessment_types', f.assessment),
    ...factPair('assessment_supervised', f.supervision),
    ...factPair('assessment_id_verified', f['identity-check']),
    ...factPair('participation', f.participation),
    ...factPair('language_of_instruction', f.language),
    ...factPair('field_of_study', f.field),
    ...factPair('quality_assurance', f['quality-assurance']),
    ...factPair('stackability', f.stackability),
    ...factPair('prerequisites', f.prerequisites),
    ...factPair('criteria', f.criteria),
    ...factPair('narrative', f.narrative),
    ...factPair('evidence', f.evidence),
    ...factPair(null, issuerId, pageText(lang, 'issuer-id')),
  );
  article.append(details);
}

/**
 * Who signed, when nothing ties the key to the issuer's name (key-controller a warning: a key
 * carried in a JWT's jwk header, or an issuer named by a URN, which can publish no key): the
 * key, not a domain. Null when the key is the issuer's.
 * @returns {string|null}
 */
function signingKeyOnly(result) {
  const controller = result.checks.find((c) => c.id === 'key-controller');
  if (!controller || controller.outcome !== 'warning') return null;
  if (controller.detail && controller.detail.source === 'jwk') return pageText(lang, 'carried-key');
  return (controller.detail && controller.detail.key) || (result.verificationMethod && result.verificationMethod.id) || null;
}

function renderResult(result, issuerId) {
  section.dataset.state = result.state;
  renderVerdict({ title: byId('verdict-title'), summary: byId('verdict-summary'), time: byId('verdict-time') }, result, lang);
  renderChecks(byId('checks'), result.checks, lang);
  renderEndorsements(byId('checks-details'), result.endorsements, lang);
  const details = byId('checks-details');
  details.open = result.state !== 'verified';

  const isAuthentic = AUTHENTIC_STATES.includes(result.state) && result.credential;
  const domain = section.querySelector('.issuer-domain');
  const keyOnly = isAuthentic ? signingKeyOnly(result) : null;
  if (domain) {
    domain.hidden = !isAuthentic;
    domain.classList.toggle('signed-by-key', keyOnly !== null);
    if (keyOnly !== null) {
      domain.replaceChildren(el('span', null, pageText(lang, 'signed-by-key')), ': ', el('strong', 'identifier', keyOnly), ' ', pageText(lang, 'signed-by-key-note'));
    } else {
      if (!byId('issuer-domain')) domain.replaceChildren(el('span', null, label('issuer_domain')), ': ', Object.assign(el('strong'), { id: 'issuer-domain' }));
      byId('issuer-domain').textContent = isAuthentic ? issuerKeyAddress(issuerId) || pageText(lang, 'issuer-no-web') : '';
    }
  }
  let issuerNote = byId('issuer-note');
  if (!issuerNote) {
    issuerNote = el('p', 'notice issuer-note');
    issuerNote.id = 'issuer-note';
    byId('origin-note').before(issuerNote);
  }
  const foreign = isAuthentic ? foreignIssuerNote(issuerId, site) : null;
  issuerNote.textContent = foreign ? pageText(lang, 'foreign-issuer', foreign) : '';
  issuerNote.hidden = !foreign;
  const note = byId('origin-note');
  const origin = localDidFor(issuerId, site) ? originNote(issuerId, location.href) : null;
  note.textContent = origin ? pageText(lang, 'origin-note', origin) : '';
  note.hidden = !origin;

  const article = byId('credential-content');
  article.replaceChildren();
  article.dataset.trust = isAuthentic ? 'verified' : 'untrusted';
  if (isAuthentic && result.format === 'sd-jwt-vc') {
    renderSdJwtCredential(article, result.credential, { lang, label, issuerId });
  } else if (isAuthentic) {
    renderCredential(article, result.credential, issuerId, signingKeyOnly(result));
  } else {
    article.append(el('p', 'trust-note', label('untrusted_note')), el('p', null, pageText(lang, 'credential-not-shown')));
  }
  article.hidden = false;
}

function showChecking() {
  form.hidden = true;
  section.hidden = false;
  section.dataset.state = 'checking';
  renderVerdict({ title: byId('verdict-title'), summary: byId('verdict-summary'), time: byId('verdict-time') }, null, lang);
  byId('checks').replaceChildren();
  renderEndorsements(byId('checks-details'), [], lang);
  byId('checks-details').open = false;
  byId('credential-content').replaceChildren();
  byId('credential-content').hidden = true;
  byId('credential-content').dataset.trust = 'unverified';
  byId('origin-note').hidden = true;
  const domain = section.querySelector('.issuer-domain');
  if (domain) domain.hidden = true;
}

async function verifyExtracted(credential) {
  const mine = ++run;
  showChecking();
  // A JWT credential is text until verified: its issuer is the one the verifier read from it.
  let issuerId = typeof credential === 'string' ? null : issuerIdOf(credential);
  const texts = ensureTexts(lang, null, textGroupsOf(credential)); // fetched while it is checked
  let result;
  try {
    result = await verifyCredential(credential, { fetchJson: createFetchJson(site), localDid: localDidFor(issuerId, site) });
  } catch (e) {
    const message = `${e && e.message ? e.message : e}`;
    result = {
      state: 'error',
      summary: verdictText('error'),
      checks: [{ id: 'internal', outcome: 'failed', message: { nl: message, en: message } }],
      credential: null,
      checkedAt: new Date().toISOString(),
    };
  }
  await texts;
  await ensureTexts(lang, result); // a failing check's sentences, an endorsement's
  if (mine !== run) return;
  if (typeof credential === 'string') issuerId = (result.issuer && result.issuer.id) || null;
  renderResult(result, issuerId);
  byId('verdict-title').focus();
  if (typeof performance !== 'undefined' && performance.mark) performance.mark('credsite:verdict');
}

/**
 * The message groups (../verifier/message-groups.js) a credential in this form is told about besides
 * `core`, whatever its verdict: a JWT's (`jose`), an SD-JWT's. A failing check's are fetched when
 * the verdict needs them.
 * @param {object|string} credential JSON, or the text of a token
 */
function textGroupsOf(credential) {
  if (typeof credential !== 'string') return [];
  return [looksLikeSdJwt(credential) ? 'sd-jwt' : 'jose'];
}

/** Read a credential out of text or bytes; show the input error and return null if there is none. */
function extract(input) {
  clearInputError();
  try {
    return extractCredential(input).credential;
  } catch (e) {
    if (e instanceof CredentialInputError) showRefusal(e);
    else showInputError(pageText(lang, 'input-unreadable'));
    return null;
  }
}

/** Say why the input was refused, once this page's sentences for it are at hand. */
async function showRefusal(e) {
  const mine = run;
  await textsReady;
  if (mine === run) showInputError(e.messages[lang] || e.messages.en || e.code);
}

async function fromFile(file) {
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    clearInputError();
    showInputError(pageText(lang, 'input-too-large', { size: sizeText(file.size) }));
    return;
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    showInputError(pageText(lang, 'input-unreadable'));
    return;
  }
  const credential = extract(bytes);
  if (credential) await verifyExtracted(credential);
}

async function fromText(text) {
  const credential = extract(text);
  if (credential) await verifyExtracted(credential);
}

function reset() {
  run++;
  section.hidden = true;
  section.dataset.state = 'idle';
  form.hidden = false;
  form.reset();
  clearInputError();
  fileInput.focus();
}

function setup() {
  if (!form || !section) return;
  const verdict = section.querySelector('.verdict');
  const time = el('p', 'verdict-time');
  time.id = 'verdict-time';
  verdict.append(time);
  byId('verdict-title').tabIndex = -1;
  form.hidden = false;

  fileInput.addEventListener('change', () => fromFile(fileInput.files && fileInput.files[0]));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (textArea.value.trim() !== '') fromText(textArea.value);
    else if (fileInput.files && fileInput.files[0]) fromFile(fileInput.files[0]);
    else showInputError(pageText(lang, 'input-missing'));
  });

  const zone = byId('drop-zone');
  const over = (event) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    zone.classList.add('drag-over');
  };
  zone.addEventListener('dragenter', over);
  zone.addEventListener('dragover', over);
  zone.addEventListener('dragleave', () => zone.classList.remove('drag-over'));
  // A drop anywhere on the page is taken as meant for the verifier, rather than letting the
  // browser navigate away to the file.
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('drag-over');
    if (form.hidden) return;
    const data = event.dataTransfer;
    if (data && data.files && data.files.length) fromFile(data.files[0]);
    else if (data && data.getData('text/plain')) fromText(data.getData('text/plain'));
  });

  byId('verify-again').addEventListener('click', reset);
}

setup();
