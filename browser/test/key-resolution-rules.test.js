// The rules of key-resolution.js one by one, each refusal with its exact code and whole message:
// did:web and https controller addresses, verificationMethod syntax, did:key and did:jwk, the
// controller document's checks (id, listing, duplicates, type, controller, assertionMethod), the
// key's dates, a local DID document, and the assertion keys of a DID (resolveAssertionKeys).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64urlEncode } from '../src/verifier/base64url.js';
import { KeyResolutionError, didWebToUrl, parseVerificationMethodId, resolveAssertionKeys, resolveVerificationMethod } from '../src/verifier/key-resolution.js';
import { didDocument, makeKey, stubNetwork } from './helpers/sign.js';

const KEY = makeKey('key-resolution rules 1');
const KEY2 = makeKey('key-resolution rules 2');
const DID = 'did:web:rules.example';
const DOC_URL = 'https://rules.example/.well-known/did.json';
const VM = `${DID}#k1`;
const OTHER_DID = 'did:web:other.example';
const OTHER_URL = 'https://other.example/.well-known/did.json';
const LOCAL_URL = 'http://127.0.0.1:8000/.well-known/did.json';
const P256_MULTIKEY = 'zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169';
const SPEC_P256 = { crv: 'P-256', kty: 'EC', x: 'acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0', y: '_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE' };
const RSA_JWK = { kty: 'RSA', n: base64urlEncode(Uint8Array.from({ length: 256 }, (_, i) => (i === 0 ? 0x80 : i === 255 ? 1 : 0))), e: 'AQAB' };
const didJwk = (value) => `did:jwk:${base64urlEncode(new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)))}`;

/** An assert.throws / assert.rejects validator: a KeyResolutionError with exactly these fields (no url or detail unless given). */
function refusal({ code, message, url, detail, retryable = false }) {
  return (e) => {
    assert.ok(e instanceof KeyResolutionError, `not a KeyResolutionError: ${e}`);
    assert.equal(e.name, 'KeyResolutionError');
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    assert.equal(e.retryable, retryable);
    assert.equal(Object.hasOwn(e, 'url'), url !== undefined, 'url');
    assert.equal(e.url, url);
    assert.equal(Object.hasOwn(e, 'detail'), detail !== undefined, 'detail');
    assert.deepEqual(e.detail, detail);
    return true;
  };
}

const doc = (extra = {}) => ({ ...didDocument(DID, [{ fragment: 'k1', key: KEY }]), ...extra });
const resolveIn = (document, vmId = VM, options = {}) => resolveVerificationMethod(vmId, { ...stubNetwork({ [DOC_URL]: document }), ...options });
const refusedIn = (document, expected, vmId = VM) => assert.rejects(resolveIn(document, vmId), refusal({ url: DOC_URL, ...expected }));

test('a did:web must be a string naming a domain of at most 253 characters and a port up to 65535', () => {
  const host253 = [...Array(3).fill('a'.repeat(63)), 'b'.repeat(61)].join('.');
  assert.equal(host253.length, 253);
  assert.equal(didWebToUrl(`did:web:${host253}`), `https://${host253}/.well-known/did.json`);
  assert.equal(didWebToUrl('did:web:ex.org%3A65535'), 'https://ex.org:65535/.well-known/did.json');
  assert.throws(() => didWebToUrl(42), refusal({ code: 'DID_WEB_SYNTAX', message: 'not a did:web identifier: 42' }));
  for (const bad of [`did:web:${host253}c`, 'did:web:ex.org%3A65536', 'did:web:ex.org%3Aabc']) {
    assert.throws(() => didWebToUrl(bad), refusal({ code: 'DID_WEB_SYNTAX', message: `did:web host is not a valid domain name: ${bad}` }), bad);
  }
});

