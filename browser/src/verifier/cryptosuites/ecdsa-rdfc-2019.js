/**
 * The ecdsa-rdfc-2019 cryptosuite (W3C VC-DI-ECDSA 1.0, §3.2): RDFC-1.0 canonical N-Quads, hashed
 * with the hash of the key's curve (SHA-256 for P-256, SHA-384 for P-384; §3.2.4), configuration
 * first; the key signs that hash data with ECDSA (../ecdsa.js), and proofValue is 'z' + base58btc of
 * r‖s (64 or 96 bytes).
 *
 * The key is known only after the hash data is made, so hashData makes it for both curves (two more
 * hashes of short texts) and verify takes the one of the key's type.
 */
import { concatBytes, toHex, utf8 } from '../bytes.js';
import { ecdsaSignatureBytes, verifyEcdsa } from '../ecdsa.js';
import { P256_KEY_TYPE, P384_KEY_TYPE } from '../multikey.js';
import { decodeBase58Signature } from './proof-value.js';

const KEY_TYPES = Object.freeze([P256_KEY_TYPE, P384_KEY_TYPE]);
const HASHES = { [P256_KEY_TYPE]: 'SHA-256', [P384_KEY_TYPE]: 'SHA-384' };
const SIGNATURE_BYTES = KEY_TYPES.map(ecdsaSignatureBytes);

async function digest(algorithm, text) {
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  if (!subtle) throw new Error('WebCrypto (crypto.subtle) is not available; the page must be served over HTTPS');
  return new Uint8Array(await subtle.digest(algorithm, utf8(text)));
}

/** `proofValue`: 'z' + base58btc of r‖s, 64 bytes (P-256) or 96 (P-384). */
function decodeProofValue(proofValue) {
  return decodeBase58Signature(proofValue, SIGNATURE_BYTES);
}

/**
 * The hash data for each key type ({keyType: {proofConfigHash, documentHash (hex), hashData}}), and
 * the P-256 one at the top level.
 * @param {{canonicalProofConfig: string, canonicalDocument: string}} input
 */
async function hashData({ canonicalProofConfig, canonicalDocument }) {
  const byKeyType = {};
  for (const keyType of KEY_TYPES) {
    const proofConfigHash = await digest(HASHES[keyType], canonicalProofConfig);
    const documentHash = await digest(HASHES[keyType], canonicalDocument);
    byKeyType[keyType] = {
      proofConfigHash: toHex(proofConfigHash),
      documentHash: toHex(documentHash),
      hashData: concatBytes(proofConfigHash, documentHash),
    };
  }
  return { ...byKeyType[P256_KEY_TYPE], byKeyType };
}

/** ECDSA on the key's curve, over the hash data made with that curve's hash. */
async function verify({ publicKey, keyType, signature, verifyData }) {
  return verifyEcdsa(keyType, publicKey, signature, verifyData.byKeyType[keyType].hashData);
}

export const ECDSA_RDFC_2019 = Object.freeze({
  name: 'ecdsa-rdfc-2019',
  proofType: 'DataIntegrityProof',
  keyTypes: KEY_TYPES,
  decodeProofValue,
  hashData,
  verify,
});
