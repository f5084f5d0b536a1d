// What the tests of each cryptosuite share (cryptosuites-*.test.js): one proof checked at the suite
// level (the proof's suite, its own @context, the key's kind, the hash data, the proof value and the
// signature, with the key given rather than resolved) — the same steps, in the same order, as
// tests/suite_cases.py runs in Python — and the single-field changes of a signed document.
import { createSign, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { base58Encode } from '../../src/verifier/base58.js';
import { base64urlDecode, base64urlEncode } from '../../src/verifier/base64url.js';
import { createVerifyData } from '../../src/verifier/data-integrity.js';
import { cryptosuiteForProof, cryptosuiteNameForProof } from '../../src/verifier/cryptosuites/index.js';
import { decodeMultikey } from '../../src/verifier/multikey.js';
import { documentLoader } from './contexts.js';

export const PREFIXES = { Ed25519: [0xed, 0x01], 'P-256': [0x80, 0x24], 'P-384': [0x81, 0x24] };
const CURVES = { 'P-256': { curve: 'P-256', hash: 'sha256' }, 'P-384': { curve: 'P-384', hash: 'sha384' } };

/** A throwaway key of `keyType`: its publicKeyMultibase and a signer of hash data. */
export function throwawayKey(keyType) {
  if (keyType === 'Ed25519') {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = base64urlDecode(publicKey.export({ format: 'jwk' }).x);
    return { keyType, multikey: multikey(keyType, raw), sign: (data) => new Uint8Array(nodeSign(null, data, privateKey)) };
  }
  const { curve, hash } = CURVES[keyType];
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: curve });
  const { x, y } = publicKey.export({ format: 'jwk' });
  const yBytes = base64urlDecode(y);
  const point = Uint8Array.from([yBytes[yBytes.length - 1] & 1 ? 0x03 : 0x02, ...base64urlDecode(x)]);
  const sign = (data) => {
    const signer = createSign(hash);
    signer.update(data);
    return new Uint8Array(signer.sign({ key: privateKey, dsaEncoding: 'ieee-p1363' }));
  };
  return { keyType, multikey: multikey(keyType, point), sign };
}

/** 'z' + base58btc(multicodec prefix + raw key). */
export function multikey(keyType, raw) {
  return `z${base58Encode(Uint8Array.from([...PREFIXES[keyType], ...raw]))}`;
}

/**
 * `unsigned` signed with `key` by the suite `options` select (type, cryptosuite), at the suite level:
 * the hash data the browser verifier computes, signed by node:crypto.
 */
export async function signWith(unsigned, options, key) {
  const verifyData = await createVerifyData(unsigned, options, documentLoader);
  const data = verifyData.byKeyType ? verifyData.byKeyType[key.keyType].hashData : verifyData.hashData;
  const carried = cryptosuiteNameForProof(options) === 'eddsa-jcs-2022' ? { '@context': structuredClone(unsigned['@context']) } : {};
  return structuredClone({ ...unsigned, proof: { ...options, ...carried, proofValue: `z${base58Encode(key.sign(data))}` } });
}

/** The first suite-level step that fails for `document` under this key, or 'valid'. */
export async function suiteOutcome(document, publicKeyMultibase) {
  const proof = document.proof;
  const suite = await cryptosuiteForProof(proof);
  if (!suite) return 'suite';
  if (proof['@context'] !== undefined && JSON.stringify(proof['@context']) !== JSON.stringify(document['@context'])) return 'proof-context';
  let key;
  try {
    key = decodeMultikey(publicKeyMultibase);
  } catch {
    return 'key';
  }
  if (!suite.keyTypes.includes(key.keyType)) return 'key-type';
  const unsecured = { ...document };
  delete unsecured.proof;
  const options = { ...proof };
  delete options.proofValue;
  delete options['@context'];
  let verifyData;
  try {
    verifyData = await createVerifyData(unsecured, options, documentLoader);
  } catch {
    return 'contexts';
  }
  const signature = suite.decodeProofValue(proof.proofValue);
  if (!signature) return 'proof-value';
  const { valid } = await suite.verify({ ...key, signature, hashData: verifyData.hashData, verifyData, options: {} });
  return valid ? 'valid' : 'signature';
}

function other(value) {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string') return value === '' ? 'x' : value.slice(0, -1) + (value.endsWith('Y') ? 'Z' : 'Y');
  return 'x';
}

function* leaves(value, path) {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) yield* leaves(child, [...path, Array.isArray(value) ? Number(key) : key]);
  } else {
    yield [path, value];
  }
}

function* properties(value, path) {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const step = Array.isArray(value) ? Number(key) : key;
      if (!Array.isArray(value)) yield [...path, step];
      yield* properties(child, [...path, step]);
    }
  }
}

function parentOf(document, path) {
  return path.slice(0, -1).reduce((node, step) => node[step], document);
}

/** [name, copy] for every value changed and every property removed (but the proof and its value). */
export function* singleFieldChanges(document) {
  for (const [path, value] of leaves(document, [])) {
    if (path.join('.') === 'proof.proofValue') continue;
    const changed = structuredClone(document);
    parentOf(changed, path)[path.at(-1)] = other(value);
    yield [`changed ${path.join('.')}`, changed];
  }
  for (const path of properties(document, [])) {
    if (['proof', 'proof.proofValue'].includes(path.join('.'))) continue;
    const removed = structuredClone(document);
    delete parentOf(removed, path)[path.at(-1)];
    yield [`removed ${path.join('.')}`, removed];
  }
}

/** proofValue spellings no suite reads: wrong length, not base58, another multibase, none. */
export function malformedProofValues(signatureBytes) {
  const signature = Uint8Array.from({ length: signatureBytes }, (_, i) => i + 1);
  return {
    'one byte short': `z${base58Encode(signature.slice(0, -1))}`,
    'one byte long': `z${base58Encode(Uint8Array.from([...signature, 1]))}`,
    'not base58': `z${base58Encode(signature).slice(0, -1)}0`,
    'base64url multibase': `u${base64urlEncode(signature)}`,
    'no multibase prefix': base58Encode(signature),
    empty: '',
  };
}
