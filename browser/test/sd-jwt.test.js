// SD-JWT VC parts on their own: the Token Status List (the draft's examples), the issuer metadata
// address, the Disclosure rules of RFC 9901 §7.1, and what /verify/ shows of a Learning Credential.
// The whole verifier is held to the Python one by tests/test_sd_jwt.py (the same cases, both sides).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zlibSync } from 'fflate';
import { base64urlEncode } from '../src/verifier/base64url.js';
import { inflateZlib, referenceOf, statusValue } from '../src/verifier/jose/token-status.js';
import { metadataUrl } from '../src/verifier/jose/issuer-metadata.js';
import { digest, looksLikeSdJwt, parseSdJwt, processDisclosures } from '../src/verifier/jose/sd-jwt.js';
import { sdJwtFields } from '../src/pages/sd-jwt-render.js';

const hex = (h) => Uint8Array.from(h.match(/../g).map((b) => parseInt(b, 16)));
const b64 = (bytes) => base64urlEncode(bytes);
const json64 = (value) => b64(new TextEncoder().encode(JSON.stringify(value)));

test('the status list examples of draft-ietf-oauth-status-list', () => {
  const one = { bits: 1, lst: b64(hex('78dadbb918000217015d')) };
  assert.deepEqual([...Array(16).keys()].map((i) => statusValue(one, i)), [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]);
  const two = { bits: 2, lst: b64(hex('78da3be9f2130003df0207')) };
  assert.deepEqual([...Array(12).keys()].map((i) => statusValue(two, i)), [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]);
  assert.throws(() => statusValue(one, 16), { code: 'LIST_INDEX' });
});

test('ZLIB data is read whole: checksum, truncation and bytes after it refused', () => {
  const z = zlibSync(new Uint8Array(300).fill(7), { level: 9 });
  assert.equal(inflateZlib(z).length, 300);
  assert.throws(() => inflateZlib(Uint8Array.of(...z, 0)), { code: 'LIST_TRAILING' });
  assert.throws(() => inflateZlib(z.subarray(0, -1)), { code: 'LIST_ZLIB' });
  const bad = z.slice();
  bad[bad.length - 1] ^= 1;
  assert.throws(() => inflateZlib(bad), { code: 'LIST_ZLIB' });
  assert.throws(() => inflateZlib(zlibSync(new Uint8Array(65), { level: 0 }), 64), { code: 'LIST_TOO_LARGE' });
  for (const [bits, list] of [[3, { bits: 3, lst: b64(z) }], ['=', { bits: 1, lst: `${b64(z)}=` }], ['lst', { bits: 1 }]]) {
    assert.throws(() => statusValue(list, 0), undefined, String(bits));
  }
});

test('status references', () => {
  assert.deepEqual(referenceOf({ status_list: { idx: 3, uri: 'https://x.example/1' } }), { uri: 'https://x.example/1', idx: 3 });
  for (const [status, code] of [
    [[], 'REF_NOT_OBJECT'],
    [{ other: {} }, 'REF_NO_LIST'],
    [{ status_list: { idx: -1, uri: 'https://x.example/1' } }, 'REF_IDX'],
    [{ status_list: { idx: 1.5, uri: 'https://x.example/1' } }, 'REF_IDX'],
    [{ status_list: { idx: 0, uri: 'http://x.example/1' } }, 'REF_URI'],
  ]) {
    assert.throws(() => referenceOf(status), { code }, code);
  }
});

test('JWT VC Issuer Metadata address (draft-ietf-oauth-sd-jwt-vc)', () => {
  assert.equal(metadataUrl('https://example.com'), 'https://example.com/.well-known/jwt-vc-issuer');
  assert.equal(metadataUrl('https://example.com/tenant/1234/'), 'https://example.com/.well-known/jwt-vc-issuer/tenant/1234');
  for (const bad of ['http://example.com', 'https://example.com/?q', 'https://example.com/#f', 'did:web:example.com']) {
    assert.throws(() => metadataUrl(bad), { code: 'ISSUER_URL' }, bad);
  }
});

