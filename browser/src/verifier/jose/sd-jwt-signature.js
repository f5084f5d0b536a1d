/**
 * The JWS rules an SD-JWT VC, its Key Binding JWT and its Status List Token are held to: the VC-JWT
 * header rules (header.js, the twin of credsite/standards/jose/header.py: RS256, ES256, ES384 and
 * EdDSA accepted; `none`, HMAC, a non-signature algorithm and `crit` refused; another registered
 * signature algorithm unsupported; an algorithm/key mismatch or a short RSA key refused), without the VC-JWT rules on
 * `typ` and on a missing key source (an SD-JWT's type is its own, and its key may come from the
 * issuer's metadata without a kid). The signature: `jose` (WebCrypto) for RS256, ES256 and ES384,
 * ed25519.js for EdDSA (WebCrypto where it has Ed25519, @noble/ed25519 where not).
 * The Python twin is credsite/standards/jose/sd_jwt_signature.py.
 */
import { readJwk } from '../jwk.js';
import { keyProblem, readHeader } from './header.js';
import { signatureMatches } from './authenticity.js';
import { parseToken } from './compact.js';

/** VC-JWT header faults that are not an SD-JWT's (its typ is judged on its own; its key may come from metadata). */
const NOT_OURS = new Set(['TYP', 'KEY_MISSING', 'KEY_SOURCE']);

/**
 * The header's algorithm (when accepted) and its faults: failed (unsafe or malformed) and
 * unsupported (a signature algorithm this verifier does not check), each {code, params}.
 * @param {object} header
 */
export function headerFaults(header) {
  const read = readHeader(header);
  const ours = (faults) => faults.filter((f) => !NOT_OURS.has(f.code));
  return { alg: read.alg, failed: ours(read.failed), unsupported: ours(read.unsupported) };
}

/**
 * Why `jwk` cannot verify a JWS of `alg` (a malformed or private key, another kind of key than the
 * algorithm's, a short RSA key, a key published for another alg), or null.
 * @param {string|null} alg
 * @param {unknown} jwk
 * @returns {Promise<{code: string, params?: object}|null>}
 */
export async function usableKey(alg, jwk) {
  let key;
  try {
    key = await readJwk(jwk);
  } catch (e) {
    return { code: e.code || 'JWK_MALFORMED' };
  }
  const problem = keyProblem(alg, key.keyType, key.jwk);
  if (problem) return { code: problem.code, params: { ...problem.params, keyType: key.keyType } };
  if (alg !== null && key.jwk.alg !== undefined && key.jwk.alg !== alg) return { code: 'KEY_ALG', params: { alg, published: String(key.jwk.alg) } };
  return null;
}

/**
 * Whether the compact JWS `text` is signed with `alg` by `jwk` (which fits `alg`: usableKey), by
 * the VC-JWT verifier's own check (jose for RS256 and ECDSA, ed25519.js for EdDSA).
 * @param {string} text
 * @param {string} alg
 * @param {object} jwk
 * @param {{ed25519Backend?: string}} [options]
 * @returns {Promise<boolean>}
 */
export async function signatureValid(text, alg, jwk, options = {}) {
  try {
    const key = await readJwk(jwk);
    return await signatureMatches(parseToken(text), key, alg, options.ed25519Backend ?? 'auto');
  } catch {
    return false;
  }
}
