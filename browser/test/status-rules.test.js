// The status rules of browser/src/verifier/status.js, one per test, with the exact result of
// checkCredentialStatus: how an entry's index, size and list URL are read, which lists are read and
// why the others are refused, and how the Open Badges suspension companion is consulted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULES } from '../src/verifier/rulebook.js';
import { checkCredentialStatus } from '../src/verifier/status.js';
import { documentLoader } from './helpers/contexts.js';
import { bitstring, didDocument, encodeList, makeKey, makeStatusList, signDocument } from './helpers/sign.js';
import { DID_URL, INDEX, ISSUER, KEY, NOW, REVOCATION_URL, SUSPENSION_URL, VM, network } from './helpers/fixtures.js';

const NOW_MS = Date.parse(NOW);
const NOT_A_LIST = 'not a BitstringStatusListCredential or StatusList2021Credential';
const list = (extra = {}) => makeStatusList({ url: REVOCATION_URL, issuer: ISSUER, purpose: 'revocation', key: KEY, verificationMethod: VM, ...extra });
const entry = (extra = {}) => ({
  id: `${REVOCATION_URL}#${INDEX}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex: String(INDEX),
  statusListCredential: REVOCATION_URL,
  ...extra,
});

/** checkCredentialStatus against the fixture network, with `lists` replacing its documents. */
async function check(entries, lists = {}, ctx = {}) {
  const net = await network({ lists });
  const results = await checkCredentialStatus(entries, ISSUER, { documentLoader, fetchJson: net.fetchJson, now: NOW_MS, ...ctx });
  return { results, calls: net.calls };
}

/** The one result for `entries` (a single entry, so no companion). */
async function one(e, lists, ctx) {
  const { results } = await check([e], lists, ctx);
  assert.equal(results.length, 1);
  return results[0];
}

const clear = (extra = {}) => ({
  purpose: 'revocation',
  index: INDEX,
  listUrl: REVOCATION_URL,
  result: 'clear',
  detail: { url: REVOCATION_URL, index: INDEX, statusSize: 1, value: 0, listVerificationMethod: VM, ...extra },
});
const malformedEntry = (e) => ({ purpose: 'revocation', index: null, listUrl: null, ...e, result: 'unknown', code: 'MALFORMED_ENTRY', detail: { problem: 'index, size or list URL' } });
const listMalformed = (problem) => ({ purpose: 'revocation', index: INDEX, listUrl: REVOCATION_URL, result: 'unknown', code: 'LIST_MALFORMED', detail: { url: REVOCATION_URL, problem } });

test('a clear bit of the issuer\'s own list, at the URL it was fetched from, is clear with no code', async () => {
  assert.deepEqual(await one(entry()), clear());
});

test('statusListIndex is a decimal string without leading zeros or a non-negative safe integer', async () => {
  assert.deepEqual(await one(entry({ statusListIndex: INDEX })), clear());
  assert.deepEqual(await one(entry({ statusListIndex: '0' })), { ...clear(), index: 0, detail: { ...clear().detail, index: 0 } });
  for (const bad of [`${INDEX}x`, '04242', '-1', -1, 1.5, [5], null, true]) {
    assert.deepEqual(await one(entry({ statusListIndex: bad })), malformedEntry({ listUrl: REVOCATION_URL }), JSON.stringify(bad));
  }
});

test('statusSize defaults to 1; a given one reads that many bits per entry; an invalid one is a malformed entry', async () => {
  const wide = await list({ bits: bitstring({ statusSize: 2, set: { [INDEX]: 3 } }) });
  const r = await one(entry({ statusSize: 2 }), { [REVOCATION_URL]: wide });
  assert.deepEqual(r, { ...clear(), result: 'set', detail: { ...clear().detail, statusSize: 2, value: 3 } });
  const s = await one(entry({ statusSize: '2' }), { [REVOCATION_URL]: wide });
  assert.deepEqual(s, r);
  for (const bad of ['abc', 0, 33, 1.5]) {
    assert.deepEqual(await one(entry({ statusSize: bad })), malformedEntry({ index: INDEX, listUrl: REVOCATION_URL }), JSON.stringify(bad));
  }
});

test('the list URL must be a string that parses as a URL, and not the entry\'s own id', async () => {
  assert.deepEqual(await one(entry({ statusListCredential: 5 })), malformedEntry({ index: INDEX }));
  assert.deepEqual(await one(entry({ statusListCredential: [REVOCATION_URL] })), malformedEntry({ index: INDEX }));
  assert.deepEqual(await one(entry({ statusListCredential: 'not a url' })), malformedEntry({ index: INDEX, listUrl: 'not a url' }));
  assert.deepEqual(await one(entry({ id: REVOCATION_URL })), malformedEntry({ index: INDEX, listUrl: REVOCATION_URL }));
  assert.deepEqual(await one(entry({ id: undefined })), clear());
});

test('an entry that is not an object is malformed, with no purpose, index or list URL', async () => {
  for (const bad of [null, 'text', [entry()]]) {
    assert.deepEqual(await one(bad), { purpose: null, index: null, listUrl: null, result: 'unknown', code: 'MALFORMED_ENTRY', detail: {} }, JSON.stringify(bad));
  }
});

test('an entry without a text statusPurpose is malformed; a purpose not understood is only reported', async () => {
  for (const bad of [undefined, 5]) {
    assert.deepEqual(await one(entry({ statusPurpose: bad })), { purpose: null, index: null, listUrl: null, result: 'unknown', code: 'MALFORMED_ENTRY', detail: { problem: 'statusPurpose' } });
  }
  assert.deepEqual(await one(entry({ statusPurpose: 'refresh' })), { purpose: 'refresh', index: null, listUrl: null, result: 'not-understood', detail: { purpose: 'refresh' } });
});

test('the 1EdTech Revocation List is not read and says so; any other unknown type is unsupported', async () => {
  assert.deepEqual(await one(entry({ type: ['1EdTechRevocationList'] })), { purpose: 'revocation', index: null, listUrl: null, result: 'unknown', code: 'UNREAD_STATUS_TYPE', detail: { type: '1EdTechRevocationList' } });
  assert.deepEqual(await one(entry({ type: 'OtherList' })), { purpose: 'revocation', index: null, listUrl: null, result: 'unknown', code: 'UNSUPPORTED_STATUS_TYPE', detail: { type: 'OtherList' } });
});

test('a list that cannot be fetched is LIST_UNREACHABLE with its HTTP status and error text', async () => {
  const boom = Object.assign(new Error('HTTP 500'), { status: 500 });
  const base = { purpose: 'revocation', index: INDEX, listUrl: REVOCATION_URL, result: 'unknown', code: 'LIST_UNREACHABLE' };
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: boom }), { ...base, detail: { url: REVOCATION_URL, status: 500, error: 'HTTP 500' } });
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: new Error('offline') }), { ...base, detail: { url: REVOCATION_URL, status: null, error: 'offline' } });
  for (const [thrown, error] of [[null, 'null'], ['down', 'down'], [{ status: '500' }, '[object Object]']]) {
    const fetchJson = async () => {
      throw thrown;
    };
    assert.deepEqual(await one(entry(), {}, { fetchJson }), { ...base, detail: { url: REVOCATION_URL, status: null, error } }, String(thrown));
  }
});

test('a list that is not a JSON object is LIST_MALFORMED "not a JSON object"', async () => {
  for (const bad of [null, 'text', [await list()]]) {
    assert.deepEqual(await one(entry(), { [REVOCATION_URL]: bad }), listMalformed('not a JSON object'), JSON.stringify(bad)?.slice(0, 20));
  }
});

test('a list needs a VC context first, the VerifiableCredential type and a subject of its method with a text encodedList', async () => {
  const good = await list();
  const bad = {
    otherContext: { ...good, '@context': ['https://example.org/other'] },
    objectContext: { ...good, '@context': [{ '@vocab': 'https://example.org/' }] },
    noVcType: { ...good, type: ['BitstringStatusListCredential'] },
    nullSubject: { ...good, credentialSubject: null },
    arraySubject: { ...good, credentialSubject: [good.credentialSubject] },
    textSubject: { ...good, credentialSubject: 'text' },
    otherSubjectType: { ...good, credentialSubject: { ...good.credentialSubject, type: 'StatusList2021' } },
    otherListType: { ...good, type: ['VerifiableCredential', 'StatusList2021Credential'] },
    numberList: await list({ encodedList: 123 }),
  };
  for (const [how, doc] of Object.entries(bad)) {
    assert.deepEqual(await one(entry(), { [REVOCATION_URL]: doc }), listMalformed(NOT_A_LIST), how);
  }
});

test('a list with an inline context or JSON-LD keys is LIST_MALFORMED naming them, sorted', async () => {
  const good = await list();
  const inline = { ...good, '@context': [...good['@context'], { x: 'https://example.org/x' }] };
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: inline }), listMalformed('an inline @context'));
  const keys = { ...good, 'z:b': 1, '@nest': {}, credentialSubject: { ...good.credentialSubject, '@id': 'x' } };
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: keys }), listMalformed('JSON-LD keywords or IRIs as keys (@id, @nest, z:b)'));
});

test('a list naming no issuer is LIST_MALFORMED "it names no issuer"', async () => {
  const { issuer, ...rest } = await list();
  assert.equal(issuer, ISSUER);
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: rest }), listMalformed('it names no issuer'));
});

test('a list whose signature fails is LIST_PROOF_INVALID naming exactly the failed parts', async () => {
  const good = await list();
  const tampered = { ...good, credentialSubject: { ...good.credentialSubject, encodedList: encodeList(bitstring({ set: { 1: 1 } })) } };
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: tampered }), { purpose: 'revocation', index: INDEX, listUrl: REVOCATION_URL, result: 'unknown', code: 'LIST_PROOF_INVALID', detail: { url: REVOCATION_URL, failed: ['signature'] } });
});

test('a list whose key cannot be fetched is LIST_KEY_UNAVAILABLE, not a failed proof', async () => {
  const r = await one(entry(), { [DID_URL]: Object.assign(new Error('HTTP 503'), { status: 503 }) });
  assert.equal(r.code, 'LIST_KEY_UNAVAILABLE');
  assert.equal(r.result, 'unknown');
  assert.equal(r.detail.url, REVOCATION_URL);
  assert.equal(typeof r.detail.key.code, 'string');
});

test('a list is valid from its validFrom on (inclusive) and LIST_NOT_YET_VALID before it', async () => {
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: await list({ validFrom: NOW }) }), clear());
  const later = '2026-03-01T12:00:01Z';
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: await list({ validFrom: later }) }), {
    ...listMalformed(),
    code: 'LIST_NOT_YET_VALID',
    detail: { url: REVOCATION_URL, validFrom: later, ms: Date.parse(later) },
  });
});

test('a list with malformed dates is LIST_MALFORMED naming them', async () => {
  const r = await one(entry(), { [REVOCATION_URL]: await list({ validFrom: 'today', validUntil: 'next week' }) });
  assert.deepEqual(r, listMalformed('validity dates are malformed (VALID_FROM_MALFORMED, VALID_UNTIL_MALFORMED)'));
});

test('a Bitstring list must carry the multibase prefix u', async () => {
  const bare = await list({ encodedList: encodeList(bitstring()).slice(1) });
  const r = await one(entry(), { [REVOCATION_URL]: bare });
  assert.equal(r.code, 'ENCODING_ERROR');
  assert.equal(r.result, 'unknown');
});

test('a list without an id is read as the one at its URL; one with another id is LIST_ID_MISMATCH', async () => {
  const { id, proof, ...unsigned } = await list();
  assert.equal(id, REVOCATION_URL);
  assert.equal(typeof proof, 'object');
  const noId = await signDocument(unsigned, { key: KEY, verificationMethod: VM });
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: noId }), clear());
  const moved = await list({ extra: { id: SUSPENSION_URL } });
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: moved }), { ...clear(), code: 'LIST_ID_MISMATCH', detail: { ...clear().detail, actual: SUSPENSION_URL } });
});

test('a list signed by another issuer cannot vouch for a clear bit (unknown) but its set bit still revokes', async () => {
  const other = 'did:web:other.example';
  const otherKey = makeKey('other issuer');
  const docs = () => ({
    'https://other.example/.well-known/did.json': didDocument(other, [{ fragment: 'key-1', key: otherKey }]),
  });
  const mk = (set) => makeStatusList({ url: REVOCATION_URL, issuer: other, purpose: 'revocation', key: otherKey, verificationMethod: `${other}#key-1`, bits: bitstring({ set }) });
  const base = { ...clear(), code: 'LIST_ISSUER_MISMATCH', detail: { ...clear().detail, listVerificationMethod: `${other}#key-1`, actual: other } };
  assert.deepEqual(await one(entry(), { ...docs(), [REVOCATION_URL]: await mk({}) }), { ...base, result: 'unknown' });
  assert.deepEqual(await one(entry(), { ...docs(), [REVOCATION_URL]: await mk({ [INDEX]: 1 }) }), { ...base, result: 'set', detail: { ...base.detail, value: 1 } });
});

