// The page scripts' own texts: every key in both languages, a title for every state, a name for
// every check the verifier can report, and placeholders filled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STATES } from '../src/verifier/verifier.js';
import { checkIds } from '../src/verifier/rulebook.js';
import { checkName, PAGE_TEXTS, pageText } from '../src/pages/page-texts.js';

const CHECK_IDS = checkIds('browser');

test('Dutch and English have the same keys, none empty, with the same placeholders', () => {
  assert.deepEqual(Object.keys(PAGE_TEXTS.nl).sort(), Object.keys(PAGE_TEXTS.en).sort());
  for (const key of Object.keys(PAGE_TEXTS.en)) {
    for (const lang of ['nl', 'en']) assert.ok(PAGE_TEXTS[lang][key].trim(), `${lang} ${key}`);
    const holes = (s) => (s.match(/\{\w+\}/g) || []).sort();
    assert.deepEqual(holes(PAGE_TEXTS.nl[key]), holes(PAGE_TEXTS.en[key]), key);
  }
});

test('every state has a title and every check a name, in both languages; outcomes are words', () => {
  for (const lang of ['nl', 'en']) {
    for (const state of [...STATES, 'checking']) assert.ok(pageText(lang, `state.${state}`), `${lang} ${state}`);
    for (const id of CHECK_IDS) assert.notEqual(checkName(lang, id), id, `${lang} ${id}`);
    for (const outcome of ['passed', 'failed', 'not-checked', 'warning']) assert.match(pageText(lang, `outcome.${outcome}`), /\p{L}/u);
  }
  assert.deepEqual(CHECK_IDS.slice(0, 2), ['structure', 'proof-format']);
  assert.ok(CHECK_IDS.includes('internal') && !CHECK_IDS.includes('schema'), 'the browser makes internal, not schema');
  assert.equal(checkName('en', 'revocation'), 'Revocation');
  assert.equal(checkName('nl', 'key-status'), 'Status van de sleutel');
  assert.equal(checkName('nl', 'something-new'), 'something-new');
  assert.notEqual(pageText('nl', 'outcome.not-checked'), pageText('nl', 'outcome.passed'));
});

test('placeholders are filled, unknown languages fall back to English, unknown keys throw', () => {
  assert.equal(
    pageText('en', 'origin-note', { issuer: 'mc.example.org', here: '127.0.0.1:8000' }),
    "This page is not served from the issuer's own address (mc.example.org) but from 127.0.0.1:8000; the check used the keys published here. Verify at the issuer's own address to be sure.",
  );
  assert.equal(pageText('fr', 'state.verified'), 'Verified');
  assert.throws(() => pageText('en', 'no.such.key'), /no page text/);
});
