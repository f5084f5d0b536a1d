/**
 * The holder's actions on a credential page — download the JSON or a baked PNG/SVG badge, add it
 * to LinkedIn or a wallet app, print the certificate — which follow the verdict: the rule of which
 * verdicts offer them, and the line the page shows beside them or in their place, is
 * credsite/data/holder-actions.json, which the tests read too.
 *
 * credential-page.js imports this module once its verdict is shown, so that nothing here (the
 * rule and its texts, baking, the QR codes) weighs on what a page loads before its verdict
 * (build.mjs makes it a chunk). The template renders the list of actions hidden
 * (templates/credential.html, #action-list): without JavaScript nothing is checked, and nothing
 * is offered. Here the list is shown when the verdict offers it, and `#holder-actions` gets
 * `data-actions` (offered | withheld), for tests and monitoring, like `#verification[data-state]`.
 */
import RULE from '../../../credsite/data/holder-actions.json' with { type: 'json' };
import { pageText } from './page-texts.js';
import { qrSvg } from './qr.js';

/** The rule of a verdict; a state the rule does not name is treated as `error` (offered nothing). */
function ruleOf(state) {
  return Object.hasOwn(RULE.states, state) ? RULE.states[state] : RULE.states.error;
}

/**
 * Whether the verdict `state` offers the holder's actions.
 * @param {string} state
 * @returns {boolean}
 */
export function actionsOffered(state) {
  return ruleOf(state).offered === true;
}

/**
 * The line shown beside the actions (an expired credential's end date) or in their place (why
 * they are not offered), in `lang`, or '' when there is none. `{date}` is the credential field
 * the rule names, from `fields` (credential-fields.js, formatted in `lang`).
 * @param {string} state
 * @param {string} lang
 * @param {Record<string, unknown>|null} [fields] the verified credential's fields, when authentic
 * @returns {string}
 */
export function actionsNote(state, lang, fields = null) {
  const { note, date } = ruleOf(state);
  if (!note) return '';
  const value = date && fields && typeof fields[date] === 'string' ? fields[date] : '';
  if (date && !value) return ''; // the date could not be read: no sentence with a gap in it
  return (note[lang] ?? note.en).replaceAll('{date}', value);
}

/**
 * Draw, once, a QR code of `holder.dataset.url` into `holder`. With `label`, the code is an
 * image named by that label (its SVG `title` carries `data-label`, so the language switch writes
 * it again); without, it is a picture the text around it already says (the printout's, whose
 * address is printed under it). When it cannot be drawn, the holder stays empty: the address is
 * there as text or as a link.
 * @param {HTMLElement|null} holder
 * @param {{key: string, text: string}} [label] a label of credsite/catalogue/labels.py, and its text now
 */
function drawQr(holder, label = null) {
  if (!holder || holder.firstChild) return;
  try {
    const svg = qrSvg(holder.ownerDocument, new URL(holder.dataset.url).href, label ? { title: label.text } : {});
    if (label) svg.querySelector('title').dataset.label = label.key;
    holder.replaceChildren(svg);
  } catch {
    holder.replaceChildren();
  }
}

/**
 * The file name for a download: the page's id (the one its router opened, else the address's:
 * /c/#<id>, /c/?id=<id> or /c/<id>/), else "credential". A local download: nothing is sent.
 */
async function downloadName(extension) {
  const { openedId, packedId } = await import('./pack.js');
  return `${openedId() || packedId(location.href) || 'credential'}.${extension}`;
}

function saveBlob(doc, blob, name) {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** Fetch the badge image of `link`, bake the credential into it and save it. */
async function bakeAndSave(link, credentialText, lang, error) {
  const kind = link.dataset.bake;
  error.hidden = true;
  try {
    const [response, { bakePng, bakeSvg }] = await Promise.all([fetch(link.href, { credentials: 'same-origin', redirect: 'error' }), import('./bake.js')]);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    if (kind === 'png') {
      const baked = bakePng(new Uint8Array(await response.arrayBuffer()), credentialText);
      saveBlob(link.ownerDocument, new Blob([baked], { type: 'image/png' }), await downloadName('png'));
    } else {
      const baked = bakeSvg(await response.text(), credentialText);
      saveBlob(link.ownerDocument, new Blob([baked], { type: 'image/svg+xml' }), await downloadName('svg'));
    }
  } catch (e) {
    error.textContent = pageText(lang(), 'download-failed', { reason: e && e.message ? e.message : String(e) });
    error.hidden = false;
  }
}

/** The baked downloads, the print button and the wallet's QR code, in a list that is offered. */
function setUp(doc, list, { credentialText, lang, labels, certificateQr }) {
  const error = doc.createElement('p');
  error.id = 'download-error';
  error.className = 'notice error-note';
  error.setAttribute('role', 'alert');
  error.hidden = true;
  list.after(error);
  for (const link of list.querySelectorAll('a[data-bake]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      bakeAndSave(link, credentialText, lang, error);
    });
  }
  const print = doc.getElementById('print-button');
  if (print) {
    print.addEventListener('click', () => {
      certificateQr();
      window.print();
    });
  }
  const key = 'wallet_qr_label';
  drawQr(list.querySelector('.wallet-qr[data-url]'), { key, text: labels[lang()]?.[key] ?? '' });
}

/**
 * Show the holder's actions for the verdict `state`, or why they are not offered, and draw the
 * printout's QR code (printing stays possible from the browser's menu: the certificate carries
 * the verdict, and is struck through when the actions are withheld, verification.css). Returns
 * the function that writes the note again, which the page calls when it renders in another
 * language.
 * @param {Document} doc
 * @param {object} page
 * @param {string} page.state the verdict
 * @param {string} page.credentialText the signed credential, byte for byte (what is baked)
 * @param {() => string} page.lang the page's language now
 * @param {(lang: string) => Record<string, unknown>|null} page.fields the verified credential's fields in a language, or null
 * @param {Record<string, Record<string, string>>} page.labels the interface labels at hand
 * @returns {() => void}
 */
export function showHolderActions(doc, { state, credentialText, lang, fields, labels }) {
  const section = doc.getElementById('holder-actions');
  const list = doc.getElementById('action-list');
  const note = doc.getElementById('actions-note');
  const certificateQr = () => drawQr(doc.querySelector('.certificate-qr[data-url]'));
  certificateQr();
  if (!section || !list) return () => {};
  const offered = actionsOffered(state);
  const mark = offered ? 'offered' : 'withheld';
  const render = () => {
    if (!note) return;
    note.textContent = actionsNote(state, lang(), fields(lang()));
    note.hidden = note.textContent === '';
  };
  if (offered) setUp(doc, list, { credentialText, lang, labels, certificateQr });
  render();
  list.hidden = !offered;
  const certificate = doc.querySelector('.certificate');
  if (certificate) certificate.dataset.actions = mark;
  section.dataset.actions = mark;
  return render;
}
