// The limits checked before any expensive work (src/verifier/limits.js, credsite/data/limits.json), and the
// refusal of duplicate keys, through the scanner and through parseCredentialJson.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CredentialInputError, parseCredentialJson } from '../src/verifier/extract.js';
import { LIMIT_CODES, LIMITS, checkJsonStructure, checkJsonText, utf8Length } from '../src/verifier/limits.js';
import { MESSAGES } from '../src/verifier/messages.js';
import { ROOT } from './helpers/contexts.js';

const SMALL = Object.freeze({ maxCredentialBytes: 1000, maxJsonValues: 20, maxJsonDepth: 4, maxArrayLength: 5 });
const code = (text, limits = SMALL) => checkJsonText(text, limits)?.code ?? null;
const refusal = (input) => {
  try {
    parseCredentialJson(input);
  } catch (e) {
    assert.ok(e instanceof CredentialInputError, String(e));
    return e;
  }
  assert.fail('not refused');
};

test('the limits are the numbers in credsite/data/limits.json, which Python reads too', () => {
  const file = JSON.parse(readFileSync(join(ROOT, 'credsite', 'data', 'limits.json'), 'utf8'));
  assert.deepEqual(
    { ...LIMITS },
    { maxCredentialBytes: file.maxCredentialBytes, maxJsonValues: file.maxJsonValues, maxJsonDepth: file.maxJsonDepth, maxArrayLength: file.maxArrayLength },
  );
  for (const value of Object.values(LIMITS)) assert.ok(Number.isInteger(value) && value > 0);
});

test('every refusal has a message in Dutch and English', () => {
  for (const c of LIMIT_CODES) assert.ok(MESSAGES[`input.${c}`], c);
});

test('duplicate keys are found at any depth, and only within one object', () => {
  assert.equal(code('{"a": 1, "a": 2}'), 'DUPLICATE_KEY');
  assert.equal(code('{"x": [{"y": {"a": 1, "b": 2, "a": 3}}]}'), 'DUPLICATE_KEY');
  assert.equal(code('[{"a": 1}, {"a": 2}]'), null); // the same key in two objects is fine
  assert.equal(code('{"a": {"a": {"a": 1}}}'), null); // nested objects each have their own keys
  assert.equal(code('{"a": {"b": 1}, "b": 2}'), null); // a key of the inner object is not the outer's
  assert.equal(code('{"a": {"b": 1}, "a": 2}'), 'DUPLICATE_KEY'); // found after a nested object closes
  assert.equal(code('{"a": "a", "b": "a"}'), null); // values equal to a key are not keys
});

test('keys are compared after decoding escapes', () => {
  assert.equal(code('{"a": 1, "\\u0061": 2}'), 'DUPLICATE_KEY');
  assert.equal(code('{"\\/": 1, "/": 2}'), 'DUPLICATE_KEY');
  assert.equal(code('{"\\ud83d\\ude00": 1, "😀": 2}'), 'DUPLICATE_KEY');
  assert.equal(code('{"a\\"b": 1, "a\\\\b": 2}'), null); // a"b and a\b differ
  assert.equal(code('{"a\\\\": 1, "a": 2}'), null); // a\ and a differ
});

test('braces, brackets, quotes and commas inside strings are text, not structure', () => {
  assert.equal(code('{"a": "}{][,:\\"", "b": "{\\"a\\": 1, \\"a\\": 2}"}'), null);
  assert.equal(code('{"a\\\\": "\\\\", "b": "\\\\\\""}'), null); // strings ending in backslashes
  assert.equal(code('{"a": "[[[[[[[[[[", "b": "{{{{{{{{"}'), null); // no depth from strings
  const many = JSON.stringify({ a: ',1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21' });
  assert.equal(code(many), null); // no values from strings
});

test('nesting beyond the depth limit is refused', () => {
  assert.equal(code('{"a": {"b": {"c": {}}}}'), null); // depth 4
  assert.equal(code('{"a": {"b": {"c": {"d": {}}}}}'), 'TOO_DEEP');
  assert.equal(code('[[[[[]]]]]'), 'TOO_DEEP');
  const deep = '['.repeat(200_000) + ']'.repeat(200_000); // no recursion: no stack overflow
  assert.equal(checkJsonStructure(deep)?.code, 'TOO_DEEP');
});

test('more values than the limit are refused; keys are not values', () => {
  const twenty = JSON.stringify({ a: [1, 2, 3], b: [true, false, null], c: ['x', 'y', 'z'], d: { e: [1.5, -2e3] }, f: { g: 1, h: 2 } });
  assert.equal(JSON.parse(twenty) && code(twenty), null); // 1 + (1 + 3) * 3 + (1 + 1 + 2) + (1 + 2) = 20
  assert.equal(code(twenty.replace('"h":2', '"h":2,"i":3')), 'TOO_MANY_VALUES');
  assert.equal(code('{"k1": 1, "k2": 2, "k3": 3}'), null);
});

