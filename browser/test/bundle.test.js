// The browser bundle: deterministic, CSP-safe (no eval / new Function), self-contained (contexts
// embedded, no network loader), and it verifies the same credentials as the source modules.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildBundle, OUTPUT_NAME } from '../build.mjs';
import { CONTEXTS, readJson } from './helpers/contexts.js';
import { stubNetwork } from './helpers/sign.js';
import { INDEX, NOW, network, signBadge } from './helpers/fixtures.js';

const BUILD = fileURLToPath(new URL('../build.mjs', import.meta.url));
let dir;
let info;
let code;
let bundle;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credsite-bundle-'));
  info = await buildBundle(join(dir, 'a'));
  code = readFileSync(info.file, 'utf8');
  bundle = await import(pathToFileURL(info.file).href);
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the build is deterministic, also through the command line', () => {
  const out = spawnSync(process.execPath, [BUILD, '--out', join(dir, 'b')], { encoding: 'utf8', timeout: 60000 });
  assert.equal(out.status, 0, out.stderr);
  const printed = JSON.parse(out.stdout);
  assert.equal(printed.file, join(dir, 'b', OUTPUT_NAME));
  assert.equal(printed.sha256, info.sha256);
  assert.deepEqual(readFileSync(printed.file), readFileSync(info.file));
  const usage = spawnSync(process.execPath, [BUILD], { encoding: 'utf8', timeout: 60000 });
  assert.equal(usage.status, 2);
});

test('no eval, no new Function, no CDN, no network context loader; minified ES module', () => {
  assert.doesNotMatch(code, /\beval\s*\(/);
  assert.doesNotMatch(code, /new\s+Function\s*\(/);
  assert.doesNotMatch(code, /\bimportScripts\b|cdn\.|unpkg|jsdelivr/);
  assert.match(code, /network document loading is disabled/);
  assert.match(code, /\bexport\s*\{/);
  assert.ok(code.split('\n').length < 200, 'minified');
  assert.ok(info.bytes < 400_000, `bundle is ${info.bytes} bytes`);
  process.stdout.write(`# bundle: ${info.bytes} bytes raw, ${gzipSync(readFileSync(info.file), { level: 9 }).length} bytes gzip -9\n`);
});

test('the bundle embeds exactly the project contexts', () => {
  assert.deepEqual([...bundle.BUNDLED_CONTEXT_URLS], Object.keys(CONTEXTS).sort());
});

test('the bundle verifies the 1EdTech vector and a self-signed did:web badge with status, without being given a loader', async () => {
  const ob = readJson('ob-v3p0-eddsa-rdfc-2022', 'signed-credential.json');
  const controller = 'https://example.edu/issuers/565049';
  const key = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
  const net = stubNetwork({
    [controller]: {
      id: controller,
      verificationMethod: [{ id: `${controller}#${key}`, type: 'Multikey', controller, publicKeyMultibase: key }],
      assertionMethod: [`${controller}#${key}`],
    },
  });
  assert.equal((await bundle.verifyCredential(ob, { fetchJson: net.fetchJson, now: NOW })).state, 'verified');

  const signed = await signBadge();
  assert.equal((await bundle.verifyCredential(signed, { fetchJson: (await network()).fetchJson, now: NOW })).state, 'verified');
  assert.equal((await bundle.verifyCredential(signed, { fetchJson: (await network({ revoked: [INDEX] })).fetchJson, now: NOW })).state, 'revoked');
  const unknown = { ...signed, '@context': [...signed['@context'], 'https://example.org/ctx'] };
  assert.equal((await bundle.verifyCredential(unknown, { fetchJson: (await network()).fetchJson, now: NOW })).state, 'invalid');
});

test('in a browser-like global without setImmediate (the shim) and with noble forced, the bundle still verifies', () => {
  const script = `
    delete globalThis.setImmediate;
    const b = await import(${JSON.stringify(pathToFileURL(info.file).href)});
    if (typeof globalThis.setImmediate !== 'function') throw new Error('shim not installed');
    const ran = await new Promise((resolve) => globalThis.setImmediate((x) => resolve(x), 'ok'));
    const { readJson } = await import(${JSON.stringify(pathToFileURL(fileURLToPath(new URL('./helpers/contexts.js', import.meta.url))).href)});
    const w3c = readJson('w3c-vc-di-eddsa', 'eddsa-rdfc-2022', 'signedDataInt.json');
    const did = w3c.proof.verificationMethod.split('#')[0];
    const r = await b.verifyCredential(w3c, { now: '2026-01-01T00:00:00Z', ed25519Backend: 'noble', gunzipBackend: 'fflate' });
    console.log(JSON.stringify({ ran, state: r.state, sig: r.checks.find((c) => c.id === 'signature').outcome, did: did.startsWith('did:key:') }));
  `;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60000 });
  assert.equal(out.status, 0, out.stderr);
  assert.deepEqual(JSON.parse(out.stdout.trim()), { ran: 'ok', state: 'invalid', sig: 'passed', did: true });
});
