/**
 * Verification of Data Integrity proofs (W3C VC Data Integrity 1.0 §4.4), split into the parts a
 * person can understand: is the proof of a kind we check, can the data be canonicalized with known
 * vocabularies, is the key the issuer's and authorised, and does the signature match.
 *
 * What every Data Integrity proof must satisfy is checked here, and the proof configuration and the
 * document are always read as RDFC-1.0 in safe mode (the `contexts` check, and the signed view the
 * verdict reads). What depends on the cryptosuite (the proof value's encoding, the signed bytes, the
 * keys, the signature algorithm) comes from the suite registered for the proof's `type` and
 * `cryptosuite` (cryptosuites/registry.js). A proof of a kind no suite is registered for, or a
 * vocabulary this verifier does not carry, is 'unsupported': a format it does not know, not a fault.
 *
 * A proof set (`proof` a list of several) is checked proof by proof, each by the six parts; the
 * result is one proof's report, chosen by the rulebook's rule (the first understood issuer proof that
 * failed a part, else the first that passed all), with `set` saying what became of every proof. The
 * Python verifier applies the same rules (credsite/standards/authenticity.py).
 *
 * The same function checks badges and the status-list credentials that revoke them; callers
 * decide what a failure means (a bad badge is `invalid`, a bad status list is `status-unknown`).
 * The constants every Data Integrity proof shares (its purpose) are the rulebook's
 * (credsite/data/verifier-rules.json), which the Python verifier reads too.
 */
import { canonicalize, canonicalizeWithView, CanonicalizationError } from './canonicalize.js';
import './cryptosuites/index.js';
import { cryptosuiteForProof, isRegisteredProofType } from './cryptosuites/registry.js';
import { parseDateTime } from './dates.js';
import { KeyResolutionError, resolveVerificationMethod } from './key-resolution.js';
import { RULES } from './rulebook.js';
import SIGNED_VIEW from '../../../credsite/data/signed-view.json' with { type: 'json' };

// The keys a proof may have (credsite/data/signed-view.json, read by the Python verifier too).
// The proof is read as JSON, so a key in another spelling (the full IRI of `expires`) would
// hide what it says while the signature still verifies; such a proof is refused.
const PROOF_PROPERTIES = new Set(SIGNED_VIEW.proofProperties);

// The problem that says only that no suite is registered for a proof of a type we know (a proof of
// a type we do not know, PROOF_TYPE, is judged no further).
const KIND_PROBLEMS = new Set(['PROOF_CRYPTOSUITE']);

/**
 * The document's canonical form and signed view, made once per verification however many proofs
 * read it (a proof set of two RDFC proofs canonicalizes the document once). Each proof of a set
 * passes its own copy of the document without `proof`, so the memo, made for one set, holds one
 * document's forms under one key.
 * @param {object} unsecuredDocument
 * @param {(url: string) => Promise<object>} documentLoader
 * @param {Map<string, Promise<object>>} [memo]
 */
function documentForms(unsecuredDocument, documentLoader, memo) {
  if (!memo) return canonicalizeWithView(unsecuredDocument, documentLoader);
  if (!memo.has('document')) memo.set('document', canonicalizeWithView(unsecuredDocument, documentLoader));
  return memo.get('document');
}

/**
 * The proof configuration and the document, canonicalized (proof configuration first, so that its
 * failure is the one reported when both fail), and the bytes `suite` signs when a suite is given.
 * Without one only the document's canonical form and view are returned: the vocabularies of a
 * credential whose proof we cannot check are still checked, so the report says everything that is
 * wrong; its proof configuration is not, since how it is read is the unknown suite's to say.
 *
 * @param {object} unsecuredDocument the document without `proof`
 * @param {object} proofOptions the proof without `proofValue`
 * @param {(url: string) => Promise<object>} documentLoader
 * @param {import('./cryptosuites/registry.js').Cryptosuite|null} suite
 * @param {Map<string, Promise<object>>} [memo] the document's forms, shared by the proofs of a set
 * @throws {CanonicalizationError}
 */
async function readProofData(unsecuredDocument, proofOptions, documentLoader, suite, memo) {
  const proofConfig = { ...proofOptions, '@context': unsecuredDocument['@context'] };
  const canonicalProofConfig = suite ? await canonicalize(proofConfig, documentLoader) : null;
  const { nquads: canonicalDocument, view, viewProblem } = await documentForms(unsecuredDocument, documentLoader, memo);
  const forms = { canonicalProofConfig, canonicalDocument };
  const hashes = suite ? await suite.hashData({ ...forms, unsecuredDocument, proofConfig }) : {};
  return { ...forms, ...hashes, view, viewProblem };
}

