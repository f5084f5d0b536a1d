// Bitstring Status List v1.0: the published encodedList examples (sizes, set bits, MSB-first
// order), the REC's length and range rules, statusSize, and the two signed REC examples.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { decodeEncodedList, readStatus, MIN_STATUS_LIST_ENTRIES, verifyCredential, verifyDataIntegrityProof } from '../src/verifier/index.js';
import { setIndexes } from '../src/verifier/bitstring.js';
import { gunzip } from '../src/verifier/gunzip.js';
import { documentLoader, readJson } from './helpers/contexts.js';
import { bitstring, encodeList, stubNetwork } from './helpers/sign.js';
import { checkOf } from './helpers/fixtures.js';

const EXAMPLES = readJson('bitstring-status-list', 'examples.json').examples;
const BACKENDS = ['stream', 'fflate'];

for (const backend of BACKENDS) {
  test(`examples.json: decoded sizes and set indexes (${backend})`, async () => {
    for (const ex of EXAMPLES) {
      const bits = await decodeEncodedList(ex.encodedList, { gunzipBackend: backend });
      assert.equal(bits.length, ex.uncompressedBytes, ex.source);
      assert.equal(bits.length * 8, ex.bits);
      assert.deepEqual(setIndexes(bits), ex.setIndexes, ex.source);
      if (ex.byteAtIndex6250) assert.equal(`0x${bits[6250].toString(16).padStart(2, '0')}`, ex.byteAtIndex6250);
    }
  });
}

test('examples.json: the 131,072-entry list is long enough; the 100,000-entry ones raise STATUS_LIST_LENGTH_ERROR', async () => {
  const [full, short, shortWith50000] = EXAMPLES;
  assert.equal(readStatus(await decodeEncodedList(full.encodedList), 0), 0);
  assert.equal(readStatus(await decodeEncodedList(full.encodedList), MIN_STATUS_LIST_ENTRIES - 1), 0);
  for (const ex of [short, shortWith50000]) {
    const bits = await decodeEncodedList(ex.encodedList);
    assert.throws(() => readStatus(bits, 0), { code: 'STATUS_LIST_LENGTH_ERROR' });
  }
});

test('bit order is MSB first: index 0 is the top bit of byte 0', () => {
  const bits = bitstring({ set: { 0: 1, 9: 1, 131071: 1 } });
  assert.equal(bits[0], 0x80);
  assert.equal(bits[1], 0x40);
  assert.equal(bits[bits.length - 1], 0x01);
  for (let i = 0; i < 16; i++) assert.equal(readStatus(bits, i), i === 0 || i === 9 ? 1 : 0, `index ${i}`);
  assert.equal(readStatus(bits, 131071), 1);
  // An LSB-first reader would see index 7 set in byte 0; we must not.
  assert.equal(readStatus(bits, 7), 0);
});

test('RANGE_ERROR for an index past the end; statusSize is honoured for length and position', () => {
  const bits = bitstring();
  assert.throws(() => readStatus(bits, MIN_STATUS_LIST_ENTRIES), { code: 'RANGE_ERROR' });
  assert.throws(() => readStatus(bits, 10_000_000), { code: 'RANGE_ERROR' });
  // statusSize 2 needs 2 × 131,072 bits.
  assert.throws(() => readStatus(bits, 0, 2), { code: 'STATUS_LIST_LENGTH_ERROR' });
  const wide = bitstring({ statusSize: 2, set: { 5: 2, 6: 3, 131071: 1 } });
  assert.equal(readStatus(wide, 5, 2), 2);
  assert.equal(readStatus(wide, 6, 2), 3);
  assert.equal(readStatus(wide, 7, 2), 0);
  assert.equal(readStatus(wide, 131071, 2), 1);
  assert.throws(() => readStatus(wide, 131072, 2), { code: 'RANGE_ERROR' });
});

