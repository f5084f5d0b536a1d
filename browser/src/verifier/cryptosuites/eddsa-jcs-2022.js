/**
 * The eddsa-jcs-2022 cryptosuite (W3C VC-DI-EdDSA 1.0, §3.4): the JSON Canonicalization Scheme
 * (RFC 8785, with the `canonicalize` package; the Python verifier uses `rfc8785`), SHA-256, Ed25519.
 * The proof configuration is the proof options with the document's @context, which the proof repeats.
 *
 * A JCS signature covers the JSON as written; the verifier still reads the document under its
 * bundled contexts (RDFC-1.0 in safe mode, data-integrity.js), as for every suite, so that what a
 * page shows is what was signed.
 */
import canonicalizeJson from 'canonicalize';
import { concatBytes, sha256, toHex, utf8 } from '../bytes.js';
import { ED25519_KEY_TYPE } from '../multikey.js';
import { EDDSA_RDFC_2022, verifyEd25519Proof } from './eddsa-rdfc-2022.js';

/**
 * SHA-256(JCS(proof configuration)) ‖ SHA-256(JCS(document)) (§3.4.4–3.4.5), with the canonical
 * JSON and both hashes (hex) kept for the published test vectors.
 * @param {{unsecuredDocument: object, proofConfig: object}} input
 */
async function hashData({ unsecuredDocument, proofConfig }) {
  const jcsProofConfig = canonicalizeJson(proofConfig);
  const jcsDocument = canonicalizeJson(unsecuredDocument);
  const proofConfigHash = await sha256(utf8(jcsProofConfig));
  const documentHash = await sha256(utf8(jcsDocument));
  return {
    jcsProofConfig,
    jcsDocument,
    proofConfigHash: toHex(proofConfigHash),
    documentHash: toHex(documentHash),
    hashData: concatBytes(proofConfigHash, documentHash),
  };
}

export const EDDSA_JCS_2022 = Object.freeze({
  name: 'eddsa-jcs-2022',
  proofType: 'DataIntegrityProof',
  keyTypes: Object.freeze([ED25519_KEY_TYPE]),
  decodeProofValue: EDDSA_RDFC_2022.decodeProofValue,
  hashData,
  verify: verifyEd25519Proof,
});