test('an entry pointing at a list of another purpose is LIST_PURPOSE_MISMATCH', async () => {
  const r = await one(entry({ statusListCredential: SUSPENSION_URL, id: undefined }));
  assert.deepEqual(r, { purpose: 'revocation', index: INDEX, listUrl: SUSPENSION_URL, result: 'unknown', code: 'LIST_PURPOSE_MISMATCH', detail: { url: SUSPENSION_URL, expected: 'revocation', actual: ['suspension'] } });
});

test('an index past the list is RANGE_ERROR naming the number of entries at the entry\'s statusSize', async () => {
  const wide = await list({ bits: bitstring({ statusSize: 2 }) });
  const r = await one(entry({ statusSize: 2, statusListIndex: 131072 }), { [REVOCATION_URL]: wide });
  assert.equal(r.code, 'RANGE_ERROR');
  assert.deepEqual({ ...r, detail: { ...r.detail, error: undefined } }, {
    purpose: 'revocation', index: 131072, listUrl: REVOCATION_URL, result: 'unknown', code: 'RANGE_ERROR',
    detail: { url: REVOCATION_URL, index: 131072, entries: 131072, error: undefined },
  });
  assert.equal(typeof r.detail.error, 'string');
});

test('a status message of the entry for the read value is added to the detail; none when absent', async () => {
  const messages = [{ status: '0x0', message: 'valid' }, { status: '0x1', message: 'revoked' }];
  assert.deepEqual(await one(entry({ statusMessage: messages })), clear({ statusMessage: 'valid' }));
  assert.deepEqual(await one(entry({ statusMessage: [{ status: '0x1', message: 'revoked' }] })), clear());
});

