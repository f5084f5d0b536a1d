// The rules of one Data Integrity proof and of a proof set in the browser verifier
// (src/verifier/data-integrity.js), pinned part by part with whole reports: what a proof object may
// hold (proof-format), when the data is unreadable or of an unknown vocabulary (contexts), what
// becomes of the key (issuer-key, key-controller, key-status), and what each proof of a set becomes.
// The Python twin is credsite/standards/authenticity.py (tests/test_proof_sets.py and others).
// One small credential is signed once; most cases change a field of its proof, which the check under
// test judges before (or without) the signature.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { registerCryptosuite, unregisterCryptosuite } from '../src/verifier/cryptosuites/index.js';
import { createVerifyData, inspectProof, isKeylessIssuer, verifyDataIntegrityProof } from '../src/verifier/data-integrity.js';
import { documentLoader } from './helpers/contexts.js';
import { didDocument, signDocument, stubNetwork } from './helpers/sign.js';
import { DID_URL, ISSUER, KEY, OTHER_KEY, VM } from './helpers/fixtures.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const CONTEXT = ['https://www.w3.org/ns/credentials/v2'];
const UNSIGNED = {
  '@context': CONTEXT,
  type: ['VerifiableCredential'],
  issuer: ISSUER,
  validFrom: '2025-06-30T10:00:00Z',
  credentialSubject: { id: 'did:example:learner' },
};
const SIGNED = await signDocument(UNSIGNED, { key: KEY, verificationMethod: VM }); // created 2025-01-01T00:00:00Z
const PROOF = SIGNED.proof;

const OTHER = 'did:web:endorser.example.org';
const OTHER_URL = 'https://endorser.example.org/.well-known/did.json';
const THEIRS = (await signDocument(UNSIGNED, { key: OTHER_KEY, verificationMethod: `${OTHER}#key-1` })).proof;
const UNKNOWN = { type: 'SomeProofType', proofPurpose: 'assertionMethod' };

/** The issuer's DID document with one key (`extra`: its own fields such as revoked), and the endorser's. */
function net({ extra, controller, otherController } = {}) {
  return stubNetwork({
    [DID_URL]: didDocument(ISSUER, [{ fragment: 'key-1', key: KEY, extra, controller }]),
    [OTHER_URL]: didDocument(OTHER, [{ fragment: 'key-1', key: OTHER_KEY, controller: otherController }]),
  });
}

function verify(document, { network = net(), ...options } = {}) {
  return verifyDataIntegrityProof(document, { documentLoader, issuerId: ISSUER, now: NOW, fetchJson: network.fetchJson, ...options });
}

function withProof(proof) {
  return { ...SIGNED, proof };
}

