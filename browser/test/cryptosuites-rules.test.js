// The rules of the cryptosuite registry and the suites' proof values, each pinned with its whole
// message: what a suite definition must say (registerCryptosuite), that only an object is a proof,
// that a proof value is 'z' + base58btc and nothing else, and that ecdsa-rdfc-2019 says why it cannot
// hash on a page without WebCrypto. Test suites are registered only when a refusal is expected.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base58Encode } from '../src/verifier/base58.js';
import { ECDSA_RDFC_2019 } from '../src/verifier/cryptosuites/ecdsa-rdfc-2019.js';
import { EDDSA_RDFC_2022 } from '../src/verifier/cryptosuites/eddsa-rdfc-2022.js';
import { cryptosuiteNameForProof, cryptosuiteNames, registerCryptosuite } from '../src/verifier/cryptosuites/index.js';

const NAMES = 'eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, Ed25519Signature2020, eddsa-2022';
const NAME = 'test-rules-2099';
const functions = {
  decodeProofValue: () => null,
  hashData: async () => ({ hashData: new Uint8Array(32) }),
  verify: async () => ({ valid: false, backend: 'test' }),
};
const SUITE = { name: NAME, keyTypes: ['Ed25519'], ...functions };

/** registerCryptosuite(suite) throws a TypeError with exactly `message`, and registers nothing. */
function refused(suite, message) {
  assert.throws(() => registerCryptosuite(suite), (e) => e instanceof TypeError && e.message === message);
  assert.equal(cryptosuiteNames(), NAMES);
}

test('a suite that is not an object is refused: "a suite must be an object"', () => {
  for (const suite of [null, undefined, 'eddsa-rdfc-2022', 7]) refused(suite, 'registerCryptosuite: a suite must be an object');
});

test('a suite whose name is not a non-empty string is refused', () => {
  for (const name of [7, '', undefined]) refused({ ...SUITE, name }, 'registerCryptosuite: name must be a non-empty string');
});

test('a suite whose proofType is not a non-empty string is refused', () => {
  for (const proofType of [7, '']) refused({ ...SUITE, proofType }, `registerCryptosuite: ${NAME}: proofType must be a non-empty string`);
});

test('a suite whose legacyOf is neither a suite name nor null is refused (the empty name too)', () => {
  for (const legacyOf of ['', 7]) refused({ ...SUITE, legacyOf }, `registerCryptosuite: ${NAME}: legacyOf must be a suite name or null`);
});

test('a suite whose keyTypes are not all non-empty names is refused', () => {
  for (const keyTypes of [[''], ['Ed25519', ''], ['Ed25519', 7], [], 'Ed25519']) {
    refused({ ...SUITE, keyTypes }, `registerCryptosuite: ${NAME}: keyTypes must be a non-empty list of names`);
  }
});

test('a whole suite without one of its functions is refused, naming the function', () => {
  for (const key of ['decodeProofValue', 'hashData', 'verify']) {
    refused({ ...SUITE, [key]: undefined }, `registerCryptosuite: ${NAME}: ${key} must be a function`);
  }
});

test('a suite with `load` and some of its functions is a whole suite, not a declaration: its missing functions are refused', () => {
  const load = async () => SUITE;
  const partial = { name: NAME, keyTypes: ['Ed25519'], load, decodeProofValue: functions.decodeProofValue };
  refused(partial, `registerCryptosuite: ${NAME}: hashData must be a function`);
  refused({ name: NAME, keyTypes: ['Ed25519'], load, verify: undefined }, `registerCryptosuite: ${NAME}: decodeProofValue must be a function`);
});

test('only an object is a proof: a function carrying a proof type selects no suite', () => {
  const notAProof = Object.assign(() => {}, { type: 'Ed25519Signature2020' });
  assert.equal(cryptosuiteNameForProof(notAProof), null);
  assert.equal(cryptosuiteNameForProof('Ed25519Signature2020'), null);
  assert.equal(cryptosuiteNameForProof({ type: 'Ed25519Signature2020' }), 'Ed25519Signature2020');
});

test("a proof value is 'z' + base58btc of the signature: another multibase prefix or a non-string is not one", () => {
  const signature = Uint8Array.from({ length: 64 }, (_, i) => i + 1);
  const text = base58Encode(signature);
  assert.deepEqual(EDDSA_RDFC_2022.decodeProofValue(`z${text}`), signature);
  for (const prefix of ['m', 'u', 'Z', '1']) assert.equal(EDDSA_RDFC_2022.decodeProofValue(`${prefix}${text}`), null, prefix);
  for (const value of [null, undefined, 7, [`z${text}`], { 0: 'z' }]) assert.equal(EDDSA_RDFC_2022.decodeProofValue(value), null);
});

test('ecdsa-rdfc-2019 without WebCrypto says the page must be served over HTTPS', async () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true });
  try {
    await assert.rejects(ECDSA_RDFC_2019.hashData({ canonicalProofConfig: '', canonicalDocument: '' }), {
      message: 'WebCrypto (crypto.subtle) is not available; the page must be served over HTTPS',
    });
  } finally {
    Object.defineProperty(globalThis, 'crypto', original);
  }
  assert.equal(typeof globalThis.crypto.subtle.digest, 'function');
});
