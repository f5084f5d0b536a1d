// The published eddsa-rdfc-2022 vectors (W3C vc-di-eddsa and the 1EdTech OB 3.0 guide): every
// intermediate value must match byte for byte, and the signatures must verify with both back ends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createVerifyData, verifyCredential, verifyDataIntegrityProof, decodeEd25519Multikey, verifyEd25519 } from '../src/verifier/index.js';
import { base58Decode } from '../src/verifier/base58.js';
import { fromHex, toHex } from '../src/verifier/bytes.js';
import { documentLoader, readJson, readText } from './helpers/contexts.js';
import { stubNetwork } from './helpers/sign.js';
import { checkOf } from './helpers/fixtures.js';
import { createPrivateKey, createPublicKey } from 'node:crypto';

const W3C = ['w3c-vc-di-eddsa', 'eddsa-rdfc-2022'];
const OB = ['ob-v3p0-eddsa-rdfc-2022'];
const NOW = '2026-01-01T00:00:00Z';

function withoutProof(doc) {
  const copy = { ...doc };
  delete copy.proof;
  return copy;
}

function proofOptions(doc) {
  const options = { ...doc.proof };
  delete options.proofValue;
  return options;
}

test('W3C vector: canonical forms, hashes and combined hash match the published files', async () => {
  const signed = readJson(...W3C, 'signedDataInt.json');
  const v = await createVerifyData(withoutProof(signed), proofOptions(signed), documentLoader);
  assert.equal(v.canonicalDocument, readText(...W3C, 'canonDocDataInt.txt'));
  assert.equal(v.canonicalProofConfig, readText(...W3C, 'proofCanonDataInt.txt'));
  assert.equal(v.documentHash, readText(...W3C, 'docHashDataInt.txt').trim());
  assert.equal(v.proofConfigHash, readText(...W3C, 'proofHashDataInt.txt').trim());
  assert.equal(toHex(v.hashData), readText(...W3C, 'combinedHashDataInt.txt').trim());
  // The proof config the vector publishes is exactly options + the document's @context.
  assert.deepEqual({ ...proofOptions(signed), '@context': signed['@context'] }, readJson(...W3C, 'proofConfigDataInt.json'));
  // proofValue decodes to the published signature.
  const sig = base58Decode(signed.proof.proofValue.slice(1));
  assert.equal(toHex(sig), readText(...W3C, 'sigHexDataInt.txt').trim());
  assert.equal(signed.proof.proofValue, readText(...W3C, 'sigBTC58DataInt.txt').trim());
});

test('W3C vector: the key pair is consistent and the signature verifies with both back ends', async () => {
  const keyPair = readJson('w3c-vc-di-eddsa', 'keyPair.json');
  const publicKey = decodeEd25519Multikey(keyPair.publicKeyMultibase);
  const secret = base58Decode(keyPair.privateKeyMultibase.slice(1));
  assert.deepEqual([...secret.slice(0, 2)], [0x80, 0x26]);
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(secret.slice(2))]);
  const spki = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
  assert.equal(toHex(new Uint8Array(spki.subarray(spki.length - 32))), toHex(publicKey));

  const message = fromHex(readText(...W3C, 'combinedHashDataInt.txt').trim());
  const signature = fromHex(readText(...W3C, 'sigHexDataInt.txt').trim());
  for (const backend of ['webcrypto', 'noble']) {
    assert.equal((await verifyEd25519(publicKey, signature, message, backend)).valid, true, backend);
    const tampered = message.slice();
    tampered[63] ^= 0x01;
    assert.equal((await verifyEd25519(publicKey, signature, tampered, backend)).valid, false, backend);
  }
});

test('W3C vector: proof verifies, but the did:key is not controlled by the named issuer, so the credential is invalid', async () => {
  const signed = readJson(...W3C, 'signedDataInt.json');
  const report = await verifyDataIntegrityProof(signed, { documentLoader, issuerId: signed.issuer, now: Date.parse(NOW) });
  assert.equal(report.signature.outcome, 'passed');
  assert.equal(report.key.outcome, 'passed');
  assert.equal(report.controller.outcome, 'failed');

  const result = await verifyCredential(signed, { documentLoader, now: NOW });
  assert.equal(result.state, 'invalid');
  assert.equal(checkOf(result, 'signature').outcome, 'passed');
  assert.equal(checkOf(result, 'key-controller').outcome, 'failed');
  assert.equal(result.credential, null);

  // The same document claiming the did:key as its issuer is fully verified.
  const did = signed.proof.verificationMethod.split('#')[0];
  const result2 = await verifyCredential({ ...signed, issuer: did }, { documentLoader, now: NOW });
  assert.equal(checkOf(result2, 'signature').outcome, 'failed', 'changing the issuer changes the signed data');
});