test('SD-JWT text is told from JSON and from a JWT', () => {
  assert.ok(looksLikeSdJwt('eyJh.eyJi.c2ln~WyJh~'));
  assert.ok(!looksLikeSdJwt('eyJh.eyJi.c2ln'));
  assert.ok(!looksLikeSdJwt('{"a": "x.y.z~"}'));
});

/** An (unsigned) SD-JWT of this payload and these Disclosures, for the Disclosure rules alone. */
function sdJwt(payload, disclosures) {
  const jwt = `${json64({ alg: 'ES256', typ: 'dc+sd-jwt' })}.${json64(payload)}.${b64(new Uint8Array(64))}`;
  return parseSdJwt(`${[jwt, ...disclosures].join('~')}~`);
}

test('Disclosures are put in place, and every rule of RFC 9901 §7.1 refuses its case', async () => {
  const given = json64(['s1', 'given_name', 'Ada']);
  const element = json64(['s2', 'one']);
  const proto = json64(['s3', '__proto__', { polluted: true }]);
  const d = (x) => digest(x, 'sha-256');
  const claims = await processDisclosures(sdJwt({ _sd: [await d(given), await d('decoy'), await d(proto)], list: [{ '...': await d(element) }, { '...': await d('decoy2') }, 'two'], _sd_alg: 'sha-256' }, [given, element, proto]), 'sha-256');
  assert.equal(claims.given_name, 'Ada');
  assert.deepEqual(claims.list, ['one', 'two']);
  assert.ok(Object.hasOwn(claims, '__proto__') && Object.getPrototypeOf(claims) === Object.prototype);
  assert.ok(!Object.hasOwn(claims, '_sd') && !Object.hasOwn(claims, '_sd_alg'));
  const cases = [
    [{ _sd: [await d(given), await d(given)] }, [given], 'DIGEST_TWICE'],
    [{ _sd: [] }, [given], 'UNUSED'],
    [{ _sd: [await d(given)] }, [given, given], 'DUPLICATE_DISCLOSURE'],
    [{ _sd: [await d(element)] }, [element], 'NO_CLAIM_NAME'],
    [{ list: [{ '...': await d(given) }] }, [given], 'ELEMENT_NAMED'],
    [{ given_name: 'Eve', _sd: [await d(given)] }, [given], 'CLAIM_EXISTS'],
    [{ _sd: 'x' }, [], 'SD_MALFORMED'],
  ];
  const reserved = json64(['s4', '...', 1]);
  cases.push([{ _sd: [await d(reserved)] }, [reserved], 'RESERVED_NAME']);
  const status = json64(['s5', 'status', {}]);
  cases.push([{ _sd: [await d(status)] }, [status], 'PROTECTED']);
  const inner = json64(['s6', 'idx', 1]);
  cases.push([{ status: { status_list: { _sd: [await d(inner)] } } }, [inner], 'PROTECTED']);
  for (const [payload, disclosures, code] of cases) {
    await assert.rejects(processDisclosures(sdJwt(payload, disclosures), 'sha-256'), { code }, code);
  }
});

test('a Learning Credential shows its title, learner, issuer and dates', () => {
  const f = sdJwtFields({
    vct: 'urn:eu.europa.ec.eudi:learning:credential:1',
    achievement_title: 'Data Ethics',
    given_name: 'Ada',
    family_name: 'Lovelace',
    issuing_authority: 'Hogeschool Voorbeeld',
    issuing_country: 'NL',
    date_of_issuance: '2026-11-30',
    exp: 1900000000,
  });
  assert.deepEqual(f, { title: 'Data Ethics', learner: 'Ada Lovelace', issuer: 'Hogeschool Voorbeeld, NL', issuedOn: '2026-11-30', validUntil: '2030-03-17' });
});
