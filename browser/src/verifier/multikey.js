/**
 * Multikey decoding for Ed25519 public keys (Controlled Identifiers / VC-DI-EdDSA §2.1.1):
 * publicKeyMultibase = 'z' + base58btc(0xed 0x01 + 32-byte key). Anything else is refused, so that
 * a key of another type (or a secret key pasted by mistake, prefix 0x80 0x26) never reaches the
 * signature check.
 */
import { Point } from '@noble/ed25519';
import { base58Decode } from './base58.js';
import { toHex } from './bytes.js';
import { SMALL_ORDER_KEYS } from './rulebook.js';

/** The `keyType` of a key decoded here, as cryptosuites name the keys they verify with. */
export const ED25519_KEY_TYPE = 'Ed25519';

/** Raised for a publicKeyMultibase that is not an Ed25519 Multikey; `code` says which rule broke. */
export class MultikeyError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'MultikeyError';
    this.code = code;
  }
}

/**
 * Decode an Ed25519 publicKeyMultibase into its 32 raw key bytes.
 *
 * Besides the prefix and length, the key must not be one of the small-order keys of the rulebook
 * (credsite/data/verifier-rules.json, keys.smallOrderEd25519: every encoding of the eight points of
 * small order, under which a forged signature verifies; the Python verifier refuses the same list),
 * and it must be a canonical encoding of a point of large order. WebCrypto and @noble/ed25519
 * disagree on such degenerate keys; refusing them here makes both back ends give the same answer
 * for every key that passes.
 *
 * @param {unknown} value
 * @returns {Uint8Array} 32-byte public key
 */
export function decodeEd25519Multikey(value) {
  if (typeof value !== 'string' || value.length === 0) {
    throw new MultikeyError('MULTIKEY_MISSING', 'publicKeyMultibase is missing or not a string');
  }
  if (value[0] !== 'z') {
    throw new MultikeyError('MULTIKEY_ENCODING', 'publicKeyMultibase does not start with "z" (base58btc)');
  }
  let bytes;
  try {
    bytes = base58Decode(value.slice(1));
  } catch (e) {
    throw new MultikeyError('MULTIKEY_ENCODING', `publicKeyMultibase is not valid base58btc: ${e.message}`);
  }
  if (bytes.length < 2 || bytes[0] !== 0xed || bytes[1] !== 0x01) {
    const prefix = Array.from(bytes.slice(0, 2), (b) => b.toString(16).padStart(2, '0')).join('');
    throw new MultikeyError('MULTIKEY_NOT_ED25519', `publicKeyMultibase has multicodec prefix 0x${prefix}, not 0xed01 (Ed25519 public key)`);
  }
  if (bytes.length !== 34) {
    throw new MultikeyError('MULTIKEY_LENGTH', `publicKeyMultibase decodes to ${bytes.length} bytes, not 34`);
  }
  const key = bytes.slice(2);
  if (SMALL_ORDER_KEYS.has(toHex(key))) {
    throw new MultikeyError('MULTIKEY_WEAK', 'publicKeyMultibase is a degenerate (small-order) Ed25519 key');
  }
  let point;
  try {
    point = Point.fromBytes(key, false);
  } catch {
    throw new MultikeyError('MULTIKEY_NOT_ON_CURVE', 'publicKeyMultibase is not a valid Ed25519 public key');
  }
  if (point.isSmallOrder()) {
    throw new MultikeyError('MULTIKEY_WEAK', 'publicKeyMultibase is a degenerate (small-order) Ed25519 key');
  }
  return key;
}
