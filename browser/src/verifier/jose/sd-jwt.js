/**
 * The SD-JWT format (RFC 9901): splitting an SD-JWT into its issuer-signed JWT, Disclosures and
 * Key Binding JWT, and processing the Disclosures into the claims the issuer signed (section 7.1).
 *
 * Every rule of section 7.1 is applied and each refusal has its code: a Disclosure is a base64url
 * JSON array of salt, claim name and value (an object property) or of salt and value (an array
 * element), whose digest (`_sd_alg`, default sha-256, over its base64url text) must appear in the
 * signed payload or in another used Disclosure exactly once; no digest may appear twice (even a
 * decoy); no Disclosure may go unused; a Disclosure may not name `_sd` or `...` nor a claim already
 * present beside it. SD-JWT VC adds that iss, nbf, exp, cnf, vct, vct#integrity and status are
 * never selectively disclosed, nor anything inside them.
 *
 * @sd-jwt/decode splits the text (splitSdJwt); the rest is ours, because its unpacking accepts
 * unused Disclosures, reserved claim names and repeated digests without a word, and decodes
 * base64url leniently (the Python verifier would refuse what it accepts). The Python twin is
 * credsite/standards/jose/sd_jwt.py, step for step.
 */
import { splitSdJwt } from '@sd-jwt/decode';
import { strictBase64url } from '../jwk.js';
import { checkJsonText } from '../limits.js';
import { base64urlEncode } from '../base64url.js';

/** The digest algorithms (IANA "Named Information Hash Algorithm" names) and their WebCrypto names. */
export const HASHES = Object.freeze({ 'sha-256': 'SHA-256', 'sha-384': 'SHA-384', 'sha-512': 'SHA-512' });
/** SD-JWT VC: claims that are never selectively disclosed (nor anything within them). */
export const PROTECTED_CLAIMS = Object.freeze(['iss', 'nbf', 'exp', 'cnf', 'vct', 'vct#integrity', 'status']);

/** A refusal: `kind` 'format' (structure) or 'disclosure' (signed-data), a code and its parameters. */
export class SdJwtError extends Error {
  constructor(kind, code, params = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'SdJwtError';
    this.kind = kind;
    this.code = code;
    this.params = params;
  }
}

const formatError = (code, params) => new SdJwtError('format', code, params);
const disclosureError = (code, params) => new SdJwtError('disclosure', code, params);

export { looksLikeSdJwt } from './sd-jwt-text.js';

/**
 * The parts of an SD-JWT.
 * @param {string} text
 * @returns {{jwt: object, payload: object, disclosures: string[], decoded: unknown[][], kbJwt: object|null, presentation: string}}
 * @throws {SdJwtError} kind 'format'
 */
export function parseSdJwt(text) {
  const trimmed = text.trim();
  if (!trimmed.includes('~')) throw formatError('NOT_SD_JWT');
  const { jwt: first, disclosures, kbJwt } = splitSdJwt(trimmed);
  if (disclosures.some((d) => d === '')) throw formatError('EMPTY_DISCLOSURE');
  const jwt = parseJws(first, 'jwt');
  const kb = kbJwt ? parseJws(kbJwt, 'kb') : null;
  const decoded = disclosures.map(decodeDisclosure);
  return { jwt, payload: jwt.payload, disclosures, decoded, kbJwt: kb, presentation: `${[first, ...disclosures].join('~')}~` };
}

/**
 * A compact JWS whose header and payload are JSON objects (read under the limits of a credential's JSON).
 * @param {string} text
 * @param {'jwt'|'kb'|'list'} what which token, for the message
 * @throws {SdJwtError} kind 'format'
 */
export function parseJws(text, what) {
  const parts = text.split('.');
  if (parts.length !== 3) throw formatError('JWS_PARTS', { what });
  const [header, payload] = parts.slice(0, 2).map((part) => jsonObject(part, what));
  bytesOf(parts[2], 'JWS_ENCODING', { what });
  return { text, header, payload };
}

function bytesOf(part, code, params) {
  try {
    return strictBase64url(part);
  } catch {
    throw formatError(code, params);
  }
}

function jsonOf(bytes, code, params) {
  let body;
  try {
    body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw formatError(code, params);
  }
  let value;
  try {
    value = JSON.parse(body);
  } catch {
    throw formatError(code, params);
  }
  if (checkJsonText(body)) throw formatError(code, params);
  return value;
}

