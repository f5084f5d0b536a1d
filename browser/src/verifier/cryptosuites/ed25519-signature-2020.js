/**
 * The Ed25519Signature2020 proof type (W3C CCG Ed25519 Signature 2020), which the Digital
 * Credentials Consortium's tools still issue: a Linked Data proof of `type: Ed25519Signature2020`
 * with no `cryptosuite`, made exactly as eddsa-rdfc-2022 makes its proofs (proof configuration =
 * the proof options with the document's @context, which must define the type through
 * https://w3id.org/security/suites/ed25519-2020/v1; RDFC-1.0; SHA-256 of each, configuration first;
 * Ed25519; proofValue 'z' + base58btc).
 */
import { EDDSA_RDFC_2022 } from './eddsa-rdfc-2022.js';

export const ED25519_SIGNATURE_2020 = Object.freeze({
  ...EDDSA_RDFC_2022,
  name: 'Ed25519Signature2020',
  proofType: 'Ed25519Signature2020',
});
