/**
 * The shape rules a credential must meet before its signature means anything to a reader:
 * VC Data Model 2.0 (§4) or 1.1 and Open Badges 3.0 (the @context order, the types), as summarised in
 * the project's standards brief (a), with the constants of the rulebook (credsite/data/verifier-rules.json,
 * `credential`), which the Python verifier reads too (credsite/standards/shape.py). They are checked on
 * the JSON itself and again on the signed view (the check signed-data).
 *
 * A credential is about exactly one subject, and an Open Badge's subject holds exactly one
 * achievement: the signature covers RDF statements, in which a JSON list has no order, so of two
 * subjects the holder can put either first, and a page that shows the first would show the one
 * the holder chose. On the signed view this also refuses a second subject or achievement written
 * under the property's full IRI (the view merges both spellings into one list).
 *
 * VC 1.1 names the validity dates issuanceDate and expirationDate (the rulebook's v11Dates): each
 * stands for its VC 2.0 name when that is absent. When both are present the VC 2.0 name wins and
 * the two must name the same instant (<NAME>_DISAGREES), since verifiers reading one name or the
 * other would judge the credential differently; each must be well-formed (<NAME>_MALFORMED), and a
 * credential whose first @context is the 1.1 one must have what 1.1 requires (<NAME>_MISSING).
 */
import { parseDateTime } from './dates.js';
import { OB_CONTEXT_PATTERN, RULES } from './rulebook.js';

export { OB_CONTEXT_PATTERN };
/** The first @context of a credential, mapped to the VC Data Model version it makes it. */
export const VC_CONTEXTS = Object.freeze({ ...RULES.credential.vcContexts });
/** The VC 2.0 context: the first @context of what credsite issues. */
export const VC_V2_CONTEXT = Object.keys(VC_CONTEXTS)[0];
const V11_DATES = Object.entries(RULES.credential.v11Dates);
const V11_REQUIRED = RULES.credential.v11Required;
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
 * A date problem's code: the property in capitals, then the fault (issuanceDate, MALFORMED:
 * ISSUANCE_DATE_MALFORMED), as the Python verifier writes it (shape.problem_code).
 * @param {string} name
 * @param {string} fault
 */
export function problemCode(name, fault) {
  return `${name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}_${fault}`;
}

/**
 * Check the credential's shape. Returns the problem codes in a fixed order (empty = well formed)
 * plus the parsed validity dates, so the caller does not parse them twice: `start` and `end` say
 * which property each was read from (validFrom, or its VC 1.1 name issuanceDate), its text and
 * its instant; `validFrom` and `validUntil` are those instants.
 * @param {any} credential
 * `notes` are schemaNotes: what the Open Badges schema, stricter than VC 2.0, would not allow.
 * @returns {{problems: string[], notes: {code: string, paths: string[]}[], openBadge: boolean, version: string|null, start: DateRead, end: DateRead, validFrom: number|null, validUntil: number|null}}
 * @typedef {{name: string, text: string|null, instant: number|null}} DateRead
 */
export function checkStructure(credential) {
  if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
    const none = (name) => ({ name, text: null, instant: null });
    return { problems: ['NOT_OBJECT'], notes: [], openBadge: false, version: null, start: none('validFrom'), end: none('validUntil'), validFrom: null, validUntil: null };
  }
  const problems = [];
  const openBadge = isOpenBadge(credential);
  const ctx = credential['@context'];
  const contexts = Array.isArray(ctx) ? ctx : typeof ctx === 'string' ? [ctx] : [];
  const version = typeof contexts[0] === 'string' && Object.hasOwn(VC_CONTEXTS, contexts[0]) ? VC_CONTEXTS[contexts[0]] : null;
  if (version === null) problems.push('CONTEXT_V2');
  if (openBadge && !(typeof contexts[1] === 'string' && OB_CONTEXT_PATTERN.test(contexts[1]))) problems.push('CONTEXT_OB');
  if (!typesOf(credential).includes(REQUIRED_TYPE)) problems.push('TYPE_VC');
  if (issuerIdOf(credential) === null) problems.push('ISSUER_MISSING');
  subjectProblems(credential.credentialSubject, openBadge, problems);
  if (version === '1.1') {
    for (const name of V11_REQUIRED) if (!Object.hasOwn(credential, name)) problems.push(problemCode(name, 'MISSING'));
  }
  const [start, end] = V11_DATES.map(([name, legacy]) => validityDate(credential, name, legacy, problems));
  if (start.instant !== null && end.instant !== null && end.instant < start.instant) problems.push('VALIDITY_ORDER');
  return { problems, notes: schemaNotes(credential, openBadge), openBadge, version, start, end, validFrom: start.instant, validUntil: end.instant };
}