test('malformed encodedList values are ENCODING_ERRORs (no "u", bad base64url, not gzip)', async () => {
  const good = encodeList(bitstring());
  for (const bad of [good.slice(1), `u${good.slice(1).replace(/[-_]/g, '+')}+`, 'uAAAA', `u${Buffer.from('not gzip').toString('base64url')}`]) {
    for (const gunzipBackend of BACKENDS) {
      await assert.rejects(decodeEncodedList(bad, { gunzipBackend }), { code: 'ENCODING_ERROR' }, `${gunzipBackend}: ${bad.slice(0, 20)}`);
    }
  }
});

test('a gzip bomb is refused before it fills memory (both back ends)', async () => {
  const bomb = new Uint8Array(gzipSync(new Uint8Array(64 * 1024 * 1024)));
  for (const backend of BACKENDS) {
    await assert.rejects(gunzip(bomb, { backend }), /exceeds/);
    await assert.rejects(decodeEncodedList(`u${Buffer.from(bomb).toString('base64url')}`, { gunzipBackend: backend }), {
      code: 'ENCODING_ERROR',
    });
  }
});

test('the two signed REC examples: both proofs verify (did:key), and the list entry is not set', async () => {
  const list = readJson('bitstring-status-list', 'signed-status-list-credential.eddsa-rdfc-2022.json');
  const credential = readJson('bitstring-status-list', 'signed-credential-with-status-entry.eddsa-rdfc-2022.json');
  for (const doc of [list, credential]) {
    for (const ed25519Backend of ['webcrypto', 'noble']) {
      const report = await verifyDataIntegrityProof(doc, { documentLoader, issuerId: doc.issuer, now: Date.now(), ed25519Backend });
      assert.equal(report.format.outcome, 'passed');
      assert.equal(report.canonical.outcome, 'passed');
      assert.equal(report.key.outcome, 'passed');
      assert.deepEqual(report.key.vm.warnings, ['VM_IS_DID'], 'a bare did:key is accepted but reported');
      assert.equal(report.signature.outcome, 'passed', ed25519Backend);
      // The examples name did:example:12345 as issuer but sign with a did:key: no binding.
      assert.equal(report.controller.outcome, 'failed');
    }
  }
  const bits = await decodeEncodedList(list.credentialSubject.encodedList);
  assert.equal(bits.length * 8, MIN_STATUS_LIST_ENTRIES);
  assert.equal(readStatus(bits, Number(credential.credentialStatus.statusListIndex)), 0);
});

test('the signed REC credential, verified in full, is invalid: its key is not controlled by its issuer', async () => {
  const list = readJson('bitstring-status-list', 'signed-status-list-credential.eddsa-rdfc-2022.json');
  const credential = readJson('bitstring-status-list', 'signed-credential-with-status-entry.eddsa-rdfc-2022.json');
  const net = stubNetwork({ [list.id]: list });
  const result = await verifyCredential(credential, { documentLoader, fetchJson: net.fetchJson, now: '2026-01-01T00:00:00Z' });
  assert.equal(result.state, 'invalid');
  assert.equal(checkOf(result, 'signature').outcome, 'passed');
  assert.equal(checkOf(result, 'key-controller').outcome, 'failed');
  assert.equal(checkOf(result, 'revocation').outcome, 'not-checked');
  assert.deepEqual(net.calls, [], 'an unauthenticated credential does not trigger status fetches');
});

// -- a list's validity period: what stops an old list from being served for ever -----------------
// A list signed before a revocation keeps a valid signature; only its validUntil stops a copy of it
// from being served afterwards to make the revoked credential look fine (a replay).

const validityFixtures = await import('./helpers/fixtures.js');
const { makeStatusList } = await import('./helpers/sign.js');
const { INDEX, ISSUER, KEY, NOW, REVOCATION_URL, VM, network, signBadge } = validityFixtures;

const revocationList = (extra) => makeStatusList({ url: REVOCATION_URL, issuer: ISSUER, purpose: 'revocation', key: KEY, verificationMethod: VM, ...extra });

async function verifyAt(now, lists) {
  const net = await network({ lists: { [REVOCATION_URL]: lists } });
  return verifyCredential(await signBadge(), { documentLoader, fetchJson: net.fetchJson, now });
}

