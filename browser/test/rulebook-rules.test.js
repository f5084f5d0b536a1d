// Rulebook rules (src/verifier/rulebook.js) where one check id occurs more than once, as the status
// check does once per status entry: every occurrence counts, not just one of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allGood, stateTitle, verdictOf, verdictText } from '../src/verifier/rulebook.js';

const AUTHENTICITY = ['structure', 'proof-format', 'contexts', 'issuer-key', 'key-controller', 'key-status', 'signature', 'signed-data'];
const passed = (ids) => ids.map((id) => ({ id, outcome: 'passed' }));

test('allGood needs every occurrence of a check to be good: one passed and one failed is not good', () => {
  const checks = [
    { id: 'revocation', outcome: 'passed' },
    { id: 'revocation', outcome: 'failed' },
  ];
  assert.equal(allGood(checks, ['revocation']), false);
  assert.equal(allGood([{ id: 'revocation', outcome: 'passed' }, { id: 'revocation', outcome: 'warning' }], ['revocation']), true);
});

test('authenticity is established only when every occurrence of each authenticity check passed', () => {
  assert.equal(verdictOf(passed(AUTHENTICITY)), 'verified');
  const checks = [...passed(AUTHENTICITY), { id: 'signature', outcome: 'not-checked' }];
  assert.equal(verdictOf(checks), 'error');
});

test('a verdict the rulebook does not know is an error that names it', () => {
  assert.throws(() => stateTitle('no-such-state', 'en'), { name: 'Error', message: 'no state no-such-state in the rulebook' });
  assert.throws(() => verdictText('no-such-state'), { name: 'Error', message: 'no state no-such-state in the rulebook' });
});