test('two entries on one list fetch it once, into the caller\'s lists cache', async () => {
  const lists = new Map();
  const { results, calls } = await check([entry(), entry({ statusListIndex: '7', id: undefined })], {}, { lists });
  assert.deepEqual(results, [clear(), { ...clear(), index: 7, detail: { ...clear().detail, index: 7 } }]);
  assert.deepEqual(calls.filter((u) => u === REVOCATION_URL), [REVOCATION_URL]);
  assert.deepEqual([...lists.keys()], [REVOCATION_URL]);
});

test('without fetchJson every entry is LIST_UNREACHABLE with its purpose, and no companion is checked', async () => {
  const companionable = entry({ statusListCredential: 'https://badges.example.org/status/revocation-1.json' });
  const results = await checkCredentialStatus([companionable], ISSUER, { documentLoader, now: NOW_MS });
  assert.deepEqual(results, [{ purpose: 'revocation', index: null, listUrl: null, result: 'unknown', code: 'LIST_UNREACHABLE', detail: { url: null } }]);
  const many = await checkCredentialStatus([null, entry({ statusPurpose: 5 })], ISSUER, { documentLoader, now: NOW_MS });
  assert.deepEqual(many.map((r) => r.purpose), [null, null]);
});

const R1 = 'https://badges.example.org/status/revocation-1.json';
const S1 = 'https://badges.example.org/status/suspension-1.json';
const r1 = () => entry({ id: undefined, statusListCredential: R1 });
const revList1 = () => makeStatusList({ url: R1, issuer: ISSUER, purpose: 'revocation', key: KEY, verificationMethod: VM });

