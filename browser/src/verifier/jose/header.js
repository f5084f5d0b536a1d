/**
 * The JOSE header of a JWT credential, judged before any key is fetched (the Python twin is
 * credsite/standards/jose/header.py, with the reasons for each rule): which form of credential it
 * announces (typ), whether its algorithm can prove who signed (alg), whether it asks for extensions
 * this verifier does not implement (crit), and where its key is.
 *
 * Refused (failed): alg none, the HMAC algorithms, a name that is no JWS signature algorithm, any
 * crit, no key, and (keyProblem) a key of another kind than the algorithm's or an RSA key under 2048
 * bits. A registered signature algorithm not implemented here, a typ of another kind of token and a
 * key named only by x5c/x5u/jku are 'unsupported'.
 */
import { strictBase64url } from '../jwk.js';

/** The algorithms verified here, with the kind of key each is made with (jwk.js's key types). */
export const ALGORITHMS = Object.freeze({ RS256: 'RSA', ES256: 'P-256', ES384: 'P-384', EdDSA: 'Ed25519' });
const HMAC = new Set(['HS256', 'HS384', 'HS512']);
const OTHER_SIGNATURE_ALGORITHMS = new Set(['RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES512', 'ES256K', 'Ed25519', 'Ed448']);
export const MIN_RSA_BITS = 2048;
const FORMS = Object.freeze({ jwt: 'VC-JWT', 'vc+jwt': 'vc+jwt', 'vc+ld+jwt': 'vc+jwt' });
const KEY_SOURCES_NOT_READ = ['x5c', 'x5u', 'jku'];

/**
 * The form of credential a header's typ announces (VC-JWT without one), or null for another kind of token.
 * @param {object|null} header
 * @returns {string|null}
 */
export function formOf(header) {
  const typ = header ? header.typ : undefined;
  if (typ === undefined) return 'VC-JWT';
  if (typeof typ !== 'string') return null;
  const name = typ.toLowerCase().replace(/^application\//, '');
  return Object.hasOwn(FORMS, name) ? FORMS[name] : null;
}

/**
 * Every fault of the header, in the order the Python verifier finds them.
 * @param {object} header
 * @returns {{form: string, alg: string|null, jwk: unknown, kid: string|null, hasJwk: boolean,
 *   failed: {code: string, params?: object}[], unsupported: {code: string, params?: object}[]}}
 */
export function readHeader(header) {
  const found = { form: 'VC-JWT', alg: null, jwk: undefined, kid: null, hasJwk: false, failed: [], unsupported: [] };
  if (Object.hasOwn(header, 'typ')) {
    const form = formOf({ typ: header.typ });
    if (form) found.form = form;
    else found.unsupported.push({ code: 'TYP', params: { typ: JSON.stringify(header.typ) } });
  }
  readAlg(header.alg, found);
  if (Object.hasOwn(header, 'crit')) {
    const names = Array.isArray(header.crit) ? header.crit.map(String).join(', ') : JSON.stringify(header.crit);
    found.failed.push({ code: 'CRIT', params: { names } });
  }
  readKeySource(header, found);
  return found;
}

function readAlg(alg, found) {
  if (typeof alg !== 'string' || alg === '') found.failed.push({ code: 'ALG_MISSING' });
  else if (alg.toLowerCase() === 'none') found.failed.push({ code: 'ALG_NONE' });
  else if (HMAC.has(alg)) found.failed.push({ code: 'ALG_HMAC', params: { alg } });
  else if (Object.hasOwn(ALGORITHMS, alg)) found.alg = alg;
  else if (OTHER_SIGNATURE_ALGORITHMS.has(alg)) found.unsupported.push({ code: 'ALG_UNSUPPORTED', params: { alg } });
  else found.failed.push({ code: 'ALG_UNKNOWN', params: { alg: JSON.stringify(alg) } });
}

function readKeySource(header, found) {
  const hasKid = Object.hasOwn(header, 'kid');
  if (hasKid && (typeof header.kid !== 'string' || header.kid === '')) found.failed.push({ code: 'KID_MALFORMED' });
  else if (hasKid) found.kid = header.kid;
  if (Object.hasOwn(header, 'jwk')) {
    found.hasJwk = true;
    found.jwk = header.jwk;
  }
  if (hasKid || found.hasJwk) return;
  const other = KEY_SOURCES_NOT_READ.find((name) => Object.hasOwn(header, name));
  if (other) found.unsupported.push({ code: 'KEY_SOURCE', params: { name: other } });
  else found.failed.push({ code: 'KEY_MISSING' });
}

/**
 * Why a key of `keyType` cannot verify `alg`, or null.
 * @param {string|null} alg
 * @param {string} keyType
 * @param {object} jwk
 */
export function keyProblem(alg, keyType, jwk) {
  if (alg === null) return null;
  const wanted = ALGORITHMS[alg];
  if (keyType !== wanted) return { code: 'ALG_KEY_MISMATCH', params: { alg, wanted, actual: keyType } };
  if (keyType === 'RSA' && rsaBits(jwk) < MIN_RSA_BITS) return { code: 'RSA_SHORT', params: { bits: rsaBits(jwk), min: MIN_RSA_BITS } };
  return null;
}

/** The bit length of an RSA key's modulus (jwk.js has checked `n`). */
export function rsaBits(jwk) {
  const bytes = strictBase64url(jwk.n);
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}
