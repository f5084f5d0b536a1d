/**
 * Bitstring Status List v1.0 decoding (W3C REC §3.1–3.2): 'u' + base64url(gzip(bits)), index 0 is
 * the most significant bit of byte 0, entries are `statusSize` bits wide, and a list shorter than
 * 131,072 entries is refused by default so that a small list cannot reveal which few credentials
 * it covers. Status List 2021 has the same bits and may leave out the 'u' (`prefixRequired:
 * false`); the verifier reads a shorter list too and warns (status.js, `minEntries`), as the
 * Python verifier does (credsite/standards/statuslist.py read_list).
 */
import { base64urlDecode } from './base64url.js';
import { gunzip } from './gunzip.js';
import { RULES } from './rulebook.js';

/** Minimum number of entries in a list (REC §2.2: 16 KB when statusSize is 1; the rulebook's status.minEntries). */
export const MIN_STATUS_LIST_ENTRIES = RULES.status.minEntries;

/** A status list that cannot be used; `code` is the REC's error name where it has one. */
export class StatusListError extends Error {
  /**
   * @param {'STATUS_LIST_LENGTH_ERROR'|'RANGE_ERROR'|'ENCODING_ERROR'|'MALFORMED_VALUE_ERROR'} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'StatusListError';
    this.code = code;
  }
}

/**
 * Decode an encodedList into the raw bitstring bytes: base64url without padding (as the Python
 * verifier reads it) after the prefix 'u', which may be left out unless `prefixRequired` (GZIP's
 * base64 starts 'H4sI', never 'u').
 * @param {unknown} encodedList
 * @param {{gunzipBackend?: 'auto'|'stream'|'fflate', prefixRequired?: boolean}} [options]
 * @returns {Promise<Uint8Array>}
 */
export async function decodeEncodedList(encodedList, options = {}) {
  const prefixed = typeof encodedList === 'string' && encodedList[0] === 'u';
  if (typeof encodedList !== 'string' || (!prefixed && options.prefixRequired !== false)) {
    throw new StatusListError('ENCODING_ERROR', 'encodedList must be a multibase base64url string starting with "u"');
  }
  const body = prefixed ? encodedList.slice(1) : encodedList;
  if (body.includes('=')) throw new StatusListError('ENCODING_ERROR', 'encodedList is not base64url without padding');
  let compressed;
  try {
    compressed = base64urlDecode(body);
  } catch (e) {
    throw new StatusListError('ENCODING_ERROR', `encodedList is not base64url: ${e.message}`);
  }
  try {
    return (await gunzip(compressed, { backend: options.gunzipBackend })).bytes;
  } catch (e) {
    if (e instanceof TypeError) throw e;
    throw new StatusListError('ENCODING_ERROR', `encodedList is not valid gzip: ${e.message}`);
  }
}

/**
 * Read the status value of one entry: `statusSize` bits starting at bit index × statusSize,
 * most significant bit first. Enforces the REC's range rule, and its minimum length unless the
 * caller gives a smaller `minEntries` (the verifier passes 0 and warns itself).
 * @param {Uint8Array} bits the decoded bitstring
 * @param {number} index statusListIndex
 * @param {number} [statusSize]
 * @param {number} [minEntries]
 * @returns {number} 0 when no bit is set
 */
export function readStatus(bits, index, statusSize = 1, minEntries = MIN_STATUS_LIST_ENTRIES) {
  const totalBits = bits.length * 8;
  if (totalBits / statusSize < minEntries) {
    throw new StatusListError(
      'STATUS_LIST_LENGTH_ERROR',
      `the list holds ${Math.floor(totalBits / statusSize)} entries; at least ${minEntries} are required`,
    );
  }
  const start = index * statusSize;
  if (!Number.isSafeInteger(start) || start < 0 || start + statusSize > totalBits) {
    throw new StatusListError('RANGE_ERROR', `index ${index} is outside the list (${Math.floor(totalBits / statusSize)} entries)`);
  }
  let value = 0;
  for (let pos = start; pos < start + statusSize; pos++) {
    value = value * 2 + ((bits[pos >> 3] >> (7 - (pos & 7))) & 1);
  }
  return value;
}

/**
 * Indexes of all set entries (statusSize 1). For tests and diagnostics, not for verification.
 * @param {Uint8Array} bits
 * @returns {number[]}
 */
export function setIndexes(bits) {
  const out = [];
  for (let i = 0; i < bits.length; i++) {
    if (bits[i] === 0) continue;
    for (let b = 0; b < 8; b++) if ((bits[i] >> (7 - b)) & 1) out.push(i * 8 + b);
  }
  return out;
}
