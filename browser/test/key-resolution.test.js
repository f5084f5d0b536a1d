// did:web URL rules, did:key decoding and the controller-document checks, on their own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { didWebToUrl, resolveVerificationMethod, decodeEd25519Multikey } from '../src/verifier/index.js';
import { base58Decode, base58Encode } from '../src/verifier/base58.js';
import { base64urlDecode, base64urlEncode } from '../src/verifier/base64url.js';
import { verifyCredential } from '../src/verifier/index.js';
import { documentLoader } from './helpers/contexts.js';
import { ISSUER, NOW, OTHER_KEY, checkOf, signBadge, unsignedBadge } from './helpers/fixtures.js';
import { didDocument, makeKey, stubNetwork } from './helpers/sign.js';

test('did:web -> URL (did:web method spec §3.2)', () => {
  assert.equal(didWebToUrl('did:web:example.org'), 'https://example.org/.well-known/did.json');
  assert.equal(didWebToUrl('did:web:example.org:path:sub'), 'https://example.org/path/sub/did.json');
  assert.equal(didWebToUrl('did:web:example.org%3A3000:u'), 'https://example.org:3000/u/did.json');
  assert.equal(didWebToUrl('did:web:localhost%3a8080'), 'https://localhost:8080/.well-known/did.json');
  for (const bad of ['did:web:', 'did:web:127.0.0.1', 'did:web:[::1]', 'did:web:ex.org:..', 'did:web:ex.org::a', 'did:web:a/b', 'did:web:ex.org%3A99999', 'did:web:user@ex.org', 'did:web:ex_ample.org', 'did:key:z6Mk']) {
    assert.throws(() => didWebToUrl(bad), { code: 'DID_WEB_SYNTAX' }, bad);
  }
});

test('did:key: the key is the identifier; the fragment must repeat it; other key types are refused', async () => {
  const key = makeKey('did:key unit');
  const did = `did:key:${key.publicKeyMultibase}`;
  const vm = await resolveVerificationMethod(`${did}#${key.publicKeyMultibase}`, {});
  assert.equal(vm.controller, did);
  assert.deepEqual([...vm.publicKey], [...key.publicKey]);
  assert.deepEqual(vm.warnings, []);
  assert.deepEqual((await resolveVerificationMethod(did, {})).warnings, ['VM_IS_DID']);
  await assert.rejects(resolveVerificationMethod(`${did}#other`, {}), { code: 'VM_NOT_FOUND' });
  // secp256k1 (0xe7 0x01) multikeys are refused; P-256 (0x80 0x24) ones are read as P-256 keys
  await assert.rejects(resolveVerificationMethod('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', {}), { code: 'MULTIKEY_NOT_ED25519' });
  assert.equal((await resolveVerificationMethod('did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169', {})).keyType, 'P-256');
  const short = `z${base58Encode(Uint8Array.from([0xed, 0x01, ...key.publicKey.slice(0, 31)]))}`;
  assert.throws(() => decodeEd25519Multikey(short), { code: 'MULTIKEY_LENGTH' });
  assert.throws(() => decodeEd25519Multikey(key.publicKeyMultibase.replace('z', 'u')), { code: 'MULTIKEY_ENCODING' });
  assert.throws(() => decodeEd25519Multikey('z0OIl'), { code: 'MULTIKEY_ENCODING' });
});