/**
 * The bytes the proof's cryptosuite (its `type` and `cryptosuite`) signs, with every intermediate
 * value kept so that they can be checked against the published test vectors.
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
  const suite = await cryptosuiteForProof(proofOptions);
  if (!suite) {
    const named = JSON.stringify([proofOptions.type ?? null, proofOptions.cryptosuite ?? null]);
    throw new TypeError(`createVerifyData: no cryptosuite is registered for ${named}`);
  }
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
 * Check one proof object's own fields. Returns the problems (empty when the proof is usable), the
 * decoded signature, the proof's suite (null when none is registered for it) and the outcome:
 * 'unsupported' when the only problem is that no suite is registered (PROOF_TYPE, PROOF_CRYPTOSUITE),
 * 'failed' for any other. A proof of a type no suite makes is judged no further: its fields are not
 * ours to know. The Python twin is authenticity.inspect.
 * @param {object} proof a proof object
 * @param {object} document the document that carries it
 * @param {number} now epoch ms
 * @returns {Promise<{problems: object[], signature: Uint8Array|null, suite: object|null, outcome: 'passed'|'failed'|'unsupported'}>}
 *   async: the suite's code is loaded when the proof is the first to name it (cryptosuites/registry.js)
 */
export async function inspectProof(proof, document, now) {
  const suite = await cryptosuiteForProof(proof);
  const problems = [];
  if (!suite) {
    const known = isRegisteredProofType(proof.type);
    problems.push(known ? { code: 'PROOF_CRYPTOSUITE', value: proof.cryptosuite ?? null } : { code: 'PROOF_TYPE', value: proof.type ?? null });
    if (!known) return { problems, signature: null, suite: null, outcome: 'unsupported' };
  }
  for (const key of Object.keys(proof).sort()) {
    if (!PROOF_PROPERTIES.has(key)) problems.push({ code: 'PROOF_UNKNOWN_PROPERTY', value: key });
  }
  if (proof.proofPurpose !== RULES.proof.proofPurpose) problems.push({ code: 'PROOF_PURPOSE', value: proof.proofPurpose ?? null });
  if (typeof proof.verificationMethod !== 'string' || proof.verificationMethod === '') {
    problems.push({ code: 'PROOF_NO_VERIFICATION_METHOD' });
  }
  // A suite we do not know says how its proofValue is encoded; we can only ask for text.
  const signature = suite ? suite.decodeProofValue(proof.proofValue) : null;
  if (suite ? !signature : typeof proof.proofValue !== 'string' || proof.proofValue === '') problems.push({ code: 'PROOF_VALUE_ENCODING' });
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
  const outcome = problems.some((p) => !KIND_PROBLEMS.has(p.code)) ? 'failed' : suite ? 'passed' : 'unsupported';
  return { problems, signature, suite, outcome };
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
  const created = parseDateTime(proof.created); // null when absent
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
  if (vm.controller === issuerId) return { outcome: 'passed', expected, actual: vm.controller };
  if (isKeylessIssuer(issuerId)) return { outcome: 'warning', code: 'KEYLESS_ISSUER', expected, actual: vm.controller, key: vm.id };
  return { outcome: 'failed', expected, actual: vm.controller };
}

const KEYLESS_ISSUER = new RegExp(RULES.keys.keylessIssuerPattern);

/**
 * Whether the issuer is named by an identifier that can publish no key (a URN: rulebook
 * keys.keylessIssuerPattern), so that no key can be checked against it (authenticity.py,
 * keyless_issuer). key-controller is then a warning naming the signing key.
 * @param {unknown} issuerId
 */
export function isKeylessIssuer(issuerId) {
  return typeof issuerId === 'string' && KEYLESS_ISSUER.test(issuerId);
}

/**
 * The six parts of one proof. `proof` is the proof object (or what stands in `proof`: undefined, null
 * or something else, which fails proof-format and leaves the other parts not-checked).
 * @returns {Promise<ProofReport>}
 */
