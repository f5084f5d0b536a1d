// The cryptosuite registry (src/verifier/cryptosuites/): the suites of issue 13 are registered in the
// Python verifier's order, suites are found by the proof's `type` and exact `cryptosuite`, and a proof
// is checked by the suite it names: its proof value encoding, signed bytes, key types and signature
// check. Each test suite is registered for one test and removed again. Each real suite's own tests
// are in cryptosuites-*.test.js.
import assert from 'node:assert/strict';
import { createHash, createPublicKey, sign, verify as nodeVerify } from 'node:crypto';
import { test } from 'node:test';
import {
  cryptosuiteFor,
  cryptosuiteForProof,
  cryptosuiteNameForProof,
  cryptosuiteNames,
  isRegisteredProofType,
  registerCryptosuite,
  registeredCryptosuites,
  unregisterCryptosuite,
} from '../src/verifier/cryptosuites/index.js';
import { base64urlDecode, base64urlEncode } from '../src/verifier/base64url.js';
import { verifyCredential } from '../src/verifier/index.js';
import { documentLoader } from './helpers/contexts.js';
import { checkOf, KEY, network, NOW, signBadge, unsignedBadge, VM } from './helpers/fixtures.js';
import { canon } from './helpers/sign.js';

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest();
const REGISTERED = ['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'ecdsa-rdfc-2019', 'Ed25519Signature2020', 'eddsa-2022'];
const NAMES = REGISTERED.join(', ');

/** 'u' + base64url of a 64-byte signature: another encoding than eddsa-rdfc-2022's 'z' + base58btc. */
function decodeBase64urlSignature(proofValue) {
  if (typeof proofValue !== 'string' || proofValue[0] !== 'u') return null;
  const bytes = base64urlDecode(proofValue.slice(1));
  return bytes.length === 64 ? bytes : null;
}

function nodeEd25519Verify(publicKey, signature, data) {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(publicKey) }, format: 'jwk' });
  return nodeVerify(null, data, key, signature);
}

/** A suite that differs from eddsa-rdfc-2022 in every part: encoding, hash order, signature check. */
const DOCUMENT_FIRST = {
  name: 'test-document-first-2099',
  keyTypes: ['Ed25519'],
  decodeProofValue: decodeBase64urlSignature,
  hashData: async ({ canonicalProofConfig, canonicalDocument }) => ({
    hashData: new Uint8Array(Buffer.concat([sha256(canonicalDocument), sha256(canonicalProofConfig)])),
  }),
  verify: async ({ publicKey, signature, hashData }) => ({ valid: nodeEd25519Verify(publicKey, signature, hashData), backend: 'test-node' }),
};

/** Sign like DOCUMENT_FIRST (or, with `eddsaOrder`, with eddsa-rdfc-2022's hash order). */
async function signDocumentFirst(unsigned, { cryptosuite = DOCUMENT_FIRST.name, eddsaOrder = false } = {}) {
  const options = { type: 'DataIntegrityProof', cryptosuite, created: '2025-01-01T00:00:00Z', verificationMethod: VM, proofPurpose: 'assertionMethod' };
  const config = sha256(await canon({ ...options, '@context': unsigned['@context'] }));
  const document = sha256(await canon(unsigned));
  const data = eddsaOrder ? Buffer.concat([config, document]) : Buffer.concat([document, config]);
  const signature = new Uint8Array(sign(null, data, KEY.privateKey));
  return { ...unsigned, proof: { ...options, proofValue: `u${base64urlEncode(signature)}` } };
}

/** Run `body` with `suite` registered, and remove it afterwards whatever happens. */
async function withSuite(suite, body) {
  registerCryptosuite(suite);
  try {
    return await body();
  } finally {
    unregisterCryptosuite(suite.name);
  }
}

async function verify(credential) {
  return verifyCredential(credential, { documentLoader, fetchJson: (await network()).fetchJson, now: NOW });
}

test('the suites are registered in order; a suite is found by the exact name only', async () => {
  const suite = await cryptosuiteFor('eddsa-rdfc-2022');
  assert.equal(suite.name, 'eddsa-rdfc-2022');
  assert.equal(suite.proofType, 'DataIntegrityProof');
  assert.equal(suite.legacyOf, null);
  assert.deepEqual([...suite.keyTypes], ['Ed25519']);
  assert.ok(Object.isFrozen(suite));
  for (const name of ['EDDSA-RDFC-2022', 'eddsa-rdfc-2022 ', 'ecdsa-sd-2023', 'Ed25519Signature2020', '', undefined, null, 7, ['eddsa-rdfc-2022']]) {
    assert.equal(await cryptosuiteFor(name), null, String(name));
  }
  assert.deepEqual(
    registeredCryptosuites().map((s) => s.name),
    REGISTERED,
  );
  assert.equal(cryptosuiteNames(), NAMES);
  assert.deepEqual(
    registeredCryptosuites().map((s) => [s.proofType, s.legacyOf, [...s.keyTypes]]),
    [
      ['DataIntegrityProof', null, ['Ed25519']],
      ['DataIntegrityProof', null, ['Ed25519']],
      ['DataIntegrityProof', null, ['P-256', 'P-384']],
      ['Ed25519Signature2020', null, ['Ed25519']],
      ['DataIntegrityProof', 'eddsa-rdfc-2022', ['Ed25519']],
    ],
  );
});