test('a lone revocation entry on revocation-<n>.json also reads suspension-<n>.json; absent (404) is clear', async () => {
  const { results } = await check(r1(), { [R1]: await revList1() });
  assert.equal(results.length, 2);
  assert.deepEqual(results[1], {
    purpose: 'suspension', index: INDEX, listUrl: S1, result: 'clear', code: undefined,
    detail: { url: S1, status: 404, error: `HTTP 404 for ${S1}`, companion: 'absent' },
  });
});

test('a published companion list is read and marked present; a failing one (500) stays unknown', async () => {
  const sus = await makeStatusList({ url: S1, issuer: ISSUER, purpose: 'suspension', key: KEY, verificationMethod: VM, bits: bitstring({ set: { [INDEX]: 1 } }) });
  const { results } = await check(r1(), { [R1]: await revList1(), [S1]: sus });
  assert.deepEqual(results[1], { purpose: 'suspension', index: INDEX, listUrl: S1, result: 'set', detail: { url: S1, index: INDEX, statusSize: 1, value: 1, listVerificationMethod: VM, companion: 'present' } });
  const failing = await check(r1(), { [R1]: await revList1(), [S1]: Object.assign(new Error('HTTP 500'), { status: 500 }) });
  assert.deepEqual(failing.results[1], { purpose: 'suspension', index: INDEX, listUrl: S1, result: 'unknown', code: 'LIST_UNREACHABLE', detail: { url: S1, status: 500, error: 'HTTP 500', companion: 'present' } });
});

