// JSON Web Keys read as the key types the suites verify with (jwk.js): OKP Ed25519, EC P-256 and
// P-384, RSA for JOSE only, and every refusal with its message; did:jwk as the did:jwk method
// specification writes it; JWKs for JOSE of keys that came as a Multikey.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { p256, p384 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { base64urlEncode } from '../src/verifier/base64url.js';
import { JwkError, publicKeyToJwk, readJwk } from '../src/verifier/jwk.js';
import { decodeMultikey } from '../src/verifier/multikey.js';
import { resolveVerificationMethod } from '../src/verifier/key-resolution.js';

// The P-256 example of the did:jwk method specification.
const SPEC_P256 = { crv: 'P-256', kty: 'EC', x: 'acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0', y: '_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE' };
const SPEC_DID =
  'did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9';

function ecJwk(curve, crv) {
  const publicKey = curve.getPublicKey(curve.utils.randomSecretKey(), false);
  const size = (publicKey.length - 1) / 2;
  return { kty: 'EC', crv, x: base64urlEncode(publicKey.slice(1, 1 + size)), y: base64urlEncode(publicKey.slice(1 + size)) };
}

test('a JWK gives the key its Multikey would, and back', () => {
  const edJwk = { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(ed25519.getPublicKey(ed25519.utils.randomSecretKey())) };
  for (const [jwk, keyType, size] of [
    [edJwk, 'Ed25519', 32],
    [ecJwk(p256, 'P-256'), 'P-256', 33],
    [ecJwk(p384, 'P-384'), 'P-384', 49],
    [SPEC_P256, 'P-256', 33],
  ]) {
    const key = readJwk(jwk);
    assert.equal(key.keyType, keyType);
    assert.equal(key.publicKey.length, size);
    assert.deepEqual(key.jwk, jwk);
    assert.deepEqual(publicKeyToJwk(key), { kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...(jwk.y ? { y: jwk.y } : {}) });
  }
  const multikey = decodeMultikey('z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi');
  assert.deepEqual(readJwk(publicKeyToJwk(multikey)).publicKey, multikey.publicKey);
});

test('an RSA JWK is recognised for JOSE only', () => {
  const n = base64urlEncode(Uint8Array.from({ length: 256 }, (_, i) => (i === 0 ? 0x80 : i === 255 ? 1 : 0)));
  const key = readJwk({ kty: 'RSA', n, e: 'AQAB' });
  assert.equal(key.keyType, 'RSA');
  assert.equal(key.publicKey, null);
  assert.throws(() => readJwk({ kty: 'RSA', n, e: 'Ag' }), { code: 'JWK_MALFORMED', message: "the RSA JWK's n and e do not make an RSA key" });
  assert.throws(() => readJwk({ kty: 'RSA', e: 'AQAB' }), { code: 'JWK_MALFORMED', message: "the RSA JWK's 'n' is missing or not base64url" });
});

test('a bad JWK is refused with its message', () => {
  for (const [jwk, code, message] of [
    [{ ...SPEC_P256, d: 'AA' }, 'JWK_PRIVATE', "the JWK holds a private key (member 'd')"],
    [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', p: 'AQ' }, 'JWK_PRIVATE', "member 'p'"],
    [{ ...SPEC_P256, y: SPEC_P256.x }, 'JWK_NOT_ON_CURVE', "the JWK's point (x, y) is not on the curve P-256"],
    [{ ...SPEC_P256, x: 'AAAA' }, 'JWK_MALFORMED', "the JWK's 'x' is 3 bytes, not 32"],
    [{ ...SPEC_P256, y: `${SPEC_P256.y}=` }, 'JWK_MALFORMED', "the JWK's 'y' is not base64url"],
    [{ kty: 'EC', crv: 'P-256', x: SPEC_P256.x }, 'JWK_MALFORMED', "no 'y' member"],
    [{ crv: 'P-256' }, 'JWK_MALFORMED', 'the JWK has no key type (kty)'],
    [[SPEC_P256], 'JWK_MALFORMED', 'the publicKeyJwk is not a JSON object'],
    [{ ...SPEC_P256, crv: 'secp256k1' }, 'JWK_UNSUPPORTED', 'curve "secp256k1" is not supported'],
    [{ kty: 'oct', k: 'AA' }, 'JWK_PRIVATE', "member 'k'"],
    [{ kty: 'OKP', crv: 'X25519', x: 'AA' }, 'JWK_UNSUPPORTED', 'is not supported'],
    [{ kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(new Uint8Array(32)) }, 'MULTIKEY_WEAK', 'degenerate (small-order) Ed25519 key'],
  ]) {
    assert.throws(() => readJwk(jwk), (e) => {
      assert.ok(e instanceof JwkError);
      assert.equal(e.code, code);
      assert.ok(e.message.includes(message), e.message);
      return true;
    });
  }
});

test('did:jwk: the spec example resolves to its JWK as key #0, with no network', async () => {
  const vm = await resolveVerificationMethod(`${SPEC_DID}#0`, {});
  assert.equal(vm.method, 'did:jwk');
  assert.equal(vm.keyType, 'P-256');
  assert.equal(vm.id, `${SPEC_DID}#0`);
  assert.equal(vm.controller, SPEC_DID);
  assert.deepEqual(vm.publicKeyJwk, SPEC_P256);
  await assert.rejects(resolveVerificationMethod(`${SPEC_DID}#1`, {}), { code: 'VM_NOT_FOUND' });
});
