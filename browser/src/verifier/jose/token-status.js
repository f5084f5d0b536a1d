/**
 * The status of an SD-JWT VC through the IETF Token Status List (draft-ietf-oauth-status-list,
 * "Validation Rules"): the credential's `status.status_list` names a list (`uri`) and a place in it
 * (`idx`); the list is a Status List Token, a JWT of type `statuslist+jwt` signed by the
 * credential's issuer, whose `status_list` holds `bits` per entry (1, 2, 4 or 8) in `lst`, a
 * ZLIB-deflated byte array in base64url, entries packed from the least significant bit up.
 * Values: 0 valid, 1 invalid (revoked), 2 suspended; any other is the issuer's own, not interpreted.
 * A list that cannot be fetched or believed, or an index beyond its end, says nothing: the check is
 * not-checked (status-unknown), never "not revoked". The Python twin is
 * credsite/standards/jose/token_status.py, step for step.
 */
import { Inflate } from 'fflate';
import { strictBase64url } from '../jwk.js';
import { MAX_STATUS_LIST_BYTES } from '../gunzip.js';

export const STATUS_LIST_TYPE = 'statuslist+jwt';
export const BITS = Object.freeze([1, 2, 4, 8]);
export const VALID = 0;
export const INVALID = 1;
export const SUSPENDED = 2;

/** Why a status cannot be read: a code for messages.js ('sd-jwt.status.<code>') and its parameters. */
export class StatusError extends Error {
  constructor(code, params = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'StatusError';
    this.code = code;
    this.params = params;
  }
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The status_list reference of a `status` claim: {uri, idx}, or throws StatusError.
 * @param {unknown} status
 */
export function referenceOf(status) {
  if (!isObject(status)) throw new StatusError('REF_NOT_OBJECT');
  if (!Object.hasOwn(status, 'status_list') || status.status_list === null) {
    throw new StatusError('REF_NO_LIST', { names: Object.keys(status).sort().join(', ') || '—' });
  }
  const entry = status.status_list;
  if (!isObject(entry)) throw new StatusError('REF_LIST_NOT_OBJECT');
  const { idx, uri } = entry;
  if (!Number.isSafeInteger(idx) || idx < 0) throw new StatusError('REF_IDX');
  if (typeof uri !== 'string' || !uri.startsWith('https://')) throw new StatusError('REF_URI');
  return { uri, idx };
}

/**
 * The value at `idx` of a token's status_list claim.
 * @param {unknown} statusList
 * @param {number} idx
 * @returns {number}
 */
export function statusValue(statusList, idx) {
  if (!isObject(statusList)) throw new StatusError('LIST_NOT_OBJECT');
  const { bits, lst } = statusList;
  if (!BITS.includes(bits)) throw new StatusError('LIST_BITS', { bits: JSON.stringify(bits ?? null) });
  if (typeof lst !== 'string') throw new StatusError('LIST_LST');
  let compressed;
  try {
    compressed = strictBase64url(lst);
  } catch {
    throw new StatusError('LIST_BASE64');
  }
  const data = inflateZlib(compressed);
  const perByte = 8 / bits;
  const at = Math.floor(idx / perByte);
  if (at >= data.length) throw new StatusError('LIST_INDEX', { index: idx, entries: data.length * perByte });
  const shift = (idx % perByte) * bits;
  return (data[at] >> shift) & ((1 << bits) - 1);
}

function adler32(bytes) {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * ZLIB (RFC 1950) data, whole, checksum and all, with nothing after it and at most
 * MAX_STATUS_LIST_BYTES once inflated (as Python's zlib reads it): the header is checked here,
 * fflate inflates the DEFLATE data, and where that data ends is read from its inflater's state
 * (fflate 0.8 is pinned), so that bytes after it are refused.
 * @param {Uint8Array} bytes
 * @returns {Uint8Array}
 */
export function inflateZlib(bytes, maxBytes = MAX_STATUS_LIST_BYTES) {
  if (bytes.length < 6) throw new StatusError('LIST_ZLIB');
  const [cmf, flg] = bytes;
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20) throw new StatusError('LIST_ZLIB');
  const chunks = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new StatusError('LIST_TOO_LARGE', { max: maxBytes });
    chunks.push(chunk);
  });
  const body = bytes.subarray(2);
  try {
    inflater.push(body, true);
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw new StatusError('LIST_ZLIB');
  }
  // The DEFLATE data ended at bit s.p of what is left in p: its last byte may be partly used.
  const consumed = body.length - inflater.p.length + (inflater.s.p ? 1 : 0);
  const rest = body.length - consumed;
  if (rest < 4) throw new StatusError('LIST_ZLIB');
  if (rest > 4) throw new StatusError('LIST_TRAILING');
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  const trailer = new DataView(body.buffer, body.byteOffset + consumed, 4).getUint32(0, false);
  if (trailer !== adler32(out)) throw new StatusError('LIST_ZLIB');
  return out;
}

/**
 * A JWT NumericDate (seconds since 1970, possibly fractional) in epoch ms, or null when it is not a
 * number Date can hold (as Python's numeric_date_ms).
 */
export function numericDateMs(value) {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 8.64e12) return null;
  return Math.floor(value * 1000);
}

/**
 * The status of an authentic SD-JWT VC, as results for the checks: [{id, result, code?, params?}]
 * where result is 'none', 'clear', 'set', 'value' (an uninterpreted value), 'unreadable' (another
 * mechanism) or 'unknown' (the list could not be believed).
 * @param {unknown} status the payload's status claim (undefined: none)
 * @param {{fetchJson: Function}} options
 * @param {number} now epoch ms
 * @param {(token: string) => Promise<object>} verifyToken the claims of a believed token, or throws StatusError
 */
export async function checkTokenStatus(status, options, now, verifyToken) {
  if (status === undefined) return [{ id: 'revocation', result: 'none' }];
  let found;
  try {
    found = referenceOf(status);
  } catch (e) {
    return [{ id: 'other-status', result: 'unreadable', code: e.code, params: e.params }];
  }
  let read;
  try {
    read = await readList(found, options, now, verifyToken);
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    return [{ id: 'revocation', result: 'unknown', code: e.code, params: e.params, uri: found.uri }];
  }
  const { value, bits } = read;
  const where = { uri: found.uri, idx: found.idx, value };
  const out = [{ id: 'revocation', result: value === INVALID ? 'set' : 'clear', ...where }];
  if (bits > 1) out.push({ id: 'suspension', result: value === SUSPENDED ? 'set' : 'clear', ...where });
  if (value > SUSPENDED) out.push({ id: 'other-status', result: 'value', ...where });
  return out;
}

async function readList(found, options, now, verifyToken) {
  let token;
  try {
    token = await options.fetchJson(found.uri);
  } catch (e) {
    throw new StatusError('UNREACHABLE', { url: found.uri, reason: e && e.message ? e.message : String(e) });
  }
  if (typeof token !== 'string') throw new StatusError('NOT_JWT', { url: found.uri });
  const payload = await verifyToken(token);
  if (payload.sub !== found.uri) throw new StatusError('TOKEN_SUB', { url: found.uri });
  if (numericDateMs(payload.iat) === null) throw new StatusError('TOKEN_IAT');
  if (Object.hasOwn(payload, 'exp')) {
    const end = numericDateMs(payload.exp);
    if (end === null) throw new StatusError('TOKEN_EXP_MALFORMED');
    if (now >= end) throw new StatusError('TOKEN_EXPIRED');
  }
  return { value: statusValue(payload.status_list, found.idx), bits: payload.status_list.bits };
}