test('a lone revocation entry whose list URL is not text has no companion', async () => {
  const { results } = await check(entry({ statusListCredential: 5 }));
  assert.deepEqual(results, [malformedEntry({ index: INDEX })]);
  const listed = await check(entry({ statusListCredential: [R1] }));
  assert.deepEqual(listed.results, [malformedEntry({ index: INDEX })]);
});

test('a list whose first context is not text is not a status list, even when it reads as a VC context', async () => {
  const good = await list();
  const nested = { ...good, '@context': [good['@context']] };
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: nested }), listMalformed(NOT_A_LIST));
});

const URN = 'urn:uuid:7d2f3c1e-0000-4000-8000-000000000001';
const didKeyVm = (key) => `did:key:${key.publicKeyMultibase}#${key.publicKeyMultibase}`;
const urnList = (key) => makeStatusList({ url: REVOCATION_URL, issuer: URN, purpose: 'revocation', key, verificationMethod: didKeyVm(key) });
const urnCheck = async (doc, signingKey) => {
  const net = await network({ lists: { [REVOCATION_URL]: doc } });
  return checkCredentialStatus([entry()], URN, { documentLoader, fetchJson: net.fetchJson, now: NOW_MS }, signingKey);
};

test('a keyless (urn) issuer\'s list signed by another key than the credential\'s cannot vouch for a clear bit', async () => {
  const [r] = await urnCheck(await urnList(KEY), null);
  assert.deepEqual(r, { ...clear(), result: 'unknown', code: 'LIST_ISSUER_MISMATCH', detail: { ...clear().detail, listVerificationMethod: didKeyVm(KEY), actual: didKeyVm(KEY) } });
});

