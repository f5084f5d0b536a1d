// JOSE-secured credentials in the browser verifier (src/verifier/jose/): the 1EdTech VC-JWTs baked
// in a PNG and an SVG are read and verified, a pasted token is taken as text, and every code the
// JOSE modules produce has a message in both languages. tests/test_jose_agreement.py holds this
// verifier and the Python one to the same verdicts on tokens made with throwaway keys.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createDocumentLoader, extractCredential, readCredentialText, verifyCredential } from '../src/verifier/index.js';
import { MESSAGES } from '../src/verifier/messages.js';

const REPO = new URL('../../', import.meta.url);
const CONTEXTS = new URL('credsite/data/contexts/', REPO);

function documentLoader() {
  const index = JSON.parse(readFileSync(new URL('index.json', CONTEXTS), 'utf8'));
  const contexts = {};
  for (const [url, entry] of Object.entries(index.contexts)) contexts[url] = JSON.parse(readFileSync(new URL(entry.file, CONTEXTS), 'utf8'));
  return createDocumentLoader(contexts);
}

for (const name of ['pub-1ed-simple-jwt.png', 'pub-1ed-simple-jwt.svg']) {
  test(`the 1EdTech VC-JWT in ${name} verifies, with a note that the key came in the token`, async () => {
    const bytes = new Uint8Array(readFileSync(new URL(`tests/conformance/credentials/${name}`, REPO)));
    const { credential, format } = extractCredential(bytes);
    assert.equal(typeof credential, 'string');
    assert.equal(format, name.slice(-3));
    const result = await verifyCredential(credential, { documentLoader: documentLoader(), now: '2026-12-01T00:00:00Z' });
    assert.equal(result.state, 'verified');
    assert.equal(result.checks.find((c) => c.id === 'key-controller').outcome, 'warning');
    assert.equal(result.issuer.id, 'https://1edtech.edu/issuers/565049');
    assert.equal(result.credential.name, 'Teamwork Badge');
  });
}

test('pasted token text is kept as text; two parts are a structure failure, not a crash', async () => {
  assert.equal(readCredentialText('  eyJhIjoxfQ.eyJiIjoyfQ.c2ln \n'), 'eyJhIjoxfQ.eyJiIjoyfQ.c2ln');
  const result = await verifyCredential('eyJhIjoxfQ.eyJiIjoyfQ', { documentLoader: documentLoader() });
  assert.equal(result.state, 'invalid');
  assert.deepEqual(result.checks[0].outcome, 'failed');
  assert.match(result.checks[0].message.en, /2 parts/);
});

test('every code the JOSE modules produce has a message', () => {
  const read = (f) => readFileSync(new URL(`../src/verifier/jose/${f}`, import.meta.url), 'utf8');
  const codes = (re, source) => [...source.matchAll(re)].map((m) => m[1]);
  const expected = [
    ...codes(/code: '([A-Z0-9_]+)'/g, read('header.js')).map((c) => `jose.header.${c}`),
    ...codes(/found\.failed\.push\(\{ code: '([A-Z0-9_]+)'/g, read('authenticity.js')).map((c) => `jose.header.${c}`),
    ...codes(/new TokenError\('([A-Z_]+)'/g, read('compact.js')).map((c) => `jose.structure.${c}`),
    ...codes(/problem: \{ code: '(NOT_[A-Z_]+)'/g, read('compact.js')).map((c) => `jose.part.${c}`),
    ...codes(/code: `CLAIM_\$\{claim\.toUpperCase\(\)\}`|code: '(CLAIM_[A-Z_]+)'/g, read('claims.js')).filter(Boolean).map((c) => `jose.claim.${c}`),
    ...['ISS', 'SUB', 'JTI'].map((c) => `jose.claim.CLAIM_${c}`),
  ];
  assert.ok(expected.length > 20, `found ${expected.length} codes`);
  assert.deepEqual([...new Set(expected)].filter((key) => !MESSAGES[key]), []);
});
