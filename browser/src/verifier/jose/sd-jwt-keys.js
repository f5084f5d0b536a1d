/**
 * Where an SD-JWT VC's (or its Status List Token's) signing key comes from, and whose it is
 * (draft-ietf-oauth-sd-jwt-vc, "Issuer Verification Key Discovery and Validation"), in this order:
 * 1. a `kid` that is a DID URL (or a `#fragment` of a DID `iss`, or no kid with a DID `iss`): the key
 *    the DID publishes for issuing (key-resolution.js: did:jwk, did:web, did:key); the issuer's when
 *    the DID is `iss`;
 * 2. an `x5c` certificate chain: unsupported, as this verifier carries no trust anchors to judge it;
 * 3. an https `iss`: the key its JWT VC Issuer Metadata list (issuer-metadata.js); the issuer's when
 *    the metadata name `iss` as their issuer;
 * 4. a `jwk` in the header only: a key the credential vouches for itself, so never the issuer's.
 * The Python twin is credsite/standards/jose/sd_jwt_keys.py.
 */
import { resolveVerificationMethod } from '../key-resolution.js';
import { publicKeyToJwk } from '../jwk.js';
import { issuerKey, MetadataError } from './issuer-metadata.js';

/**
 * The signing key of a JWS with this header whose issuer claims to be `iss`.
 * Throws MetadataError (code, params, unreachable) or a KeyResolutionError (code, retryable);
 * MetadataError 'X5C' is the unsupported case.
 * @returns {Promise<{jwk: object, controller: string|null, source: string, location: string, dates: object}>}
 */
export async function findKey(header, iss, options) {
  const methodId = didMethod(header.kid, iss);
  if (methodId !== null) return didKey(methodId, options);
  if (Object.hasOwn(header, 'x5c')) throw new MetadataError('X5C');
  if (typeof iss === 'string' && iss.startsWith('https://')) {
    const found = await issuerKey(iss, header.kid, options.fetchJson);
    return { jwk: found.jwk, controller: found.issuer, source: 'metadata', location: found.documentUrl, dates: {} };
  }
  const { jwk } = header;
  if (jwk && typeof jwk === 'object' && !Array.isArray(jwk)) {
    return { jwk: { ...jwk }, controller: null, source: 'header', location: null, dates: {} };
  }
  throw new MetadataError('NO_KEY');
}

function didMethod(kid, iss) {
  if (typeof kid === 'string' && kid.startsWith('did:')) return kid;
  const didIss = typeof iss === 'string' && iss.startsWith('did:');
  if (typeof kid === 'string' && kid.startsWith('#') && didIss) return `${iss}${kid}`;
  if ((kid === undefined || kid === null) && didIss) return iss;
  return null;
}

async function didKey(methodId, options) {
  const vm = await resolveVerificationMethod(methodId, { fetchJson: options.fetchJson, cache: options.cache, jose: true });
  const jwk = vm.publicKeyJwk ?? (vm.publicKey ? await publicKeyToJwk(vm) : null);
  if (!jwk) throw new MetadataError('NO_JWK_FORM', { vm: methodId });
  return { jwk, controller: vm.controller, source: 'did', location: vm.documentUrl ?? vm.id, dates: vm.dates ?? {} };
}