test('a failed proof of a keyless issuer\'s list names only the failed parts, not its key-controller warning', async () => {
  const good = await urnList(KEY);
  const tampered = { ...good, credentialSubject: { ...good.credentialSubject, encodedList: encodeList(bitstring({ set: { 1: 1 } })) } };
  const [r] = await urnCheck(tampered, null);
  assert.deepEqual(r, { purpose: 'revocation', index: INDEX, listUrl: REVOCATION_URL, result: 'unknown', code: 'LIST_PROOF_INVALID', detail: { url: REVOCATION_URL, failed: ['signature'] } });
});

const SL2021 = 'https://badges.example.org/status/2021.json';
const sl2021List = (encodedList, type = 'StatusList2021') =>
  signDocument(
    {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/vc/status-list/2021/v1', 'https://w3id.org/security/data-integrity/v2'],
      id: SL2021,
      type: ['VerifiableCredential', 'StatusList2021Credential'],
      issuer: ISSUER,
      issuanceDate: '2025-01-01T00:00:00Z',
      credentialSubject: { id: `${SL2021}#list`, type, statusPurpose: 'revocation', encodedList },
    },
    { key: KEY, verificationMethod: VM },
  );
const sl2021Entry = (type = 'StatusList2021Entry') => entry({ id: undefined, type, statusListCredential: SL2021 });

test('a Status List 2021 list may omit the multibase prefix u, and is read for a Status List 2021 entry', async () => {
  const bare = encodeList(bitstring({ set: { [INDEX]: 1 } })).slice(1);
  const r = await one(sl2021Entry(), { [SL2021]: await sl2021List(bare) });
  assert.deepEqual(r, { ...clear(), listUrl: SL2021, result: 'set', detail: { ...clear().detail, url: SL2021, value: 1 } });
});

test('a Bitstring entry pointing at a Status List 2021 list is LIST_METHOD_MISMATCH', async () => {
  const r = await one(sl2021Entry('BitstringStatusListEntry'), { [SL2021]: await sl2021List(encodeList(bitstring())) });
  assert.deepEqual(r, { ...clear(), listUrl: SL2021, result: 'unknown', code: 'LIST_METHOD_MISMATCH', detail: { url: SL2021, expected: 'BitstringStatusListCredential', actual: 'StatusList2021Credential' } });
});

// -- pinned by the mutation run (issue 17): the edges of each rule above --------------------------

test('statusListIndex 0 given as a number reads entry 0', async () => {
  assert.deepEqual(await one(entry({ statusListIndex: 0 })), { ...clear(), index: 0, detail: { ...clear().detail, index: 0 } });
});

test('statusSize is 1 to 32, as a number or a decimal string without padding; both ends are read', async () => {
  assert.deepEqual(await one(entry({ statusSize: 1 })), clear());
  assert.deepEqual(await one(entry({ statusSize: '1' })), clear());
  const widest = await list({ bits: bitstring({ entries: 4096, statusSize: 32, set: { 3: 5 } }) });
  assert.deepEqual(await one(entry({ statusSize: 32, statusListIndex: '3' }), { [REVOCATION_URL]: widest }), {
    purpose: 'revocation', index: 3, listUrl: REVOCATION_URL, result: 'set',
    detail: { url: REVOCATION_URL, index: 3, statusSize: 32, value: 5, listVerificationMethod: VM, shortList: 4096 },
  });
  for (const bad of ['02', ' 2', '2.0', '+2', [2], true, -1]) {
    assert.deepEqual(await one(entry({ statusSize: bad })), malformedEntry({ index: INDEX, listUrl: REVOCATION_URL }), JSON.stringify(bad));
  }
});

test('a list whose @context is the VC context written alone, not in an array, is read', async () => {
  const { proof, ...unsigned } = await list();
  assert.equal(typeof proof, 'object');
  const single = await signDocument({ ...unsigned, '@context': unsigned['@context'][0] }, { key: KEY, verificationMethod: VM });
  assert.equal(single['@context'], 'https://www.w3.org/ns/credentials/v2');
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: single }), clear());
});

test('a list without validFrom has no start: it is read at any time, even before 1970', async () => {
  assert.deepEqual(await one(entry(), {}, { now: -1 }), clear());
});

