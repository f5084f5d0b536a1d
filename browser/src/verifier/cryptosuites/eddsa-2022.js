/**
 * eddsa-2022: the name eddsa-rdfc-2022 had in the VC-DI-EdDSA drafts before 2023, still found on
 * credentials issued then (the 1EdTech validator's examples). The algorithm is eddsa-rdfc-2022's;
 * `legacyOf` says so, and the verifier checks such a proof with a warning that the name is outdated.
 * Registered last.
 */
import { EDDSA_RDFC_2022 } from './eddsa-rdfc-2022.js';

export const EDDSA_2022 = Object.freeze({
  ...EDDSA_RDFC_2022,
  name: 'eddsa-2022',
  legacyOf: EDDSA_RDFC_2022.name,
});
