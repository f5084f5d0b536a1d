/**
 * DOM rendering shared by the credential page and /verify/: the verdict, the list of checks, the
 * `data-field` elements, and the label table (credsite/catalogue/labels.py, bundled as `credsite:labels`).
 *
 * Every value that comes from a credential or a verifier message is written with textContent or
 * createElement; nothing here ever parses HTML.
 */
import { formatDate } from './credential-fields.js';
import { checkName, pageText } from './page-texts.js';
import { AUTHENTIC_STATES, RULES } from '../verifier/rulebook.js';

/** The states in which the credential is authentic (the rulebook's `authentic`): its data may be shown as verified. */
export { AUTHENTIC_STATES };

/** Which outcome words a check may carry; anything else is shown as not checked, never as passed. */
const OUTCOMES = new Set(RULES.outcomes.map((o) => o.id));

/**
 * One label in a language, or null; `{issuer}` is filled from `issuer` when given.
 * @param {Record<string, Record<string, string>>} labels
 * @param {string} lang
 * @param {string} key
 * @param {string} [issuer]
 * @returns {string|null}
 */
export function labelText(labels, lang, key, issuer) {
  const text = labels[lang] && labels[lang][key];
  if (typeof text !== 'string') return null;
  return issuer === undefined ? text : text.replaceAll('{issuer}', issuer);
}

/**
 * Write every `[data-label]` element's text in `lang`.
 * @param {ParentNode} root
 * @param {Record<string, Record<string, string>>} labels
 * @param {string} lang
 */
export function applyLabels(root, labels, lang) {
  for (const el of root.querySelectorAll('[data-label]')) {
    const text = labelText(labels, lang, el.dataset.label, el.dataset.labelIssuer);
    if (text !== null) el.textContent = text;
  }
}

/**
 * "Checked on 1 July 2026 at 14:05 (UTC)." for the verdict.
 * @param {string} iso
 * @param {string} lang
 * @returns {string}
 */
export function checkedAtText(iso, lang) {
  const date = formatDate(iso, lang);
  if (!date) return '';
  return pageText(lang, 'checked-at', { date, time: iso.slice(11, 16) });
}

/**
 * The verdict: title (the state in words; an icon is added by CSS from data-state), the
 * verifier's one-sentence summary, and when it was checked.
 * @param {{title: HTMLElement, summary: HTMLElement, time?: HTMLElement|null}} parts
 * @param {{state: string, summary: {nl: string, en: string}, checkedAt?: string}|null} result null while checking
 * @param {string} lang
 */
export function renderVerdict(parts, result, lang) {
  if (!result) {
    parts.title.textContent = pageText(lang, 'state.checking');
    parts.summary.textContent = '';
    if (parts.time) parts.time.textContent = '';
    return;
  }
  parts.title.textContent = pageText(lang, `state.${result.state}`);
  parts.summary.textContent = (result.summary && (result.summary[lang] ?? result.summary.en)) || '';
  if (parts.time) parts.time.textContent = result.checkedAt ? checkedAtText(result.checkedAt, lang) : '';
}

/**
 * The list of checks: one `<li>` per check with its outcome in words, its name and its message.
 * @param {HTMLElement} list an <ol>
 * @param {{id: string, outcome: string, message: {nl: string, en: string}}[]} checks
 * @param {string} lang
 */
export function renderChecks(list, checks, lang) {
  const doc = list.ownerDocument;
  const items = (checks || []).map((check) => {
    const outcome = OUTCOMES.has(check.outcome) ? check.outcome : 'not-checked';
    const li = doc.createElement('li');
    li.className = 'check-item';
    li.dataset.outcome = outcome;
    li.dataset.check = String(check.id);
    const badge = doc.createElement('span');
    badge.className = 'check-outcome';
    badge.textContent = pageText(lang, `outcome.${outcome}`);
    const body = doc.createElement('span');
    body.className = 'check-body';
    const name = doc.createElement('strong');
    name.className = 'check-name';
    name.textContent = `${checkName(lang, check.id)}: `;
    const message = doc.createElement('span');
    message.className = 'check-message';
    message.textContent = (check.message && (check.message[lang] ?? check.message.en)) || '';
    body.append(name, message);
    li.append(badge, ' ', body);
    return li;
  });
  list.replaceChildren(...items);
}