test('a did:web path segment "." or ".." is refused, naming the segment', () => {
  for (const seg of ['.', '..']) {
    const did = `did:web:ex.org:${seg}`;
    assert.throws(() => didWebToUrl(did), refusal({ code: 'DID_WEB_SYNTAX', message: `did:web path segment "${seg}" is not allowed: ${did}` }));
  }
});

test('an https controller address is accepted only in normal form (port up to 65535, no empty label, numeric last label only in a canonical IPv4 host)', () => {
  for (const [vmId, controllerId, fragment] of [
    ['https://ex.org:65535/k#a', 'https://ex.org:65535/k', 'a'],
    ['https://example.org./k#a', 'https://example.org./k', 'a'],
    ['https://ex.a1/k#a', 'https://ex.a1/k', 'a'],
    ['https://ex.1a/k#a', 'https://ex.1a/k', 'a'],
    ['https://a.1.example/k#a', 'https://a.1.example/k', 'a'], // only the last label decides
    ['https://255.1.1.1/k#a', 'https://255.1.1.1/k', 'a'],
    ['https://1.2.3.4/k', 'https://1.2.3.4/k', null],
  ]) {
    assert.deepEqual(parseVerificationMethodId(vmId), { method: 'https', controllerId, fragment }, vmId);
  }
  for (const bad of ['https://ex.org:65536/k#a', 'https://ex.org:443/k#a', 'https://a..b/k#a', 'https://1.2.3/k#a', 'https://256.1.1.1/k#a', 'https://-1.2.3.4/k#a', 'https://1e-7.2.3.4/k#a', 'https://01.2.3.4/k#a', 'https://ex.org/a/../k#a']) {
    assert.throws(() => parseVerificationMethodId(bad), refusal({ code: 'VM_SYNTAX', message: `verificationMethod URL is not in normal form: ${bad}` }), bad);
  }
});

test('a verificationMethod that is not a string, has a repeated fragment or a DID path is VM_SYNTAX with its message', () => {
  assert.throws(() => parseVerificationMethodId(42), refusal({ code: 'VM_SYNTAX', message: 'verificationMethod is not a usable identifier' }));
  assert.throws(() => parseVerificationMethodId(`${VM}#b`), refusal({ code: 'VM_SYNTAX', message: `verificationMethod has an empty or repeated fragment: ${VM}#b` }));
  assert.throws(() => parseVerificationMethodId(`${DID}/p#k`), refusal({ code: 'VM_SYNTAX', message: `DID URLs with a path or query are not supported: ${DID}/p#k` }));
  assert.deepEqual(parseVerificationMethodId(VM), { method: 'did:web', controllerId: DID, fragment: 'k1' });
});

test('an unsupported DID method or scheme is UNSUPPORTED_DID_METHOD naming it and the DID methods supported', () => {
  assert.throws(
    () => parseVerificationMethodId('did:ion:abc:def#k'),
    refusal({ code: 'UNSUPPORTED_DID_METHOD', message: 'DID method did:ion is not supported (only did:key, did:web, did:jwk)', detail: { method: 'did:ion' } }),
  );
  assert.throws(
    () => parseVerificationMethodId('http://x.example/issuer#k'),
    refusal({ code: 'UNSUPPORTED_DID_METHOD', message: 'verification methods of kind "http:" are not supported', detail: { method: 'http' } }),
  );
});

test('a did:key resolves with no network, not local, and its fragment must repeat the key', async () => {
  const did = `did:key:${KEY.publicKeyMultibase}`;
  const vm = await resolveVerificationMethod(`${did}#${KEY.publicKeyMultibase}`, {});
  assert.equal(vm.method, 'did:key');
  assert.equal(vm.local, false);
  assert.equal(vm.documentUrl, null);
  assert.deepEqual(vm.dates, {});
  await assert.rejects(resolveVerificationMethod(`${did}#other`, {}), refusal({ code: 'VM_NOT_FOUND', message: `did:key fragment must repeat the key: ${did}#other` }));
});

