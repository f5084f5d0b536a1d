/**
 * Public keys written as JSON Web Keys (RFC 7517; EC keys RFC 7518, OKP keys RFC 8037), read into
 * the same {keyType, publicKey} that decodeMultikey gives, so that one decoder judges every key.
 *
 * A JWK of a key type a cryptosuite verifies with (OKP Ed25519, EC P-256 and P-384) is re-encoded
 * as the Multikey of that key type (the rulebook's keys.jwk.curves names its multicodec prefix)
 * and decoded by multikey.js: a weak Ed25519 key is refused as a weak key whichever form it came
 * in. An EC point must lie on its curve before it is compressed, as compression would otherwise
 * turn a point off the curve into another one on it. RSA keys are recognised but only JOSE
 * signatures use them, so they carry no suite key (publicKey null). A JWK with private members
 * (`d` and the RSA primes) is refused: the did:jwk method requires it, and a published secret is a
 * leak. The Python twin is credsite/standards/jwk.py; both read the same rulebook section.
 *
 * The curve arithmetic (is (x, y) on the curve; the y of a compressed point) is BigInt over
 * multikey.js's curve constants rather than an elliptic-curve library, so that /verify/, which
 * loads this module with the first JWK (key-resolution.js, JOSE), stays light.
 */
import { base58Encode } from './base58.js';
import { base64urlDecode, base64urlEncode } from './base64url.js';
import { decodeMultikey, MultikeyError, NIST_CURVES } from './multikey.js';
import { RULES } from './rulebook.js';

const JWK_RULES = RULES.keys.jwk;

/** y² = x³ − 3x + b (mod p), with x and y below p: the point is on the NIST curve. */
function onCurve({ p, b }, x, y) {
  return x < p && y < p && (y * y - (((x * x) % p) * x - 3n * x + b)) % p === 0n;
}