test('a proof selects its suite by type, then by cryptosuite within the type (Python for_proof)', async () => {
  const found = async (proof) => {
    const name = cryptosuiteNameForProof(proof);
    assert.equal((await cryptosuiteForProof(proof))?.name ?? null, name, 'the loaded suite is the one named');
    return name;
  };
  assert.equal(await found({ type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019' }), 'ecdsa-rdfc-2019');
  assert.equal(await found({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-2022' }), 'eddsa-2022');
  assert.equal(await found({ type: 'Ed25519Signature2020' }), 'Ed25519Signature2020');
  assert.equal(await found({ type: 'Ed25519Signature2020', cryptosuite: null }), 'Ed25519Signature2020');
  for (const proof of [
    { type: 'Ed25519Signature2020', cryptosuite: 'eddsa-rdfc-2022' },
    { type: 'DataIntegrityProof', cryptosuite: 'Ed25519Signature2020' },
    { type: 'DataIntegrityProof' },
    { type: 'Ed25519Signature2018' },
    { cryptosuite: 'eddsa-rdfc-2022' },
    null,
    'DataIntegrityProof',
  ]) {
    assert.equal(await found(proof), null, JSON.stringify(proof));
  }
  assert.ok(isRegisteredProofType('DataIntegrityProof') && isRegisteredProofType('Ed25519Signature2020'));
  assert.ok(!isRegisteredProofType('Ed25519Signature2018') && !isRegisteredProofType(undefined));
});

test('registerCryptosuite refuses an incomplete suite and a second suite of the same name; unregister removes one', async () => {
  const complete = { ...DOCUMENT_FIRST, name: 'test-refusals-2099' };
  for (const [what, suite] of Object.entries({
    'no object': null,
    'no name': { ...complete, name: '' },
    'no key types': { ...complete, keyTypes: [] },
    'key types not names': { ...complete, keyTypes: [7] },
    'no decodeProofValue': { ...complete, decodeProofValue: undefined },
    'no hashData': { ...complete, hashData: 'sha256' },
    'no verify': { ...complete, verify: undefined },
    'proof type not a name': { ...complete, proofType: '' },
    'legacyOf not a name': { ...complete, legacyOf: 7 },
  })) {
    assert.throws(() => registerCryptosuite(suite), TypeError, what);
  }
  assert.throws(() => registerCryptosuite({ ...complete, name: 'eddsa-rdfc-2022' }), /already registered/);
  assert.equal(await cryptosuiteFor('test-refusals-2099'), null);
  assert.equal((await cryptosuiteFor('eddsa-rdfc-2022')).decodeProofValue('u'), null, 'the registered suite is unchanged');

  await withSuite(complete, async () => assert.equal((await cryptosuiteFor('test-refusals-2099')).name, 'test-refusals-2099'));
  assert.equal(await cryptosuiteFor('test-refusals-2099'), null);
  assert.throws(() => unregisterCryptosuite('test-refusals-2099'), /not registered/);
  assert.equal(cryptosuiteNames(), NAMES);
});

test('a proof is checked by the suite its cryptosuite names, in every part', () => withSuite(DOCUMENT_FIRST, async () => {
  assert.equal(cryptosuiteNames(), `${NAMES}, ${DOCUMENT_FIRST.name}`);

  const signed = await signDocumentFirst(unsignedBadge());
  const result = await verify(signed);
  assert.equal(result.state, 'verified', JSON.stringify(result.checks, null, 1));
  assert.equal(checkOf(result, 'signature').detail.backend, 'test-node');
  assert.match(checkOf(result, 'proof-format').message.en, new RegExp(`\\(Data Integrity, ${DOCUMENT_FIRST.name}\\)`));

  // The suite's own hash order: the same key signing eddsa-rdfc-2022's order does not verify.
  const eddsaOrder = await signDocumentFirst(unsignedBadge(), { eddsaOrder: true });
  const wrongOrder = await verify(eddsaOrder);
  assert.equal(wrongOrder.state, 'invalid');
  assert.equal(checkOf(wrongOrder, 'signature').outcome, 'failed');

  // The suite's own encoding: an eddsa-rdfc-2022 proof value ('z', base58btc) is not read as this suite's.
  const eddsa = await signBadge();
  const relabelled = await verify({ ...eddsa, proof: { ...eddsa.proof, cryptosuite: DOCUMENT_FIRST.name } });
  assert.equal(relabelled.state, 'invalid');
  assert.deepEqual(checkOf(relabelled, 'proof-format').detail.problems, ['PROOF_VALUE_ENCODING']);

  // A suite nobody registered is refused naming both.
  const unknown = await verify({ ...eddsa, proof: { ...eddsa.proof, cryptosuite: 'ecdsa-sd-2023' } });
  assert.ok(checkOf(unknown, 'proof-format').message.en.includes(`only ${NAMES}, ${DOCUMENT_FIRST.name} is supported`));

  // And eddsa-rdfc-2022 still checks its own proofs, beside the new suite.
  assert.equal((await verify(eddsa)).state, 'verified');
  const changed = await verify({ ...signed, name: 'Something else' });
  assert.equal(changed.state, 'invalid');
  assert.equal(checkOf(changed, 'signature').outcome, 'failed');
}));

test('a key of a kind the suite does not verify with fails the issuer-key check, and no signature is checked', async () => {
  const calls = [];
  const p256Only = {
    ...DOCUMENT_FIRST,
    name: 'test-p256-only-2099',
    keyTypes: ['P-256'],
    verify: async () => {
      calls.push('verify');
      return { valid: true, backend: 'test' };
    },
  };
  const signed = await signDocumentFirst(unsignedBadge(), { cryptosuite: p256Only.name });
  const result = await withSuite(p256Only, () => verify(signed));
  assert.equal(result.state, 'invalid');
  const key = checkOf(result, 'issuer-key');
  assert.equal(key.outcome, 'failed');
  assert.equal(key.detail.code, 'KEY_TYPE');
  assert.equal(key.detail.value, 'Ed25519');
  assert.match(key.message.en, /Ed25519.*test-p256-only-2099/);
  assert.equal(checkOf(result, 'signature').outcome, 'not-checked');
  assert.deepEqual(calls, []);
});

test('an unknown cryptosuite is refused, naming every registered one; its vocabularies are still checked', async () => {
  const signed = await signBadge();
  const result = await verify({ ...signed, proof: { ...signed.proof, cryptosuite: 'ecdsa-sd-2023' } });
  assert.equal(result.state, 'unsupported');
  const format = checkOf(result, 'proof-format');
  assert.deepEqual(format.detail.problems, ['PROOF_CRYPTOSUITE']);
  assert.ok(format.message.en.includes(`only ${NAMES} is supported`), format.message.en);
  assert.ok(format.message.en.includes('"ecdsa-sd-2023"'), format.message.en);
  assert.equal(checkOf(result, 'contexts').outcome, 'passed');
  assert.equal(checkOf(result, 'signature').outcome, 'not-checked');
});

test('a declared suite is loaded when a proof first names it, once, and must be what it was declared', async () => {
  const loads = [];
  const declared = (name, loaded) => ({
    name,
    keyTypes: ['Ed25519'],
    load: async () => {
      loads.push(name);
      return loaded;
    },
  });
  const about = registerCryptosuite(declared('test-lazy-2099', { ...DOCUMENT_FIRST, name: 'test-lazy-2099' }));
  try {
    assert.deepEqual(about, { name: 'test-lazy-2099', proofType: 'DataIntegrityProof', legacyOf: null, keyTypes: ['Ed25519'] });
    assert.ok(cryptosuiteNames().endsWith('test-lazy-2099') && registeredCryptosuites().at(-1) === about, 'known before it is loaded');
    assert.deepEqual(loads, []);
    const proof = { type: 'DataIntegrityProof', cryptosuite: 'test-lazy-2099' };
    const [a, b] = await Promise.all([cryptosuiteForProof(proof), cryptosuiteFor('test-lazy-2099')]);
    assert.equal(a, b);
    assert.equal(a.hashData, DOCUMENT_FIRST.hashData);
    assert.ok(Object.isFrozen(a));
    assert.deepEqual(loads, ['test-lazy-2099']);
  } finally {
    unregisterCryptosuite('test-lazy-2099');
  }

  // A module that is not what was declared is refused; a load that failed is tried again.
  registerCryptosuite(declared('test-liar-2099', { ...DOCUMENT_FIRST, name: 'test-liar-2099', keyTypes: ['P-256'] }));
  let fail = true;
  registerCryptosuite({
    name: 'test-flaky-2099',
    keyTypes: ['Ed25519'],
    load: async () => {
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      return { ...DOCUMENT_FIRST, name: 'test-flaky-2099' };
    },
  });
  try {
    await assert.rejects(cryptosuiteFor('test-liar-2099'), /not what was registered/);
    await assert.rejects(cryptosuiteFor('test-flaky-2099'), /Failed to fetch/);
    fail = false;
    assert.equal((await cryptosuiteFor('test-flaky-2099')).name, 'test-flaky-2099');
  } finally {
    unregisterCryptosuite('test-liar-2099');
    unregisterCryptosuite('test-flaky-2099');
  }
  assert.throws(() => registerCryptosuite({ name: 'test-no-load-2099', keyTypes: ['Ed25519'], load: 'x' }), TypeError);
});