test('did:web document checks: id, exact VM id, duplicate, controller present, fetch failure is retryable', async () => {
  const key = makeKey('did:web unit');
  const did = 'did:web:unit.example';
  const url = 'https://unit.example/.well-known/did.json';
  const doc = didDocument(did, [{ fragment: 'k1', key }]);
  const ok = await resolveVerificationMethod(`${did}#k1`, stubNetwork({ [url]: doc }));
  assert.equal(ok.documentUrl, url);

  const relative = structuredClone(doc);
  relative.verificationMethod[0].id = '#k1';
  await assert.rejects(resolveVerificationMethod(`${did}#k1`, stubNetwork({ [url]: relative })), { code: 'VM_RELATIVE_ID', retryable: false });
  const dup = structuredClone(doc);
  dup.verificationMethod.push(dup.verificationMethod[0]);
  await assert.rejects(resolveVerificationMethod(`${did}#k1`, stubNetwork({ [url]: dup })), { code: 'VM_DUPLICATE' });
  const noController = structuredClone(doc);
  delete noController.verificationMethod[0].controller;
  await assert.rejects(resolveVerificationMethod(`${did}#k1`, stubNetwork({ [url]: noController })), { code: 'VM_CONTROLLER_MISSING' });
  await assert.rejects(resolveVerificationMethod(`${did}#k1`, stubNetwork({ [url]: [doc] })), { code: 'KEY_DOCUMENT_MALFORMED' });
  await assert.rejects(resolveVerificationMethod(`${did}#k1`, stubNetwork({})), { code: 'KEY_DOCUMENT_UNREACHABLE', retryable: true });
  await assert.rejects(resolveVerificationMethod(`${did}#k1`, {}), { code: 'NO_FETCH', retryable: true });
  await assert.rejects(resolveVerificationMethod(did, stubNetwork({ [url]: doc })), { code: 'VM_SYNTAX' });
  await assert.rejects(resolveVerificationMethod(`${did}/path#k1`, stubNetwork({ [url]: doc })), { code: 'VM_SYNTAX' });
  await assert.rejects(resolveVerificationMethod(`${did}?versionId=1#k1`, stubNetwork({ [url]: doc })), { code: 'VM_SYNTAX' });
  await assert.rejects(resolveVerificationMethod('did:ion:abc#k', {}), { code: 'UNSUPPORTED_DID_METHOD' });
  await assert.rejects(resolveVerificationMethod('http://unit.example/issuer#k', {}), { code: 'UNSUPPORTED_DID_METHOD' });
});

test('one fetch per document per verification (shared cache)', async () => {
  const key = makeKey('cache');
  const did = 'did:web:cache.example';
  const net = stubNetwork({ 'https://cache.example/.well-known/did.json': didDocument(did, [{ fragment: 'a', key }, { fragment: 'b', key }]) });
  const cache = new Map();
  await Promise.all([resolveVerificationMethod(`${did}#a`, { ...net, cache }), resolveVerificationMethod(`${did}#b`, { ...net, cache })]);
  assert.equal(net.calls.length, 1);
});

test('base58btc and base64url round-trip and refuse foreign alphabets', () => {
  for (const bytes of [new Uint8Array(0), new Uint8Array([0]), new Uint8Array([0, 0, 1, 2]), Uint8Array.from({ length: 70 }, (_, i) => (i * 37) & 0xff)]) {
    assert.deepEqual([...base58Decode(base58Encode(bytes))], [...bytes]);
    assert.deepEqual([...base64urlDecode(base64urlEncode(bytes))], [...bytes]);
    assert.equal(base64urlEncode(bytes), Buffer.from(bytes).toString('base64url'));
  }
  assert.throws(() => base58Decode('0'));
  assert.throws(() => base64urlDecode('ab+/'));
  assert.throws(() => base64urlDecode('a'));
});

test('a key listed under another controller belongs to the document it was fetched from, so it cannot sign for that controller', async () => {
  // Anyone can publish a document whose key entry names the victim as its controller: the key is
  // still the publisher's, for did:web and https controller documents alike.
  for (const [documentId, url] of [
    ['did:web:evil.example', 'https://evil.example/.well-known/did.json'],
    ['https://evil.example/keys', 'https://evil.example/keys'],
  ]) {
    const doc = didDocument(documentId, [{ fragment: 'k', key: OTHER_KEY, controller: ISSUER }]);
    const net = stubNetwork({ [url]: doc });
    const vm = await resolveVerificationMethod(`${documentId}#k`, net);
    assert.equal(vm.controller, documentId);
    assert.equal(vm.listedController, ISSUER);
    for (const issuer of [ISSUER, documentId]) {
      const unsigned = unsignedBadge();
      unsigned.issuer = { ...unsigned.issuer, id: issuer };
      const signed = await signBadge(unsigned, { key: OTHER_KEY, verificationMethod: `${documentId}#k` });
      const result = await verifyCredential(signed, { documentLoader, fetchJson: net.fetchJson, now: NOW });
      assert.equal(result.state, 'invalid', `${documentId}, issuer ${issuer}`);
      assert.equal(checkOf(result, 'issuer-key').outcome, 'passed');
      const controller = checkOf(result, 'key-controller');
      assert.equal(controller.outcome, 'failed');
      assert.deepEqual(controller.detail, { code: 'CONTROLLER_NOT_DOCUMENT', expected: issuer, actual: documentId, listed: ISSUER });
      assert.equal(
        controller.message.en,
        `The key was published by ${documentId}, but names ${ISSUER} as its owner. A document can only publish its own keys, so this key does not show who issued the credential.`,
      );
    }
  }
});
