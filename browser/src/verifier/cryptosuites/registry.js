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
 * (PROOF_CRYPTOSUITE). Adding a suite is one module and one registerCryptosuite line in ./index.js;
 * nothing else in the verifier names a suite.
 *
 * A suite is registered either whole, or as a DECLARATION: its name, proof type, legacyOf and key
 * types, and `load`, which imports its module (a dynamic import(), which the page bundles turn into a
 * chunk). What a proof names is known at once (isRegisteredProofType, registeredCryptosuites,
 * cryptosuiteNames); the implementation is loaded the first time a proof needs it, so a page whose
 * credential is signed with eddsa-rdfc-2022 never downloads the curves of ecdsa-rdfc-2019 or the
 * JCS of eddsa-jcs-2022. That is why the lookups that return a suite (cryptosuiteFor,
 * cryptosuiteForProof) are async.
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
 *
 * @typedef {{name: string, proofType?: string, legacyOf?: string|null, keyTypes: readonly string[],
 *   load: () => Promise<Cryptosuite>}} CryptosuiteDeclaration
 *   a suite known by what it is, whose implementation `load` imports when a proof first needs it; the
 *   loaded suite must say the same name, proof type, legacyOf and key types
 */

/**
 * Every registered suite by name: what it is (`about`: name, proofType, legacyOf, keyTypes) and its
 * implementation, or, for a declaration, the promise of it once asked for.
 * @type {Map<string, {about: Readonly<object>, suite: Readonly<Cryptosuite>|null, load: (() => Promise<Cryptosuite>)|null,
 *   loading: Promise<Readonly<Cryptosuite>>|null}>}
 */
const SUITES = new Map();

const FUNCTIONS = ['decodeProofValue', 'hashData', 'verify'];

/** The proof type of Data Integrity proofs, whose suite is named by their `cryptosuite`. */
export const DATA_INTEGRITY_PROOF = 'DataIntegrityProof';

/** The checked, frozen description of a suite or declaration: name, proofType, legacyOf, keyTypes. */
function describe(suite) {
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
  return Object.freeze({ name, proofType, legacyOf, keyTypes: Object.freeze([...keyTypes]) });
}

/** The implementation, frozen with its description; a TypeError when a function is missing. */
function complete(suite, about) {
  for (const key of FUNCTIONS) {
    if (typeof suite[key] !== 'function') throw new TypeError(`registerCryptosuite: ${about.name}: ${key} must be a function`);
  }
  return Object.freeze({ ...suite, ...about });
}

/**
 * Register a cryptosuite under its name, whole or as a declaration (see CryptosuiteDeclaration). A
 * second suite of the same name is a programming error: which of the two checks a proof must not
 * depend on import order.
 * @param {Cryptosuite|CryptosuiteDeclaration} suite
 * @returns {Readonly<object>} the registered suite (frozen), or a declaration's description
 */
export function registerCryptosuite(suite) {
  const about = describe(suite);
  const declared = typeof suite.load === 'function' && !FUNCTIONS.some((key) => key in suite);
  const whole = declared ? null : complete(suite, about);
  if (SUITES.has(about.name)) throw new Error(`registerCryptosuite: ${about.name} is already registered`);
  SUITES.set(about.name, { about, suite: whole, load: declared ? suite.load : null, loading: null });
  return whole ?? about;
}

/**
 * Remove a registered suite: for tests and tools that add one for a while.
 * @param {string} name
 */
export function unregisterCryptosuite(name) {
  if (!SUITES.delete(name)) throw new Error(`unregisterCryptosuite: ${name} is not registered`);
}

/**
 * A registered entry's implementation, loaded once (a failed load is tried again next time: a
 * page that lost its network for a moment may verify the next credential). A loaded suite that
 * does not say what its declaration said is a programming error.
 * @returns {Promise<Readonly<Cryptosuite>>}
 */
function implementation(entry) {
  if (entry.suite) return Promise.resolve(entry.suite);
  if (!entry.loading) {
    entry.loading = entry.load().then(
      (loaded) => {
        const { about } = entry;
        const said = describe(loaded);
        if (JSON.stringify(said) !== JSON.stringify(about)) {
          throw new Error(`cryptosuite ${about.name}: the loaded suite is ${JSON.stringify(said)}, not what was registered`);
        }
        entry.suite = complete(loaded, about);
        return entry.suite;
      },
      (e) => {
        entry.loading = null;
        throw e;
      },
    );
  }
  return entry.loading;
}

/**
 * The Data Integrity suite a proof's `cryptosuite` names, or null when it names none we know (or is
 * not a string); loaded when it was only declared.
 * @param {unknown} name
 * @returns {Promise<Readonly<Cryptosuite>|null>}
 */
export async function cryptosuiteFor(name) {
  const entry = SUITES.get(name); // only strings are keys: anything else finds nothing
  return entry && entry.about.proofType === DATA_INTEGRITY_PROOF ? implementation(entry) : null;
}

/**
 * The name of the suite a proof (or its options) selects, without loading it: by `cryptosuite`
 * within its `type`, as the Python verifier's `for_proof`; a legacy proof type's proofs have no
 * `cryptosuite` (absent or null). Null when the proof names no registered suite.
 * @param {unknown} proof
 * @returns {string|null}
 */
export function cryptosuiteNameForProof(proof) {
  if (!proof || typeof proof !== 'object') return null;
  const value = proof.cryptosuite ?? null;
  for (const { about } of SUITES.values()) {
    if (about.proofType !== proof.type) continue;
    const cryptosuite = about.proofType === DATA_INTEGRITY_PROOF ? about.name : null;
    if (cryptosuite === value) return about.name;
  }
  return null;
}

/**
 * The suite a proof (or its options) selects (cryptosuiteNameForProof), loaded when it was only
 * declared; null when the proof names no registered suite.
 * @param {unknown} proof
 * @returns {Promise<Readonly<Cryptosuite>|null>}
 */
export async function cryptosuiteForProof(proof) {
  const name = cryptosuiteNameForProof(proof);
  return name === null ? null : implementation(SUITES.get(name));
}

/**
 * Whether some registered suite makes proofs of this `type` (a proof of another type is refused as
 * PROOF_TYPE; of a known type with an unknown `cryptosuite`, as PROOF_CRYPTOSUITE).
 * @param {unknown} type
 */
export function isRegisteredProofType(type) {
  return [...SUITES.values()].some((entry) => entry.about.proofType === type);
}

/**
 * What every registered suite is (name, proofType, legacyOf, keyTypes), in registration order,
 * without loading any.
 * @returns {Readonly<{name: string, proofType: string, legacyOf: string|null, keyTypes: readonly string[]}>[]}
 */
export function registeredCryptosuites() {
  return [...SUITES.values()].map((entry) => entry.about);
}

/** The registered suites' names, for messages ("only … is supported"), in registration order. */
export function cryptosuiteNames() {
  return [...SUITES.keys()].join(', ');
}
