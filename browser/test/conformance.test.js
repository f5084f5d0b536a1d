// Every third-party credential of the conformance corpus (tests/conformance: DCC's fixtures, the
// 1EdTech validator's, verifier-core's) reaches, in the browser verifier library, the state its own
// test suite expects: JSON, baked PNG and SVG (also holding JWTs), read from the file's bytes as the
// /verify/ page reads a dropped file. The issuers' documents come from the corpus's
// support/network.json; anything else is a 404. Dates are judged on 2026-12-01, when the corpus
// was checked; tests/conformance/deviations.json names the files where credsite deliberately
// differs from the publishing suite. The Python verifier is held to the same states by tests/test_conformance_verdicts.py.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractCredential, verifyCredential } from '../src/verifier/index.js';
import { documentLoader } from './helpers/contexts.js';

const CORPUS = new URL('../../tests/conformance/', import.meta.url);
const CHECKED_ON = '2026-12-01T00:00:00Z';
const STATE = { valid: 'verified', tampered: 'invalid' };

function corpusNetwork() {
  const table = JSON.parse(readFileSync(new URL('support/network.json', CORPUS), 'utf8'));
  const documents = {};
  for (const [url, file] of Object.entries(table)) documents[url] = readFileSync(new URL(file, CORPUS), 'utf8');
  return async (url) => {
    if (!Object.hasOwn(documents, url)) {
      const error = new Error(`HTTP 404 for ${url}`);
      error.status = 404;
      throw error;
    }
    const text = documents[url];
    return text.trimStart().startsWith('{') ? JSON.parse(text) : text.trim();
  };
}

test('every corpus credential reaches the state its own test suite expects', async () => {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', CORPUS), 'utf8'));
  // Where credsite deliberately differs from the publishing suite, and why (docs/verification.md).
  const { deviations } = JSON.parse(readFileSync(new URL('deviations.json', CORPUS), 'utf8'));
  assert.equal(manifest.length, 52);
  const fetchJson = corpusNetwork();
  const wrong = {};
  for (const entry of manifest) {
    const { credential } = extractCredential(readFileSync(new URL(entry.file, CORPUS)));
    const result = await verifyCredential(credential, { documentLoader, fetchJson, now: CHECKED_ON });
    const wanted = (deviations[entry.file] ?? entry).expected;
    const expected = STATE[wanted] ?? wanted;
    if (result.state !== expected) wrong[entry.file] = [expected, result.state];
  }
  assert.deepEqual(wrong, {}, 'file: [expected, reached]');
});
