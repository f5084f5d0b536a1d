// Every message exists in Dutch and English with the same placeholders, and every code the
// verifier can produce has a message (so no check can show up untranslated or as a raw code).
// Texts are written out when read, yet read, copy and serialise as {nl, en}; each message is in
// one group, and a credential of our own site in its usual verdicts needs the `core` group alone
// (what its page carries: src/pages/page-language.js).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { verifyCredential } from '../src/verifier/index.js';
import { FEATURE_GROUPS, MESSAGE_GROUPS, messageGroup } from '../src/verifier/message-groups.js';
import { joinTexts, mapText, MESSAGES, messageKeys, text } from '../src/verifier/messages.js';
import { documentLoader } from './helpers/contexts.js';
import { INDEX, NOW, network, signBadge, unsignedBadge } from './helpers/fixtures.js';

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

test('a text reads, copies and serialises as its {nl, en} pair', () => {
  const t = text('status.revocation.unknown', { reason: text('reason.LIST_UNREACHABLE', { url: 'https://x.example/l' }) });
  const plain = { nl: t.nl, en: t.en };
  assert.deepEqual(t, plain);
  assert.deepEqual({ ...t }, plain);
  assert.deepEqual(structuredClone(t), plain);
  assert.deepEqual(JSON.parse(JSON.stringify({ message: t })), { message: plain });
  assert.deepEqual(Object.keys(t), ['nl', 'en']);
});

test('joined and changed texts are written per language; messageKeys finds every key inside a result', () => {
  const a = text('signature.passed');
  const b = text('status.revocation.unknown', { reason: text('reason.LIST_UNREACHABLE', { url: 'u' }) });
  const joined = joinTexts([a, mapText(b, (written) => written.toUpperCase())], ' | ');
  assert.equal(joined.en, `${a.en} | ${b.en.toUpperCase()}`);
  assert.equal(joined.nl, `${a.nl} | ${b.nl.toUpperCase()}`);
  const result = { summary: { nl: 'x', en: 'y' }, checks: [{ id: 'signature', message: joined }], endorsements: [{ headline: text('endorsement.nothing') }] };
  assert.deepEqual([...messageKeys(result)].sort(), ['endorsement.nothing', 'reason.LIST_UNREACHABLE', 'signature.passed', 'status.revocation.unknown']);
});

test('a fallback stands, as it is, for a key the table does not have', () => {
  const t = text('issuer-key.MULTIKEY_MISSING', { value: 'v' }, { fallback: 'publicKeyMultibase {is} missing' });
  assert.deepEqual({ ...t }, { nl: 'publicKeyMultibase {is} missing', en: 'publicKeyMultibase {is} missing' });
  assert.equal(text('signature.passed', {}, { fallback: 'unused' }).en, MESSAGES['signature.passed'].en);
});

test('every message is in one group: the feature groups by their first part, the rest core or other', () => {
  for (const key of Object.keys(MESSAGES)) {
    const group = messageGroup(key);
    assert.ok(MESSAGE_GROUPS.includes(group), `${key}: ${group}`);
    const first = key.split('.')[0];
    assert.equal(FEATURE_GROUPS.includes(first), group === first, key);
  }
  const keys = (group) => Object.keys(MESSAGES).filter((key) => messageGroup(key) === group);
  for (const group of MESSAGE_GROUPS) assert.ok(keys(group).length > 0, group);
  assert.ok(keys('core').every((key) => !/\.(failed|unsupported|not-checked)$|^(problem|reason|internal)\./.test(key) || /^(valid-from|valid-until|status)\./.test(key)));
});

test('a credential of our own site, in each of its usual verdicts, needs the core sentences alone', async () => {
  // As credsite issues them: one status entry, not a list (credsite/issuer/status.py).
  const [revocation, suspension] = unsignedBadge().credentialStatus;
  const own = (overrides = {}) => signBadge(unsignedBadge({ credentialStatus: revocation, ...overrides }));
  const later = '2031-01-01T00:00:00Z';
  const cases = [
    ['verified', await own(), await network(), NOW],
    ['revoked', await own(), await network({ revoked: [INDEX] }), NOW],
    ['suspended', await own({ credentialStatus: suspension }), await network({ suspended: [INDEX] }), NOW],
    ['expired', await own({ validUntil: '2030-06-30T10:00:00Z' }), await network(), later],
    ['not-yet-valid', await own({ validFrom: '2027-01-01T00:00:00Z' }), await network(), NOW],
  ];
  for (const [state, credential, net, now] of cases) {
    const result = await verifyCredential(credential, { documentLoader, fetchJson: net.fetchJson, now });
    assert.equal(result.state, state);
    const outside = [...messageKeys(result)].filter((key) => messageGroup(key) !== 'core');
    assert.deepEqual(outside, [], state);
  }
});
