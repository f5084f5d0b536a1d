/**
 * The limits a credential's JSON text must keep before anything expensive is done with it, and
 * a refusal of JSON with duplicate keys.
 *
 * Canonicalizing a credential costs time for every value in it, and jsonld.js compares each new
 * value of a property with all earlier ones, so a credential of thousands of list entries kept a
 * verifier busy for seconds to minutes (issue 11, item 7). Real credentials are tiny by comparison
 * (the largest example: 12.6 KB, 251 values, 6 levels, 20 list entries), so text far beyond them
 * is refused outright, with the reason. The numbers come from credsite/data/limits.json, which the
 * Python verifier reads too (credsite/base/credential_limits.py); esbuild embeds the file in the bundle.
 *
 * JSON.parse keeps the last of two equal keys in one object, while other readers may keep the
 * first, and a signature covers one reading only: so JSON with a duplicate key is refused, keys
 * compared after decoding their escapes ("a" and "\u0061" are the same key).
 *
 * Counting rules, the same in Python: every JSON value counts once (objects, arrays, strings,
 * numbers, true, false, null; keys are not values); depth counts nested objects and arrays, the
 * outer object being depth 1; bytes are the UTF-8 encoding of the text.
 */
import LIMITS_FILE from '../../../credsite/data/limits.json' with { type: 'json' };

/** @typedef {{maxCredentialBytes: number, maxJsonValues: number, maxJsonDepth: number, maxArrayLength: number}} Limits */

/** @type {Readonly<Limits>} */
export const LIMITS = Object.freeze({
  maxCredentialBytes: LIMITS_FILE.maxCredentialBytes,
  maxJsonValues: LIMITS_FILE.maxJsonValues,
  maxJsonDepth: LIMITS_FILE.maxJsonDepth,
  maxArrayLength: LIMITS_FILE.maxArrayLength,
});

/** Every code checkJsonText can return; each has an `input.<code>` message (messages.js). */
export const LIMIT_CODES = Object.freeze(['TOO_LARGE', 'TOO_DEEP', 'TOO_MANY_VALUES', 'ARRAY_TOO_LONG', 'DUPLICATE_KEY']);

/**
 * UTF-8 length of a string, stopping once it is known to exceed `max`.
 * @param {string} text
 * @param {number} max
 * @returns {number} the exact length, or a number above `max`
 */
export function utf8Length(text, max = Infinity) {
  if (text.length > max) return text.length; // every UTF-16 unit is at least one byte
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= max; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The first reason to refuse this JSON text, or null: checkJsonSize, then checkJsonStructure.
 * @param {string} text JSON that JSON.parse accepts
 * @param {Limits} [limits]
 * @returns {{code: string, params: Record<string, unknown>} | null}
 */
export function checkJsonText(text, limits = LIMITS) {
  return checkJsonSize(text, limits) ?? checkJsonStructure(text, limits);
}

/**
 * TOO_LARGE if the text's UTF-8 encoding exceeds the limit, else null. Cheap: check it before
 * JSON.parse.
 * @param {string} text
 * @param {Limits} [limits]
 */
export function checkJsonSize(text, limits = LIMITS) {
  const bytes = utf8Length(text, limits.maxCredentialBytes);
  if (bytes <= limits.maxCredentialBytes) return null;
  return refusal('TOO_LARGE', { max: megabytes(limits.maxCredentialBytes) });
}

/**
 * The first of TOO_DEEP, TOO_MANY_VALUES, ARRAY_TOO_LONG, DUPLICATE_KEY met in one pass over the
 * text, without recursion, or null. Meant for text JSON.parse has accepted (call it after
 * parsing, so that broken JSON is reported as such); on invalid JSON the answer is not defined.
 * @param {string} text
 * @param {Limits} [limits]
 */
export function checkJsonStructure(text, limits = LIMITS) {
  return scan(text, limits);
}

/** An open object or array while scanning. */
class Frame {
  /** @param {boolean} isObject */
  constructor(isObject) {
    this.isObject = isObject;
    this.keys = isObject ? new Set() : null;
    this.expectKey = isObject; // in an object: the next string is a key
    this.length = 0; // in an array: entries so far
  }
}

function scan(text, limits) {
  /** @type {Frame[]} */
  const stack = [];
  let values = 0;
  // Counts one value starting here, and its place in the enclosing array.
  const value = () => {
    values += 1;
    if (values > limits.maxJsonValues) return refusal('TOO_MANY_VALUES', { max: grouped(limits.maxJsonValues) });
    const top = stack[stack.length - 1];
    if (top && !top.isObject && ++top.length > limits.maxArrayLength) {
      return refusal('ARRAY_TOO_LONG', { max: grouped(limits.maxArrayLength) });
    }
    return null;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '{' || c === '[') {
      const problem = value();
      if (problem) return problem;
      stack.push(new Frame(c === '{'));
      if (stack.length > limits.maxJsonDepth) return refusal('TOO_DEEP', { max: grouped(limits.maxJsonDepth) });
      i += 1;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i += 1;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (top && top.isObject && top.expectKey) {
        const key = decodeKey(text, i, end);
        if (top.keys.has(key)) return refusal('DUPLICATE_KEY', { key: shown(key) });
        top.keys.add(key);
        top.expectKey = false;
      } else {
        const problem = value();
        if (problem) return problem;
      }
      i = end + 1;
    } else if (c === ',') {
      if (top && top.isObject) top.expectKey = true;
      i += 1;
    } else if (c === ':' || c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i += 1;
    } else {
      // A number, true, false or null: one value, up to the next delimiter.
      const problem = value();
      if (problem) return problem;
      i = literalEnd(text, i);
    }
  }
  return null;
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text, start) {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return text.length;
    let backslashes = 0;
    for (let j = quote - 1; j > start && text[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    i = quote + 1;
  }
}

/** The key as JSON.parse reads it: escapes decoded (only keys with a backslash need the work). */
function decodeKey(text, start, end) {
  const raw = text.slice(start + 1, end);
  return raw.includes('\\') ? JSON.parse(text.slice(start, end + 1)) : raw;
}

const DELIMITER = /[\s,:\]}]/g;

function literalEnd(text, start) {
  DELIMITER.lastIndex = start;
  const match = DELIMITER.exec(text);
  return match ? match.index : text.length;
}

function refusal(code, params) {
  return { code, params };
}

/** A key for a message: quoted, shortened if long. */
function shown(key) {
  const short = key.length > 60 ? `${key.slice(0, 57)}...` : key;
  return JSON.stringify(short);
}

/** 10000 as {en: '10,000', nl: '10.000'}. */
function grouped(n) {
  const digits = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return { en: digits, nl: digits.replace(/,/g, '.') };
}

/** A limit in bytes as {en: '2 MB', nl: '2 MB'} (1 MB = 1,048,576 bytes, as in Python's messages). */
function megabytes(bytes) {
  const text = `${Number((bytes / (1024 * 1024)).toFixed(2))} MB`;
  return { en: text, nl: text.replace('.', ',') };
}
