/**
 * Multikey decoding (Controlled Identifiers 1.0 §2.2.2, VC-DI-EdDSA §2.1.1, VC-DI-ECDSA §2.1.1):
 * publicKeyMultibase = 'z' + base58btc(multicodec varint + key), for the three key types the
 * cryptosuites verify with, named as the Python verifier names them:
 *   - 'Ed25519': 0xed 0x01 + 32-byte key;
 *   - 'P-256':   0x80 0x24 + 33-byte SEC 1 compressed point;
 *   - 'P-384':   0x81 0x24 + 49-byte SEC 1 compressed point.
 * Anything else is refused, so that a key of another type (or a secret key pasted by mistake,
 * prefix 0x80 0x26) never reaches the signature check. A P-256 or P-384 key must be a point on
 * its curve (checked here with BigInt arithmetic, so that this module, which every page loads,
 * needs no elliptic-curve library; the Python verifier refuses the same keys through
 * `cryptography`): a key no signature can match is refused as a key.
 */
import { Point } from '@noble/ed25519';
import { base58Decode } from './base58.js';
import { toHex } from './bytes.js';
import { SMALL_ORDER_KEYS } from './rulebook.js';

/** The `keyType` of a key decoded here, as cryptosuites name the keys they verify with. */
export const ED25519_KEY_TYPE = 'Ed25519';
export const P256_KEY_TYPE = 'P-256';
export const P384_KEY_TYPE = 'P-384';

/**
 * The short-Weierstrass NIST curves (y² = x³ − 3x + b mod p, both with p ≡ 3 mod 4), by key type:
 * their multicodec prefix and the constants that say whether a compressed point is on the curve
 * (FIPS 186-5 / SP 800-186 §3.2.1.3–4).
 */
export const NIST_CURVES = {
  [P256_KEY_TYPE]: {
    prefix: [0x80, 0x24],
    size: 32,
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  },
  [P384_KEY_TYPE]: {
    prefix: [0x81, 0x24],
    size: 48,
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  },
};

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
 * The key in a publicKeyMultibase and its kind, read by the key type its multicodec prefix names.
 * Throws MultikeyError with the codes decodeEd25519Multikey throws (a prefix no key type has:
 * MULTIKEY_NOT_ED25519, whose message names the accepted prefixes).
 *
 * @param {unknown} value
 * @returns {{keyType: string, publicKey: Uint8Array}} raw key bytes (the compressed point for P-256/P-384)
 */
export function decodeMultikey(value) {
  const bytes = multibaseBytes(value);
  if (bytes.length >= 2 && bytes[0] === 0xed && bytes[1] === 0x01) {
    return { keyType: ED25519_KEY_TYPE, publicKey: decodeEd25519Multikey(value) };
  }
  for (const [keyType, curve] of Object.entries(NIST_CURVES)) {
    if (bytes.length >= 2 && bytes[0] === curve.prefix[0] && bytes[1] === curve.prefix[1]) {
      return { keyType, publicKey: compressedPoint(keyType, curve, bytes.slice(2)) };
    }
  }
  const prefix = Array.from(bytes.slice(0, 2), (b) => b.toString(16).padStart(2, '0')).join('');
  throw new MultikeyError(
    'MULTIKEY_NOT_ED25519',
    `publicKeyMultibase has multicodec prefix 0x${prefix}, not 0xed01 (Ed25519), 0x8024 (P-256) or 0x8124 (P-384) public key`,
  );
}

/** The bytes of a base58btc multibase value; MultikeyError when it is not one. */
function multibaseBytes(value) {
  if (typeof value !== 'string' || value.length === 0) {
    throw new MultikeyError('MULTIKEY_MISSING', 'publicKeyMultibase is missing or not a string');
  }
  if (value[0] !== 'z') {
    throw new MultikeyError('MULTIKEY_ENCODING', 'publicKeyMultibase does not start with "z" (base58btc)');
  }
  try {
    return base58Decode(value.slice(1));
  } catch (e) {
    throw new MultikeyError('MULTIKEY_ENCODING', `publicKeyMultibase is not valid base58btc: ${e.message}`);
  }
}

/**
 * A SEC 1 compressed point of `curve` (02 or 03, then x), refused unless x < p and x³ − 3x + b is
 * a square mod p (Euler's criterion), i.e. unless some y makes (x, y) a point of the curve. Both
 * curves have prime order, so every such point can verify signatures.
 * @returns {Uint8Array}
 */
function compressedPoint(keyType, curve, point) {
  if (point.length !== curve.size + 1 || (point[0] !== 0x02 && point[0] !== 0x03)) {
    throw new MultikeyError('MULTIKEY_LENGTH', `the ${keyType} key in publicKeyMultibase is not a compressed point (${point.length} bytes, expected ${curve.size + 1} starting with 02 or 03)`);
  }
  const { p, b } = curve;
  const x = BigInt(`0x${toHex(point.slice(1))}`);
  const rhs = (((x * x) % p) * x - 3n * x + b) % p;
  const square = x < p && (rhs === 0n || modPow((rhs + p) % p, (p - 1n) / 2n, p) === 1n);
  if (!square) throw new MultikeyError('MULTIKEY_NOT_ON_CURVE', `publicKeyMultibase is not a valid ${keyType} public key`);
  return point;
}

/** base^exponent mod modulus, by square-and-multiply. */
function modPow(base, exponent, modulus) {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
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
  const bytes = multibaseBytes(value);
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
