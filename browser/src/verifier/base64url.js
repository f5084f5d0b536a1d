/**
 * base64url (RFC 4648 §5) decoding for multibase 'u', used by Bitstring Status List encodedList.
 * Hand-written instead of atob() so that the standard alphabet's '+' and '/' are refused rather
 * than silently accepted, and so it behaves the same in Node and every browser.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/**
 * Decode base64url without padding (trailing '=' is tolerated, as some encoders add it).
 * @param {string} text
 * @returns {Uint8Array}
 */
export function base64urlDecode(text) {
  if (typeof text !== 'string') throw new TypeError('base64url input must be a string');
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) throw new Error('invalid base64url length');
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of body) {
    const v = INDEX.get(ch);
    if (v === undefined) throw new Error(`invalid base64url character ${JSON.stringify(ch)}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/**
 * Encode bytes as base64url without padding. Only tests need it (to build status lists), but it
 * lives next to the decoder so the two cannot drift apart.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function base64urlEncode(bytes) {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63];
  }
  return out;
}