function without(object, key) {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

const NOT_CHECKED = { outcome: 'not-checked' };

function unchecked(code, expected = ISSUER) {
  return {
    proof: null,
    format: { outcome: 'failed', problems: [{ code }] },
    canonical: NOT_CHECKED,
    key: NOT_CHECKED,
    controller: { outcome: 'not-checked', expected, actual: null },
    keyStatus: NOT_CHECKED,
    signature: NOT_CHECKED,
    passed: false,
  };
}

// A suite whose hashData breaks with a programming error (not a canonicalization error).
const BROKEN_SUITE = 'rules-broken-2099';
registerCryptosuite({
  name: BROKEN_SUITE,
  keyTypes: ['Ed25519'],
  decodeProofValue: () => new Uint8Array([1]),
  hashData: async () => {
    throw new TypeError('hashData broke');
  },
  verify: async () => ({ valid: true, backend: 'test' }),
});
after(() => unregisterCryptosuite(BROKEN_SUITE));

// --- proof-format: a missing or malformed proof -------------------------------------------------

test('no proof, or a null or empty-list proof, is PROOF_MISSING and leaves every other part not-checked', async () => {
  assert.deepEqual(await verify(without(SIGNED, 'proof')), unchecked('PROOF_MISSING'));
  assert.deepEqual(await verify(withProof(null)), unchecked('PROOF_MISSING'));
  assert.deepEqual(await verify(withProof([])), unchecked('PROOF_MISSING'));
});

test('a proof that is text, a number or a list is PROOF_MALFORMED and leaves every other part not-checked', async () => {
  assert.deepEqual(await verify(withProof('proof')), unchecked('PROOF_MALFORMED'));
  assert.deepEqual(await verify(withProof(7)), unchecked('PROOF_MALFORMED'));
  assert.deepEqual(await verify(withProof([[PROOF]])), unchecked('PROOF_MALFORMED'));
});

test('key-controller expects null when the issuer id is not given', async () => {
  assert.deepEqual(await verify(without(SIGNED, 'proof'), { issuerId: undefined }), unchecked('PROOF_MISSING', null));
});

// --- proof-format: the proof's own fields (inspectProof) ----------------------------------------

async function problemsOf(proof) {
  const { problems, outcome } = await inspectProof(proof, SIGNED, NOW);
  return { problems, outcome };
}

test('a good proof has no problems and passes proof-format', async () => {
  assert.deepEqual(await problemsOf(PROOF), { problems: [], outcome: 'passed' });
  assert.deepEqual(await problemsOf(without(PROOF, 'created')), { problems: [], outcome: 'passed' });
});

test('keys a proof may not have are PROOF_UNKNOWN_PROPERTY each, in sorted order', async () => {
  assert.deepEqual(await problemsOf({ ...PROOF, zeta: 1, alpha: 2 }), {
    problems: [
      { code: 'PROOF_UNKNOWN_PROPERTY', value: 'alpha' },
      { code: 'PROOF_UNKNOWN_PROPERTY', value: 'zeta' },
    ],
    outcome: 'failed',
  });
});

test('a proofPurpose other than assertionMethod is PROOF_PURPOSE with the purpose', async () => {
  assert.deepEqual(await problemsOf({ ...PROOF, proofPurpose: 'authentication' }), {
    problems: [{ code: 'PROOF_PURPOSE', value: 'authentication' }],
    outcome: 'failed',
  });
});

test('an empty verificationMethod is PROOF_NO_VERIFICATION_METHOD', async () => {
  assert.deepEqual(await problemsOf({ ...PROOF, verificationMethod: '' }), {
    problems: [{ code: 'PROOF_NO_VERIFICATION_METHOD' }],
    outcome: 'failed',
  });
});

test('a created that is not a date-time is PROOF_CREATED_MALFORMED with the value', async () => {
  assert.deepEqual(await problemsOf({ ...PROOF, created: 'yesterday' }), {
    problems: [{ code: 'PROOF_CREATED_MALFORMED', value: 'yesterday' }],
    outcome: 'failed',
  });
});

test('expires malformed is PROOF_EXPIRES_MALFORMED; at or before now PROOF_EXPIRED; after now no problem', async () => {
  assert.deepEqual((await problemsOf({ ...PROOF, expires: 'soon' })).problems, [{ code: 'PROOF_EXPIRES_MALFORMED', value: 'soon' }]);
  assert.deepEqual((await problemsOf({ ...PROOF, expires: '2026-03-01T12:00:00Z' })).problems, [{ code: 'PROOF_EXPIRED', value: '2026-03-01T12:00:00Z' }]);
  assert.deepEqual((await problemsOf({ ...PROOF, expires: '2026-01-01T00:00:00Z' })).problems, [{ code: 'PROOF_EXPIRED', value: '2026-01-01T00:00:00Z' }]);
  assert.deepEqual(await problemsOf({ ...PROOF, expires: '2026-03-01T12:00:01Z' }), { problems: [], outcome: 'passed' });
});

test("a proof's own @context must equal the document's, else PROOF_CONTEXT_MISMATCH", async () => {
  assert.deepEqual(await problemsOf({ ...PROOF, '@context': [...CONTEXT] }), { problems: [], outcome: 'passed' });
  assert.deepEqual(await problemsOf({ ...PROOF, '@context': [...CONTEXT, 'https://w3id.org/security/data-integrity/v2'] }), {
    problems: [{ code: 'PROOF_CONTEXT_MISMATCH' }],
    outcome: 'failed',
  });
});

test('a proof of an unregistered type is PROOF_TYPE and unsupported, judged no further', async () => {
  const seen = await inspectProof({ type: 'SomeProofType', proofPurpose: 'other', extra: 1 }, SIGNED, NOW);
  assert.deepEqual(seen, { problems: [{ code: 'PROOF_TYPE', value: 'SomeProofType' }], signature: null, suite: null, outcome: 'unsupported' });
});

test('an unregistered cryptosuite is PROOF_CRYPTOSUITE and unsupported; its proofValue must still be non-empty text', async () => {
  const unknown = { ...PROOF, cryptosuite: 'example-2099' };
  assert.deepEqual(await inspectProof(unknown, SIGNED, NOW), {
    problems: [{ code: 'PROOF_CRYPTOSUITE', value: 'example-2099' }],
    signature: null,
    suite: null,
    outcome: 'unsupported',
  });
  for (const proofValue of ['', 5]) {
    assert.deepEqual(await problemsOf({ ...unknown, proofValue }), {
      problems: [{ code: 'PROOF_CRYPTOSUITE', value: 'example-2099' }, { code: 'PROOF_VALUE_ENCODING' }],
      outcome: 'failed',
    });
  }
});

test('createVerifyData refuses a proof no suite is registered for, naming its type and cryptosuite', async () => {
  await assert.rejects(createVerifyData(UNSIGNED, { ...without(PROOF, 'proofValue'), cryptosuite: 'example-2099' }, documentLoader), {
    name: 'TypeError',
    message: 'createVerifyData: no cryptosuite is registered for ["DataIntegrityProof","example-2099"]',
  });
  await assert.rejects(createVerifyData(UNSIGNED, {}, documentLoader), {
    name: 'TypeError',
    message: 'createVerifyData: no cryptosuite is registered for [null,null]',
  });
});

test('a proof under a legacy suite name passes proof-format only as a warning naming the standard suite', async () => {
  const report = await verify(withProof({ ...PROOF, cryptosuite: 'eddsa-2022' }));
  assert.deepEqual(report.format, { outcome: 'warning', problems: [], legacy: { name: 'eddsa-2022', standard: 'eddsa-rdfc-2022' } });
  const faulty = await verify(withProof({ ...PROOF, cryptosuite: 'eddsa-2022', proofPurpose: 'authentication' }));
  assert.deepEqual(faulty.format, { outcome: 'failed', problems: [{ code: 'PROOF_PURPOSE', value: 'authentication' }] });
});

// --- a whole proof ---------------------------------------------------------------------------------

test('a good proof passes all six parts; a single proof in a list is that proof, with no set', async () => {
  for (const proof of [PROOF, [PROOF]]) {
    const report = await verify(withProof(proof));
    assert.equal(report.passed, true);
    assert.equal(report.set, undefined);
    assert.deepEqual(report.format, { outcome: 'passed', problems: [] });
    assert.equal(report.canonical.outcome, 'passed');
    assert.equal(report.key.outcome, 'passed');
    assert.deepEqual(report.key.keyUse, { ok: true });
    assert.deepEqual(report.controller, { outcome: 'passed', expected: ISSUER, actual: ISSUER });
    assert.deepEqual(report.keyStatus, { outcome: 'passed', notes: [] });
    assert.equal(report.signature.outcome, 'passed');
  }
});

test('a proof whose signature fails is not passed, though the other parts pass', async () => {
  const report = await verify({ ...SIGNED, validFrom: '2025-07-01T10:00:00Z' });
  assert.equal(report.format.outcome, 'passed');
  assert.equal(report.signature.outcome, 'failed');
  assert.equal(report.passed, false);
});

test('a vocabulary this verifier does not carry makes contexts unsupported with UNSUPPORTED_CONTEXT and its URL', async () => {
  const url = 'https://example.org/unknown-context.json';
  const report = await verify({ ...SIGNED, '@context': [...CONTEXT, url] });
  assert.equal(report.canonical.outcome, 'unsupported');
  assert.equal(report.canonical.error.code, 'UNSUPPORTED_CONTEXT');
  assert.deepEqual(report.canonical.error.detail, { urls: [url] });
  assert.equal(report.signature.outcome, 'not-checked');
});

test('data that cannot be read with known vocabularies fails contexts with the canonicalization error code', async () => {
  const report = await verify({ ...SIGNED, undefinedTerm: 'x' });
  assert.equal(report.canonical.outcome, 'failed');
  assert.deepEqual(report.canonical.error, {
    code: 'UNDEFINED_TERM',
    message: 'property "undefinedTerm" is not defined by any context',
    detail: { term: 'undefinedTerm' },
  });
  assert.equal(report.signature.outcome, 'not-checked');
});

test('an error that is not a canonicalization error is not taken for unreadable data: it propagates', async () => {
  await assert.rejects(verify(withProof({ ...PROOF, cryptosuite: BROKEN_SUITE })), { name: 'TypeError', message: 'hashData broke' });
});

test('an error that is not a key-resolution error is not taken for a bad key: it propagates', async () => {
  await assert.rejects(verify(SIGNED, { cache: {} }), TypeError);
});

test('an empty verificationMethod leaves issuer-key not-checked (nothing is resolved)', async () => {
  const report = await verify(withProof({ ...PROOF, verificationMethod: '' }));
  assert.deepEqual(report.key, NOT_CHECKED);
  assert.deepEqual(report.controller, { outcome: 'not-checked', expected: ISSUER, actual: null });
});

test('a key of a kind the suite does not verify with fails issuer-key with KEY_TYPE and the key type', async () => {
  const report = await verify(withProof({ ...PROOF, cryptosuite: 'ecdsa-rdfc-2019' }));
  assert.equal(report.key.outcome, 'failed');
  assert.deepEqual(report.key.keyUse, { ok: false, code: 'KEY_TYPE', field: 'keyType', value: 'Ed25519' });
});

test('a key document that cannot be fetched leaves issuer-key not-checked (retryable); a key not in it fails', async () => {
  const gone = await verify(withProof({ ...PROOF, verificationMethod: 'did:web:gone.example.org#key-1' }));
  assert.equal(gone.key.outcome, 'not-checked');
  assert.equal(gone.key.retryable, true);
  assert.equal(gone.key.error.code, 'KEY_DOCUMENT_UNREACHABLE');
  const missing = await verify(withProof({ ...PROOF, verificationMethod: `${ISSUER}#key-9` }));
  assert.equal(missing.key.outcome, 'failed');
  assert.equal(missing.key.retryable, false);
});

// --- key-controller and key-status ----------------------------------------------------------------

test('a key whose entry names another controller than its document fails key-controller with CONTROLLER_NOT_DOCUMENT', async () => {
  const report = await verify(SIGNED, { network: net({ controller: 'did:web:elsewhere.example.org' }) });
  assert.deepEqual(report.controller, {
    outcome: 'failed',
    code: 'CONTROLLER_NOT_DOCUMENT',
    expected: ISSUER,
    actual: ISSUER,
    listed: 'did:web:elsewhere.example.org',
  });
});

test('only a URN issuer id given as text is keyless', () => {
  assert.equal(isKeylessIssuer('urn:uuid:6f1c3a0e-1b7e-4c59-9a43-0d2d2f7e8b11'), true);
  assert.equal(isKeylessIssuer(['urn:uuid:6f1c3a0e-1b7e-4c59-9a43-0d2d2f7e8b11']), false);
  assert.equal(isKeylessIssuer(ISSUER), false);
});

async function keyStatus(extra, proof = PROOF) {
  return (await verify(withProof(proof), { network: net({ extra }) })).keyStatus;
}

test('a key date that is not a date-time fails key-status with VM_DATE_MALFORMED', async () => {
  assert.deepEqual(await keyStatus({ revoked: 'not a date' }), { outcome: 'failed', code: 'VM_DATE_MALFORMED', field: 'revoked', value: 'not a date', notes: [] });
  assert.deepEqual(await keyStatus({ revoked: '2025-06-01T00:00:00Z', expires: 'never' }), {
    outcome: 'failed',
    code: 'VM_DATE_MALFORMED',
    field: 'expires',
    value: 'never',
    notes: [{ code: 'KEY_REVOKED_LATER', field: 'revoked', value: '2025-06-01T00:00:00Z' }],
  });
});

test('a key revoked or expired at or before the proof was created fails key-status', async () => {
  assert.deepEqual(await keyStatus({ revoked: '2024-12-31T00:00:00Z' }), { outcome: 'failed', code: 'KEY_REVOKED', field: 'revoked', value: '2024-12-31T00:00:00Z', notes: [] });
  assert.deepEqual(await keyStatus({ expires: '2025-01-01T00:00:00Z' }), { outcome: 'failed', code: 'KEY_EXPIRED', field: 'expires', value: '2025-01-01T00:00:00Z', notes: [] });
});

test('a key revoked or expiring after the proof was created is a key-status warning with a note for each', async () => {
  assert.deepEqual(await keyStatus({ revoked: '2025-06-01T00:00:00Z', expires: '2027-01-01T00:00:00Z' }), {
    outcome: 'warning',
    notes: [
      { code: 'KEY_REVOKED_LATER', field: 'revoked', value: '2025-06-01T00:00:00Z' },
      { code: 'KEY_EXPIRES_LATER', field: 'expires', value: '2027-01-01T00:00:00Z' },
    ],
  });
});

test('a proof without created cannot show it came before a key date: key-status fails', async () => {
  assert.deepEqual(await keyStatus({ expires: '2027-01-01T00:00:00Z' }, without(PROOF, 'created')), {
    outcome: 'failed',
    code: 'KEY_EXPIRED',
    field: 'expires',
    value: '2027-01-01T00:00:00Z',
    notes: [],
  });
});

// --- proof sets ------------------------------------------------------------------------------------

test('a proof set holding something other than an object is PROOF_SET_MALFORMED naming its number', async () => {
  const last = await verify(withProof([PROOF, null]));
  assert.deepEqual(last.format, { outcome: 'failed', problems: [{ code: 'PROOF_SET_MALFORMED', count: 2, number: 2 }] });
  assert.deepEqual(last.set, { count: 2, chosen: null, broken: 2, entries: [] });
  const first = await verify(withProof(['proof', PROOF, PROOF]));
  assert.deepEqual(first.format, { outcome: 'failed', problems: [{ code: 'PROOF_SET_MALFORMED', count: 3, number: 1 }] });
  assert.deepEqual(first.set, { count: 3, chosen: null, broken: 1, entries: [] });
});

test('a set of proofs none of which is understood is unsupported, each proof skipped-kind with its problems', async () => {
  const unknownSuite = { ...PROOF, cryptosuite: 'example-2099' };
  const report = await verify(withProof([UNKNOWN, unknownSuite]));
  assert.deepEqual(report.format, {
    outcome: 'unsupported',
    problems: [
      { code: 'PROOF_TYPE', value: 'SomeProofType', number: 1 },
      { code: 'PROOF_CRYPTOSUITE', value: 'example-2099', number: 2 },
    ],
  });
  assert.deepEqual(report.set, {
    count: 2,
    chosen: null,
    entries: [
      { number: 1, status: 'skipped-kind', problems: [{ code: 'PROOF_TYPE', value: 'SomeProofType' }] },
      { number: 2, status: 'skipped-kind', problems: [{ code: 'PROOF_CRYPTOSUITE', value: 'example-2099' }] },
    ],
  });
});

test("a third party's proof in a set is skipped-other with its controller; the issuer's proof passes with a warning", async () => {
  const report = await verify(withProof([THEIRS, PROOF]));
  assert.equal(report.passed, true);
  assert.equal(report.format.outcome, 'warning');
  assert.deepEqual(report.set, {
    count: 2,
    chosen: 2,
    entries: [
      { number: 1, status: 'skipped-other', controller: OTHER },
      { number: 2, status: 'verifies', suite: 'eddsa-rdfc-2022' },
    ],
  });
});

test("a third party's proof that is the only understood one is chosen and fails, not skipped", async () => {
  const report = await verify(withProof([UNKNOWN, THEIRS]));
  assert.equal(report.controller.outcome, 'failed');
  assert.equal(report.format.outcome, 'warning');
  assert.deepEqual(report.set.entries, [
    { number: 1, status: 'skipped-kind', problems: [{ code: 'PROOF_TYPE', value: 'SomeProofType' }] },
    { number: 2, status: 'fails', suite: 'eddsa-rdfc-2022' },
  ]);
  assert.equal(report.set.chosen, 2);
});

test('a key whose entry names the issuer from another document is not a third party: its proof is chosen and fails', async () => {
  const report = await verify(withProof([PROOF, THEIRS]), { network: net({ otherController: ISSUER }) });
  assert.equal(report.set.chosen, 2);
  assert.equal(report.controller.code, 'CONTROLLER_NOT_DOCUMENT');
  assert.deepEqual(report.set.entries, [
    { number: 1, status: 'verifies', suite: 'eddsa-rdfc-2022' },
    { number: 2, status: 'fails', suite: 'eddsa-rdfc-2022' },
  ]);
});

test('a proof that could not be checked to the end is unfinished; the first that passed all is chosen, with a warning', async () => {
  const unreachable = { ...PROOF, verificationMethod: 'did:web:gone.example.org#key-1' };
  const report = await verify(withProof([unreachable, PROOF]));
  assert.equal(report.passed, true);
  assert.equal(report.format.outcome, 'warning');
  assert.deepEqual(report.set, {
    count: 2,
    chosen: 2,
    entries: [
      { number: 1, status: 'unfinished', suite: 'eddsa-rdfc-2022' },
      { number: 2, status: 'verifies', suite: 'eddsa-rdfc-2022' },
    ],
  });
});

test('a failed proof-format stays failed in a set with a skipped proof', async () => {
  const report = await verify(withProof([UNKNOWN, { ...PROOF, proofPurpose: 'authentication' }]));
  assert.deepEqual(report.format, { outcome: 'failed', problems: [{ code: 'PROOF_PURPOSE', value: 'authentication' }] });
  assert.equal(report.set.chosen, 2);
});

test('a proof set reads the document once for all its proofs', async () => {
  const counting = () => {
    const loader = async (url) => {
      loader.calls += 1;
      return documentLoader(url);
    };
    loader.calls = 0;
    return loader;
  };
  const one = counting();
  await verify(SIGNED, { documentLoader: one });
  const two = counting();
  await verify(withProof([PROOF, PROOF]), { documentLoader: two });
  assert.ok(one.calls > 0);
  assert.ok(two.calls < 2 * one.calls, `a set of two loaded ${two.calls} contexts, one proof ${one.calls}`);
});
