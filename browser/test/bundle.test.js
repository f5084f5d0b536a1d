// The browser bundles: deterministic, CSP-safe (no eval / new Function), self-contained (contexts
// embedded, no network loader, no shared chunks), and the library bundle verifies the same
// credentials as the source modules. The page scripts need a DOM; the browser tests in
// tests/browser/ run them in Chromium.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildBundles, ENTRIES, LIBRARY_OUTPUT, PAGE_OUTPUTS } from '../build.mjs';
import { CONTEXTS, readJson } from './helpers/contexts.js';

const LABELS = { nl: { language_name: 'Nederlands', marker: 'label-marker-nl' }, en: { language_name: 'English', marker: 'label-marker-en' } };
import { stubNetwork } from './helpers/sign.js';
import { INDEX, NOW, network, signBadge } from './helpers/fixtures.js';

const BUILD = fileURLToPath(new URL('../build.mjs', import.meta.url));
let dir;
let files;
let info;
let code;
let bundle;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credsite-bundle-'));
  files = await buildBundles(join(dir, 'a'), LABELS);
  writeFileSync(join(dir, 'labels.json'), JSON.stringify(LABELS));
  info = files.find((f) => f.file.endsWith(LIBRARY_OUTPUT));
  code = readFileSync(info.file, 'utf8');
  bundle = await import(pathToFileURL(info.file).href);
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the build is deterministic, also through the command line', () => {
  const out = spawnSync(process.execPath, [BUILD, '--out', join(dir, 'b'), '--labels', join(dir, 'labels.json')], { encoding: 'utf8', timeout: 60000 });
  assert.equal(out.status, 0, out.stderr);
  const printed = JSON.parse(out.stdout).files;
  assert.deepEqual(
    printed.map((f) => f.file),
    Object.keys(ENTRIES).map((name) => join(dir, 'b', name)),
  );
  printed.forEach((f, i) => {
    assert.equal(f.sha256, files[i].sha256, f.file);
    assert.deepEqual(readFileSync(f.file), readFileSync(files[i].file));
  });
  for (const args of [[], ['--out', join(dir, 'c')]]) {
    const usage = spawnSync(process.execPath, [BUILD, ...args], { encoding: 'utf8', timeout: 60000 });
    assert.equal(usage.status, 2, 'both --out and --labels are needed');
  }
});

test('no eval, no new Function, no CDN, no network context loader, no imports; minified ES modules', () => {
  for (const f of files) {
    const text = readFileSync(f.file, 'utf8');
    assert.doesNotMatch(text, /\beval\s*\(/, f.file);
    assert.doesNotMatch(text, /new\s+Function\s*\(/, f.file);
    assert.doesNotMatch(text, /\bimportScripts\b|cdn\.|unpkg|jsdelivr/, f.file);
    assert.doesNotMatch(text, /(?:^|[;}\s])import\s*(?:[{*"'`]|\w+\s*from)|\bimport\(/, `${f.file} must be self-contained`);
    assert.match(text, /network document loading is disabled/, f.file);
    assert.match(text, /https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context-3\.0\.3\.json/, `${f.file} embeds the contexts`);
    assert.ok(text.split('\n').length < 200, `${f.file} is minified`);
    assert.ok(f.bytes < 400_000, `${f.file} is ${f.bytes} bytes`);
    process.stdout.write(`# ${f.file.split('/').pop()}: ${f.bytes} bytes raw, ${gzipSync(readFileSync(f.file), { level: 9 }).length} bytes gzip -9\n`);
  }
  assert.match(code, /\bexport\s*\{/);
  for (const name of PAGE_OUTPUTS) {
    const page = readFileSync(join(dir, 'a', name), 'utf8');
    assert.doesNotMatch(page, /\bexport\s*\{/, `${name} is a page script, not a library`);
    assert.match(page, /label-marker-nl/, `${name} carries the labels it was given`);
  }
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