test('a did:key the Multikey reader refuses is a KeyResolutionError with the reader code and message', async () => {
  await assert.rejects(
    resolveVerificationMethod('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', {}),
    refusal({ code: 'MULTIKEY_NOT_ED25519', message: 'publicKeyMultibase has multicodec prefix 0xe701, not 0xed01 (Ed25519), 0x8024 (P-256) or 0x8124 (P-384) public key' }),
  );
});

test('a did:jwk has one key #0, usable unless its use is "enc", and its identifier must be the base64url of a JWK', async () => {
  const spec = didJwk(SPEC_P256);
  await assert.rejects(resolveVerificationMethod(`${spec}#1`, {}), refusal({ code: 'VM_NOT_FOUND', message: `a did:jwk has one key, '#0': ${spec}#1` }));
  const enc = didJwk({ ...SPEC_P256, use: 'enc' });
  await assert.rejects(
    resolveVerificationMethod(`${enc}#0`, {}),
    refusal({ code: 'VM_NOT_ASSERTION', message: `the did:jwk key ${enc}#0 has use "enc": it is only for encryption, not for issuing credentials` }),
  );
  const malformed = (why) => refusal({ code: 'JWK_MALFORMED', message: `the did:jwk identifier is not the base64url of a JSON Web Key (${why})` });
  await assert.rejects(resolveVerificationMethod('did:jwk:', {}), malformed('empty'));
  await assert.rejects(resolveVerificationMethod(`did:jwk:${base64urlEncode(Uint8Array.from([0xff]))}`, {}), malformed('The encoded data was not valid for encoding utf-8'));
  await assert.rejects(resolveVerificationMethod(didJwk('{"kty":"EC","kty":"EC"}'), {}), malformed('DUPLICATE_KEY'));
  await assert.rejects(resolveVerificationMethod('did:jwk:a+b', {}), malformed('not base64url'));
  await assert.rejects(resolveVerificationMethod(didJwk([SPEC_P256]), {}), refusal({ code: 'JWK_MALFORMED', message: 'the publicKeyJwk is not a JSON object' }));
});

test('a JOSE-only key (RSA) is refused for a Data Integrity proof with JWK_JOSE_ONLY, with its document address when it has one', async () => {
  const message = 'the published key is an RSA key, which only JOSE (JWT) signatures use';
  await assert.rejects(resolveVerificationMethod(`${didJwk(RSA_JWK)}#0`, {}), refusal({ code: 'JWK_JOSE_ONLY', message }));
  const rsa = doc();
  rsa.verificationMethod[0] = { id: VM, type: 'JsonWebKey', controller: DID, publicKeyJwk: RSA_JWK };
  await refusedIn(rsa, { code: 'JWK_JOSE_ONLY', message });
  assert.equal((await resolveIn(rsa, VM, { jose: true })).keyType, 'RSA');
});

test('an error that is not a refusal of the key is not disguised as one', async () => {
  const jwkDoc = doc();
  jwkDoc.verificationMethod[0] = {
    id: VM,
    type: 'JsonWebKey',
    controller: DID,
    publicKeyJwk: Object.defineProperty({}, 'kty', {
      enumerable: true,
      get() {
        throw new RangeError('broken reader');
      },
    }),
  };
  await assert.rejects(resolveVerificationMethod(VM, { fetchJson: async () => jwkDoc }), { name: 'RangeError', message: 'broken reader' });
});

test('the issuer document must be a JSON object whose id is the controller', async () => {
  await refusedIn([doc()], { code: 'KEY_DOCUMENT_MALFORMED', message: `${DOC_URL} is not a JSON object` });
  await refusedIn(doc({ id: OTHER_DID }), {
    code: 'KEY_DOCUMENT_ID_MISMATCH',
    message: `the document at ${DOC_URL} has id "${OTHER_DID}", not ${DID}`,
    detail: { expected: DID, actual: OTHER_DID },
  });
  await refusedIn(doc({ id: undefined }), {
    code: 'KEY_DOCUMENT_ID_MISMATCH',
    message: `the document at ${DOC_URL} has id undefined, not ${DID}`,
    detail: { expected: DID, actual: null },
  });
});