/**
 * Write credential fields into every matching `[data-field]` element under `root`. List elements
 * (`data-kind="list"`) get one <li> per value; an empty value leaves the element empty, or shows
 * the label named by `data-empty-label` ("Valid indefinitely").
 * @param {ParentNode} root
 * @param {Record<string, string|string[]|null>} fields
 * @param {Record<string, Record<string, string>>} labels
 * @param {string} lang
 */
export function renderFields(root, fields, labels, lang) {
  for (const el of root.querySelectorAll('[data-field]')) {
    const key = el.dataset.field;
    if (!Object.hasOwn(fields, key)) continue;
    const value = fields[key];
    if (el.dataset.kind === 'list') {
      const values = Array.isArray(value) ? value : value ? [value] : [];
      el.replaceChildren(
        ...values.map((v) => {
          const li = el.ownerDocument.createElement('li');
          li.textContent = v;
          return li;
        }),
      );
      continue;
    }
    const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
    if (text === '' && el.dataset.emptyLabel) {
      el.textContent = labelText(labels, lang, el.dataset.emptyLabel) ?? '';
    } else {
      el.textContent = text;
    }
  }
}

/**
 * Clear from a container everything that the verified credential and the interface labels do
 * not account for, before the fields are rendered into it. A page copied to another host may carry
 * an extra paragraph ("also awarded: …") inside the credential's container, where it would stand
 * under the "verified" banner; after this, every text left in the container is a field the
 * script writes from the verified credential or a label it writes from the labels table.
 *
 * Kept: elements whose `data-field` names a field of `fields` (their content is rewritten), and
 * elements whose `data-label` names a label without a placeholder (their text is rewritten); the
 * elements that hold them. Removed: every other element, and every text outside a kept element (bar white space);
 * then elements of other kinds than the template's are unwrapped (a link around a field), and
 * attributes other than the template's removed.
 * @param {Element} root
 * @param {Record<string, unknown>} fields
 * @param {Record<string, Record<string, string>>} labels
 * @param {string} lang
 */
export function keepOnlyRendered(root, fields, labels, lang) {
  const kept = (el) =>
    (el.dataset.field !== undefined && Object.hasOwn(fields, el.dataset.field)) ||
    (el.dataset.label !== undefined && !/[{}]/.test(labelText(labels, lang, el.dataset.label) ?? '{'));
  const prune = (parent) => {
    for (const node of [...parent.childNodes]) {
      if (node.nodeType === 1) {
        if (kept(node)) continue;
        prune(node);
        if (node.children.length === 0) node.remove();
      } else if (node.nodeType !== 3 || node.textContent.trim() !== '') {
        node.remove();
      }
    }
  };
  prune(root);
  // What is left keeps only plain structure: no links, images or styles around a field, and no
  // attribute that puts text of the page's own into a label (data-label-issuer).
  for (const el of [...root.querySelectorAll('*')]) {
    if (!KEPT_TAGS.has(el.localName)) {
      el.replaceWith(...el.childNodes);
      continue;
    }
    for (const name of el.getAttributeNames()) if (!KEPT_ATTRIBUTES.has(name)) el.removeAttribute(name);
  }
}

// The elements and attributes of the credential's part of templates/credential.html.
const KEPT_TAGS = new Set(['p', 'span', 'strong', 'em', 'h1', 'h2', 'h3', 'h4', 'dl', 'dt', 'dd', 'div', 'ul', 'ol', 'li', 'section', 'br']);
const KEPT_ATTRIBUTES = new Set(['id', 'class', 'lang', 'hidden', 'aria-labelledby', 'data-field', 'data-label', 'data-kind', 'data-empty-label', 'data-trust']);
