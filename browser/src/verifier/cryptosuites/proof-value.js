/**
 * The `proofValue` encoding of every suite this verifier knows: multibase base58btc ('z') of the
 * signature bytes (VC-DI-EdDSA §2.2.1, VC-DI-ECDSA §2.2.1, Ed25519Signature2020).
 */
import { base58Decode } from '../base58.js';

/**
 * The signature in `proofValue`, or null when it is not 'z' + base58btc of one of `lengths` bytes.
 * @param {unknown} proofValue
 * @param {readonly number[]} lengths the signature lengths the suite's keys make
 * @returns {Uint8Array|null}
 */
export function decodeBase58Signature(proofValue, lengths) {
  if (typeof proofValue !== 'string' || proofValue[0] !== 'z') return null;
  let signature;
  try {
    signature = base58Decode(proofValue.slice(1));
  } catch {
    return null;
  }
  return lengths.includes(signature.length) ? signature : null;
}
