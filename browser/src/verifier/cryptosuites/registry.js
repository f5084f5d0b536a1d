/**
 * The cryptosuites the verifier can check, found by a proof's `type` and, within the type, its
 * `cryptosuite` (the JS twin of the Python verifier's registry and its `for_proof`). A legacy proof
 * type that is not a Data Integrity cryptosuite (Ed25519Signature2020) is a suite too: its
 * `proofType` is its own type, its name that same type, and its proofs carry no `cryptosuite`.
 *
 * data-integrity.js checks what every Data Integrity proof must satisfy and reads the document
 * under its contexts; everything that depends on the suite comes from the suite registered under
 * the proof's `cryptosuite`: how `proofValue` is encoded, which bytes are signed, which keys sign
 * and how a signature is checked. A proof naming a suite that is not registered is refused
 * (PROOF_CRYPTOSUITE). Adding a suite is one module that calls registerCryptosuite, imported by
 * ./index.js; nothing else in the verifier names a suite.
 *
 * @typedef {{
 *   name: string,
 *   proofType?: string,
 *   legacyOf?: string|null,
 *   keyTypes: readonly string[],
 *   decodeProofValue: (proofValue: unknown) => Uint8Array|null,
 *   hashData: (input: HashInput) => Promise<{hashData: Uint8Array} & Record<string, unknown>>,
 *   verify: (input: {publicKey: Uint8Array, keyType: string, signature: Uint8Array, hashData: Uint8Array,
 *     verifyData: object, options: object}) => Promise<{valid: boolean, backend: string}>,
 * }} Cryptosuite
 *   - name: the proof's `cryptosuite` value (for a legacy proof type: the type);
 *   - proofType: the proof's `type`, 'DataIntegrityProof' when not given;
 *   - legacyOf: for a pre-standard name of a suite (eddsa-2022), the standard suite it is; the
 *     verifier checks such proofs and warns that the name is outdated;
 *   - keyTypes: the kinds of key it verifies with, as key resolution names them (`keyType` of a
 *     resolved key, e.g. 'Ed25519'); a key of another kind fails the issuer-key check (KEY_TYPE);
 *   - decodeProofValue: the signature bytes, or null when `proofValue` is not in the suite's encoding;
 *   - hashData: the bytes the signature covers, from the proof configuration and the document
 *     (both already canonicalized with RDFC-1.0, and as JSON); intermediate values may ride along
 *     for tools and tests;
 *   - verify: whether `signature` over `hashData` is valid for `publicKey`, a key of `keyType` (one of
 *     the suite's keyTypes); `verifyData` is all that hashData returned (a suite whose hash depends on
 *     the key, ecdsa-rdfc-2019, takes its hash data for that key from there); `options` are the
 *     verification's options (a suite reads its own, e.g. `ed25519Backend`); `backend` names what checked it.
 *
 * @typedef {{unsecuredDocument: object, proofConfig: object, canonicalDocument: string,
 *   canonicalProofConfig: string}} HashInput
 */

/** @type {Map<string, Readonly<Cryptosuite>>} */
const SUITES = new Map();

const FUNCTIONS = ['decodeProofValue', 'hashData', 'verify'];

/** The proof type of Data Integrity proofs, whose suite is named by their `cryptosuite`. */
export const DATA_INTEGRITY_PROOF = 'DataIntegrityProof';

/**
 * Register a cryptosuite under its name. A second suite of the same name is a programming error:
 * which of the two checks a proof must not depend on import order.
 * @param {Cryptosuite} suite
 * @returns {Readonly<Cryptosuite>} the registered (frozen) suite
 */
export function registerCryptosuite(suite) {
  if (!suite || typeof suite !== 'object') throw new TypeError('registerCryptosuite: a suite must be an object');
  const { name, keyTypes, proofType = DATA_INTEGRITY_PROOF, legacyOf = null } = suite;
  if (typeof name !== 'string' || name === '') throw new TypeError('registerCryptosuite: name must be a non-empty string');
  if (typeof proofType !== 'string' || proofType === '') throw new TypeError(`registerCryptosuite: ${name}: proofType must be a non-empty string`);
  if (legacyOf !== null && (typeof legacyOf !== 'string' || legacyOf === '')) {
    throw new TypeError(`registerCryptosuite: ${name}: legacyOf must be a suite name or null`);
  }
  if (!Array.isArray(keyTypes) || keyTypes.length === 0 || !keyTypes.every((t) => typeof t === 'string' && t !== '')) {
    throw new TypeError(`registerCryptosuite: ${name}: keyTypes must be a non-empty list of names`);
  }
  for (const key of FUNCTIONS) {
    if (typeof suite[key] !== 'function') throw new TypeError(`registerCryptosuite: ${name}: ${key} must be a function`);
  }
  if (SUITES.has(name)) throw new Error(`registerCryptosuite: ${name} is already registered`);
  const registered = Object.freeze({ ...suite, proofType, legacyOf, keyTypes: Object.freeze([...keyTypes]) });
  SUITES.set(name, registered);
  return registered;
}

/**
 * Remove a registered suite: for tests and tools that add one for a while.
 * @param {string} name
 */
export function unregisterCryptosuite(name) {
  if (!SUITES.delete(name)) throw new Error(`unregisterCryptosuite: ${name} is not registered`);
}

/**
 * The Data Integrity suite a proof's `cryptosuite` names, or null when it names none we know (or is
 * not a string).
 * @param {unknown} name
 * @returns {Readonly<Cryptosuite>|null}
 */
export function cryptosuiteFor(name) {
  const suite = typeof name === 'string' ? SUITES.get(name) : undefined;
  return suite && suite.proofType === DATA_INTEGRITY_PROOF ? suite : null;
}

/**
 * The suite a proof (or its options) selects: by `cryptosuite` within its `type`, as the Python
 * verifier's `for_proof`; a legacy proof type's proofs have no `cryptosuite` (absent or null). Null
 * when the proof names no registered suite.
 * @param {unknown} proof
 * @returns {Readonly<Cryptosuite>|null}
 */
export function cryptosuiteForProof(proof) {
  if (!proof || typeof proof !== 'object') return null;
  const value = proof.cryptosuite ?? null;
  for (const suite of SUITES.values()) {
    if (suite.proofType !== proof.type) continue;
    const cryptosuite = suite.proofType === DATA_INTEGRITY_PROOF ? suite.name : null;
    if (cryptosuite === value) return suite;
  }
  return null;
}

/**
 * Whether some registered suite makes proofs of this `type` (a proof of another type is refused as
 * PROOF_TYPE; of a known type with an unknown `cryptosuite`, as PROOF_CRYPTOSUITE).
 * @param {unknown} type
 */
export function isRegisteredProofType(type) {
  return [...SUITES.values()].some((suite) => suite.proofType === type);
}

/** @returns {Readonly<Cryptosuite>[]} every registered suite, in registration order */
export function registeredCryptosuites() {
  return [...SUITES.values()];
}

/** The registered suites' names, for messages ("only … is supported"), in registration order. */
export function cryptosuiteNames() {
  return [...SUITES.keys()].join(', ');
}
