// The holder's actions follow the verdict: the rule (credsite/data/holder-actions.json) as the
// page script reads it. The page itself (actions shown or withheld, the QR codes, the language
// switch) is tested in Chromium: tests/browser/test_holder_actions.py.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { actionsNote, actionsOffered } from '../src/pages/holder-actions.js';
import { STATES } from '../src/verifier/rulebook.js';

const RULE = JSON.parse(readFileSync(new URL('../../credsite/data/holder-actions.json', import.meta.url), 'utf8')).states;

test('the actions are offered for a verified or expired credential only, and never for a state the rule does not know', () => {
  assert.deepEqual(STATES.filter((state) => actionsOffered(state)).sort(), ['expired', 'verified']);
  for (const state of ['checking', 'idle', '', 'toString', '__proto__']) assert.equal(actionsOffered(state), false, state);
});

test('a withheld state says why, in the page language, and the dated ones name their date', () => {
  const fields = { 'valid-until': '1 september 2025', 'valid-from': '2 maart 2031' };
  for (const state of STATES) {
    for (const lang of ['nl', 'en']) {
      const note = actionsNote(state, lang, fields);
      if (state === 'verified') {
        assert.equal(note, '', 'a verified credential needs no remark');
        continue;
      }
      const date = RULE[state].date ? fields[RULE[state].date] : null;
      assert.equal(note, RULE[state].note[lang].replace('{date}', date ?? ''), `${state} ${lang}`);
      assert.doesNotMatch(note, /\{\w+\}/, `${state} ${lang}: every placeholder filled`);
    }
  }
  assert.match(actionsNote('expired', 'en', fields), /expired on 1 september 2025\./);
  assert.match(actionsNote('not-yet-valid', 'nl', fields), /pas geldig op 2 maart 2031\./);
  assert.match(actionsNote('revoked', 'en', null), /revoked by its issuer/);
  // An unknown language reads English; an unknown state is withheld as one that could not be checked.
  assert.equal(actionsNote('revoked', 'de', null), RULE.revoked.note.en);
  assert.equal(actionsNote('checking', 'en', null), RULE.error.note.en);
});

test('a dated note whose date cannot be read is left out rather than shown with a gap', () => {
  assert.equal(actionsNote('expired', 'en', null), '');
  assert.equal(actionsNote('expired', 'en', { 'valid-until': null }), '');
});
