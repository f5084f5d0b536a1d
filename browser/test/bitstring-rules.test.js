// Bitstring Status List decoding rules (src/verifier/bitstring.js), each with its exact error:
// what is refused, under which REC error code, and with which message a report shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEncodedList, readStatus, setIndexes, StatusListError } from '../src/verifier/bitstring.js';
import { encodeList } from './helpers/sign.js';

const refused = (code, message) => ({ name: 'StatusListError', code, message });
const NOT_MULTIBASE = refused('ENCODING_ERROR', 'encodedList must be a multibase base64url string starting with "u"');

test('a status list error is a StatusListError by name and by class', () => {
  const error = new StatusListError('RANGE_ERROR', 'why');
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'StatusListError');
  assert.equal(error.code, 'RANGE_ERROR');
  assert.equal(error.message, 'why');
});

test('an encodedList that is not a string is an encoding error, even without the prefix rule', async () => {
  for (const value of [undefined, null, 12345, ['u', 'H4sI'], { 0: 'u' }]) {
    await assert.rejects(decodeEncodedList(value), NOT_MULTIBASE);
    await assert.rejects(decodeEncodedList(value, { prefixRequired: false }), NOT_MULTIBASE);
  }
});

test('an encodedList without the multibase "u" is refused unless the prefix may be left out', async () => {
  const list = encodeList(Uint8Array.of(0x81));
  await assert.rejects(decodeEncodedList(list.slice(1)), NOT_MULTIBASE);
  assert.deepEqual(await decodeEncodedList(list.slice(1), { prefixRequired: false }), Uint8Array.of(0x81));
});

test('an encodedList with base64 padding is refused with its own message', async () => {
  await assert.rejects(decodeEncodedList('uAA=='), refused('ENCODING_ERROR', 'encodedList is not base64url without padding'));
});

test('an encodedList with a character outside base64url names the character', async () => {
  await assert.rejects(
    decodeEncodedList('uab+c'),
    refused('ENCODING_ERROR', 'encodedList is not base64url: invalid base64url character "+"'),
  );
});

test('an encodedList that is base64url but not gzip is refused as not valid gzip', async () => {
  await assert.rejects(
    decodeEncodedList('uAAAA'),
    refused('ENCODING_ERROR', 'encodedList is not valid gzip: not valid gzip data: bad header'),
  );
});

test('the gunzip back end a caller asks for is used: an unknown one is a TypeError, not an encoding error', async () => {
  const list = encodeList(Uint8Array.of(0x81));
  await assert.rejects(decodeEncodedList(list, { gunzipBackend: 'bogus' }), {
    name: 'TypeError',
    message: 'unknown gunzip back end "bogus"',
  });
});

test('a list too short for minEntries counts its entries of statusSize bits', () => {
  const bits = new Uint8Array(2); // 16 bits: 8 entries of 2 bits
  assert.throws(
    () => readStatus(bits, 0, 2, 100),
    refused('STATUS_LIST_LENGTH_ERROR', 'the list holds 8 entries; at least 100 are required'),
  );
});

test('an index past the end is a range error that counts entries of statusSize bits', () => {
  const bits = Uint8Array.of(0xff, 0xff);
  assert.equal(readStatus(bits, 7, 2, 0), 3);
  assert.throws(() => readStatus(bits, 8, 2, 0), refused('RANGE_ERROR', 'index 8 is outside the list (8 entries)'));
});

test('a negative or fractional index is a range error, never the value of some other bit', () => {
  const bits = Uint8Array.of(0xff, 0xff);
  assert.throws(() => readStatus(bits, -1, 1, 0), refused('RANGE_ERROR', 'index -1 is outside the list (16 entries)'));
  assert.throws(() => readStatus(bits, 0.5, 1, 0), refused('RANGE_ERROR', 'index 0.5 is outside the list (16 entries)'));
  assert.throws(() => readStatus(bits, 2 ** 53, 1, 0), { name: 'StatusListError', code: 'RANGE_ERROR' });
});

test('setIndexes finds a set bit in every position of every byte, up to the last bit of the last byte', () => {
  assert.deepEqual(setIndexes(Uint8Array.of(0, 0, 0x01)), [23]);
  assert.deepEqual(setIndexes(Uint8Array.of(0x80, 0, 0)), [0]);
  assert.deepEqual(setIndexes(Uint8Array.of(0xff, 0)), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(setIndexes(new Uint8Array(3)), []);
});