async function verifyOneProof(document, proof, options, memo) {
  const { documentLoader, issuerId, now } = options;
  const report = {
    proof: null,
    format: { outcome: 'failed', problems: [] },
    canonical: { outcome: 'not-checked' },
    key: { outcome: 'not-checked' },
    controller: { outcome: 'not-checked', expected: issuerId ?? null, actual: null },
    keyStatus: { outcome: 'not-checked' },
    signature: { outcome: 'not-checked' },
    passed: false,
  };
  if (proof === null || typeof proof !== 'object' || Array.isArray(proof)) {
    report.format.problems.push({ code: proof === undefined || proof === null ? 'PROOF_MISSING' : 'PROOF_MALFORMED' });
    return report;
  }
  const { problems, signature, suite, outcome } = await inspectProof(proof, document, now);
  report.proof = proof;
  report.suite = suite;
  report.format = { outcome: outcome === 'passed' && suite.legacyOf ? 'warning' : outcome, problems };
  if (outcome === 'passed' && suite.legacyOf) report.format.legacy = { name: suite.name, standard: suite.legacyOf };

  const unsecured = { ...document };
  delete unsecured.proof;
  const proofOptions = { ...proof };
  delete proofOptions.proofValue; // its @context is replaced by the document's (readProofData)

  try {
    const verifyData = await readProofData(unsecured, proofOptions, documentLoader, suite, memo);
    report.canonical = { outcome: 'passed', verifyData, view: verifyData.view, viewProblem: verifyData.viewProblem };
  } catch (e) {
    if (!(e instanceof CanonicalizationError)) throw e;
    // Whether it names vocabularies we do not carry: only a credential that cannot be read needs to know.
    const { unbundledContexts } = await import('./context-scan.js');
    const unknown = await unbundledContexts(unsecured, documentLoader);
    report.canonical = {
      outcome: unknown.length > 0 ? 'unsupported' : 'failed',
      error: { code: unknown.length > 0 ? 'UNSUPPORTED_CONTEXT' : e.code, message: e.message, detail: unknown.length > 0 ? { urls: unknown } : e.detail },
    };
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
  const good = (part) => ['passed', 'warning'].includes(report[part].outcome);
  if (report.key.outcome === 'passed') {
    report.controller = controllerCheck(vm, issuerId);
    report.keyStatus = keyStatusCheck(vm, proof);
  }
  if (good('format') && report.canonical.outcome === 'passed' && report.key.outcome === 'passed') {
    const { verifyData } = report.canonical;
    const { valid, backend } = await suite.verify({ publicKey: vm.publicKey, keyType: vm.keyType, signature, hashData: verifyData.hashData, verifyData, options });
    report.signature = { outcome: valid ? 'passed' : 'failed', backend };
  }
  report.passed = PARTS.every(good);
  return report;
}

// The parts of a proof's report, in the rulebook's order (proof-format … signature).
const PARTS = ['format', 'canonical', 'key', 'controller', 'keyStatus', 'signature'];

/** Whether any part of a proof's report failed. */
function anyFailed(report) {
  return PARTS.some((part) => report[part].outcome === 'failed');
}

/**
 * Made with a key that is established and controlled by another party than the issuer (an
 * endorser's, a wallet's): in a set, not the issuer's proof, and skipped.
 */
function byOther(report, issuerId) {
  const { vm } = report.key;
  return report.key.outcome === 'passed' && vm.listedController === vm.controller && vm.controller !== issuerId;
}

/**
 * Verify the Data Integrity proof on `document`, or each proof of a proof set, with the
 * cryptosuite each names.
 *
 * Every part is attempted when the parts it needs passed, even when another one failed, so the
 * report can say everything that is wrong. When the data can be canonicalized, `canonical.view`
 * is the document as its signature means it (see canonicalizeWithView): callers read every field they
 * judge or show from there, never from the JSON as written. A part that could not be done is 'not-checked',
 * never 'passed'.
 *
 * A proof set: proofs of a kind no suite is registered for are skipped (all of them unknown:
 * format 'unsupported', or 'failed' when one has another fault); each understood proof is checked on
 * its own, and one whose key is established and controlled by another party than the issuer is
 * skipped; the report is the first understood issuer proof's that failed a part, else the first's
 * that passed all, else the first understood issuer proof's (else the first understood proof's). Its
 * format is 'warning' when it passed but a proof was skipped or could not be checked to the end, and
 * `set` says what became of each proof (the proof-format message).
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
 * @typedef {'passed'|'failed'|'not-checked'|'warning'|'unsupported'} PartOutcome
 * @typedef {{
 *   proof: object|null,
 *   suite?: object|null,
 *   format: {outcome: PartOutcome, problems: object[], legacy?: {name: string, standard: string}},
 *   canonical: {outcome: PartOutcome, error?: {code: string, message: string, detail: object}, verifyData?: object,
 *               view?: object, viewProblem?: {code: string, message: string, detail: object}},
 *   key: {outcome: PartOutcome, retryable?: boolean, error?: {code: string, message: string, url?: string, detail?: object},
 *         vm?: object, keyUse?: object},
 *   controller: {outcome: PartOutcome, expected: string|null, actual: string|null, code?: string, listed?: string},
 *   keyStatus: {outcome: PartOutcome, code?: string, field?: string, value?: unknown, notes?: object[]},
 *   signature: {outcome: PartOutcome, backend?: string},
 *   passed: boolean,
 *   set?: {count: number, chosen: number|null, broken?: number,
 *          entries: {number: number, status: 'skipped-kind'|'skipped-other'|'verifies'|'fails'|'unfinished',
 *                    problems?: object[], suite?: string, controller?: string}[]},
 * }} ProofReport
 *   The parts are the rulebook's checks proof-format, contexts, issuer-key, key-controller, key-status and
 *   signature; each is attempted when the parts it needs passed (or only warned), and `passed` says
 *   all six did. `canonical.viewProblem`: the signed view says something a JSON reader would miss
 *   (NODE_TWICE, TEXT_BOOLEAN), which the caller reports as signed-data.
 */
export async function verifyDataIntegrityProof(document, options) {
  const proofs = document.proof;
  if (!Array.isArray(proofs) || proofs.length <= 1) {
    return verifyOneProof(document, Array.isArray(proofs) ? proofs[0] : proofs, options);
  }
  const count = proofs.length;
  const broken = proofs.findIndex((p) => p === null || typeof p !== 'object' || Array.isArray(p));
  if (broken >= 0) {
    const report = await verifyOneProof(document, proofs[broken], options);
    report.format = { outcome: 'failed', problems: [{ code: 'PROOF_SET_MALFORMED', count, number: broken + 1 }] };
    report.set = { count, chosen: null, broken: broken + 1, entries: [] };
    return report;
  }
  const memo = new Map();
  const seen = await Promise.all(proofs.map((proof) => inspectProof(proof, document, options.now)));
  const understood = seen.flatMap((s, i) => (s.suite ? [i] : []));
  if (understood.length === 0) {
    const report = await verifyOneProof(document, proofs[0], options, memo);
    const outcome = seen.some((s) => s.outcome === 'failed') ? 'failed' : 'unsupported';
    const problems = seen.flatMap((s, i) => s.problems.map((p) => ({ ...p, number: i + 1 })));
    report.format = { outcome, problems };
    report.set = { count, chosen: null, entries: seen.map((s, i) => ({ number: i + 1, status: 'skipped-kind', problems: s.problems })) };
    return report;
  }
  const results = [];
  for (const i of understood) results.push({ number: i + 1, report: await verifyOneProof(document, proofs[i], options, memo) });
  const ours = results.filter((r) => !byOther(r.report, options.issuerId));
  const chosen = ours.find((r) => anyFailed(r.report)) ?? ours.find((r) => r.report.passed) ?? ours[0] ?? results[0];
  return withSet(chosen, seen, results, options.issuerId);
}

/** The chosen proof's report, with the set's format outcome and what became of each proof. */
function withSet(chosen, seen, results, issuerId) {
  const byNumber = new Map(results.map((r) => [r.number, r.report]));
  const entries = seen.map((s, i) => {
    const number = i + 1;
    const report = byNumber.get(number);
    if (!report) return { number, status: 'skipped-kind', problems: s.problems };
    if (number !== chosen.number && byOther(report, issuerId)) return { number, status: 'skipped-other', controller: report.key.vm.controller };
    const status = report.passed ? 'verifies' : anyFailed(report) ? 'fails' : 'unfinished';
    return { number, status, suite: report.suite.name };
  });
  const report = { ...chosen.report };
  const skipped = entries.some((e) => ['skipped-kind', 'skipped-other', 'unfinished'].includes(e.status));
  const own = report.format.outcome;
  report.format = { ...report.format, outcome: own === 'passed' && skipped ? 'warning' : own };
  report.set = { count: seen.length, chosen: chosen.number, entries };
  return report;
}
