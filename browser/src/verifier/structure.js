/**
 * The shape rules a credential must meet before its signature means anything to a reader:
 * VC Data Model 2.0 (§4) and Open Badges 3.0 (the @context order, the types), as summarised in
 * the project's standards brief (a), with the constants of the rulebook (credsite/data/verifier-rules.json,
 * `credential`), which the Python verifier reads too (credsite/standards/shape.py). They are checked on
 * the JSON itself and again on the signed view (the check signed-data).
 *
 * A credential is about exactly one subject, and an Open Badge's subject holds exactly one
 * achievement: the signature covers RDF statements, in which a JSON list has no order, so of two
 * subjects the holder can put either first, and a page that shows the first would show the one
 * the holder chose. On the signed view this also refuses a second subject or achievement written
 * under the property's full IRI (the view merges both spellings into one list).
 */
import { parseDateTime } from './dates.js';
import { OB_CONTEXT_PATTERN, RULES } from './rulebook.js';

export { OB_CONTEXT_PATTERN };
export const VC_V2_CONTEXT = RULES.credential.vcContext;
const OB_TYPES = RULES.credential.openBadgeTypes;
const REQUIRED_TYPE = RULES.credential.requiredType;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;

/**
 * The `type` values of a JSON-LD node as an array of strings (a single string is allowed).
 * @param {any} node
 * @returns {string[]}
 */
export function typesOf(node) {
  if (!node || typeof node !== 'object') return [];
  const t = node.type;
  if (typeof t === 'string') return [t];
  return Array.isArray(t) ? t.filter((x) => typeof x === 'string') : [];
}

/**
 * The issuer's identifier: `issuer` is a URI string or a Profile object with `id`.
 * @param {any} credential
 * @returns {string|null}
 */
export function issuerIdOf(credential) {
  if (!credential || typeof credential !== 'object') return null;
  const issuer = credential.issuer;
  const id = typeof issuer === 'string' ? issuer : issuer && typeof issuer === 'object' && !Array.isArray(issuer) ? issuer.id : null;
  return typeof id === 'string' && ABSOLUTE_URI.test(id) ? id : null;
}

/**
 * Whether the credential claims to be an Open Badge (so OB rules apply).
 * @param {any} credential
 * @returns {boolean}
 */
export function isOpenBadge(credential) {
  return typesOf(credential).some((t) => OB_TYPES.includes(t));
}

/**
 * Check the credential's shape. Returns the problem codes in a fixed order (empty = well formed)
 * plus the parsed validity dates, so the caller does not parse them twice.
 * @param {any} credential
 * @returns {{problems: string[], openBadge: boolean, validFrom: number|null, validUntil: number|null}}
 */
export function checkStructure(credential) {
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
    return { problems: ['NOT_OBJECT'], openBadge: false, validFrom: null, validUntil: null };
  }
  const problems = [];
  const openBadge = isOpenBadge(credential);
  const ctx = credential['@context'];
  const contexts = Array.isArray(ctx) ? ctx : typeof ctx === 'string' ? [ctx] : [];
  if (contexts[0] !== VC_V2_CONTEXT) problems.push('CONTEXT_V2');
  if (openBadge && !(typeof contexts[1] === 'string' && OB_CONTEXT_PATTERN.test(contexts[1]))) problems.push('CONTEXT_OB');
  if (!typesOf(credential).includes(REQUIRED_TYPE)) problems.push('TYPE_VC');
  if (issuerIdOf(credential) === null) problems.push('ISSUER_MISSING');
  subjectProblems(credential.credentialSubject, openBadge, problems);
  const validFrom = credential.validFrom === undefined ? null : parseDateTime(credential.validFrom);
  const validUntil = credential.validUntil === undefined ? null : parseDateTime(credential.validUntil);
  if (credential.validFrom !== undefined && validFrom === null) problems.push('VALID_FROM_MALFORMED');
  if (credential.validUntil !== undefined && validUntil === null) problems.push('VALID_UNTIL_MALFORMED');
  if (validFrom !== null && validUntil !== null && validUntil < validFrom) problems.push('VALIDITY_ORDER');
  return { problems, openBadge, validFrom, validUntil };
}

/**
 * One subject object (a list of one reads the same in JSON-LD), and for an Open Badge one
 * achievement object in it: of several, a reader cannot tell which one the issuer meant.
 * @param {any} subject
 * @param {boolean} openBadge
 * @param {string[]} problems added to
 */
function subjectProblems(subject, openBadge, problems) {
  const subjects = Array.isArray(subject) ? subject : [subject];
  if (subjects.length === 0 || !subjects.every(isObject)) problems.push('SUBJECT_MISSING');
  else if (subjects.length > 1) problems.push('SUBJECT_MULTIPLE');
  else if (openBadge && oneObject(subjects[0].achievement) === null) problems.push('ACHIEVEMENT_NOT_ONE');
}

/**
 * The object a property holds, written alone or as a list of one; null for anything else.
 * @param {any} value
 * @returns {object|null}
 */
function oneObject(value) {
  const one = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return isObject(one) ? one : null;
}

/** @param {any} value */
function isObject(value) {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}
