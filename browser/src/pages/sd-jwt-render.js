/**
 * The content of a verified SD-JWT VC on /verify/: its claims with every Disclosure in place, as
 * the verifier returns them (result.credential, result.format 'sd-jwt-vc'). An EU Learning
 * Credential (vct urn:eu.europa.ec.eudi:learning:credential:1, the EUDI issuer's claim names) is
 * shown as a credential: its title, learner, issuing authority, dates, grade, outcomes; every other
 * claim follows in a list under its own name, so that nothing the issuer signed is hidden, whatever
 * the credential's type. Built with createElement/textContent only.
 */

const TEXTS = {
  nl: { type: 'Soort credential (vct)', claims: 'Alle gegevens', learner: 'Identificatie van de lerende', issuedAt: 'Uitgegeven (iat)' },
  en: { type: 'Kind of credential (vct)', claims: 'All claims', learner: "Learner's identification", issuedAt: 'Issued (iat)' },
};

/** The claims the credential part shows in its own place (and the JWT claims a reader needs not see). */
const SHOWN = new Set([
  'achievement_title', 'achievement_description', 'given_name', 'family_name', 'issuing_authority', 'issuing_country',
  'date_of_issuance', 'date_of_expiry', 'assessment_grade', 'level_of_learning_experience', 'expected_study_time',
  'learning_outcomes', 'language_of_classes', 'form_of_participation', 'types_of_quality_assurance',
  'prerequisites_to_enroll', 'integration_stackability_options', 'learner_identification', 'vct', 'iss',
]);
const HIDDEN = new Set(['cnf', 'status', '_sd_alg', 'vct#integrity']);

function el(tag, className, value) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (value !== undefined && value !== null) node.textContent = value;
  return node;
}

/** A claim as text: strings as they are, numbers and yes/no as written, anything else as JSON. */
export function claimText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function list(value) {
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== null && v !== undefined).map(claimText);
}

function pair(term, value) {
  if (value && typeof value === 'object' && typeof value.nodeType === 'number') {
    const dd = el('dd');
    dd.append(value);
    return [el('dt', null, term), dd];
  }
  const shown = Array.isArray(value) ? list(value) : claimText(value);
  if (shown === '' || (Array.isArray(shown) && shown.length === 0)) return [];
  const dd = el('dd');
  if (Array.isArray(shown)) {
    const ul = el('ul');
    for (const v of shown) ul.append(el('li', null, v));
    dd.append(ul);
  } else {
    dd.append(typeof value === 'object' && value !== null ? el('code', null, shown) : shown);
  }
  return [el('dt', null, term), dd];
}

function row(term, value) {
  const found = pair(term, value);
  if (found.length === 0) return null;
  const div = el('div');
  div.append(...found);
  return div;
}

function seconds(value) {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e12 ? new Date(Math.floor(value * 1000)).toISOString().slice(0, 10) : null;
}

/**
 * The headline facts of the claims: title, learner, issuer, dates (the page's labels).
 * @param {object} claims
 */
export function sdJwtFields(claims) {
  const name = [claims.given_name, claims.family_name].filter((v) => typeof v === 'string' && v).join(' ');
  return {
    title: claimText(claims.achievement_title ?? claims.title ?? claims.name ?? claims.vct),
    learner: name || (typeof claims.name === 'string' && claims.achievement_title ? claims.name : ''),
    issuer: [claims.issuing_authority, claims.issuing_country].filter((v) => typeof v === 'string' && v).join(', '),
    issuedOn: claimText(claims.date_of_issuance) || seconds(claims.iat),
    validUntil: claimText(claims.date_of_expiry) || seconds(claims.exp),
  };
}

/**
 * Fill `article` with a verified SD-JWT VC's claims.
 * @param {HTMLElement} article
 * @param {object} claims result.credential
 * @param {{lang: string, label: (key: string) => string, issuerId: string|null}} page
 */
export function renderSdJwtCredential(article, claims, page) {
  const { lang, label, issuerId } = page;
  const t = TEXTS[lang] || TEXTS.en;
  const f = sdJwtFields(claims);
  article.append(el('p', 'trust-note', label('verified_note')));
  article.append(el('p', 'eyebrow', label('credential_heading')));
  article.append(el('h3', 'credential-name', f.title));
  if (f.learner) {
    const recipient = el('p', 'recipient');
    recipient.append(el('span', null, label('awarded_to')), ' ', el('strong', null, f.learner));
    article.append(recipient);
  }
  if (typeof claims.achievement_description === 'string') article.append(el('p', 'lead', claims.achievement_description));
  const facts = el('dl', 'facts facts-large');
  const issuer = el('span');
  issuer.append(f.issuer || '—', ' ', el('span', 'issuer-vouch', `(${issuerId ?? '—'})`));
  const rows = [
    row(label('issued_by'), issuer),
    row(label('issued_on'), f.issuedOn),
    row(label('valid_until'), f.validUntil || label('valid_indefinitely')),
    row(label('study_load'), claims.expected_study_time),
    row(label('level'), claims.level_of_learning_experience),
    row(label('grade'), claims.assessment_grade),
  ];
  facts.append(...rows.filter(Boolean));
  article.append(facts);
  const outcomes = list(claims.learning_outcomes ?? []);
  if (outcomes.length) {
    article.append(el('h4', null, label('learning_outcomes')));
    const ul = el('ul');
    for (const o of outcomes) ul.append(el('li', null, o));
    article.append(ul);
  }
  const details = el('dl', 'details');
  details.append(
    ...pair(label('participation'), claims.form_of_participation),
    ...pair(label('language_of_instruction'), claims.language_of_classes),
    ...pair(label('quality_assurance'), claims.types_of_quality_assurance),
    ...pair(label('stackability'), claims.integration_stackability_options),
    ...pair(label('prerequisites'), claims.prerequisites_to_enroll),
    ...pair(t.learner, claims.learner_identification),
    ...pair(t.type, claims.vct),
  );
  article.append(details);
  const rest = Object.keys(claims).filter((k) => !SHOWN.has(k) && !HIDDEN.has(k));
  if (rest.length) {
    article.append(el('h4', null, t.claims));
    const all = el('dl', 'details sd-jwt-claims');
    for (const key of rest) all.append(...pair(key === 'iat' ? t.issuedAt : key, key === 'iat' ? seconds(claims.iat) : claims[key]));
    article.append(all);
  }
}
