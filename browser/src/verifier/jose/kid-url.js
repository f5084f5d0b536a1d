/**
 * A JWT's `kid` that is an https address serving the key itself, as a bare JWK or in a JWK Set (OB 3.0
 * §8.2: `kid` is "a URI that can be dereferenced to an object of type JWK"; its sample names
 * `https://example.edu/keys#key-1`, a key in a JWKS). The Python twin, with the reasons, is
 * credsite/standards/jose/kid_url.py; the rules, in the same order:
 * - a controller document (its `id` the address): the key it lists, by key-resolution.js's rules;
 * - a bare JWK (an object with `kty`): that key; a #fragment must be its own `kid` when it names one;
 * - a JWK Set (an object with `keys`): the one key whose `kid` is the fragment (or the whole kid);
 *   without a fragment, the set's only key;
 * - a key whose `use` is not `sig` is refused. Such a key names no owner (key-controller says so).
 */
import { JwkError, readJwk } from '../jwk.js';
import { KeyResolutionError, parseVerificationMethodId, resolveVerificationMethod } from '../key-resolution.js';

/**
 * The key `kid` names: `vm` as key-resolution.js gives it, and `served` ('JWK' or 'JWK_SET') when the
 * address served the key itself, else null.
 * @param {string} kid
 * @param {object} ctx fetchJson, cache (shared with key-resolution.js: the document is fetched once)
 * @returns {Promise<{vm: object, served: 'JWK'|'JWK_SET'|null}>}
 * @throws {KeyResolutionError}
 */
export async function resolveKid(kid, ctx) {
  const { method, controllerId: address, fragment } = parseVerificationMethodId(kid);
  if (method !== 'https') return { vm: await resolveVerificationMethod(kid, { ...ctx, jose: true }), served: null };
  const document = await fetchDocument(address, ctx);
  const served = servedForm(document, address);
  if (served === null) return { vm: await resolveVerificationMethod(kid, { ...ctx, jose: true }), served: null };
  const where = { url: address };
  const jwk = chosen(document, served, kid, fragment, where);
  if ((jwk.use ?? 'sig') !== 'sig') {
    throw new KeyResolutionError('JWK_NOT_FOR_SIGNING', `the key at ${address} is marked for another use than signatures (use ${JSON.stringify(jwk.use)})`, where);
  }
  let key;
  try {
    key = await readJwk(jwk);
  } catch (e) {
    if (!(e instanceof JwkError)) throw e;
    throw new KeyResolutionError(e.code, `the key at ${address} is not usable: ${e.message}`, where);
  }
  const vm = {
    method: 'https',
    id: kid,
    controller: address,
    listedController: address,
    publicKeyMultibase: null,
    publicKeyJwk: key.jwk,
    publicKey: key.publicKey,
    keyType: key.keyType,
    documentUrl: address,
    local: false,
    dates: {},
    warnings: [],
  };
  return { vm, served };
}

/** 'JWK' or 'JWK_SET' when the document is the key itself; null for anything else (a controller document). */
export function servedForm(document, address) {
  if (!isObject(document) || document.id === address) return null;
  if (typeof document.kty === 'string') return 'JWK';
  if (Array.isArray(document.keys)) return 'JWK_SET';
  return null;
}

function chosen(document, served, kid, fragment, where) {
  const names = fragment === null ? [kid] : [kid, fragment];
  if (served === 'JWK') {
    const own = document.kid;
    if (fragment !== null && own !== undefined && !names.includes(own)) {
      throw new KeyResolutionError('JWKS_NO_KEY', `the key at ${where.url} is named ${JSON.stringify(own)}, not ${JSON.stringify(fragment)}`, where);
    }
    return document;
  }
  const keys = document.keys.filter(isObject);
  if (fragment === null) {
    if (keys.length !== 1) throw new KeyResolutionError('JWKS_AMBIGUOUS', `the key set at ${where.url} holds ${keys.length} keys, and the kid does not say which`, where);
    return keys[0];
  }
  const found = keys.filter((key) => names.includes(key.kid));
  if (found.length === 0) throw new KeyResolutionError('JWKS_NO_KEY', `the key set at ${where.url} has no key named ${JSON.stringify(fragment)}`, where);
  if (found.length > 1) throw new KeyResolutionError('JWKS_AMBIGUOUS', `the key set at ${where.url} names more than one key ${JSON.stringify(fragment)}`, where);
  return found[0];
}

/** The document at `address`, through the shared cache that key-resolution.js reads too. */
async function fetchDocument(address, ctx) {
  if (typeof ctx.fetchJson !== 'function') {
    throw new KeyResolutionError('NO_FETCH', 'no fetchJson was given, so the key cannot be read', { retryable: true, url: address });
  }
  const cache = ctx.cache ?? new Map();
  if (!cache.has(address)) cache.set(address, Promise.resolve().then(() => ctx.fetchJson(address)));
  try {
    return await cache.get(address);
  } catch (e) {
    throw new KeyResolutionError('KEY_DOCUMENT_UNREACHABLE', `could not fetch ${address}: ${e && e.message ? e.message : e}`, { retryable: true, url: address });
  }
}

function isObject(value) {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}