/**
 * Where an Open Badges credential is stricter in the OB 3.0 JSON Schema than VC 2.0 allows
 * (shape.schema_notes in Python): VALUE_OBJECT with the properties, as dotted paths, written as
 * JSON-LD value objects (a text with its @language, @direction or @type, where the schema wants
 * plain text), and STATUS_LIST for credentialStatus written as a list, where the schema wants one
 * object. Both are signed and read correctly, so they are a warning, not a fault; none for a
 * credential that is not an Open Badge.
 * @param {object} credential
 * @param {boolean} openBadge
 * @returns {{code: 'VALUE_OBJECT'|'STATUS_LIST', paths: string[]}[]}
 */
export function schemaNotes(credential, openBadge) {
  if (!openBadge) return [];
  const notes = [];
  const paths = valueObjectPaths(credential);
  if (paths.length > 0) notes.push({ code: 'VALUE_OBJECT', paths });
  if (Array.isArray(credential.credentialStatus)) notes.push({ code: 'STATUS_LIST', paths: [] });
  return notes;
}

/**
 * The dotted paths (list positions left out) of the properties holding an object with `keyword`
 * (@value: a JSON-LD value object), @context and proof not entered, sorted by code point as
 * Python sorts; without recursion, as the document's depth is not ours to choose
 * (shape.value_object_paths).
 * @param {object} credential
 * @param {string} [keyword]
 * @returns {string[]}
 */
export function valueObjectPaths(credential, keyword = '@value') {
  const found = new Set();
  const stack = [[credential, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, path]);
    } else if (value && typeof value === 'object') {
      if (Object.hasOwn(value, keyword) && path) found.add(path);
      if (Object.hasOwn(value, '@value')) continue;
      for (const [key, item] of Object.entries(value)) {
        if (key !== '@context' && key !== 'proof') stack.push([item, path ? `${path}.${key}` : key]);
      }
    }
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * What the credential writes that its Data Integrity signature does not cover (shape.unsigned_notes):
 * DIRECTION, a text's writing direction (@direction: RDFC-1.0 over JSON-LD's RDF, with rdfDirection
 * unset as the VC 2.0 suites leave it, keeps the text and its language and drops the direction, in
 * jsonld.js and pyld alike), and INDEX (@index, which JSON-LD's RDF has no place for).
 * @param {object} credential
 * @returns {{code: 'DIRECTION'|'INDEX', paths: string[]}[]}
 */
export function unsignedNotes(credential) {
  const notes = [];
  for (const [code, keyword] of [['DIRECTION', '@direction'], ['INDEX', '@index']]) {
    const paths = valueObjectPaths(credential, keyword);
    if (paths.length > 0) notes.push({ code, paths });
  }
  return notes;
}

/**
 * The date under `name` (VC 2.0), else under its VC 1.1 name `legacy`; adds the problems of both
 * spellings: each present one well-formed, and both, when present, one instant. Also how a status
 * list's dates are read (status.js).
 * @param {object} credential
 * @param {string} name
 * @param {string} legacy
 * @param {string[]} problems added to
 * @returns {DateRead}
 */
export function validityDate(credential, name, legacy, problems) {
  const found = new Map();
  for (const key of [name, legacy]) if (Object.hasOwn(credential, key)) found.set(key, parseDateTime(credential[key]));
  for (const [key, at] of found) if (at === null) problems.push(problemCode(key, 'MALFORMED'));
  const [own, old] = [found.get(name) ?? null, found.get(legacy) ?? null];
  if (own !== null && old !== null && own !== old) problems.push(problemCode(legacy, 'DISAGREES'));
  const used = found.has(name) || !found.has(legacy) ? name : legacy;
  const text = credential[used];
  return { name: used, text: typeof text === 'string' ? text : null, instant: found.get(used) ?? null };
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
