// Test-side issuer: signs credentials and status lists with eddsa-rdfc-2022 using Node's own
// crypto (Ed25519 + SHA-256) and jsonld.js canonicalization. It shares no code with src/verifier/ beyond
// base58 encoding, so a symmetric bug (e.g. hashes in the wrong order on both sides) cannot make
// the tests pass; the published vectors pin the verifier independently.
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { base58Encode } from '../../src/verifier/base58.js';
import { base64urlEncode } from '../../src/verifier/base64url.js';
import { documentLoader } from './contexts.js';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A deterministic Ed25519 key pair from a label. */
export function makeKey(label) {
  const seed = createHash('sha256').update(`credsite test key: ${label}`).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const publicKey = new Uint8Array(spki.subarray(spki.length - 32));
  const publicKeyMultibase = `z${base58Encode(Uint8Array.from([0xed, 0x01, ...publicKey]))}`;
  return { label, seed, privateKey, publicKey, publicKeyMultibase };
}

export async function canon(doc, { safe = true } = {}) {
  return jsonld.canonize(doc, { algorithm: 'RDFC-1.0', format: 'application/n-quads', safe, documentLoader });
}

function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Sign `unsigned` (no proof) and return a new object with `proof`.
 * `safe: false` imitates a signer that silently drops undefined terms (as pyld does).
 */
export async function signDocument(unsigned, { key, verificationMethod, created = '2025-01-01T00:00:00Z', safe = true, proofExtra = {} }) {
  const options = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    ...(created === null ? {} : { created }),
    verificationMethod,
    proofPurpose: 'assertionMethod',
    ...proofExtra,
  };
  const proofConfig = { ...options, '@context': unsigned['@context'] };
  const hashData = Buffer.concat([sha256(await canon(proofConfig, { safe })), sha256(await canon(unsigned, { safe }))]);
  const signature = sign(null, hashData, key.privateKey);
  return { ...unsigned, proof: { ...options, proofValue: `z${base58Encode(new Uint8Array(signature))}` } };
}

/** A DID document (did:web style) publishing `keys` ({fragment, key, extra?}) for assertion. */
export function didDocument(did, keys, { assertion } = {}) {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: keys.map(({ fragment, key, controller, extra }) => ({
      id: `${did}#${fragment}`,
      type: 'Multikey',
      controller: controller ?? did,
      publicKeyMultibase: key.publicKeyMultibase,
      ...(extra || {}),
    })),
    assertionMethod: assertion ?? keys.map(({ fragment }) => `${did}#${fragment}`),
  };
}

/** Raw bitstring bytes with the given entries set (statusSize 1 unless given). */
export function bitstring({ entries = 131072, statusSize = 1, set = {} } = {}) {
  const bytes = new Uint8Array(Math.ceil((entries * statusSize) / 8));
  for (const [index, value] of Object.entries(set)) {
    for (let b = 0; b < statusSize; b++) {
      if ((value >> (statusSize - 1 - b)) & 1) {
        const pos = Number(index) * statusSize + b;
        bytes[pos >> 3] |= 0x80 >> (pos & 7);
      }
    }
  }
  return bytes;
}

export function encodeList(bytes) {
  return `u${base64urlEncode(new Uint8Array(gzipSync(bytes)))}`;
}

/** A signed BitstringStatusListCredential. */
export async function makeStatusList({ url, issuer, purpose, key, verificationMethod, bits, validFrom, validUntil, encodedList, extra = {} }) {
  const unsigned = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: purpose,
      encodedList: encodedList ?? encodeList(bits ?? bitstring()),
    },
    ...extra,
  };
  return signDocument(unsigned, { key, verificationMethod });
}

/** An in-memory network: fetchJson that serves copies of `docs` and records every URL asked. */
export function stubNetwork(docs = {}) {
  const calls = [];
  const fetchJson = async (url) => {
    calls.push(url);
    if (!Object.prototype.hasOwnProperty.call(docs, url)) throw Object.assign(new Error(`HTTP 404 for ${url}`), { status: 404 });
    const doc = docs[url];
    if (doc instanceof Error) throw doc;
    return JSON.parse(JSON.stringify(doc));
  };
  return { fetchJson, calls, docs };
}
