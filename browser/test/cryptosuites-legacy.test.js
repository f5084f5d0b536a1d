// The legacy Ed25519 proofs: the Ed25519Signature2020 proof type (no `cryptosuite`, made as
// eddsa-rdfc-2022 makes its proofs) and eddsa-2022 (the pre-standard name of eddsa-rdfc-2022, `legacyOf`).
// The conformance corpus's third-party credentials carrying them verify at the suite level (and the
// tampered ones do not); node:crypto-signed ones are held to every single-field change, a wrong key,
// a P-256 key and malformed proof values.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cryptosuiteForProof, cryptosuiteNameForProof } from '../src/verifier/cryptosuites/index.js';
import { ROOT, readJson } from './helpers/contexts.js';
import { malformedProofValues, signWith, singleFieldChanges, suiteOutcome, throwawayKey } from './helpers/suite-check.js';

const CORPUS = join(ROOT, 'tests', 'conformance');
const NETWORK = JSON.parse(readFileSync(join(CORPUS, 'support', 'network.json'), 'utf8'));
const ED2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';
const BASE = { created: '2025-01-31T12:00:00Z', verificationMethod: 'https://example.edu/issuers/565049#key-1', proofPurpose: 'assertionMethod' };
const OPTIONS = {
  Ed25519Signature2020: { type: 'Ed25519Signature2020', ...BASE },
  'eddsa-2022': { type: 'DataIntegrityProof', cryptosuite: 'eddsa-2022', ...BASE },
};

/** Each corpus credential's proofs of `suite`, alone on the document, with the key they name. */
function corpusProofs(suite) {
  const found = {};
  for (const file of readdirSync(join(CORPUS, 'credentials')).filter((f) => f.endsWith('.json')).sort()) {
    const document = JSON.parse(readFileSync(join(CORPUS, 'credentials', file), 'utf8'));
    const proofs = Array.isArray(document.proof) ? document.proof : [document.proof];
    proofs.forEach((proof, index) => {
      if (cryptosuiteNameForProof(proof) !== suite) return;
      const [controller, fragment] = proof.verificationMethod.split('#');
      let key = controller.startsWith('did:key:') ? fragment : null;
      if (!key && NETWORK[controller]) {
        const listed = JSON.parse(readFileSync(join(CORPUS, NETWORK[controller]), 'utf8')).verificationMethod;
        key = listed.find((m) => m.id === proof.verificationMethod).publicKeyMultibase;
      }
      if (key) found[`${file.replace('.json', '')}[${index}]`] = [{ ...document, proof }, key];
    });
  }
  return found;
}

function unsigned(suite) {
  const document = readJson('ob-v3p0-eddsa-rdfc-2022', 'unsigned-credential.json');
  if (suite === 'Ed25519Signature2020') document['@context'] = [...document['@context'], ED2020_CONTEXT];
  return document;
}

test('the corpus Ed25519Signature2020 proofs verify, the tampered ones do not', async () => {
  const cases = corpusProofs('Ed25519Signature2020');
  assert.ok(Object.keys(cases).length >= 12);
  const found = {};
  for (const [name, [document, key]] of Object.entries(cases)) found[name] = await suiteOutcome(document, key);
  const tampered = ['pub-dcc-v2-ed2020-didkey-tampered[0]', 'pub-vcore-v2NoStatus-tampered[0]'];
  for (const name of tampered) assert.equal(found[name], 'signature', name);
  assert.deepEqual(Object.entries(found).filter(([name, outcome]) => !tampered.includes(name) && outcome !== 'valid'), []);
});

test('the corpus eddsa-2022 proof verifies; the suite is eddsa-rdfc-2022 under its old name', async () => {
  const cases = corpusProofs('eddsa-2022');
  assert.deepEqual(Object.keys(cases), ['pub-1ed-simple-eddsa-2022-legacy[0]']);
  const [document, key] = cases['pub-1ed-simple-eddsa-2022-legacy[0]'];
  assert.equal(await suiteOutcome(document, key), 'valid');
  assert.equal(await suiteOutcome({ ...document, proof: { ...document.proof, cryptosuite: 'eddsa-rdfc-2022' } }, key), 'signature');
  const legacy = await cryptosuiteForProof(document.proof);
  assert.equal(legacy.legacyOf, 'eddsa-rdfc-2022');
});

for (const suite of Object.keys(OPTIONS)) {
  test(`${suite}: a signed credential verifies and every single-field change fails`, async () => {
    const key = throwawayKey('Ed25519');
    const signed = await signWith(unsigned(suite), OPTIONS[suite], key);
    assert.equal(await suiteOutcome(signed, key.multikey), 'valid');
    const passing = [];
    for (const [name, changed] of singleFieldChanges(signed)) if ((await suiteOutcome(changed, key.multikey)) === 'valid') passing.push(name);
    assert.deepEqual(passing, []);
  });

  test(`${suite}: a wrong key, a P-256 key and malformed proof values fail`, async () => {
    const key = throwawayKey('Ed25519');
    const signed = await signWith(unsigned(suite), OPTIONS[suite], key);
    assert.equal(await suiteOutcome(signed, throwawayKey('Ed25519').multikey), 'signature');
    assert.equal(await suiteOutcome(signed, throwawayKey('P-256').multikey), 'key-type');
    for (const [name, value] of Object.entries(malformedProofValues(64))) {
      assert.equal(await suiteOutcome({ ...signed, proof: { ...signed.proof, proofValue: value } }, key.multikey), 'proof-value', name);
    }
  });
}

test('an Ed25519Signature2020 proof names no cryptosuite, and its document must carry the suite context', async () => {
  const key = throwawayKey('Ed25519');
  const signed = await signWith(unsigned('Ed25519Signature2020'), OPTIONS.Ed25519Signature2020, key);
  assert.equal(await suiteOutcome({ ...signed, proof: { ...signed.proof, cryptosuite: 'eddsa-rdfc-2022' } }, key.multikey), 'suite');
  assert.equal(await suiteOutcome({ ...signed, proof: { ...signed.proof, type: 'DataIntegrityProof' } }, key.multikey), 'suite');
  assert.equal(await suiteOutcome({ ...signed, '@context': signed['@context'].slice(0, -1) }, key.multikey), 'contexts');
});