/** base^exponent mod modulus, by square-and-multiply. */
function modPow(base, exponent, modulus) {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A JWK that does not give a usable public key; `code` names the rule it broke (as Python's JwkError). */
export class JwkError extends Error {
  /**
   * @param {string} code JWK_MALFORMED, JWK_PRIVATE, JWK_UNSUPPORTED, JWK_NOT_ON_CURVE or a MultikeyError code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'JwkError';
    this.code = code;
  }
}

/**
 * Strict unpadded base64url, one spelling per value (as Python's base64url_decode).
 * @param {string} text
 * @returns {Uint8Array}
 */
export function strictBase64url(text) {
  if (typeof text !== 'string' || !BASE64URL.test(text)) throw new Error('not base64url');
  const bytes = base64urlDecode(text);
  if (base64urlEncode(bytes) !== text) throw new Error('not canonical base64url');
  return bytes;
}

/**
 * The public key of a JWK.
 * @param {unknown} jwk
 * @returns {{keyType: string, publicKey: Uint8Array|null, jwk: object}}
 * @throws {JwkError}
 */
export function readJwk(jwk) {
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) throw new JwkError('JWK_MALFORMED', 'the publicKeyJwk is not a JSON object');
  const secret = JWK_RULES.privateMembers.find((m) => Object.hasOwn(jwk, m));
  if (secret !== undefined) {
    throw new JwkError('JWK_PRIVATE', `the JWK holds a private key (member '${secret}'); a published key must hold only its public part`);
  }
  const { kty } = jwk;
  if (typeof kty !== 'string') throw new JwkError('JWK_MALFORMED', 'the JWK has no key type (kty)');
  if (JWK_RULES.joseOnly.includes(kty)) {
    checkRsa(jwk);
    return { keyType: kty, publicKey: null, jwk: { ...jwk } };
  }
  const curve = JWK_RULES.curves.find((c) => c.kty === kty && c.crv === jwk.crv);
  if (!curve) {
    const known = JWK_RULES.curves.map((c) => c.crv).join(', ');
    throw new JwkError('JWK_UNSUPPORTED', `a JWK of key type ${JSON.stringify(kty)} and curve ${JSON.stringify(jwk.crv ?? null)} is not supported (supported: ${known} and RSA)`);
  }
  return { ...decoded(curve, rawKey(jwk, curve)), jwk: { ...jwk } };
}

/**
 * The public JWK of a key read from a Multikey, for a JOSE library (a JWT whose `kid` names a did:key).
 * @param {{keyType: string, publicKey: Uint8Array}} key
 * @returns {{kty: string, crv: string, x: string, y?: string}}
 */
export function publicKeyToJwk({ keyType, publicKey }) {
  const curve = JWK_RULES.curves.find((c) => c.keyType === keyType);
  if (!curve) throw new TypeError(`a ${keyType} key has no JWK form here`);
  if (curve.kty === 'OKP') return { kty: 'OKP', crv: curve.crv, x: base64urlEncode(publicKey) };
  const { p, b } = NIST_CURVES[curve.keyType];
  const x = bytesBigint(publicKey.slice(1));
  const root = modPow(((x * x) % p) * x - 3n * x + b, (p + 1n) / 4n, p); // p ≡ 3 (mod 4)
  const y = (root & 1n) === BigInt(publicKey[0] & 1) ? root : p - root;
  return { kty: 'EC', crv: curve.crv, x: base64urlEncode(bigintBytes(x, curve.coordinateBytes)), y: base64urlEncode(bigintBytes(y, curve.coordinateBytes)) };
}

/** The key type's raw form: an Ed25519 key's 32 bytes, an EC key's compressed point (after the on-curve check). */
function rawKey(jwk, curve) {
  const x = coordinate(jwk, 'x', curve.coordinateBytes);
  if (curve.kty === 'OKP') return x;
  const y = coordinate(jwk, 'y', curve.coordinateBytes);
  if (!onCurve(NIST_CURVES[curve.keyType], bytesBigint(x), bytesBigint(y))) {
    throw new JwkError('JWK_NOT_ON_CURVE', `the JWK's point (x, y) is not on the curve ${curve.crv}`);
  }
  return Uint8Array.from([0x02 | (y[y.length - 1] & 1), ...x]);
}

function coordinate(jwk, member, size) {
  const value = jwk[member];
  if (typeof value !== 'string') throw new JwkError('JWK_MALFORMED', `the JWK has no '${member}' member`);
  let bytes;
  try {
    bytes = strictBase64url(value);
  } catch {
    throw new JwkError('JWK_MALFORMED', `the JWK's '${member}' is not base64url`);
  }
  if (bytes.length !== size) throw new JwkError('JWK_MALFORMED', `the JWK's '${member}' is ${bytes.length} bytes, not ${size}`);
  return bytes;
}

function decoded(curve, raw) {
  const prefix = Uint8Array.from(curve.multicodec.match(/../g), (h) => parseInt(h, 16));
  let key;
  try {
    key = decodeMultikey(`z${base58Encode(Uint8Array.from([...prefix, ...raw]))}`);
  } catch (e) {
    if (e instanceof MultikeyError) throw new JwkError(e.code, `the JWK's key is refused: ${e.message}`);
    throw e;
  }
  if (key.keyType !== curve.keyType) throw new JwkError('JWK_UNSUPPORTED', `the JWK's key is not a ${curve.keyType} key`);
  return { keyType: key.keyType, publicKey: key.publicKey };
}

/** An RSA public key: n and e unsigned big-endian base64url integers, n and e odd, 3 <= e < n. */
function checkRsa(jwk) {
  const [n, e] = ['n', 'e'].map((member) => {
    let bytes = new Uint8Array(0);
    try {
      bytes = strictBase64url(jwk[member]);
    } catch {
      // reported below as missing
    }
    if (bytes.length === 0) throw new JwkError('JWK_MALFORMED', `the RSA JWK's '${member}' is missing or not base64url`);
    return bytesBigint(bytes);
  });
  if (n % 2n === 0n || e % 2n === 0n || e < 3n || e >= n) throw new JwkError('JWK_MALFORMED', "the RSA JWK's n and e do not make an RSA key");
}

function bytesBigint(bytes) {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

function bigintBytes(value, size) {
  const out = new Uint8Array(size);
  for (let i = size - 1, v = value; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}
