// The rulebook (credsite/data/verifier-rules.json) as the browser verifier reads it (src/verifier/
// rulebook.js): the verdict is the first rule that applies to the checks' outcomes, a check is tried
// only when its needs passed, the weak keys are refused, dates are read the Python verifier's way,
// and the page shows the rulebook's words. tests/test_rulebook.py holds the Python reader to the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base58Encode } from '../src/verifier/base58.js';
import { parseDateTime } from '../src/verifier/dates.js';
import { decodeEd25519Multikey } from '../src/verifier/multikey.js';
import { allGood, AUTHENTIC_STATES, checkIds, needsMet, RULES, STATES, suspensionCompanion, verdictOf, verdictText } from '../src/verifier/rulebook.js';
import { checkName, pageText } from '../src/pages/page-texts.js';

const AUTHENTICITY = ['structure', 'proof-format', 'contexts', 'issuer-key', 'key-controller', 'key-status', 'signature', 'signed-data'];
const GENUINE = [...AUTHENTICITY, 'valid-from', 'valid-until', 'revocation', 'suspension'].map((id) => ({ id, outcome: 'passed' }));

function withOutcomes(changes, base = GENUINE) {
  return base.map((c) => ({ ...c, outcome: changes[c.id] ?? c.outcome }));
}

test('the verdict is the first rule that applies, read from the outcomes alone', () => {
  const cases = [
    [GENUINE, 'verified'],
    [withOutcomes({ revocation: 'failed', suspension: 'failed', 'valid-until': 'failed' }), 'revoked'],
    [withOutcomes({ suspension: 'failed', 'valid-until': 'failed' }), 'suspended'],
    [withOutcomes({ 'valid-until': 'failed', 'valid-from': 'failed' }), 'expired'],
    [withOutcomes({ 'valid-from': 'failed', revocation: 'not-checked' }), 'not-yet-valid'],
    [withOutcomes({ suspension: 'not-checked' }), 'status-unknown'],
    [withOutcomes({ 'key-controller': 'failed', revocation: 'failed' }), 'invalid'],
    [withOutcomes({ 'issuer-key': 'not-checked', signature: 'not-checked', 'key-status': 'not-checked' }), 'error'],
    [withOutcomes({ 'issuer-key': 'not-checked', contexts: 'failed' }), 'invalid'],
    [withOutcomes({ 'key-status': 'warning', 'issuer-key': 'warning', revocation: 'warning' }), 'verified'],
    [GENUINE.filter((c) => c.id !== 'signed-data'), 'error'],
    [[...GENUINE, { id: 'other-status', outcome: 'warning' }], 'verified'],
    [[...GENUINE, { id: 'other-status', outcome: 'not-checked' }], 'status-unknown'],
    [[...GENUINE, { id: 'internal', outcome: 'failed' }], 'error'],
    // one check per status entry: every occurrence counts, wherever it stands
    [[{ id: 'revocation', outcome: 'failed' }, ...GENUINE], 'revoked'],
    [[...GENUINE, { id: 'revocation', outcome: 'not-checked' }], 'status-unknown'],
  ];
  for (const [checks, state] of cases) assert.equal(verdictOf(checks), state, JSON.stringify(checks.filter((c) => c.outcome !== 'passed')));
});

test('a check is tried only when the checks it needs passed or warned', () => {
  assert.ok(needsMet(GENUINE, 'valid-from'));
  assert.ok(!needsMet(withOutcomes({ 'key-status': 'failed' }), 'revocation'));
  assert.ok(!needsMet(GENUINE.filter((c) => c.id !== 'signed-data'), 'valid-until'), 'a need that is missing is not met');
  assert.ok(needsMet([{ id: 'contexts', outcome: 'passed' }], 'signed-data'), 'signed-data needs no key');
  assert.ok(needsMet([], 'structure'));
  assert.ok(allGood(withOutcomes({ 'issuer-key': 'warning' }), AUTHENTICITY));
  assert.throws(() => needsMet(GENUINE, 'no-such-check'), /no check/);
  assert.deepEqual(checkIds('browser').slice(0, AUTHENTICITY.length), AUTHENTICITY);
  assert.ok(!checkIds('browser').includes('schema'));
});

test('every weak (small-order) Ed25519 key of the rulebook is refused as a key', () => {
  assert.equal(RULES.keys.smallOrderEd25519.length, 14);
  for (const hex of RULES.keys.smallOrderEd25519) {
    const bytes = Uint8Array.from(Buffer.from(`ed01${hex}`, 'hex'));
    assert.throws(() => decodeEd25519Multikey(`z${base58Encode(bytes)}`), (e) => e.code === 'MULTIKEY_WEAK', hex);
  }
});

test('dates: the forms the rulebook allows, and no other, as the Python verifier reads them', () => {
  const jan2026 = 1767225600000;
  const instants = {
    '2026-01-01T00:00:00Z': jan2026,
    '2025-12-31T24:00:00Z': jan2026,
    '2025-12-31T10:00:00-14:00': jan2026,
    '2026-01-01T00:00:00.0019Z': jan2026 + 1,
    '2026-01-01T00:00:00.0005Z': jan2026,
    '10000-01-01T00:00:00Z': 253402300800000,
    '-0001-12-31T00:00:00Z': -62167305600000,
    '275760-09-13T00:00:00Z': 8640000000000000,
  };
  for (const [text, ms] of Object.entries(instants)) assert.equal(parseDateTime(text), ms, text);
  const refused = [
    '2026-01-01T00:00:00',
    '2026-01-01T00:00Z',
    '2026-01-01T00:00:00z',
    '2026-01-01T00:00:00+0000',
    '2026-01-01T00:00:00,5Z',
    '2026-W01-1T00:00:00Z',
    '2026-01-01T00:00:00+15:00',
    '2026-02-29T00:00:00Z',
    '2026-01-01T24:00:01Z',
    '275760-09-14T00:00:00Z',
    '2026-01-01T00:00:00Z\n',
  ];
  for (const text of refused) assert.equal(parseDateTime(text), null, JSON.stringify(text));
});

test("credsite's companion suspension list: digits only, at the very end", () => {
  assert.equal(suspensionCompanion('https://x.example/status/revocation-12.json'), 'https://x.example/status/suspension-12.json');
  for (const url of ['https://x.example/status/revocation-abc.json', 'https://x.example/status/revocation-1.json?v=2', 'https://x.example/status/revocation-1.json\n']) {
    assert.equal(suspensionCompanion(url), null, url);
  }
});

test('one title and sentence per verdict, shared by the pages and the verify command', () => {
  assert.deepEqual(AUTHENTIC_STATES, STATES.filter((s) => !['invalid', 'unsupported', 'error'].includes(s)));
  assert.deepEqual(verdictText('verified'), {
    nl: 'Geverifieerd: dit credential is echt en op dit moment geldig.',
    en: 'Verified: this credential is authentic and currently valid.',
  });
  assert.match(verdictText('expired', { date: '2026-01-31 12:00 UTC' }).en, /^Expired: .*ended on 2026-01-31 12:00 UTC\.$/);
  assert.throws(() => verdictText('expired'), /needs \{date\}/);
  for (const state of STATES) {
    for (const lang of ['nl', 'en']) assert.equal(pageText(lang, `state.${state}`), RULES.states.find((s) => s.id === state).title[lang]);
  }
  assert.equal(pageText('en', 'state.status-unknown'), 'Authentic, but not fully checked');
  assert.equal(checkName('en', 'signed-data'), 'Signed data');
  assert.equal(pageText('nl', 'outcome.warning'), 'Let op');
});
