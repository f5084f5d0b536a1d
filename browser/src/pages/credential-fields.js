/**
 * The displayed fields of a credential, keyed as the credential page's `data-field` attributes.
 *
 * This is the JavaScript counterpart of `credential_fields()` in credsite/build/credential_pages.py:
 * the same keys, read from the same places, with dates formatted the same way ("1 juli 2026",
 * "1 July 2026", the UTC calendar day). The page script calls it on the VERIFIED credential and
 * writes the result over the static HTML, so that what the page shows as verified comes from the
 * signed data; a browser test checks that both sides give the same text for every example.
 *
 * The signature covers the RDF graph, not the JSON text, so anyone may re-shape a signed value
 * (`"x"` → `["x"]` → `{"@value": "x"}`) without breaking it. For the shapes credsite writes
 * (plain strings, arrays of objects) this gives exactly what Python gives; for other shapes it
 * reads the value the way JSON-LD means it (a one-element array or an `@value` object is the value
 * itself) where Python would print a list or dict, and it never shows "None" for a JSON null.
 */

export const MONTHS = Object.freeze({
  nl: Object.freeze(['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']),
  en: Object.freeze(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']),
});

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A JSON object (not an array, not null). */
function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value as a list: an array as it is, one object as a list of one, anything else as empty. */
function asList(value) {
  if (Array.isArray(value)) return value;
  return isObject(value) ? [value] : [];
}

/** The first object of a value that may be one object or an array of them. */
function firstObject(value) {
  const found = asList(value).find(isObject);
  return found === undefined ? null : found;
}

/**
 * One displayable text from a JSON-LD value, or null: a string, a finite number, an `@value`
 * object or a one-element array of those.
 * @param {unknown} value
 * @returns {string|null}
 */
export function textOf(value) {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.length === 1 ? textOf(value[0]) : null;
  if (isObject(value) && '@value' in value) return textOf(value['@value']);
  return null;
}

/** Python's `a or b` for two texts: the first non-empty one, else the last. */
function orText(a, b) {
  return a ? a : b;
}

/**
 * A credential date-time (RFC 3339 with a time zone) as a day in words, in UTC:
 * "1 juli 2026" (nl), "1 July 2026" (en). Null for anything that is not such a date-time.
 * @param {unknown} value
 * @param {string} lang
 * @returns {string|null}
 */
export function formatDate(value, lang) {
  if (typeof value !== 'string') return null;
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1 || month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null; // 31 February
  let ms = probe.getTime() + ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000;
  if (frac) ms += Math.floor(Number(`0${frac}`) * 1000);
  if (tz !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const tzh = Number(tz.slice(1, 3));
    const tzm = Number(tz.slice(4, 6));
    if (tzh > 23 || tzm > 59) return null;
    ms -= sign * (tzh * 60 + tzm) * 60000;
  }
  const utc = new Date(ms);
  const utcYear = utc.getUTCFullYear();
  if (!Number.isFinite(ms) || utcYear < 1 || utcYear > 9999) return null;
  const months = MONTHS[lang] || MONTHS.en;
  return `${utc.getUTCDate()} ${months[utc.getUTCMonth()]} ${utcYear}`;
}

/**
 * The web host a did:web names, as people know it (with its port, if any): the counterpart of
 * credsite.base.urls.did_web_host.
 * @param {string} did
 * @returns {string}
 */
export function didWebHost(did) {
  return did.slice('did:web:'.length).split(':')[0].replace(/%3A/gi, ':');
}

/**
 * The web address a did:web names, host and path (`org.github.io/evil`), as
 * credential_pages.issuer_domain shows it: the whole of it, because anyone who can publish under
 * a path of a shared host can make a DID there, and the host alone would pass it off as the
 * host's owner.
 * @param {string} did
 * @returns {string}
 */
export function didWebAddress(did) {
  const path = did.slice('did:web:'.length).split(':').slice(1);
  return [didWebHost(did), ...path.map(decodeSegment)].join('/');
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The web address that vouches for the issuer's key: the did:web host and path
 * (credential_pages.issuer_domain). A profile `url` is only the issuer's own claim, so it is
 * never shown as the domain; the /verify/ page shows where the key came from instead (see
 * issuerKeyHost in page-fetch.js).
 * @param {unknown} issuerId
 * @returns {string|null}
 */
export function issuerDomain(issuerId) {
  if (typeof issuerId === 'string' && issuerId.startsWith('did:web:')) return didWebAddress(issuerId);
  return null;
}

function alignments(achievement, kind) {
  return asList(achievement.alignment).filter((a) => isObject(a) && a.targetType === `ext:${kind}`);
}

function nameOf(subject) {
  for (const identity of asList(subject.identifier)) {
    if (isObject(identity) && identity.identityType === 'name' && !identity.hashed) {
      return textOf(identity.identityHash) ?? '';
    }
  }
  return '';
}

/**
 * The displayed fields of a credential (see the module comment). Values are strings, arrays of
 * strings (outcomes, assessment, participation, language) or null when absent.
 * @param {object} document the (verified) credential
 * @param {string} lang 'nl' | 'en', for dates
 * @returns {Record<string, string|string[]|null>}
 */
export function credentialFields(document, lang) {
  const doc = isObject(document) ? document : {};
  const subject = firstObject(doc.credentialSubject) || {};
  const achievement = firstObject(subject.achievement) || {};
  const issuer = isObject(doc.issuer) ? doc.issuer : { id: doc.issuer };
  const first = (kind) => alignments(achievement, kind)[0] || null;
  const names = (kind) => alignments(achievement, kind).map((a) => textOf(a.targetName) ?? '');
  const single = (kind) => textOf((first(kind) || {}).targetName);
  const qa = first('QualityAssurance') || {};
  const stack = first('Stackability') || {};
  const prerequisites = first('Prerequisites') || {};
  const result = asList(subject.result)[0];
  const evidence = asList(doc.evidence)[0];
  const criteria = isObject(achievement.criteria) ? achievement.criteria : {};
  const stackParts = [textOf(stack.targetName), textOf(stack.targetDescription)].filter((p) => p);
  return {
    name: orText(textOf(doc.name), textOf(achievement.name)),
    recipient: nameOf(subject),
    description: textOf(achievement.description),
    'issuer-name': textOf(issuer.name),
    'issuer-domain': issuerDomain(issuer.id),
    'valid-from': formatDate(doc.validFrom, lang),
    'valid-until': doc.validUntil ? formatDate(doc.validUntil, lang) : null,
    'study-load': single('StudyLoad'),
    eqf: single('EQFLevel'),
    nlqf: single('NLQFLevel'),
    outcomes: names('LearningOutcome'),
    assessment: names('AssessmentType'),
    supervision: single('AssessmentSupervision'),
    'identity-check': single('IdentityVerification'),
    participation: names('ParticipationForm'),
    'quality-assurance': textOf(qa.targetName),
    'quality-assurance-url': textOf(qa.targetUrl),
    grade: isObject(result) ? textOf(result.value) : null,
    stackability: stackParts.length ? stackParts.join(' — ') : null,
    prerequisites: textOf(prerequisites.targetDescription),
    language: names('LanguageOfInstruction'),
    field: textOf(achievement.fieldOfStudy),
    'course-code': textOf(achievement.humanCode),
    criteria: textOf(criteria.narrative),
    narrative: textOf(subject.narrative),
    evidence: isObject(evidence) ? textOf(evidence.id) : null,
  };
}