test('an encodedList without the prefix u is ENCODING_ERROR with the whole reason', async () => {
  const bare = await list({ encodedList: encodeList(bitstring()).slice(1) });
  assert.deepEqual(await one(entry(), { [REVOCATION_URL]: bare }), {
    purpose: 'revocation', index: INDEX, listUrl: REVOCATION_URL, result: 'unknown', code: 'ENCODING_ERROR',
    detail: { url: REVOCATION_URL, error: 'encodedList must be a multibase base64url string starting with "u"' },
  });
});

test('only status-list errors become an unknown status: any other error while decoding or reading a list is thrown', async () => {
  await assert.rejects(one(entry(), {}, { gunzipBackend: 'zip' }), { name: 'TypeError', message: 'unknown gunzip back end "zip"' });
  // A bits array that fails when read (a bug, not a damaged list), through the caller's lists cache.
  const bits = new Proxy(new Uint8Array(16384), {
    get: (target, key) => {
      if (key === 'length') return target.length;
      throw new TypeError('bits cannot be read');
    },
  });
  const cached = { ok: true, method: RULES.status.methods[0], bits, purposes: ['revocation'], moved: null, signer: null, verificationMethod: VM };
  const lists = new Map([[REVOCATION_URL, Promise.resolve(cached)]]);
  await assert.rejects(one(entry(), {}, { lists }), { name: 'TypeError', message: 'bits cannot be read' });
});

test('a keyless (urn) issuer\'s list is its own only when signed by the very key that signed the credential', async () => {
  const doc = await urnList(KEY);
  const own = { keyType: 'Ed25519', publicKey: KEY.publicKey };
  const [mine] = await urnCheck(doc, own);
  assert.deepEqual(mine, { ...clear(), detail: { ...clear().detail, listVerificationMethod: didKeyVm(KEY) } });
  const flipped = Uint8Array.from(KEY.publicKey);
  flipped[31] ^= 1;
  const others = {
    otherType: { keyType: 'P-256', publicKey: KEY.publicKey },
    longer: { keyType: 'Ed25519', publicKey: Uint8Array.from([...KEY.publicKey, 0]) },
    oneByte: { keyType: 'Ed25519', publicKey: flipped },
    noBytes: { keyType: 'Ed25519', publicKey: null },
  };
  const foreign = { ...clear(), result: 'unknown', code: 'LIST_ISSUER_MISMATCH', detail: { ...clear().detail, listVerificationMethod: didKeyVm(KEY), actual: didKeyVm(KEY) } };
  for (const [how, signingKey] of Object.entries(others)) {
    assert.deepEqual((await urnCheck(doc, signingKey))[0], foreign, how);
  }
});

test('a status message is taken from the first entry with a text status for the value, and only when its message is text', async () => {
  const valid = { status: '0x0', message: 'valid' };
  assert.deepEqual(await one(entry({ statusMessage: [null, 5, valid] })), clear({ statusMessage: 'valid' }));
  assert.deepEqual(await one(entry({ statusMessage: [{ status: 0, message: 'zero' }, valid] })), clear({ statusMessage: 'valid' }));
  assert.deepEqual(await one(entry({ statusMessage: [{ status: '0X0', message: 'upper' }] })), clear({ statusMessage: 'upper' }));
  assert.deepEqual(await one(entry({ statusMessage: [{ status: '0x0', message: 5 }, valid] })), clear());
  assert.deepEqual(await one(entry({ statusMessage: { status: '0x0', message: 'valid' } })), clear());
});

test('only an unreachable companion list (404 or 410) counts as absent; another failure with such a status stays unknown', async () => {
  const forged = { ok: false, code: 'LIST_MALFORMED', detail: { url: S1, status: 404, problem: 'it names no issuer' } };
  const lists = new Map([[S1, Promise.resolve(forged)]]);
  const { results } = await check(r1(), { [R1]: await revList1() }, { lists });
  assert.deepEqual(results[1], { purpose: 'suspension', index: INDEX, listUrl: S1, result: 'unknown', code: 'LIST_MALFORMED', detail: { ...forged.detail, companion: 'present' } });
});
