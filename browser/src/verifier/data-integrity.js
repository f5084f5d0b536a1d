/**
 * Verification of one Data Integrity proof (W3C VC Data Integrity 1.0 §4.4), split into the parts a
 * person can understand: is the proof of a kind we check, can the data be canonicalized with known
 * vocabularies, is the key the issuer's and authorised, and does the signature match.
 *
 * What every Data Integrity proof must satisfy is checked here, and the proof configuration and the
 * document are always read as RDFC-1.0 in safe mode (the `contexts` check, and the signed view the
 * verdict reads). What depends on the cryptosuite (the proof value's encoding, the signed bytes, the
 * keys, the signature algorithm) comes from the suite registered under the proof's `cryptosuite`
 * (cryptosuites/registry.js).
 *
 * The same function checks badges and the status-list credentials that revoke them; callers
 * decide what a failure means (a bad badge is `invalid`, a bad status list is `status-unknown`).
 * The constants every Data Integrity proof shares (its type and purpose) are the rulebook's
 * (credsite/data/verifier-rules.json), which the Python verifier reads too.
 */
import { canonicalize, canonicalizeWithView, CanonicalizationError } from './canonicalize.js';
import { cryptosuiteFor, registeredCryptosuites } from './cryptosuites/index.js';
import { parseDateTime } from './dates.js';
import { KeyResolutionError, resolveVerificationMethod } from './key-resolution.js';
import { RULES } from './rulebook.js';
import SIGNED_VIEW from '../../../credsite/data/signed-view.json' with { type: 'json' };

// The keys a proof may have (credsite/data/signed-view.json, read by the Python verifier too).
// The proof is read as JSON, so a key in another spelling (the full IRI of `expires`) would
// hide what it says while the signature still verifies; such a proof is refused.
const PROOF_PROPERTIES = new Set(SIGNED_VIEW.proofProperties);

/**
 * The proof configuration and the document, canonicalized (proof configuration first, so that its
 * failure is the one reported when both fail), and the bytes `suite` signs when a suite is given.
 * Without one only the canonical forms and the view are returned: a proof of a suite we do not know
 * still gets its vocabularies checked, so the report says everything that is wrong.
 *
 * @param {object} unsecuredDocument the document without `proof`
 * @param {object} proofOptions the proof without `proofValue`
 * @param {(url: string) => Promise<object>} documentLoader
 * @param {import('./cryptosuites/registry.js').Cryptosuite|null} suite
 * @throws {CanonicalizationError}
 */
async function readProofData(unsecuredDocument, proofOptions, documentLoader, suite) {
  const proofConfig = { ...proofOptions, '@context': unsecuredDocument['@context'] };
  const canonicalProofConfig = await canonicalize(proofConfig, documentLoader);
  const { nquads: canonicalDocument, view, viewProblem } = await canonicalizeWithView(unsecuredDocument, documentLoader);
  const forms = { canonicalProofConfig, canonicalDocument };
  const hashes = suite ? await suite.hashData({ ...forms, unsecuredDocument, proofConfig }) : {};
  return { ...forms, ...hashes, view, viewProblem };
}

/**
 * The bytes the proof's cryptosuite (`proofOptions.cryptosuite`) signs, with every intermediate value
 * kept so that they can be checked against the published test vectors.
 *
 * @param {object} unsecuredDocument the document without `proof`
 * @param {object} proofOptions the proof without `proofValue`
 * @param {(url: string) => Promise<object>} documentLoader
 * @returns {Promise<{canonicalProofConfig: string, canonicalDocument: string, hashData: Uint8Array,
 *   view: object}>} and the intermediate values the suite adds (such as the two hashes in hex);
 *   `view`: the document's signed view, see canonicalizeWithView
 * @throws {CanonicalizationError}
 */
export async function createVerifyData(unsecuredDocument, proofOptions, documentLoader) {
  const suite = cryptosuiteFor(proofOptions.cryptosuite);
  if (!suite) throw new TypeError(`createVerifyData: no cryptosuite ${JSON.stringify(proofOptions.cryptosuite ?? null)} is registered`);
  return readProofData(unsecuredDocument, proofOptions, documentLoader, suite);
}

// An rdfc proof normally carries no @context (the W3C and 1EdTech vectors have none). If one is
// present we only accept it when it equals the document's, which is what the proof configuration
// uses anyway; the spec's rule for a shorter prefix would let the signed data differ from what the
// page shows, so we refuse that case instead of implementing it.
function sameContext(documentContext, proofContext) {
  return JSON.stringify(documentContext) === JSON.stringify(proofContext);
}

/**
 * The signature in `proofValue`, decoded by the proof's suite. For a suite we do not know, the value
 * still counts as unreadable when none of our suites can read it, so that a proof with two faults
 * names both.
 * @returns {Uint8Array|null}
 */
function decodeProofValue(proofValue, suite) {
  for (const reader of suite ? [suite] : registeredCryptosuites()) {
    const signature = reader.decodeProofValue(proofValue);
    if (signature) return signature;
  }
  return null;
}