test('a list longer than the limit is refused', () => {
  assert.equal(code('{"a": [1, 2, 3, 4, 5]}'), null);
  assert.equal(code('{"a": [1, 2, 3, 4, 5, 6]}'), 'ARRAY_TOO_LONG');
  assert.equal(code('{"a": [[1, 2], [3], {"b": [4]}, "x", null]}'), null); // entries of inner lists count there
});

test('text over the size limit is refused by its UTF-8 size', () => {
  const fits = JSON.stringify({ a: 'x'.repeat(990) }); // 998 bytes
  assert.equal(code(fits), null);
  assert.equal(code(JSON.stringify({ a: 'é'.repeat(495) })), null); // 998 bytes
  assert.equal(code(JSON.stringify({ a: 'é'.repeat(500) })), 'TOO_LARGE'); // 1,008 bytes, 508 characters
  assert.equal(utf8Length('a€😀'), 1 + 3 + 4);
  assert.deepEqual(checkJsonText(JSON.stringify({ a: 'x'.repeat(2000) }), { ...SMALL, maxCredentialBytes: 1572864 }), null);
  assert.deepEqual(checkJsonText('x'.repeat(1572865), { ...SMALL, maxCredentialBytes: 1572864 }).params.max, { en: '1.5 MB', nl: '1,5 MB' });
});

test('parseCredentialJson refuses each case with its code and message, before anything else', () => {
  const dup = refusal('{"@context": [], "type": "A", "type": "B"}');
  assert.equal(dup.code, 'DUPLICATE_KEY');
  assert.equal(dup.messages.en, 'This JSON gives the key "type" twice in one object. Programs differ in which of the two values counts, so it is refused.');
  assert.match(dup.messages.nl, /sleutel "type" twee keer/);

  const big = refusal(JSON.stringify({ a: 'x'.repeat(LIMITS.maxCredentialBytes) }));
  assert.equal(big.code, 'TOO_LARGE');
  assert.equal(big.messages.en, 'This file is too large to be a credential: it is larger than 2 MB, so it is not checked.');
  assert.equal(big.messages.nl, 'Dit bestand is te groot voor een credential: het is groter dan 2 MB, dus wordt het niet gecontroleerd.');
  // Too large is decided before parsing: broken JSON of that size gets the same answer.
  assert.equal(refusal(`{"a": "${'x'.repeat(LIMITS.maxCredentialBytes)}`).code, 'TOO_LARGE');

  const deep = refusal(`{"a": ${'['.repeat(LIMITS.maxJsonDepth)}${']'.repeat(LIMITS.maxJsonDepth)}}`);
  assert.equal(deep.code, 'TOO_DEEP');
  assert.equal(deep.messages.en, 'This JSON is nested more than 32 levels deep. No credential is, so it is not checked.');

  const values = { '@context': [], ids: Array.from({ length: 10 }, () => Array(LIMITS.maxJsonValues / 10).fill(0)) };
  const many = refusal(JSON.stringify(values));
  assert.equal(many.code, 'TOO_MANY_VALUES');
  assert.equal(many.messages.en, 'This JSON holds more than 5,000 values. A credential holds a few hundred, so it is not checked.');
  assert.equal(many.messages.nl, 'Deze JSON bevat meer dan 5.000 waarden. Een credential bevat er een paar honderd, dus wordt het niet gecontroleerd.');

  const identifiers = Array.from({ length: 8000 }, (_, i) => ({ type: 'IdentityObject', identityHash: `l${i}@example.org`, identityType: 'emailAddress', hashed: false }));
  assert.equal(refusal(JSON.stringify({ credentialSubject: { identifier: identifiers } })).code, 'TOO_MANY_VALUES'); // as in Python

  const long = refusal(JSON.stringify({ credentialSubject: { identifier: Array(LIMITS.maxArrayLength + 1).fill('x') } }));
  assert.equal(long.code, 'ARRAY_TOO_LONG');
  assert.equal(long.messages.en, 'This JSON has a list of more than 1,000 entries. No credential needs that many, so it is not checked.');

  assert.equal(refusal('{"a": 1,').code, 'NOT_JSON'); // broken JSON is reported as such
});

test('the largest example credential is far within every limit', () => {
  const text = readFileSync(join(ROOT, 'content', 'credentials', 'bvhs6s32ae2l2cthef2n5bixsz2rwxul.json'), 'utf8');
  assert.equal(checkJsonText(text), null);
  assert.equal(checkJsonText(text, { maxCredentialBytes: text.length * 20, maxJsonValues: 251 * 20, maxJsonDepth: 32, maxArrayLength: 400 }), null);
  assert.deepEqual(parseCredentialJson(text), JSON.parse(text));
});