test('1EdTech OB vector: canonical forms and hashes match the published files byte for byte', async () => {
  const signed = readJson(...OB, 'signed-credential.json');
  const vector = readJson(...OB, 'vector.json');
  assert.deepEqual(withoutProof(signed), readJson(...OB, 'unsigned-credential.json'));
  assert.deepEqual(proofOptions(signed), readJson(...OB, 'proof-options.json'));
  const v = await createVerifyData(readJson(...OB, 'unsigned-credential.json'), readJson(...OB, 'proof-options.json'), documentLoader);
  assert.equal(v.canonicalDocument, readText(...OB, 'document-canon.txt'));
  assert.equal(v.canonicalProofConfig, readText(...OB, 'proof-canon.txt'));
  assert.equal(v.documentHash, vector.documentHashHex);
  assert.equal(v.proofConfigHash, vector.proofConfigHashHex);
  assert.equal(toHex(v.hashData), vector.dataToSignHex_proofHashThenDocumentHash);
  assert.equal(toHex(base58Decode(signed.proof.proofValue.slice(1))), vector.signatureHex);
  assert.equal(toHex(decodeEd25519Multikey(vector.keyPair.publicKeyMultibase)), vector.keyPair.publicKeyHex);
});

const OB_CONTROLLER = 'https://example.edu/issuers/565049';
const OB_KEY = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
const OB_VM = `${OB_CONTROLLER}#${OB_KEY}`;
function obControllerDocument() {
  return {
    '@context': ['https://www.w3.org/ns/cid/v1'],
    id: OB_CONTROLLER,
    verificationMethod: [{ id: OB_VM, type: 'Multikey', controller: OB_CONTROLLER, publicKeyMultibase: OB_KEY }],
    assertionMethod: [OB_VM],
  };
}

test('1EdTech OB vector: verified end to end with its HTTPS controller document, on both back ends', async () => {
  const signed = readJson(...OB, 'signed-credential.json');
  for (const ed25519Backend of ['webcrypto', 'noble']) {
    const net = stubNetwork({ [OB_CONTROLLER]: obControllerDocument() });
    const result = await verifyCredential(signed, { documentLoader, fetchJson: net.fetchJson, now: NOW, ed25519Backend });
    assert.equal(result.state, 'verified', JSON.stringify(result.checks, null, 1));
    assert.equal(checkOf(result, 'signature').detail.backend, ed25519Backend);
    assert.deepEqual(net.calls, [OB_CONTROLLER]);
    assert.equal(result.verificationMethod.id, OB_VM);
    assert.equal(result.issuer.name, 'Example Corp');
    assert.equal(result.credential.name, 'Teamwork Badge');
    assert.ok(Object.isFrozen(result.credential.credentialSubject.achievement));
    assert.equal(checkOf(result, 'revocation').outcome, 'warning', 'no status: nothing can revoke it');
  }
});

test('1EdTech OB vector: the key in the #fragment alone is not trusted (no controller document -> error, not verified)', async () => {
  const signed = readJson(...OB, 'signed-credential.json');
  const result = await verifyCredential(signed, { documentLoader, fetchJson: stubNetwork({}).fetchJson, now: NOW });
  assert.equal(result.state, 'error');
  assert.equal(checkOf(result, 'issuer-key').outcome, 'not-checked');
  assert.equal(checkOf(result, 'signature').outcome, 'not-checked');
  assert.equal(result.credential, null);
});

test('1EdTech OB vector: changing the name breaks the signature', async () => {
  const signed = readJson(...OB, 'signed-credential.json');
  const net = stubNetwork({ [OB_CONTROLLER]: obControllerDocument() });
  const result = await verifyCredential({ ...signed, name: 'Teamwork Badge!' }, { documentLoader, fetchJson: net.fetchJson, now: NOW });
  assert.equal(result.state, 'invalid');
  assert.equal(checkOf(result, 'signature').outcome, 'failed');
});
