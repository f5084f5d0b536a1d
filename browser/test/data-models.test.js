// VC Data Model 1.1 (issue 13, design D5) in the browser verifier's shape rules: issuanceDate and
// expirationDate stand for validFrom and validUntil, the VC 2.0 names win and a disagreement is a
// problem of its own, with the same codes as the Python verifier (credsite/standards/shape.py).
// Both verifiers' verdicts on signed VC 1.1 and Status List 2021 cases: tests/edge_model.py.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStructure, problemCode } from '../src/verifier/structure.js';
import { decodeEncodedList, readStatus } from '../src/verifier/bitstring.js';
import { bitstring, encodeList } from './helpers/sign.js';

const VC1 = 'https://www.w3.org/2018/credentials/v1';

function v11(dates) {
  return { '@context': [VC1], type: ['VerifiableCredential'], issuer: 'did:web:issuer.example.org', credentialSubject: { id: 'did:example:1' }, ...dates };
}

test('VC 1.1 dates: the problem codes the Python verifier gives', () => {
  const cases = [
    [{ issuanceDate: '2010-01-01T00:00:00Z' }, []],
    [{}, ['ISSUANCE_DATE_MISSING']],
    [{ issuanceDate: '2010-01-01' }, ['ISSUANCE_DATE_MALFORMED']],
    [{ issuanceDate: '2010-01-01T00:00:00Z', validFrom: '2011-01-01T00:00:00Z' }, ['ISSUANCE_DATE_DISAGREES']],
    [{ issuanceDate: '2010-01-01T00:00:00Z', expirationDate: '2009-01-01T00:00:00Z' }, ['VALIDITY_ORDER']],
    [{ issuanceDate: '2010-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z', expirationDate: '2030-01-01T01:00:00+01:00' }, []],
  ];
  for (const [dates, problems] of cases) assert.deepEqual(checkStructure(v11(dates)).problems, problems, JSON.stringify(dates));
});

test('VC 1.1: the VC 2.0 names win, and the shape says which property each date came from', () => {
  const s = checkStructure(v11({ issuanceDate: '2010-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z', expirationDate: '2030-01-01T00:00:00Z' }));
  assert.equal(s.version, '1.1');
  assert.deepEqual([s.start.name, s.start.text, s.end.name], ['issuanceDate', '2010-01-01T00:00:00Z', 'validUntil']);
  assert.equal(s.validFrom, Date.UTC(2010, 0, 1));
  assert.equal(problemCode('expirationDate', 'DISAGREES'), 'EXPIRATION_DATE_DISAGREES');
  assert.deepEqual(checkStructure({ ...v11({}), '@context': ['https://example.org/v1'] }).problems.slice(0, 1), ['CONTEXT_V2']);
});

test('Status List 2021 lists may leave out the prefix u; Bitstring lists may not; padding is refused', async () => {
  const bits = bitstring({ set: { 3: 1 } });
  const text = encodeList(bits);
  assert.equal(readStatus(await decodeEncodedList(text.slice(1), { prefixRequired: false }), 3), 1);
  assert.equal(readStatus(await decodeEncodedList(text, { prefixRequired: false }), 3), 1);
  await assert.rejects(decodeEncodedList(text.slice(1)), { code: 'ENCODING_ERROR' });
  await assert.rejects(decodeEncodedList(`${text}==`), { code: 'ENCODING_ERROR' });
  const short = await decodeEncodedList(encodeList(bitstring({ entries: 100000, set: { 9: 1 } })));
  assert.throws(() => readStatus(short, 9), { code: 'STATUS_LIST_LENGTH_ERROR' });
  assert.equal(readStatus(short, 9, 1, 0), 1);
});