/**
 * Check the proof object's own fields. Returns the problems (empty when the proof is usable), the
 * decoded signature and the proof's cryptosuite (null when it names none we know).
 * @param {object} document
 * @param {number} now epoch ms
 */
export function inspectProof(document, now) {
  const problems = [];
  let proof = document.proof;
  if (Array.isArray(proof)) {
    if (proof.length > 1) {
      problems.push({ code: 'PROOF_MULTIPLE', count: proof.length });
      return { proof: null, problems, signature: null, suite: null };
    }
    proof = proof[0];
  }
  if (proof === undefined || proof === null) {
    problems.push({ code: 'PROOF_MISSING' });
    return { proof: null, problems, signature: null, suite: null };
  }
  if (typeof proof !== 'object' || Array.isArray(proof)) {
    problems.push({ code: 'PROOF_MALFORMED' });
    return { proof: null, problems, signature: null, suite: null };
  }
  for (const key of Object.keys(proof).sort()) {
    if (!PROOF_PROPERTIES.has(key)) problems.push({ code: 'PROOF_UNKNOWN_PROPERTY', value: key });
  }
  if (proof.type !== RULES.proof.type) problems.push({ code: 'PROOF_TYPE', value: proof.type ?? null });
  const suite = cryptosuiteFor(proof.cryptosuite);
  if (!suite) problems.push({ code: 'PROOF_CRYPTOSUITE', value: proof.cryptosuite ?? null });
  if (proof.proofPurpose !== RULES.proof.proofPurpose) problems.push({ code: 'PROOF_PURPOSE', value: proof.proofPurpose ?? null });
  if (typeof proof.verificationMethod !== 'string' || proof.verificationMethod === '') {
    problems.push({ code: 'PROOF_NO_VERIFICATION_METHOD' });
  }
  const signature = decodeProofValue(proof.proofValue, suite);
  if (!signature) problems.push({ code: 'PROOF_VALUE_ENCODING' });
  if (proof.created !== undefined && parseDateTime(proof.created) === null) {
    problems.push({ code: 'PROOF_CREATED_MALFORMED', value: proof.created });
  }
  if (proof.expires !== undefined) {
    const expires = parseDateTime(proof.expires);
    if (expires === null) problems.push({ code: 'PROOF_EXPIRES_MALFORMED', value: proof.expires });
    else if (expires <= now) problems.push({ code: 'PROOF_EXPIRED', value: proof.expires });
  }
  if (proof['@context'] !== undefined && !sameContext(document['@context'], proof['@context'])) {
    problems.push({ code: 'PROOF_CONTEXT_MISMATCH' });
  }
  return { proof, problems, signature, suite };
}

/** Whether `suite` verifies with a key of this kind (always so when the suite is unknown: not ours to judge). */
function keyFitsSuite(vm, suite) {
  return !suite || suite.keyTypes.includes(vm.keyType);
}

/**
 * The key-status check: the resolved key's `revoked` / `expires` dates (Multikey v1) still allow the
 * proof. It counts only if it was created strictly before both; a proof without `created` cannot show
 * that, so it does not count once the key carries either date. A date after `created` is a warning.
 * @returns {{outcome: 'passed'|'warning'|'failed', code?: string, field?: string, value?: unknown, notes: object[]}}
 */
function keyStatusCheck(vm, proof) {
  const created = proof.created !== undefined ? parseDateTime(proof.created) : null;
  const notes = [];
  for (const field of ['revoked', 'expires']) {
    if (!Object.hasOwn(vm.dates, field)) continue;
    const value = vm.dates[field];
    const limit = parseDateTime(value);
    if (limit === null) return { outcome: 'failed', code: 'VM_DATE_MALFORMED', field, value, notes };
    if (created === null || created >= limit) {
      return { outcome: 'failed', code: field === 'revoked' ? 'KEY_REVOKED' : 'KEY_EXPIRED', field, value, notes };
    }
    notes.push({ code: field === 'revoked' ? 'KEY_REVOKED_LATER' : 'KEY_EXPIRES_LATER', field, value });
  }
  return { outcome: notes.length ? 'warning' : 'passed', notes };
}

/**
 * key-controller: the key belongs to the document it was published in (its `controller` entry is
 * only the document's word, and a document can name anyone there), and that document is the issuer.
 * @param {{controller: string, listedController: string}} vm
 * @param {string|undefined} issuerId
 * @returns {{outcome: PartOutcome, expected: string|null, actual: string, code?: string, listed?: string}}
 */
function controllerCheck(vm, issuerId) {
  const expected = issuerId ?? null;
  if (vm.listedController !== vm.controller) {
    return { outcome: 'failed', code: 'CONTROLLER_NOT_DOCUMENT', expected, actual: vm.controller, listed: vm.listedController };
  }
  return { outcome: typeof issuerId === 'string' && vm.controller === issuerId ? 'passed' : 'failed', expected, actual: vm.controller };
}

