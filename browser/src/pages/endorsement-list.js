/**
 * The endorsements of a verified credential (the verifier's `result.endorsements`, see
 * ../verifier/endorsements.js), shown under the list of checks on the credential page and on
 * /verify/: one line each, with its own verdict's title and the verifier's sentence ("Endorsement
 * of the issuer by …: verified."). They are another organisation's statements, checked on their
 * own, so they stand apart from the checks and never beside the credential's verdict.
 *
 * DOM: a `<section id="endorsements" class="endorsements">` made after `#checks-details`, holding an
 * `<h3>`, a note and `<ul id="endorsement-list" class="checks">`; each `<li class="check-item
 * endorsement">` carries `data-state` (the endorsement's verdict), `data-where` and `data-about`,
 * and the outcome styling of the checks list (data-outcome). Hidden when there are none. Text only
 * through textContent.
 */
import { pageText } from './page-texts.js';
import { AUTHENTIC_STATES } from '../verifier/rulebook.js';

/** The checks list's look for an endorsement's verdict: verified passes, invalid fails. */
function outcomeOf(state) {
  if (state === 'verified') return 'passed';
  if (state === 'invalid') return 'failed';
  return AUTHENTIC_STATES.includes(state) ? 'warning' : 'not-checked';
}

function ensureSection(doc, anchor) {
  let section = doc.getElementById('endorsements');
  if (!section) {
    section = doc.createElement('section');
    section.id = 'endorsements';
    section.className = 'endorsements';
    const heading = doc.createElement('h3');
    heading.id = 'endorsements-title';
    section.setAttribute('aria-labelledby', heading.id);
    const note = doc.createElement('p');
    note.className = 'endorsements-note';
    const list = doc.createElement('ul');
    list.id = 'endorsement-list';
    list.className = 'checks';
    section.append(heading, note, list);
    anchor.after(section);
  }
  return section;
}

/**
 * Show `endorsements` after `anchor` (the checks' <details>), in `lang`; hide the section when
 * there are none.
 * @param {Element|null} anchor
 * @param {import('../verifier/endorsements.js').EndorsementResult[]} endorsements
 * @param {string} lang
 */
export function renderEndorsements(anchor, endorsements, lang) {
  if (!anchor) return;
  const doc = anchor.ownerDocument;
  const list = Array.isArray(endorsements) ? endorsements : [];
  if (list.length === 0 && !doc.getElementById('endorsements')) return;
  const section = ensureSection(doc, anchor);
  section.querySelector('h3').textContent = pageText(lang, 'endorsements-title');
  section.querySelector('.endorsements-note').textContent = pageText(lang, 'endorsements-note');
  section.querySelector('ul').replaceChildren(
    ...list.map((e) => {
      const li = doc.createElement('li');
      li.className = 'check-item endorsement';
      li.dataset.outcome = outcomeOf(e.state);
      li.dataset.state = String(e.state);
      li.dataset.where = String(e.where);
      li.dataset.about = String(e.about === true);
      const badge = doc.createElement('span');
      badge.className = 'check-outcome';
      badge.textContent = pageText(lang, `state.${e.state}`);
      const message = doc.createElement('span');
      message.className = 'check-message';
      message.textContent = (e.headline && (e.headline[lang] ?? e.headline.en)) || '';
      li.append(badge, ' ', message);
      return li;
    }),
  );
  section.hidden = list.length === 0;
}
