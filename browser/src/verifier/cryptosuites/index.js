/**
 * The cryptosuites this verifier checks: importing this module registers them, in the order the
 * Python verifier registers its own (credsite/standards/cryptosuites): eddsa-rdfc-2022,
 * eddsa-jcs-2022, ecdsa-rdfc-2019, the legacy proof type Ed25519Signature2020, and eddsa-2022 (the
 * pre-standard name of eddsa-rdfc-2022) last. A new suite is a module beside eddsa-rdfc-2022.js and
 * one line here (see registry.js for what a suite provides).
 *
 * eddsa-rdfc-2022, the suite our own credentials are signed with, is registered whole. The others
 * are declared (what they are, and a dynamic import of their module): a page loads a suite's code
 * (the curves of ecdsa.js, the JCS of canonicalize) only when a credential's proof names it. What a
 * declaration says is checked against the module when it is loaded.
 */
import { EDDSA_RDFC_2022 } from './eddsa-rdfc-2022.js';
import { registerCryptosuite } from './registry.js';

const ED25519 = ['Ed25519'];

for (const suite of [
  EDDSA_RDFC_2022,
  { name: 'eddsa-jcs-2022', keyTypes: ED25519, load: () => import('./eddsa-jcs-2022.js').then((m) => m.EDDSA_JCS_2022) },
  { name: 'ecdsa-rdfc-2019', keyTypes: ['P-256', 'P-384'], load: () => import('./ecdsa-rdfc-2019.js').then((m) => m.ECDSA_RDFC_2019) },
  {
    name: 'Ed25519Signature2020',
    proofType: 'Ed25519Signature2020',
    keyTypes: ED25519,
    load: () => import('./ed25519-signature-2020.js').then((m) => m.ED25519_SIGNATURE_2020),
  },
  { name: 'eddsa-2022', legacyOf: 'eddsa-rdfc-2022', keyTypes: ED25519, load: () => import('./eddsa-2022.js').then((m) => m.EDDSA_2022) },
]) {
  registerCryptosuite(suite);
}

export {
  cryptosuiteFor,
  cryptosuiteForProof,
  cryptosuiteNameForProof,
  cryptosuiteNames,
  isRegisteredProofType,
  registerCryptosuite,
  registeredCryptosuites,
  unregisterCryptosuite,
} from './registry.js';