function jsonObject(part, what) {
  const value = jsonOf(bytesOf(part, 'JWS_ENCODING', { what }), 'JWS_JSON', { what });
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw formatError('JWS_JSON', { what });
  return value;
}

function decodeDisclosure(text) {
  const value = jsonOf(bytesOf(text, 'DISCLOSURE_ENCODING'), 'DISCLOSURE_JSON');
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3)) throw formatError('DISCLOSURE_SHAPE');
  if (typeof value[0] !== 'string' || (value.length === 3 && typeof value[1] !== 'string')) throw formatError('DISCLOSURE_NAME');
  return value;
}

/**
 * The digest of a Disclosure: the hash of its base64url text, in base64url.
 * @param {string} disclosure
 * @param {string} algorithm a key of HASHES
 * @returns {Promise<string>}
 */
export async function digest(disclosure, algorithm) {
  const hashed = await crypto.subtle.digest(HASHES[algorithm], new TextEncoder().encode(disclosure));
  return base64urlEncode(new Uint8Array(hashed));
}

/**
 * The claims of the issuer-signed payload with every Disclosure in its place, `_sd` and `_sd_alg` removed.
 * @param {{payload: object, disclosures: string[], decoded: unknown[][]}} sdJwt
 * @param {string} algorithm
 * @returns {Promise<object>}
 * @throws {SdJwtError} kind 'disclosure'
 */
export async function processDisclosures(sdJwt, algorithm) {
  const byDigest = new Map();
  for (const [index, text] of sdJwt.disclosures.entries()) {
    const key = await digest(text, algorithm);
    if (byDigest.has(key)) throw disclosureError('DUPLICATE_DISCLOSURE');
    byDigest.set(key, index);
  }
  const state = { byDigest, decoded: sdJwt.decoded, seen: new Set(), used: new Set() };
  const payload = Object.fromEntries(Object.entries(sdJwt.payload).filter(([k]) => k !== '_sd_alg'));
  const claims = processObject(payload, state, null);
  const unused = sdJwt.disclosures.length - state.used.size;
  if (unused) throw disclosureError('UNUSED', { count: unused });
  return claims;
}

function processValue(value, state, top) {
  if (Array.isArray(value)) return processArray(value, state, top);
  if (value && typeof value === 'object') return processObject(value, state, top);
  return value;
}

function processObject(node, state, top) {
  const digests = Object.hasOwn(node, '_sd') ? node._sd : [];
  if (!Array.isArray(digests) || !digests.every((d) => typeof d === 'string')) throw disclosureError('SD_MALFORMED');
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k !== '_sd') define(out, k, processValue(v, state, top ?? k));
  }
  for (const key of digests) {
    const index = take(key, state);
    if (index === null) continue; // a decoy
    const disclosure = state.decoded[index];
    if (disclosure.length !== 3) throw disclosureError('NO_CLAIM_NAME');
    const name = disclosure[1];
    if (name === '_sd' || name === '...') throw disclosureError('RESERVED_NAME', { name });
    if (Object.hasOwn(out, name)) throw disclosureError('CLAIM_EXISTS', { name });
    checkProtected(top ?? name);
    define(out, name, processValue(disclosure[2], state, top ?? name));
  }
  return out;
}

function processArray(items, state, top) {
  const out = [];
  for (const item of items) {
    const keys = item && typeof item === 'object' && !Array.isArray(item) ? Object.keys(item) : [];
    if (keys.length === 1 && keys[0] === '...' && typeof item['...'] === 'string') {
      const index = take(item['...'], state);
      if (index === null) continue; // a decoy: the element is left out
      const disclosure = state.decoded[index];
      if (disclosure.length !== 2) throw disclosureError('ELEMENT_NAMED');
      checkProtected(top);
      out.push(processValue(disclosure[1], state, top));
    } else {
      out.push(processValue(item, state, top));
    }
  }
  return out;
}

/** An own, enumerable property, whatever its name (a claim named __proto__ stays a claim). */
function define(object, key, value) {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function take(key, state) {
  if (state.seen.has(key)) throw disclosureError('DIGEST_TWICE');
  state.seen.add(key);
  const index = state.byDigest.get(key);
  if (index === undefined) return null;
  state.used.add(index);
  return index;
}

function checkProtected(top) {
  if (PROTECTED_CLAIMS.includes(top)) throw disclosureError('PROTECTED', { name: top });
}