test('replay: the list from before a revocation, served after its validUntil, is status-unknown, never verified', async () => {
  const before = await revocationList({ validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-02-01T00:00:00Z' });
  const after = await revocationList({ validFrom: '2026-02-15T00:00:00Z', validUntil: '2026-05-16T00:00:00Z', bits: bitstring({ set: { [INDEX]: 1 } }) });
  assert.equal((await verifyAt(NOW, after)).state, 'revoked');
  const replayed = await verifyAt(NOW, before);
  assert.equal(replayed.state, 'status-unknown');
  const c = checkOf(replayed, 'revocation');
  assert.equal(c.detail.code, 'LIST_EXPIRED');
  assert.match(c.message.en, /valid until .*2026.*an old list can hide a later revocation/);
  assert.match(c.message.nl, /geldig tot .*2026/);
  // within its own validity the old list is still believed: the replay window is its validity
  assert.equal((await verifyAt('2026-01-15T00:00:00Z', before)).state, 'verified');
});

test('a list is valid up to, not at, its validUntil; before its validFrom it is not valid yet', async () => {
  const ends = await revocationList({ validFrom: '2026-02-01T00:00:00Z', validUntil: NOW });
  assert.equal(checkOf(await verifyAt(NOW, ends), 'revocation').detail.code, 'LIST_EXPIRED');
  assert.equal((await verifyAt('2026-03-01T11:59:59Z', ends)).state, 'verified');
  const starts = await revocationList({ validFrom: '2026-03-01T12:00:01Z', validUntil: '2026-06-01T00:00:00Z' });
  const early = await verifyAt(NOW, starts);
  assert.equal(early.state, 'status-unknown');
  assert.equal(checkOf(early, 'revocation').detail.code, 'LIST_NOT_YET_VALID');
});

test('a list with malformed dates is status-unknown; one without dates (they are optional) is read', async () => {
  for (const extra of [{ validUntil: 'next week' }, { validUntil: '2026-13-01T00:00:00Z' }, { extra: { validUntil: null } }, { extra: { validFrom: 20260101 } }]) {
    const result = await verifyAt(NOW, await revocationList(extra));
    assert.equal(result.state, 'status-unknown', JSON.stringify(extra));
    assert.equal(checkOf(result, 'revocation').detail.code, 'LIST_MALFORMED', JSON.stringify(extra));
  }
  assert.equal((await verifyAt(NOW, await revocationList({}))).state, 'verified');
});

test('an expired list reshaped to hide its validUntil or id (same signed meaning) is refused, not read as endless', async () => {
  const expired = await revocationList({ validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-02-01T00:00:00Z' });
  const { validUntil, id, ...rest } = expired;
  const dateTime = { '@value': validUntil, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' };
  const reshaped = {
    nested: { ...rest, id, '@nest': { validUntil } },
    'full IRI': { ...rest, id, 'https://www.w3.org/2018/credentials#validUntil': dateTime },
    '@id': { ...rest, '@id': id, validUntil },
  };
  for (const [how, list] of Object.entries(reshaped)) {
    const result = await verifyAt(NOW, list);
    assert.equal(result.state, 'status-unknown', how);
    const c = checkOf(result, 'revocation');
    assert.equal(c.detail.code, 'LIST_MALFORMED', how);
    assert.match(c.detail.problem, /JSON-LD keywords or IRIs as keys/, how);
  }
});

test('an expired list whose end date is moved into the issuer with @included is not believed', async () => {
  const before = await revocationList({ validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-02-01T00:00:00Z' });
  const { validUntil, ...rest } = before;
  const hidden = { ...rest, issuer: { id: ISSUER, '@included': [{ id: REVOCATION_URL, type: 'VerifiableCredential', validUntil }] } };
  const result = await verifyAt(NOW, hidden);
  assert.equal(result.state, 'status-unknown');
  assert.notEqual(checkOf(result, 'revocation').outcome, 'passed');
});
