/**
 * ECDSA signature checks on P-256 and P-384, as VC-DI-ECDSA 1.0 uses them (ecdsa-rdfc-2019): the key
 * signs a message (the suite's hash data) with ECDSA and the curve's own hash (SHA-256 for P-256,
 * SHA-384 for P-384), and the signature is r‖s (IEEE P1363, 64 or 96 bytes), as WebCrypto writes it.
 *
 * @noble/curves does the arithmetic: WebCrypto has both curves, but not every engine imports the
 * compressed points Multikeys carry, and one library gives the same answer everywhere. It hashes the
 * message itself (`prehash: true`, with the curve's hash), and any r and s the curve allows are
 * accepted (`lowS: false`): WebCrypto and Python's `cryptography` sign with high S half of the time.
 *
 * Only the suites that verify ECDSA import this module, so that a page whose credential is signed
 * with Ed25519 never loads the curves.
 */
import { p256, p384 } from '@noble/curves/nist.js';
import { P256_KEY_TYPE, P384_KEY_TYPE } from './multikey.js';

const CURVES = {
  [P256_KEY_TYPE]: { curve: p256, signatureBytes: 64 },
  [P384_KEY_TYPE]: { curve: p384, signatureBytes: 96 },
};

/** The signature length (r‖s) of a key type; undefined for a key type that is not ECDSA. */
export function ecdsaSignatureBytes(keyType) {
  return CURVES[keyType]?.signatureBytes;
}

/**
 * Verify an ECDSA signature over `message` (hashed here with the curve's hash). Returns false for a
 * signature that does not match, has the other curve's length, or is not a valid (r, s); never throws
 * for a bad signature.
 *
 * @param {string} keyType 'P-256' or 'P-384'
 * @param {Uint8Array} publicKey compressed point (33 or 49 bytes)
 * @param {Uint8Array} signature r‖s
 * @param {Uint8Array} message
 * @returns {{valid: boolean, backend: 'noble'}}
 */
export function verifyEcdsa(keyType, publicKey, signature, message) {
  const entry = CURVES[keyType];
  if (!entry) throw new TypeError(`verifyEcdsa: ${JSON.stringify(keyType)} is not an ECDSA key type`);
  if (signature.length !== entry.signatureBytes) return { valid: false, backend: 'noble' };
  let valid = false;
  try {
    valid = entry.curve.verify(signature, message, publicKey, { prehash: true, lowS: false, format: 'compact' });
  } catch {
    valid = false;
  }
  return { valid: valid === true, backend: 'noble' };
}
