// The edges of dates.js that tests/test_instants.py pins for the Python twin (instants.py): the
// first and last instants a Date holds, a time or offset that takes a date on an in-range day
// beyond them, and years the rulebook's pattern bounds to six digits (no leading zero beyond four).
import assert from 'node:assert/strict';
import test from 'node:test';
import { parseDateTime } from '../src/verifier/dates.js';

test('dates: the first and last instant a Date holds are read', () => {
  const instants = {
    '275760-09-13T00:00:00Z': 8.64e15,
    '275760-09-13T01:00:00+01:00': 8.64e15,
    '-271821-04-20T00:00:00Z': -8.64e15,
  };
  for (const [text, ms] of Object.entries(instants)) assert.equal(parseDateTime(text), ms, text);
});

test('dates: an instant beyond the range, or a year beyond the pattern, is malformed', () => {
  const refused = [
    '275760-09-13T00:00:00.001Z',
    '275760-09-13T24:00:00Z',
    '275760-09-13T00:00:00-00:01',
    '-271821-04-20T00:00:00+01:00',
    '-271821-04-19T23:59:59Z',
    '-271821-04-19T23:00:00-01:00',
    '02026-01-01T00:00:00Z',
    '002026-01-01T00:00:00Z',
    '1000000-01-01T00:00:00Z',
    `${'1'.repeat(5000)}-01-01T00:00:00Z`,
    `-${'1'.repeat(5000)}-01-01T00:00:00Z`,
  ];
  for (const text of refused) assert.equal(parseDateTime(text), null, text.slice(0, 40));
});
