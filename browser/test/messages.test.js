// Every message exists in Dutch and English with the same placeholders, and every code the
// verifier can produce has a message (so no check can show up untranslated or as a raw code).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { MESSAGES, text } from '../src/verifier/messages.js';

const SRC = new URL('../src/verifier/', import.meta.url);

test('each message has nl and en with the same placeholders, and they differ', () => {
  for (const [key, entry] of Object.entries(MESSAGES)) {
    assert.deepEqual(Object.keys(entry).sort(), ['en', 'nl'], key);
    const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(holes(entry.nl), holes(entry.en), key);
    assert.notEqual(entry.nl, entry.en, `${key} is not translated`);
  }
});

test('every error code raised in src/verifier/ has a message', () => {
  const read = (f) => readFileSync(new URL(f, SRC), 'utf8');
  const all = (re, source) => [...source.matchAll(re)].map((m) => m.slice(1).find(Boolean));
  const KEY_ALIASES = { MULTIKEY_MISSING: 'MULTIKEY', MULTIKEY_ENCODING: 'MULTIKEY', MULTIKEY_NOT_ED25519: 'MULTIKEY', MULTIKEY_LENGTH: 'MULTIKEY', MULTIKEY_NOT_ON_CURVE: 'MULTIKEY', MULTIKEY_WEAK: 'MULTIKEY', DID_WEB_SYNTAX: 'VM_SYNTAX', NO_FETCH: 'KEY_DOCUMENT_UNREACHABLE' };
  const expected = [
    ...all(/new (?:KeyResolutionError|MultikeyError)\(\s*(?:e instanceof MultikeyError \? e\.code : )?'([A-Z0-9_]+)'/g, read('key-resolution.js') + read('multikey.js')).map((c) => `issuer-key.${KEY_ALIASES[c] || c}`),
    ...all(/code: '(KEY_TYPE)'/g, read('data-integrity.js')).map((c) => `issuer-key.${c}`),
    ...all(/code: '((?:KEY|VM)_[A-Z_]+)'|'(KEY_REVOKED(?:_LATER)?|KEY_EXPIRE[DS](?:_LATER)?)'/g, read('data-integrity.js'))
      .filter((c) => c !== 'KEY_TYPE')
      .map((c) => `key-status.${c}`),
    ...all(/code: '([A-Z_]+)', message/g, read('canonicalize.js')).map((c) => `signed-data.${c}`),
    ...all(/problems\.push\(\{ code: '([A-Z_]+)'/g, read('data-integrity.js')).map((c) => `proof-format.${c}`),
    ...all(/new CanonicalizationError\('([A-Z_]+)'/g, read('canonicalize.js')).map((c) => `contexts.${c}`),
    ...all(/unknown\('([A-Z_]+)'|code: '([A-Z_]+)'/g, read('status.js')).map((c) => `reason.${c}`),
    ...all(/new StatusListError\('([A-Z_]+)'/g, read('bitstring.js')).map((c) => `reason.${c}`),
    ...all(/problems\.push\('([A-Z0-9_]+)'\)|problems: \['([A-Z_]+)'\]/g, read('structure.js')).map((c) => `problem.${c}`),
    ...all(/new CredentialInputError\('([A-Z0-9_]+)'/g, read('extract.js')).map((c) => `input.${c}`),
  ];
  assert.ok(expected.length > 60, `found ${expected.length} codes`);
  const missing = [...new Set(expected)].filter((key) => !MESSAGES[key]);
  assert.deepEqual(missing, []);
});

test('placeholders are filled per language, nested {nl, en} values included', () => {
  const t = text('status.revocation.unknown', { reason: text('reason.LIST_UNREACHABLE', { url: 'https://x.example/l' }) });
  assert.equal(t.en, 'Could not check whether the issuer has revoked this credential: the list at https://x.example/l could not be fetched.');
  assert.equal(t.nl, 'Kon niet controleren of de uitgever dit credential heeft ingetrokken: de lijst op https://x.example/l kon niet worden opgehaald.');
  assert.throws(() => text('no.such.key'));
});
