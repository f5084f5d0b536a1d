// eddsa-jcs-2022 (W3C VC-DI-EdDSA 1.0 §3.4): the W3C JCS vector step by step (canonical JSON, hashes,
// signature), then node:crypto-signed credentials: every single-field change, a wrong key, a P-256
// key, malformed proof values, and the proof's own @context.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toHex } from '../src/verifier/bytes.js';
import { cryptosuiteFor } from '../src/verifier/cryptosuites/index.js';
import { createVerifyData } from '../src/verifier/data-integrity.js';
import { documentLoader, readJson, readText } from './helpers/contexts.js';
import { malformedProofValues, signWith, singleFieldChanges, suiteOutcome, throwawayKey } from './helpers/suite-check.js';

const JCS = ['w3c-vc-di-eddsa', 'eddsa-jcs-2022'];
const OPTIONS = {
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-jcs-2022',
  created: '2025-01-31T12:00:00Z',
  verificationMethod: 'https://example.edu/issuers/565049#key-1',
  proofPurpose: 'assertionMethod',
};

function unsignedCredential() {
  return readJson('ob-v3p0-eddsa-rdfc-2022', 'unsigned-credential.json');
}

test('W3C JCS vector: canonical JSON, hashes and signature', async () => {
  const signed = readJson(...JCS, 'signedJCS.json');
  const unsecured = { ...signed };
  delete unsecured.proof;
  const options = { ...signed.proof };
  delete options.proofValue;
  delete options['@context'];
  assert.deepEqual(unsecured, readJson('w3c-vc-di-eddsa', 'unsigned.json'));
  const v = await createVerifyData(unsecured, options, documentLoader);
  assert.equal(v.jcsDocument, readText(...JCS, 'canonDocJCS.txt'));
  assert.equal(v.jcsProofConfig, readText(...JCS, 'proofCanonJCS.txt'));
  assert.equal(v.documentHash, readText(...JCS, 'docHashJCS.txt'));
  assert.equal(v.proofConfigHash, readText(...JCS, 'proofHashJCS.txt'));
  assert.equal(toHex(v.hashData), readText(...JCS, 'combinedHashJCS.txt').trim());
  assert.equal(signed.proof.proofValue, readText(...JCS, 'sigBTC58JCS.txt').trim());
  const key = readJson('w3c-vc-di-eddsa', 'keyPair.json').publicKeyMultibase;
  assert.equal(await suiteOutcome(signed, key), 'valid');
  assert.equal(await suiteOutcome({ ...signed, name: 'Changed' }, key), 'signature');
});

test('a signed credential verifies and every single-field change fails', async () => {
  const key = throwawayKey('Ed25519');
  const signed = await signWith(unsignedCredential(), OPTIONS, key);
  assert.deepEqual(signed.proof['@context'], signed['@context']);
  assert.equal(await suiteOutcome(signed, key.multikey), 'valid');
  const found = {};
  for (const [name, changed] of singleFieldChanges(signed)) found[name] = await suiteOutcome(changed, key.multikey);
  assert.ok(Object.keys(found).length > 40);
  // The proof's copy of @context is not what is signed: the configuration takes the document's (§3.4.5).
  assert.equal(found['removed proof.@context'], 'valid');
  delete found['removed proof.@context'];
  assert.equal(found['changed proof.@context.1'], 'proof-context');
  assert.deepEqual(Object.entries(found).filter(([, outcome]) => outcome === 'valid'), []);
});

test('numbers are hashed in their ECMAScript form', async () => {
  const key = throwawayKey('Ed25519');
  for (const value of [1, 1.5, 1e21, 0.1]) {
    const unsigned = unsignedCredential();
    unsigned.credentialSubject.achievement.creditsAvailable = value;
    const signed = await signWith(unsigned, OPTIONS, key);
    const v = await createVerifyData(unsigned, OPTIONS, documentLoader);
    assert.ok(v.jcsDocument.includes(`"creditsAvailable":${JSON.stringify(value)}`), String(value));
    assert.equal(await suiteOutcome(signed, key.multikey), 'valid', String(value));
  }
});

test('a wrong key, a P-256 key and malformed proof values fail', async () => {
  const key = throwawayKey('Ed25519');
  const signed = await signWith(unsignedCredential(), OPTIONS, key);
  assert.equal(await suiteOutcome(signed, throwawayKey('Ed25519').multikey), 'signature');
  assert.equal(await suiteOutcome(signed, throwawayKey('P-256').multikey), 'key-type');
  for (const [name, value] of Object.entries(malformedProofValues(64))) {
    assert.equal(await suiteOutcome({ ...signed, proof: { ...signed.proof, proofValue: value } }, key.multikey), 'proof-value', name);
  }
  assert.deepEqual([...(await cryptosuiteFor('eddsa-jcs-2022')).keyTypes], ['Ed25519']);
});