test('a key the document does not list is VM_NOT_FOUND; listed by a relative id it is VM_RELATIVE_ID', async () => {
  await refusedIn(doc({ verificationMethod: [] }), { code: 'VM_NOT_FOUND', message: `the document at ${DOC_URL} does not list the key ${VM}` });
  const relative = didDocument(DID, [{ fragment: 'k1', key: KEY }, { fragment: 'k2', key: KEY2 }]);
  relative.verificationMethod[0].id = '#k1';
  await refusedIn(relative, { code: 'VM_RELATIVE_ID', message: `the document lists the key as "#k1"; verification method ids must be absolute (${VM})` });
});

test('a key listed twice is VM_DUPLICATE', async () => {
  const dup = doc();
  dup.verificationMethod.push(dup.verificationMethod[0]);
  await refusedIn(dup, { code: 'VM_DUPLICATE', message: `the key ${VM} is listed more than once` });
});

test('entries of verificationMethod and assertionMethod that are not objects are passed over', async () => {
  const withNulls = doc();
  withNulls.verificationMethod = [null, 'did:web:rules.example#k0', ...withNulls.verificationMethod];
  withNulls.assertionMethod = [null, ...withNulls.assertionMethod];
  const vm = await resolveIn(withNulls);
  assert.equal(vm.publicKeyMultibase, KEY.publicKeyMultibase);
  assert.deepEqual(vm.warnings, []);
});

test('a key both listed and embedded in assertionMethod must be the same JSON value in both places', async () => {
  const both = (listedExtra, embeddedExtra) => {
    const d = doc();
    d.verificationMethod[0] = { ...d.verificationMethod[0], ...listedExtra };
    d.assertionMethod = [{ ...d.verificationMethod[0], ...embeddedExtra }];
    return d;
  };
  const same = { alsoKnownAs: ['a', 'b'], nested: { x: [1, { y: null }] } };
  assert.equal((await resolveIn(both(same, structuredClone(same)))).publicKeyMultibase, KEY.publicKeyMultibase);
  for (const [listed, embedded] of [
    [{ f: ['a'] }, { f: 'a' }],
    [{ f: ['a'] }, { f: ['a', 'b'] }],
    [{ f: ['a', 'b'] }, { f: ['a', 'c'] }],
    [{ f: ['a'] }, { f: ['b'] }],
    [{ f: {} }, { f: 5 }],
    [{ f: { 0: 'a' } }, { f: 'a' }],
    [{ f: {} }, { f: { x: 1 } }],
    [{}, { f: 1 }],
  ]) {
    await refusedIn(both(listed, embedded), { code: 'VM_DUPLICATE', message: `the key ${VM} is listed more than once` });
  }
});

test('a key type must be one the rulebook names, as a string, holding a key type that type allows', async () => {
  const typed = (type, publicKeyMultibase = KEY.publicKeyMultibase) => {
    const d = doc();
    d.verificationMethod[0] = { ...d.verificationMethod[0], type, publicKeyMultibase };
    return d;
  };
  await refusedIn(typed(['Multikey']), {
    code: 'VM_TYPE',
    message: `the key ${VM} has type ["Multikey"]; only Multikey, Ed25519VerificationKey2020, JsonWebKey, JsonWebKey2020 are supported`,
  });
  await refusedIn(typed('Ed25519VerificationKey2020', P256_MULTIKEY), { code: 'VM_TYPE', message: 'an Ed25519VerificationKey2020 holds Ed25519 keys, not P-256' });
  await refusedIn(typed('Multikey', 42), { code: 'MULTIKEY_MISSING', message: 'publicKeyMultibase is missing or not a string' });
});

