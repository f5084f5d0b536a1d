/**
 * The cryptosuites this verifier checks: importing this module registers them. A new suite is a
 * module beside eddsa-rdfc-2022.js and one line here (see registry.js for what a suite provides).
 */
import { EDDSA_RDFC_2022 } from './eddsa-rdfc-2022.js';
import { registerCryptosuite } from './registry.js';

registerCryptosuite(EDDSA_RDFC_2022);

export { cryptosuiteFor, cryptosuiteNames, registerCryptosuite, registeredCryptosuites, unregisterCryptosuite } from './registry.js';
