// ecdsa-rdfc-2019 with P-256 and P-384 keys (W3C VC-DI-ECDSA 1.0 §3.2): the published W3C vectors step
// by step (keys, canonical N-Quads, SHA-256 / SHA-384 hashes, signatures), then node:crypto-signed
// credentials: every single-field change, wrong keys, the other curve's key and signature length,
// high-S signatures, malformed proof values and keys that are not points of their curve.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base58Decode } from '../src/verifier/base58.js';
import { fromHex, toHex } from '../src/verifier/bytes.js';
import { cryptosuiteFor } from '../src/verifier/cryptosuites/index.js';
import { createVerifyData } from '../src/verifier/data-integrity.js';
import { verifyEcdsa } from '../src/verifier/ecdsa.js';
import { decodeMultikey } from '../src/verifier/multikey.js';
import { documentLoader, readJson, readText } from './helpers/contexts.js';
import { malformedProofValues, multikey, signWith, singleFieldChanges, suiteOutcome, throwawayKey } from './helpers/suite-check.js';

const DIR = 'w3c-vc-di-ecdsa';
const CURVES = { 'P-256': ['p256', 'P256'], 'P-384': ['p384', 'P384'] };
const vector = (curve, stem) => [DIR, `ecdsa-rdfc-2019-${CURVES[curve][0]}`, stem.replace('#', `ECDSA${CURVES[curve][1]}`)];
const OPTIONS = {
  type: 'DataIntegrityProof',
  cryptosuite: 'ecdsa-rdfc-2019',
  created: '2025-01-31T12:00:00Z',
  verificationMethod: 'https://example.edu/issuers/565049#key-1',
  proofPurpose: 'assertionMethod',
};

function unsignedCredential() {
  return readJson('ob-v3p0-eddsa-rdfc-2022', 'unsigned-credential.json');
}

function split(signed) {
  const unsecured = { ...signed };
  delete unsecured.proof;
  const options = { ...signed.proof };
  delete options.proofValue;
  return { unsecured, options };
}

for (const curve of Object.keys(CURVES)) {
  test(`W3C ${curve} vector: key, canonical forms, hashes and signature`, async () => {
    const pair = readJson(DIR, `${CURVES[curve][0]}KeyPair.json`);
    const { keyType, publicKey } = decodeMultikey(pair.publicKeyMultibase);
    assert.equal(keyType, curve);
    assert.equal(publicKey.length, curve === 'P-256' ? 33 : 49);
    const signed = readJson(...vector(curve, 'signed#.json'));
    const { unsecured, options } = split(signed);
    assert.deepEqual(readJson(DIR, 'unsigned.json'), unsecured);
    assert.deepEqual({ ...options, '@context': signed['@context'] }, readJson(...vector(curve, 'proofConfig#.json')));
    const v = await createVerifyData(unsecured, options, documentLoader);
    assert.equal(v.canonicalDocument, readText(...vector(curve, 'canonDoc#.txt')));
    assert.equal(v.canonicalProofConfig, readText(...vector(curve, 'proofCanon#.txt')));
    const hashes = v.byKeyType[curve];
    assert.equal(hashes.documentHash, readText(...vector(curve, 'docHash#.txt')).trim());
    assert.equal(hashes.proofConfigHash, readText(...vector(curve, 'proofHash#.txt')).trim());
    assert.equal(toHex(hashes.hashData), readText(...vector(curve, 'combinedHash#.txt')).trim());
    const signature = base58Decode(signed.proof.proofValue.slice(1));
    assert.equal(toHex(signature), readText(...vector(curve, 'sigHex#.txt')).trim());
    assert.equal(signed.proof.proofValue, readText(...vector(curve, 'sigBTC58#.txt')).trim());
    assert.equal(verifyEcdsa(curve, publicKey, signature, hashes.hashData).valid, true);
    const changed = hashes.hashData.slice();
    changed[0] ^= 1;
    assert.equal(verifyEcdsa(curve, publicKey, signature, changed).valid, false);
    assert.equal(await suiteOutcome(signed, pair.publicKeyMultibase), 'valid');
  });

  test(`${curve}: a signed credential verifies and every single-field change fails`, async () => {
    const key = throwawayKey(curve);
    const signed = await signWith(unsignedCredential(), OPTIONS, key);
    assert.equal(await suiteOutcome(signed, key.multikey), 'valid');
    const changes = [...singleFieldChanges(signed)];
    assert.ok(changes.length > 40);
    const passing = [];
    for (const [name, changed] of changes) if ((await suiteOutcome(changed, key.multikey)) === 'valid') passing.push(name);
    assert.deepEqual(passing, []);
  });

  test(`${curve}: malformed proof values are refused`, async () => {
    const key = throwawayKey(curve);
    const signed = await signWith(unsignedCredential(), OPTIONS, key);
    for (const [name, value] of Object.entries(malformedProofValues(curve === 'P-256' ? 64 : 96))) {
      const document = { ...signed, proof: { ...signed.proof, proofValue: value } };
      assert.equal(await suiteOutcome(document, key.multikey), 'proof-value', name);
    }
  });
}