/**
 * Verify the single Data Integrity proof on `document`, with the cryptosuite it names.
 *
 * Every part is attempted when the parts it needs passed, even when another one failed, so the
 * report can say everything that is wrong. When the data can be canonicalized, `canonical.view`
 * is the document as its signature means it (see canonicalizeWithView): callers read every field they
 * judge or show from there, never from the JSON as written. A part that could not be done is 'not-checked',
 * never 'passed'.
 *
 * @param {object} document a secured document (with `proof`)
 * @param {object} options
 * @param {(url: string) => Promise<object>} options.documentLoader the static context loader
 * @param {string|null} options.issuerId the document's issuer id, which must control the key
 * @param {number} options.now epoch ms
 * @param {(url: string) => Promise<any>} [options.fetchJson]
 * @param {{did: string, documentUrl: string}} [options.localDid]
 * @param {Map<string, Promise<any>>} [options.cache]
 * @param {'auto'|'webcrypto'|'noble'} [options.ed25519Backend] read by the suites that verify Ed25519
 * @returns {Promise<ProofReport>}
 *
 * @typedef {'passed'|'failed'|'not-checked'|'warning'} PartOutcome
 * @typedef {{
 *   proof: object|null,
 *   format: {outcome: PartOutcome, problems: object[]},
 *   canonical: {outcome: PartOutcome, error?: {code: string, message: string, detail: object}, verifyData?: object,
 *               view?: object, viewProblem?: {code: string, message: string, detail: object}},
 *   key: {outcome: PartOutcome, retryable?: boolean, error?: {code: string, message: string, url?: string, detail?: object},
 *         vm?: object, keyUse?: object},
 *   controller: {outcome: PartOutcome, expected: string|null, actual: string|null, code?: string, listed?: string},
 *   keyStatus: {outcome: PartOutcome, code?: string, field?: string, value?: unknown, notes?: object[]},
 *   signature: {outcome: PartOutcome, backend?: string},
 *   passed: boolean,
 * }} ProofReport
 *   The parts are the rulebook's checks proof-format, contexts, issuer-key, key-controller, key-status and
 *   signature; each is attempted when the parts it needs passed (or only warned), and `passed` says
 *   all six did. `canonical.viewProblem`: the signed view says something a JSON reader would miss
 *   (NODE_TWICE, TEXT_BOOLEAN), which the caller reports as signed-data.
 */
export async function verifyDataIntegrityProof(document, options) {
  const { documentLoader, issuerId, now } = options;
  const { proof, problems, signature, suite } = inspectProof(document, now);
  const report = {
    proof,
    format: { outcome: problems.length === 0 ? 'passed' : 'failed', problems },
    canonical: { outcome: 'not-checked' },
    key: { outcome: 'not-checked' },
    controller: { outcome: 'not-checked', expected: issuerId ?? null, actual: null },
    keyStatus: { outcome: 'not-checked' },
    signature: { outcome: 'not-checked' },
    passed: false,
  };
  if (!proof) return report;

  const unsecured = { ...document };
  delete unsecured.proof;
  const proofOptions = { ...proof };
  delete proofOptions.proofValue;
  delete proofOptions['@context'];

  try {
    const verifyData = await readProofData(unsecured, proofOptions, documentLoader, suite);
    report.canonical = { outcome: 'passed', verifyData, view: verifyData.view, viewProblem: verifyData.viewProblem };
  } catch (e) {
    if (!(e instanceof CanonicalizationError)) throw e;
    report.canonical = { outcome: 'failed', error: { code: e.code, message: e.message, detail: e.detail } };
  }

  if (typeof proof.verificationMethod === 'string' && proof.verificationMethod !== '') {
    try {
      const vm = await resolveVerificationMethod(proof.verificationMethod, options);
      const fits = keyFitsSuite(vm, suite);
      report.key = { outcome: fits ? 'passed' : 'failed', vm, keyUse: fits ? { ok: true } : { ok: false, code: 'KEY_TYPE', field: 'keyType', value: vm.keyType } };
    } catch (e) {
      if (!(e instanceof KeyResolutionError)) throw e;
      report.key = {
        outcome: e.retryable ? 'not-checked' : 'failed',
        retryable: e.retryable,
        error: { code: e.code, message: e.message, url: e.url, detail: e.detail },
      };
    }
  }

  // What needs the key (rulebook: key-controller and key-status need issuer-key; the signature needs
  // proof-format, contexts and issuer-key) is checked only with a key that passed.
  const { vm } = report.key;
  if (report.key.outcome === 'passed') {
    report.controller = controllerCheck(vm, issuerId);
    report.keyStatus = keyStatusCheck(vm, proof);
  }
  if (report.format.outcome === 'passed' && report.canonical.outcome === 'passed' && report.key.outcome === 'passed') {
    const { hashData } = report.canonical.verifyData;
    const { valid, backend } = await suite.verify({ publicKey: vm.publicKey, signature, hashData, options });
    report.signature = { outcome: valid ? 'passed' : 'failed', backend };
  }

  const good = (part) => ['passed', 'warning'].includes(report[part].outcome);
  report.passed = ['format', 'canonical', 'key', 'controller', 'keyStatus', 'signature'].every(good);
    return report;
}
