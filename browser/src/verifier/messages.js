/**
 * The verifier's sentences (message-table.js, both languages), written out when they are read.
 *
 * text(key, params) records a message's key and parameters in a text whose `nl` and `en` are filled
 * in when read. A result's texts look and serialise as {nl, en} pairs (JSON.stringify,
 * structuredClone and assert.deepEqual see two strings), but nothing needs a language's templates
 * until that language is read. That lets a page carry the templates of its own language only, and
 * only the groups its result needs (message-groups.js): the page scripts carry no table
 * (build.mjs replaces message-table.js there by `MESSAGES = null`) and register the templates they
 * load (registerMessages, from src/pages/page-language.js). In Node and in the library bundle the
 * whole table is here, and every text reads in both languages at any time.
 */
import { MESSAGES } from './message-table.js';

/** @typedef {{nl: string, en: string}} Text */

export { MESSAGES };

/** The languages every message is written in. */
export const LANGUAGES = Object.freeze(['nl', 'en']);

/** Templates a page registered: lang -> {key: template}. */
const registered = new Map(LANGUAGES.map((lang) => [lang, new Map()]));

/** What each text was made of, for messageKeys: {key, params} of a message, or {parts} of a join. */
const SOURCES = new WeakMap();

/**
 * Add templates of one language (a page does, for the groups it loads).
 * @param {string} lang
 * @param {Record<string, string>} table key -> template
 */
export function registerMessages(lang, table) {
  const known = registered.get(lang);
  if (!known) throw new Error(`no messages are written in ${lang}`);
  for (const [key, template] of Object.entries(table)) known.set(key, template);
}

function templateOf(key, lang) {
  return registered.get(lang).get(key) ?? (MESSAGES ? MESSAGES[key]?.[lang] : undefined);
}

/** A text whose languages are written by `write(lang)` when read; `source` is what messageKeys sees. */
function lazyText(write, source) {
  const out = {};
  for (const lang of LANGUAGES) Object.defineProperty(out, lang, { get: () => write(lang), enumerable: true });
  SOURCES.set(out, source);
  return out;
}

/**
 * `template` with its {placeholders} filled in `lang`; undefined when a parameter is a text not
 * written in `lang` yet. A parameter that is neither a text nor a string is written as it is.
 */
function fill(template, params, lang) {
  let missing = false;
  const out = template.replace(/\{(\w+)\}/g, (whole, name) => {
    const v = params[name];
    if (v === undefined || v === null) return '?';
    if (typeof v !== 'object') return String(v);
    const written = v[lang];
    if (written === undefined && SOURCES.has(v)) missing = true;
    return String(written);
  });
  return missing ? undefined : out;
}

/**
 * A message in both languages, with {placeholders} filled when read. A parameter may itself be a
 * {nl, en} pair (a nested reason, another text), which is filled in per language. Reading a
 * language gives undefined where its template is not at hand (a page that has not loaded it), or
 * `fallback` as it is, when given: for a key the table may not have.
 * @param {string} key
 * @param {Record<string, string|number|Text|null|undefined>} [params]
 * @param {{fallback?: string}} [options]
 * @returns {Text}
 */
export function text(key, params = {}, options = {}) {
  if (MESSAGES && !MESSAGES[key] && options.fallback === undefined) throw new Error(`no message for ${key}`);
  return lazyText(
    (lang) => {
      const template = templateOf(key, lang);
      return template === undefined ? options.fallback : fill(template, params, lang);
    },
    { key, params },
  );
}

/**
 * Join several {nl, en} fragments with a separator, per language.
 * @param {Text[]} parts
 * @param {string} [separator]
 * @returns {Text}
 */
export function joinTexts(parts, separator = '; ') {
  return lazyText((lang) => {
    const written = parts.map((p) => p[lang]);
    return written.includes(undefined) ? undefined : written.join(separator);
  }, { parts });
}

/**
 * A text made from another one per language by `change` (a string -> string function).
 * @param {Text} from
 * @param {(written: string) => string} change
 * @returns {Text}
 */
export function mapText(from, change) {
  return lazyText((lang) => {
    const written = from[lang];
    return written === undefined ? undefined : change(written);
  }, { parts: [from] });
}

/**
 * The message keys the texts in `value` (a result, a list of checks, a text) are made of, nested
 * ones included: the templates a page must have to show it.
 * @param {unknown} value
 * @returns {Set<string>}
 */
export function messageKeys(value) {
  const keys = new Set();
  const seen = new Set();
  const walk = (v) => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const source = SOURCES.get(v);
    if (source) {
      if (source.key !== undefined) keys.add(source.key);
      walk(source.params);
      walk(source.parts);
      return;
    }
    for (const inner of Array.isArray(v) ? v : Object.values(v)) walk(inner);
  };
  walk(value);
  return keys;
}

/**
 * A human date for messages: "2025-01-31 12:00 UTC". Deliberately not locale-formatted, so the
 * same credential gives the same text everywhere; the page can format `detail` dates itself.
 * @param {number} ms
 * @returns {string}
 */
export function humanDate(ms) {
  const iso = new Date(ms).toISOString();
  const t = iso.indexOf('T'); // years beyond 0-9999 are written with a sign and six digits
  return `${iso.slice(0, t)} ${iso.slice(t + 1, t + 6)} UTC`;
}
