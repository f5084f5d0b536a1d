// Every single-field change of a signed credential must make it invalid: walk all leaf values
// (including those of the proof) and change, then delete, each one in turn.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyCredential } from '../src/verifier/index.js';
import { documentLoader } from './helpers/contexts.js';
import { NOW, network, signBadge, unsignedBadge } from './helpers/fixtures.js';

function leaves(value, path = []) {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, Array.isArray(value) ? Number(k) : k]));
  }
  return [{ path, value }];
}

function withChange(doc, path, change) {
  const copy = structuredClone(doc);
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path.at(-1);
  if (change === DELETE) {
    if (Array.isArray(parent)) parent.splice(last, 1);
    else delete parent[last];
  } else {
    parent[last] = change(parent[last]);
  }
  return copy;
}

const DELETE = Symbol('delete');

function bumpLastChar(s) {
  const i = s.search(/[A-Za-z0-9](?=[^A-Za-z0-9]*$)/);
  if (i === -1) return `${s}x`;
  const c = s[i];
  const next = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : c === 'z' ? 'a' : c === 'Z' ? 'A' : String.fromCharCode(c.charCodeAt(0) + 1);
  return s.slice(0, i) + next + s.slice(i + 1);
}

function mutations(value) {
  if (typeof value === 'string') return [['append', (v) => `${v}x`], ['bump last character', bumpLastChar], ['delete', DELETE]];
  if (typeof value === 'number') return [['+1', (v) => v + 1], ['×10', (v) => v * 10], ['delete', DELETE]];
  if (typeof value === 'boolean') return [['flip', (v) => !v], ['delete', DELETE]];
  return [['delete', DELETE]];
}

// A proof whose type or cryptosuite is changed is of a kind no suite is registered for: not
// verified either, but 'unsupported' (rulebook, check proof-format), not 'invalid'.
const UNSUPPORTED_PATHS = new Set(['proof.type', 'proof.cryptosuite']);

test('every single-field change of a signed credential is invalid (or, for the proof\'s kind, unsupported)', async () => {
  const unsigned = unsignedBadge({ validUntil: '2030-01-01T00:00:00Z' });
  const signed = await signBadge(unsigned);
  const net = await network();
  const options = { documentLoader, fetchJson: net.fetchJson, now: NOW };
  assert.equal((await verifyCredential(signed, options)).state, 'verified', 'the untouched credential verifies');

  const all = leaves(signed);
  assert.ok(all.length > 40, `walked ${all.length} leaves`);
  const survivors = [];
  let count = 0;
  for (const { path, value } of all) {
    for (const [label, change] of mutations(value)) {
      const result = await verifyCredential(withChange(signed, path, change), options);
      count++;
      const expected = UNSUPPORTED_PATHS.has(path.join('.')) ? 'unsupported' : 'invalid';
      if (result.state !== expected) survivors.push(`${path.join('.')} (${label}): ${result.state}`);
      else assert.equal(result.credential, null);
    }
  }
  assert.deepEqual(survivors, [], `changes that were not caught (of ${count})`);
});

test('adding a defined property, or swapping two values, is invalid too', async () => {
  const signed = await signBadge();
  const net = await network();
  const options = { documentLoader, fetchJson: net.fetchJson, now: NOW };
  const added = { ...signed, description: 'Met lof' };
  assert.equal((await verifyCredential(added, options)).state, 'invalid');
  const swapped = structuredClone(signed);
  const [a, b] = swapped.credentialStatus;
  [a.statusListIndex, b.statusListIndex] = ['1', '4242'];
  assert.equal((await verifyCredential(swapped, options)).state, 'invalid');
  const achievement = structuredClone(signed);
  achievement.credentialSubject.achievement.name = signed.name.toUpperCase();
  assert.equal((await verifyCredential(achievement, options)).state, 'invalid');
});
