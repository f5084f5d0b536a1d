/**
 * Ed25519 signature verification with two interchangeable back ends:
 *   - 'webcrypto': crypto.subtle with {name: 'Ed25519'} (native, fast, in current browsers and Node);
 *   - 'noble': @noble/ed25519 (pure JS; SHA-512 still comes from crypto.subtle.digest).
 * 'auto' detects WebCrypto support once, by verifying a known RFC 8032 signature and rejecting a
 * corrupted one, because some engines expose the algorithm name but fail at import or verify.
 * The back end can be forced so that the tests prove both paths agree.
 */
import { verifyAsync as nobleVerify } from '@noble/ed25519';
import { fromHex } from './bytes.js';

// RFC 8032 §7.1, TEST 1 (empty message).
const PROBE_KEY = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
const PROBE_SIG = fromHex(
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
);

/** @type {Promise<boolean> | null} */
let webCryptoProbe = null;

async function webCryptoVerify(publicKey, signature, message) {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  return subtle.verify({ name: 'Ed25519' }, key, signature, message);
}

/**
 * Whether this engine's WebCrypto can verify Ed25519 correctly. Cached for the page's lifetime:
 * the answer cannot change, and probing costs two signature checks.
 * @returns {Promise<boolean>}
 */
export function webCryptoHasEd25519() {
  if (!webCryptoProbe) {
    webCryptoProbe = (async () => {
      try {
        if (!globalThis.crypto || !globalThis.crypto.subtle) return false;
        const good = await webCryptoVerify(PROBE_KEY, PROBE_SIG, new Uint8Array(0));
        const bad = PROBE_SIG.slice();
        bad[0] ^= 1;
        const rejected = !(await webCryptoVerify(PROBE_KEY, bad, new Uint8Array(0)));
        return good === true && rejected;
      } catch {
        return false;
      }
    })();
  }
  return webCryptoProbe;
}

/**
 * Which back end a verification will use. Exposed so that the page (and the tests) can report it.
 * @param {'auto'|'webcrypto'|'noble'} [preference]
 * @returns {Promise<'webcrypto'|'noble'>}
 */
export async function selectEd25519Backend(preference = 'auto') {
  if (preference === 'noble') return 'noble';
  if (preference === 'webcrypto') {
    if (!(await webCryptoHasEd25519())) throw new Error('WebCrypto Ed25519 is not available in this environment');
    return 'webcrypto';
  }
  if (preference !== 'auto') throw new TypeError(`unknown Ed25519 back end ${JSON.stringify(preference)}`);
  return (await webCryptoHasEd25519()) ? 'webcrypto' : 'noble';
}

/**
 * Verify a pure Ed25519 (RFC 8032) signature. Returns false for a wrong signature; throws only for
 * arguments of the wrong size, which callers have already ruled out.
 *
 * The noble path uses `zip215: false` (RFC 8032 / FIPS 186-5 strict decoding) because that is what
 * WebCrypto implements; the default ZIP-215 rules accept encodings WebCrypto refuses.
 *
 * @param {Uint8Array} publicKey 32 bytes
 * @param {Uint8Array} signature 64 bytes
 * @param {Uint8Array} message
 * @param {'auto'|'webcrypto'|'noble'} [preference]
 * @returns {Promise<{valid: boolean, backend: 'webcrypto'|'noble'}>}
 */
export async function verifyEd25519(publicKey, signature, message, preference = 'auto') {
  if (publicKey.length !== 32) throw new RangeError('Ed25519 public key must be 32 bytes');
  if (signature.length !== 64) throw new RangeError('Ed25519 signature must be 64 bytes');
  const backend = await selectEd25519Backend(preference);
  const valid =
    backend === 'webcrypto'
      ? await webCryptoVerify(publicKey, signature, message)
      : await nobleVerify(signature, message, publicKey, { zip215: false });
  return { valid: valid === true, backend };
}
