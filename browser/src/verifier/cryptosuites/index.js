/**
 * The cryptosuites this verifier checks: importing this module registers them, in the order the
 * Python verifier registers its own (credsite/standards/cryptosuites): eddsa-rdfc-2022,
 * eddsa-jcs-2022, ecdsa-rdfc-2019, the legacy proof type Ed25519Signature2020, and eddsa-2022 (the
 * pre-standard name of eddsa-rdfc-2022) last. A new suite is a module beside eddsa-rdfc-2022.js and
 * one line here (see registry.js for what a suite provides). Each suite is its own module, so that
 * a page can load a suite's code (the curves of ecdsa.js, the JCS of canonicalize) only when a
 * credential needs it.
 */
import { ECDSA_RDFC_2019 } from './ecdsa-rdfc-2019.js';
import { ED25519_SIGNATURE_2020 } from './ed25519-signature-2020.js';
import { EDDSA_2022 } from './eddsa-2022.js';
import { EDDSA_JCS_2022 } from './eddsa-jcs-2022.js';
import { EDDSA_RDFC_2022 } from './eddsa-rdfc-2022.js';
import { registerCryptosuite } from './registry.js';

for (const suite of [EDDSA_RDFC_2022, EDDSA_JCS_2022, ECDSA_RDFC_2019, ED25519_SIGNATURE_2020, EDDSA_2022]) {
  registerCryptosuite(suite);
}

export {
  cryptosuiteFor,
  cryptosuiteForProof,
  cryptosuiteNames,
  isRegisteredProofType,
  registerCryptosuite,
  registeredCryptosuites,
  unregisterCryptosuite,
} from './registry.js';
