/**
 * The eddsa-rdfc-2022 cryptosuite (W3C VC-DI-EdDSA 1.0, §3.3): RDFC-1.0 canonical N-Quads, SHA-256,
 * Ed25519. The only suite credsite issues with, and the first one registered (./index.js). The
 * legacy Ed25519Signature2020 proof type and the pre-standard name eddsa-2022 are this suite under
 * another name (./ed25519-signature-2020.js, ./eddsa-2022.js).
 */
import { concatBytes, sha256, toHex, utf8 } from '../bytes.js';
import { verifyEd25519 } from '../ed25519.js';
import { ED25519_KEY_TYPE } from '../multikey.js';
import { decodeBase58Signature } from './proof-value.js';

const SIGNATURE_BYTES = [64];

/**
 * `proofValue` is multibase base58btc ('z') of the 64-byte Ed25519 signature (§2.2.1).
 * @param {unknown} proofValue
 * @returns {Uint8Array|null}
 */
function decodeProofValue(proofValue) {
  return decodeBase58Signature(proofValue, SIGNATURE_BYTES);
}

/**
 * The bytes the signature covers: SHA-256(canonical proof configuration) ‖ SHA-256(canonical
 * document), proof configuration hash FIRST (§3.3.4–3.3.5). The two hashes are kept in hex so that
 * they can be compared with the published test vectors.
 * @param {{canonicalProofConfig: string, canonicalDocument: string}} input
 * @returns {Promise<{proofConfigHash: string, documentHash: string, hashData: Uint8Array}>}
 */
async function hashData({ canonicalProofConfig, canonicalDocument }) {
  const proofConfigHash = await sha256(utf8(canonicalProofConfig));
  const documentHash = await sha256(utf8(canonicalDocument));
  return {
    proofConfigHash: toHex(proofConfigHash),
    documentHash: toHex(documentHash),
    hashData: concatBytes(proofConfigHash, documentHash),
  };
}

/**
 * A pure Ed25519 signature check, on the back end the verification asks for (`ed25519Backend`).
 * @param {{publicKey: Uint8Array, signature: Uint8Array, hashData: Uint8Array, options: {ed25519Backend?: string}}} input
 */
export function verifyEd25519Proof({ publicKey, signature, hashData: data, options }) {
  return verifyEd25519(publicKey, signature, data, options.ed25519Backend);
}

export const EDDSA_RDFC_2022 = Object.freeze({
  name: 'eddsa-rdfc-2022',
  proofType: 'DataIntegrityProof',
  keyTypes: Object.freeze([ED25519_KEY_TYPE]),
  decodeProofValue,
  hashData,
  verify: verifyEd25519Proof,
});