test('wrong keys, the other curve and an Ed25519 key fail', async () => {
  const [k256, k384] = [throwawayKey('P-256'), throwawayKey('P-384')];
  const s256 = await signWith(unsignedCredential(), OPTIONS, k256);
  const s384 = await signWith(unsignedCredential(), OPTIONS, k384);
  assert.equal(await suiteOutcome(s256, throwawayKey('P-256').multikey), 'signature');
  assert.equal(await suiteOutcome(s256, k384.multikey), 'signature');
  assert.equal(await suiteOutcome(s384, k256.multikey), 'signature');
  assert.equal(await suiteOutcome(s256, throwawayKey('Ed25519').multikey), 'key-type');
  // Each curve's signature length is a proof value of the suite, but not a signature of the other key.
  assert.equal(await suiteOutcome({ ...s256, proof: { ...s256.proof, proofValue: s384.proof.proofValue } }, k256.multikey), 'signature');
  assert.equal(await suiteOutcome({ ...s384, proof: { ...s384.proof, proofValue: s256.proof.proofValue } }, k384.multikey), 'signature');
});

test('a high-S signature is accepted (WebCrypto and OpenSSL do not normalise s)', async () => {
  const key = throwawayKey('P-256');
  const signed = await signWith(unsignedCredential(), OPTIONS, key);
  const signature = base58Decode(signed.proof.proofValue.slice(1));
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const s = BigInt(`0x${toHex(signature.slice(32))}`);
  const flipped = Uint8Array.from([...signature.slice(0, 32), ...fromHex((n - s).toString(16).padStart(64, '0'))]);
  const { publicKey } = decodeMultikey(key.multikey);
  const { hashData } = (await createVerifyData(split(signed).unsecured, split(signed).options, documentLoader)).byKeyType['P-256'];
  assert.equal(verifyEcdsa('P-256', publicKey, signature, hashData).valid, true);
  assert.equal(verifyEcdsa('P-256', publicKey, flipped, hashData).valid, true);
});

test('a key that is not a compressed point of its curve is refused as a key, with the codes of decodeEd25519Multikey', () => {
  const x = (n, size) => fromHex(n.toString(16).padStart(2 * size, '0'));
  const cases = {
    'x not on P-256': [multikey('P-256', [0x02, ...x(1n, 32)]), 'MULTIKEY_NOT_ON_CURVE'],
    'x not below p': [multikey('P-256', [0x02, ...new Uint8Array(32).fill(0xff)]), 'MULTIKEY_NOT_ON_CURVE'],
    'uncompressed marker': [multikey('P-256', [0x04, ...new Uint8Array(32).fill(1)]), 'MULTIKEY_LENGTH'],
    'one byte short': [multikey('P-384', [0x03, ...new Uint8Array(47).fill(1)]), 'MULTIKEY_LENGTH'],
    'a P-256 point under the P-384 prefix': [multikey('P-384', decodeMultikey(readJson(DIR, 'p256KeyPair.json').publicKeyMultibase).publicKey), 'MULTIKEY_LENGTH'],
    'a P-256 secret key': [readJson(DIR, 'p256KeyPair.json').secretKeyMultibase, 'MULTIKEY_NOT_ED25519'],
  };
  for (const [name, [value, code]] of Object.entries(cases)) {
    assert.throws(() => decodeMultikey(value), { name: 'MultikeyError', code }, name);
  }
});

test('the suite is registered with both curves and reads 64- and 96-byte proof values only', async () => {
  const suite = await cryptosuiteFor('ecdsa-rdfc-2019');
  assert.deepEqual([...suite.keyTypes], ['P-256', 'P-384']);
  assert.equal(suite.decodeProofValue(malformedProofValues(64)['one byte long']), null);
  assert.equal(suite.decodeProofValue(readText(...vector('P-384', 'sigBTC58#.txt')).trim()).length, 96);
});
