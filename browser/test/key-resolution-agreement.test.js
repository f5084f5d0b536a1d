// The browser's key resolution answers every situation of tests/keys/situations.json (a small
// network map and a verificationMethod) as the table says: resolved with the same key type, notes
// and ids, or refused with the same problem code. tests/test_keys_agreement.py holds the Python
// resolver to the same table, and compares the two answers directly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { resolveVerificationMethod } from '../src/verifier/key-resolution.js';

const TABLE = JSON.parse(readFileSync(new URL('../../tests/keys/situations.json', import.meta.url), 'utf8'));

/** MULTIKEY_LENGTH, MULTIKEY_WEAK... compare as MULTIKEY: Python's key types say the rule in words. */
const problemCode = (code) => (code.startsWith('MULTIKEY_') && code !== 'MULTIKEY_MISSING' ? 'MULTIKEY' : code);

async function resolve(situation) {
  const fetchJson = async (url) => {
    if (!Object.hasOwn(situation.network, url)) throw new Error(`${url} is not served`);
    return situation.network[url];
  };
  try {
    const vm = await resolveVerificationMethod(situation.verificationMethod, { fetchJson, jose: situation.jose === true });
    return {
      outcome: 'resolved',
      keyType: vm.keyType,
      warnings: vm.warnings,
      id: vm.id,
      controller: vm.controller,
      listedController: vm.listedController,
      documentUrl: vm.documentUrl,
      dates: vm.dates,
      hasJwk: vm.publicKeyJwk !== null,
    };
  } catch (e) {
    if (!e.code) throw e;
    return { outcome: e.retryable ? 'unreachable' : 'refused', code: problemCode(e.code) };
  }
}

for (const situation of TABLE.situations) {
  test(`key situation: ${situation.name}`, async () => {
    const found = await resolve(situation);
    const picked = Object.fromEntries(Object.keys(situation.expect).map((k) => [k, found[k]]));
    assert.deepEqual(picked, situation.expect);
  });
}
