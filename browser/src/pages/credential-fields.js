/**
 * The displayed fields of a credential, keyed as the credential page's `data-field` attributes.
 *
 * Which fields, in which order, and where each is read in the credential is the rule file
 * credsite/data/credential-fields.json: a path of properties (with fallbacks), an alignment kind
 * (its first or every entry), or a named computation. This module interprets it in the browser, and
 * `credential_fields()` in credsite/build/credential_fields.py interprets the same file for the
 * static HTML: the same keys, read from the same places, with dates formatted the same way
 * ("1 juli 2026", "1 July 2026", the UTC calendar day). The page script calls it on the VERIFIED
 * credential and writes the result over the static HTML, so that what the page shows as verified
 * comes from the signed data; a test checks that both sides give the same text for every example,
 * with the shipped rules and with fields added to them.
 *
 * The signature covers the RDF graph, not the JSON text, so anyone may re-shape a signed value
 * (`"x"` → `["x"]` → `{"@value": "x"}`) without breaking it. A text is therefore read the way
 * JSON-LD means it (`textOf`: a one-element array or an `@value` object is the value itself), and a
 * JSON null is no text. Python reads texts by the same rule (credential_fields.text_of).
 */
import FIELD_RULES from '../../../credsite/data/credential-fields.json' with { type: 'json' };

/** @typedef {string|number} Step a property name, or the position of an object in a list */
/** @typedef {{path: Step[]} | {alignment: string, property: string}} Source */
/**
 * @typedef {{key: string, kind: 'text'|'list'|'date', from?: Source[], join?: Source[], separator?: string,
 *   computed?: string, inTemplate?: boolean}} FieldRule
 */
/** @typedef {{alignments: Step[], fields: FieldRule[]}} FieldRules */

/** The rules of credsite/data/credential-fields.json. @type {FieldRules} */
export const RULES = FIELD_RULES;

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

/**
 * The value at a path (see credential-fields.json): a name reads an object's own property, a
 * number n the n-th object of a list (a lone object is a list of one); undefined where the path
 * leads nowhere.
 * @param {unknown} document
 * @param {Step[]} path
 */
export function valueAt(document, path) {
  let value = document;
  for (const step of path) {
    if (typeof step === 'number') value = asList(value).filter(isObject)[step];
    else value = isObject(value) && Object.hasOwn(value, step) ? value[step] : undefined;
  }
  return value;
}

/** The entries of a list value: a single value is a list of one, none is empty. */
function entries(value) {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** Python's falsiness for a field's value: null, '' and []. */
function isEmpty(value) {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
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
 * credential_fields.issuer_domain shows it: the whole of it, because anyone who can publish under
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
 * (credential_fields.issuer_domain). A profile `url` is only the issuer's own claim, so it is
 * never shown as the domain; the /verify/ page shows where the key came from instead (see
 * issuerKeyHost in page-fetch.js).
 * @param {unknown} issuerId
 * @returns {string|null}
 */
export function issuerDomain(issuerId) {
  if (typeof issuerId === 'string' && issuerId.startsWith('did:web:')) return didWebAddress(issuerId);
  return null;
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
 * The computed fields, by the names credential-fields.json gives them (Python has the same, in
 * credsite/build/credential_fields.py: COMPUTED).
 * @type {Readonly<Record<string, (document: object, lang: string) => string|string[]|null>>}
 */
export const COMPUTED = Object.freeze({
  'recipient-name': (doc) => nameOf(valueAt(doc, ['credentialSubject', 0]) || {}),
  'issuer-web-address': (doc) => issuerDomain(isObject(doc.issuer) ? doc.issuer.id : doc.issuer),
});

/** One credential, read source by source. */
function reader(doc, rules, lang) {
  const alignments = asList(valueAt(doc, rules.alignments)).filter(isObject);
  /** The raw values a source names: an alignment kind's property, entry by entry; a path's value as a list of one. */
  function raw(source) {
    if (source.path) return [valueAt(doc, source.path)];
    return alignments.filter((a) => a.targetType === source.alignment).map((a) => (Object.hasOwn(a, source.property) ? a[source.property] : undefined));
  }
  function read(source, kind) {
    const values = raw(source);
    if (kind === 'list') return (source.path ? entries(values[0]) : values).map((item) => textOf(item) ?? '');
    if (kind === 'date') return formatDate(values[0], lang);
    if (kind === 'text') return textOf(values[0]);
    throw new Error(`credential-fields.json: unknown kind ${kind}`);
  }
  function field(rule) {
    if (rule.computed !== undefined) {
      if (!Object.hasOwn(COMPUTED, rule.computed)) throw new Error(`credential-fields.json: no computation named ${rule.computed}`);
      return COMPUTED[rule.computed](doc, lang);
    }
    if (rule.join) {
      const texts = rule.join.map((part) => read(part, 'text')).filter((t) => t);
      return texts.length ? texts.join(rule.separator) : null;
    }
    let value = null;
    for (const source of rule.from) {
      value = read(source, rule.kind);
      if (!isEmpty(value)) break;
    }
    return value;
  }
  return field;
}

/**
 * The displayed fields of a credential (see the module comment). Values are strings, arrays of
 * strings (list fields: outcomes, assessment, participation, language) or null when absent.
 * @param {object} document the (verified) credential
 * @param {string} lang 'nl' | 'en', for dates
 * @param {FieldRules} [rules] the rules (default: credsite/data/credential-fields.json)
 * @returns {Record<string, string|string[]|null>}
 */
export function credentialFields(document, lang, rules = RULES) {
  const field = reader(isObject(document) ? document : {}, rules, lang);
  return Object.fromEntries(rules.fields.map((rule) => [rule.key, field(rule)]));
}
