// WebCrypto and the forced @noble/ed25519 fallback must give the same answer for every signature,
// and whole verifications must come out the same on both; the fallback must be chosen on its own
// where WebCrypto lacks Ed25519.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, sign } from 'node:crypto';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { verifyCredential, verifyEd25519, selectEd25519Backend } from '../src/verifier/index.js';
import { decodeEd25519Multikey } from '../src/verifier/multikey.js';
import { base58Encode as encode58 } from '../src/verifier/base58.js';
import { documentLoader } from './helpers/contexts.js';
import { makeKey } from './helpers/sign.js';
import { INDEX, KEY, NOW, OTHER_KEY, REVOCATION_URL, network, signBadge, unsignedBadge } from './helpers/fixtures.js';

const L = (1n << 252n) + 27742317777372353535851937790883648493n;

function prng(label) {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 32) {
      out.set(createHash('sha256').update(`${label}:${counter++}`).digest().subarray(0, Math.min(32, n - i)), i);
    }
    return out;
  };
}

function leToBig(bytes) {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}

function bigToLe(n, len) {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

async function both(publicKey, signature, message) {
  const w = await verifyEd25519(publicKey, signature, message, 'webcrypto');
  const n = await verifyEd25519(publicKey, signature, message, 'noble');
  assert.equal(w.backend, 'webcrypto');
  assert.equal(n.backend, 'noble');
  return [w.valid, n.valid];
}

test('Node has WebCrypto Ed25519, so auto picks it; noble can be forced', async () => {
  assert.equal(await selectEd25519Backend('auto'), 'webcrypto');
  assert.equal(await selectEd25519Backend('noble'), 'noble');
  await assert.rejects(selectEd25519Backend('openssl'), TypeError);
});

test('same answer on 300 valid and corrupted signatures', async () => {
  const rand = prng('ed25519 agreement');
  let valid = 0;
  for (let i = 0; i < 300; i++) {
    const key = makeKey(`agreement ${i % 7}`);
    const message = rand(64);
    let signature = new Uint8Array(sign(null, message, key.privateKey));
    let msg = message;
    const kind = i % 5;
    if (kind === 1) signature[rand(1)[0] % 64] ^= 1 << (rand(1)[0] % 8);
    if (kind === 2) msg = rand(64);
    if (kind === 3) signature = rand(64);
    if (kind === 4) {
      // S + L: the same signature with a non-reduced scalar, which RFC 8032 requires rejecting.
      const s = leToBig(signature.subarray(32));
      signature = Uint8Array.from([...signature.subarray(0, 32), ...bigToLe(s + L, 32)]);
    }
    const [w, n] = await both(key.publicKey, signature, msg);
    assert.equal(w, n, `case ${i} (kind ${kind})`);
    assert.equal(w, kind === 0, `case ${i} (kind ${kind})`);
    if (w) valid++;
  }
  assert.equal(valid, 60);
});

test('degenerate signatures (identity R, zero S, all zeros) are rejected by both', async () => {
  const { publicKey } = makeKey('degenerate');
  const identity = new Uint8Array(32);
  identity[0] = 1;
  const cases = [new Uint8Array(64), Uint8Array.from([...identity, ...new Uint8Array(32)]), Uint8Array.from([...new Uint8Array(32).fill(0xff), ...new Uint8Array(32)])];
  for (const signature of cases) {
    assert.deepEqual(await both(publicKey, signature, new Uint8Array([1, 2, 3])), [false, false]);
  }
});

test('small-order and non-canonical public keys never reach either back end', () => {
  const small = ['0100000000000000000000000000000000000000000000000000000000000000', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'];
  for (const hex of small) {
    const bytes = Uint8Array.from([0xed, 0x01, ...Buffer.from(hex, 'hex')]);
    const mb = `z${encode58(bytes)}`;
    assert.throws(() => decodeEd25519Multikey(mb), { name: 'MultikeyError' }, hex);
  }
  assert.throws(() => decodeEd25519Multikey(KEY.publicKeyMultibase.slice(0, -1)), { name: 'MultikeyError' });
  assert.throws(() => decodeEd25519Multikey(`z${encode58(Uint8Array.from([0x80, 0x26, ...KEY.seed]))}`), { code: 'MULTIKEY_NOT_ED25519' });
});


test('whole verifications agree across back ends (verified, revoked, tampered, wrong key)', async () => {
  const signed = await signBadge();
  const cases = [
    ['verified', signed, await network()],
    ['revoked', signed, await network({ revoked: [INDEX] })],
    ['tampered', { ...signed, name: 'x' }, await network()],
    ['wrong key', await signBadge(unsignedBadge(), { key: OTHER_KEY }), await network()],
    ['bad list', signed, await network({ lists: { [REVOCATION_URL]: { ...(await network()).docs[REVOCATION_URL], validFrom: '2020-01-01T00:00:00Z' } } })],
  ];
  for (const [name, doc, net] of cases) {
    const w = await verifyCredential(doc, { documentLoader, fetchJson: net.fetchJson, now: NOW, ed25519Backend: 'webcrypto' });
    const n = await verifyCredential(doc, { documentLoader, fetchJson: net.fetchJson, now: NOW, ed25519Backend: 'noble' });
    const strip = (r) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'backend' ? undefined : v)));
    assert.deepEqual(strip(w), strip(n), name);
    assert.equal(w.state, name === 'bad list' ? 'status-unknown' : name === 'verified' ? 'verified' : name === 'revoked' ? 'revoked' : 'invalid', name);
    if (w.checks.find((c) => c.id === 'signature').outcome !== 'not-checked') {
      assert.equal(w.checks.find((c) => c.id === 'signature').detail.backend, 'webcrypto');
      assert.equal(n.checks.find((c) => c.id === 'signature').detail.backend, 'noble');
    }
  }
});

test('where WebCrypto lacks Ed25519, auto-detection falls back to noble and still verifies', () => {
  // A fresh process, because detection is cached per page (module instance).
  const here = fileURLToPath(new URL('.', import.meta.url));
  const script = `
    const subtle = globalThis.crypto.subtle;
    const importKey = subtle.importKey.bind(subtle);
    subtle.importKey = (format, key, alg, ...rest) =>
      (alg && (alg === 'Ed25519' || alg.name === 'Ed25519')) ? Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError')) : importKey(format, key, alg, ...rest);
    const { verifyCredential, selectEd25519Backend } = await import('../src/verifier/index.js');
    const { documentLoader } = await import('./helpers/contexts.js');
    const { signBadge, network, NOW } = await import('./helpers/fixtures.js');
    const backend = await selectEd25519Backend('auto');
    const signed = await signBadge();
    const r = await verifyCredential(signed, { documentLoader, fetchJson: (await network()).fetchJson, now: NOW });
    const bad = await verifyCredential({ ...signed, name: 'x' }, { documentLoader, fetchJson: (await network()).fetchJson, now: NOW });
    let forced;
    try { await selectEd25519Backend('webcrypto'); forced = 'no error'; } catch (e) { forced = 'refused'; }
    console.log(JSON.stringify({ backend, state: r.state, used: r.checks.find((c) => c.id === 'signature').detail.backend, bad: bad.state, forced }));
  `;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: here, encoding: 'utf8', timeout: 60000 });
  assert.equal(out.status, 0, out.stderr);
  assert.deepEqual(JSON.parse(out.stdout.trim().split('\n').at(-1)), { backend: 'noble', state: 'verified', used: 'noble', bad: 'invalid', forced: 'refused' });
});
