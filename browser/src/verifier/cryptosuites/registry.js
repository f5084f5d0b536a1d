/**
 * The cryptosuites the verifier can check, by the name a Data Integrity proof gives in its
 * `cryptosuite` (the JS twin of the Python verifier's registry).
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
 *   keyTypes: readonly string[],
 *   decodeProofValue: (proofValue: unknown) => Uint8Array|null,
 *   hashData: (input: HashInput) => Promise<{hashData: Uint8Array} & Record<string, unknown>>,
 *   verify: (input: {publicKey: Uint8Array, signature: Uint8Array, hashData: Uint8Array, options: object})
 *     => Promise<{valid: boolean, backend: string}>,
 * }} Cryptosuite
 *   - name: the proof's `cryptosuite` value;
 *   - keyTypes: the kinds of key it verifies with, as key resolution names them (`keyType` of a
 *     resolved key, e.g. 'Ed25519'); a key of another kind fails the issuer-key check (KEY_TYPE);
 *   - decodeProofValue: the signature bytes, or null when `proofValue` is not in the suite's encoding;
 *   - hashData: the bytes the signature covers, from the proof configuration and the document
 *     (both already canonicalized with RDFC-1.0, and as JSON); intermediate values may ride along
 *     for tools and tests;
 *   - verify: whether `signature` over `hashData` is valid for `publicKey`; `options` are the
 *     verification's options (a suite reads its own, e.g. `ed25519Backend`); `backend` names what checked it.
 *
 * @typedef {{unsecuredDocument: object, proofConfig: object, canonicalDocument: string,
 *   canonicalProofConfig: string}} HashInput
 */

/** @type {Map<string, Readonly<Cryptosuite>>} */
const SUITES = new Map();

const FUNCTIONS = ['decodeProofValue', 'hashData', 'verify'];

/**
 * Register a cryptosuite under its name. A second suite of the same name is a programming error:
 * which of the two checks a proof must not depend on import order.
 * @param {Cryptosuite} suite
 * @returns {Readonly<Cryptosuite>} the registered (frozen) suite
 */
export function registerCryptosuite(suite) {
  if (!suite || typeof suite !== 'object') throw new TypeError('registerCryptosuite: a suite must be an object');
  const { name, keyTypes } = suite;
  if (typeof name !== 'string' || name === '') throw new TypeError('registerCryptosuite: name must be a non-empty string');
  if (!Array.isArray(keyTypes) || keyTypes.length === 0 || !keyTypes.every((t) => typeof t === 'string' && t !== '')) {
    throw new TypeError(`registerCryptosuite: ${name}: keyTypes must be a non-empty list of names`);
  }
  for (const key of FUNCTIONS) {
    if (typeof suite[key] !== 'function') throw new TypeError(`registerCryptosuite: ${name}: ${key} must be a function`);
  }
  if (SUITES.has(name)) throw new Error(`registerCryptosuite: ${name} is already registered`);
  const registered = Object.freeze({ ...suite, keyTypes: Object.freeze([...keyTypes]) });
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
 * The suite a proof's `cryptosuite` names, or null when it names none we know (or is not a string).
 * @param {unknown} name
 * @returns {Readonly<Cryptosuite>|null}
 */
export function cryptosuiteFor(name) {
  return typeof name === 'string' ? (SUITES.get(name) ?? null) : null;
}

/** @returns {Readonly<Cryptosuite>[]} every registered suite, in registration order */
export function registeredCryptosuites() {
  return [...SUITES.values()];
}

/** The registered suites' names, for messages ("only … is supported"), in registration order. */
export function cryptosuiteNames() {
  return [...SUITES.keys()].join(', ');
}
