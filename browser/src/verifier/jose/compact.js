/**
 * Reading a compact JWS (RFC 7515 §7.1): three base64url parts, a JSON header, a JSON payload.
 * Nothing here judges the token. The encoding is read strictly, as the Python verifier reads it
 * (credsite/standards/jose/compact.py): the base64url alphabet without padding and only the
 * canonical spelling of the bytes, so one token has one spelling. The payload is held to the same
 * limits as a credential's JSON (limits.js: size, nesting, values, list length, duplicate keys).
 */
import { strictBase64url } from '../jwk.js';
import { checkJsonStructure } from '../limits.js';

/** Text meant as a JOSE token rather than JSON (the pattern of compact.py and extract.js). */
export const JOSE_TEXT = /^[A-Za-z0-9_=-]*(?:\.[A-Za-z0-9_=-]*)+$/;
const PART_NAMES = ['header', 'payload', 'signature'];

/** The text is not a compact JWS at all: `code` PARTS or ENCODING (ENCRYPTED: a JWE), `params` for its message. */
export class TokenError extends Error {
  constructor(code, params) {
    super(code);
    this.name = 'TokenError';
    this.code = code;
    this.params = params;
  }
}

/** Whether trimmed text is written as a JOSE token. */
export function looksLikeJose(text) {
  return typeof text === 'string' && JOSE_TEXT.test(text);
}

/**
 * The token's parts, decoded; `header` / `payload` null when that part is not a JSON object, with
 * `headerProblem` / `payloadProblem` ({code, params}) saying why.
 * @param {string} text
 * @throws {TokenError}
 */
export function parseToken(text) {
  const parts = text.split('.');
  if (isEncrypted(parts)) throw new TokenError('ENCRYPTED', {});
  if (parts.length !== 3) throw new TokenError('PARTS', { count: parts.length });
  const decoded = parts.map((part, i) => {
    try {
      return strictBase64url(part);
    } catch {
      throw new TokenError('ENCODING', { part: PART_NAMES[i] });
    }
  });
  const header = jsonObject(decoded[0]);
  const payload = jsonObject(decoded[1]);
  return {
    text,
    signingInput: new TextEncoder().encode(`${parts[0]}.${parts[1]}`),
    signature: decoded[2],
    header: header.value,
    headerProblem: header.problem,
    payload: payload.value,
    payloadProblem: payload.problem,
  };
}

/**
 * Whether the parts are a JWE in compact form (RFC 7516 §7.1): five parts, the first a JSON header
 * naming a content encryption (`enc`). Any other five parts are a malformed token, not an encrypted one.
 * @param {string[]} parts
 */
export function isEncrypted(parts) {
  if (parts.length !== 5) return false;
  let bytes;
  try {
    bytes = strictBase64url(parts[0]);
  } catch {
    return false;
  }
  const header = jsonObject(bytes).value;
  return header !== null && typeof header.enc === 'string';
}

function jsonObject(bytes) {
  let source;
  let value;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    value = JSON.parse(source);
  } catch {
    return { value: null, problem: { code: 'NOT_JSON' } };
  }
  const limit = checkJsonStructure(source);
  if (limit) return { value: null, problem: { code: 'LIMIT', limit } };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { value: null, problem: { code: 'NOT_OBJECT' } };
  return { value, problem: null };
}