test('a key that does not name its controller is VM_CONTROLLER_MISSING', async () => {
  const d = doc();
  delete d.verificationMethod[0].controller;
  await refusedIn(d, { code: 'VM_CONTROLLER_MISSING', message: `the key ${VM} does not name its controller` });
});

test('a key is usable only when assertionMethod names it, absolutely, relatively (ASSERTION_RELATIVE) or as a single value', async () => {
  assert.deepEqual((await resolveIn(doc({ assertionMethod: VM }))).warnings, []);
  assert.deepEqual((await resolveIn(doc({ assertionMethod: ['#k1'] }))).warnings, ['ASSERTION_RELATIVE']);
  const message = `the key ${VM} is not listed under assertionMethod, so it may not be used to issue credentials`;
  for (const assertionMethod of [[`${DID}#other`], [{ id: `${DID}#other` }], ['#other'], [['#k1']], []]) {
    await refusedIn(doc({ assertionMethod }), { code: 'VM_NOT_ASSERTION', message });
  }
});

test('a did:web or https key must name a key by its #fragment', async () => {
  await assert.rejects(resolveIn(doc(), DID), refusal({ code: 'VM_SYNTAX', message: `verificationMethod must name a key with a #fragment: ${DID}` }));
});

test('a document that cannot be fetched is retryable, with the reason', async () => {
  await assert.rejects(
    resolveVerificationMethod(VM, {}),
    refusal({ code: 'NO_FETCH', message: 'no fetchJson was given, so the issuer document cannot be read', url: DOC_URL, retryable: true }),
  );
  await assert.rejects(
    resolveVerificationMethod(VM, stubNetwork({})),
    refusal({ code: 'KEY_DOCUMENT_UNREACHABLE', message: `could not fetch ${DOC_URL}: HTTP 404 for ${DOC_URL}`, url: DOC_URL, retryable: true }),
  );
  await assert.rejects(
    resolveVerificationMethod(VM, { fetchJson: () => Promise.reject('offline') }),
    refusal({ code: 'KEY_DOCUMENT_UNREACHABLE', message: `could not fetch ${DOC_URL}: offline`, url: DOC_URL, retryable: true }),
  );
});

test("a key's own revoked and expires dates are returned as written, and no others", async () => {
  assert.deepEqual((await resolveIn(doc())).dates, {});
  const dated = doc();
  Object.assign(dated.verificationMethod[0], { expires: '2030-01-01T00:00:00Z', revoked: 'soon', created: '2020-01-01T00:00:00Z' });
  assert.deepEqual((await resolveIn(dated)).dates, { revoked: 'soon', expires: '2030-01-01T00:00:00Z' });
});

test("the local DID's document is read from its local address, marked LOCAL_DOCUMENT; another DID's is not", async () => {
  const localDid = { did: DID, documentUrl: LOCAL_URL };
  const local = await resolveVerificationMethod(VM, { ...stubNetwork({ [LOCAL_URL]: doc() }), localDid });
  assert.equal(local.local, true);
  assert.equal(local.documentUrl, LOCAL_URL);
  assert.deepEqual(local.warnings, ['LOCAL_DOCUMENT']);
  const localDoc = await resolveVerificationMethod(VM, { ...stubNetwork({ [LOCAL_URL]: doc({ assertionMethod: [] }) }), localDid }).catch((e) => e);
  assert.equal(localDoc.url, LOCAL_URL);
  const other = await resolveVerificationMethod(VM, { ...stubNetwork({ [DOC_URL]: doc() }), localDid: { did: OTHER_DID, documentUrl: LOCAL_URL } });
  assert.equal(other.local, false);
  assert.equal(other.documentUrl, DOC_URL);
  assert.deepEqual(other.warnings, []);
});

test("a did:key's or did:jwk's assertion keys are its own key, without warnings", async () => {
  const did = `did:key:${KEY.publicKeyMultibase}`;
  const keys = await resolveAssertionKeys(did, {});
  assert.deepEqual(
    keys.map((k) => [k.method, k.id, k.warnings]),
    [['did:key', `${did}#${KEY.publicKeyMultibase}`, []]],
  );
  const jwk = didJwk(SPEC_P256);
  assert.deepEqual(
    (await resolveAssertionKeys(jwk, {})).map((k) => [k.method, k.id, k.warnings]),
    [['did:jwk', `${jwk}#0`, []]],
  );
  await assert.rejects(
    resolveAssertionKeys('https://rules.example/issuer', {}),
    refusal({ code: 'VM_SYNTAX', message: 'verificationMethod must name a key with a #fragment: https://rules.example/issuer' }),
  );
});

/** A did:web document with keys k1..k3 whose assertionMethod also names a foreign key, a number and a missing key. */
function assertionDoc() {
  const d = didDocument(DID, [{ fragment: 'k1', key: KEY }, { fragment: 'k2', key: KEY2 }]);
  const k3 = { id: `${DID}#k3`, type: 'Multikey', controller: DID, publicKeyMultibase: KEY2.publicKeyMultibase };
  d.assertionMethod = ['#k1', `${DID}#k2`, `${OTHER_DID}#k`, 42, `${DID}#gone`, k3];
  return d;
}

test("a did:web's assertion keys are the usable keys of its own it lists under assertionMethod, relative or absolute", async () => {
  const other = didDocument(OTHER_DID, [{ fragment: 'k', key: KEY }]);
  const keys = await resolveAssertionKeys(DID, stubNetwork({ [DOC_URL]: assertionDoc(), [OTHER_URL]: other }));
  assert.deepEqual(
    keys.map((k) => [k.id, k.publicKeyMultibase, k.local, k.warnings]),
    [
      [`${DID}#k1`, KEY.publicKeyMultibase, false, ['ASSERTION_RELATIVE']],
      [`${DID}#k2`, KEY2.publicKeyMultibase, false, []],
      [`${DID}#k3`, KEY2.publicKeyMultibase, false, []],
    ],
  );
  assert.deepEqual(await resolveAssertionKeys(DID, stubNetwork({ [DOC_URL]: doc({ assertionMethod: [] }) })), []);
});

test("the local DID's assertion keys are read from its local address; another DID's local address is not used", async () => {
  const net = stubNetwork({ [LOCAL_URL]: assertionDoc() });
  const keys = await resolveAssertionKeys(DID, { ...net, localDid: { did: DID, documentUrl: LOCAL_URL } });
  assert.deepEqual(
    keys.map((k) => [k.id, k.documentUrl, k.warnings]),
    [
      [`${DID}#k1`, LOCAL_URL, ['ASSERTION_RELATIVE', 'LOCAL_DOCUMENT']],
      [`${DID}#k2`, LOCAL_URL, ['LOCAL_DOCUMENT']],
      [`${DID}#k3`, LOCAL_URL, ['LOCAL_DOCUMENT']],
    ],
  );
  assert.ok(!net.calls.includes(DOC_URL));
  const elsewhere = await resolveAssertionKeys(DID, { ...stubNetwork({ [DOC_URL]: doc() }), localDid: { did: OTHER_DID, documentUrl: LOCAL_URL } });
  assert.deepEqual(
    elsewhere.map((k) => [k.id, k.documentUrl, k.local]),
    [[VM, DOC_URL, false]],
  );
});

test('an assertion key that fails for a reason other than a key refusal stops resolveAssertionKeys', async () => {
  const d = doc();
  Object.defineProperty(d.verificationMethod[0], 'type', {
    enumerable: true,
    get() {
      throw new RangeError('broken document');
    },
  });
  await assert.rejects(resolveAssertionKeys(DID, { fetchJson: async () => d }), { name: 'RangeError', message: 'broken document' });
});
