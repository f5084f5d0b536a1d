/**
 * An SD-JWT VC issuer's key from its JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc, "JWT VC
 * Issuer Metadata"): for an `iss` that is an https URL, the document at the URL made by putting
 * `/.well-known/jwt-vc-issuer` between its host and its path (a trailing '/' of the path removed
 * first). Its `issuer` must be `iss` exactly, or nothing in it may be used (the key-controller
 * check); its keys are a JWK Set given in place (`jwks`) or at an https address (`jwks_uri`), never
 * both. The key is the one whose `kid` the header names, or the only signing key when it names none.
 * The Python twin is credsite/standards/jose/issuer_metadata.py.
 */
import { hasDotSegment } from '../key-resolution.js';

export const WELL_KNOWN = '/.well-known/jwt-vc-issuer';
const ISSUER_URL = /^https:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:\/[^?#\s]*)?$/;

/** A refusal, with a code for messages.js ('sd-jwt.key.<code>') and its parameters. */
export class MetadataError extends Error {
  constructor(code, params = {}, unreachable = false) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'MetadataError';
    this.code = code;
    this.params = params;
    this.unreachable = unreachable;
  }
}

/**
 * The address of the JWT VC Issuer Metadata of `iss`.
 * @param {string} iss
 * @returns {string}
 */
export function metadataUrl(iss) {
  if (!ISSUER_URL.test(iss)) throw new MetadataError('ISSUER_URL', { iss });
  const rest = iss.slice('https://'.length);
  const slash = rest.indexOf('/');
  const host = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash).replace(/\/+$/, '');
  // Fetched, /.well-known/jwt-vc-issuer/../x is /x: a file the host did not vouch for.
  if (hasDotSegment(path)) throw new MetadataError('ISSUER_DOT_SEGMENT', { iss });
  return `https://${host}${WELL_KNOWN}${path}`;
}

async function fetchOr(url, fetchJson) {
  try {
    return await fetchJson(url);
  } catch (e) {
    throw new MetadataError('UNREACHABLE', { url, reason: e && e.message ? e.message : String(e) }, true);
  }
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The key of `iss` named `kid` (undefined: the only one), read from its metadata.
 * @param {string} iss
 * @param {unknown} kid
 * @param {(url: string) => Promise<unknown>} fetchJson
 * @returns {Promise<{jwk: object, issuer: string, documentUrl: string}>}
 */
export async function issuerKey(iss, kid, fetchJson) {
  const url = metadataUrl(iss);
  const metadata = await fetchOr(url, fetchJson);
  if (!isObject(metadata)) throw new MetadataError('METADATA_NOT_OBJECT', { url });
  if (typeof metadata.issuer !== 'string') throw new MetadataError('METADATA_NO_ISSUER', { url });
  const keys = await keySet(metadata, url, fetchJson);
  return { jwk: select(keys, kid, url), issuer: metadata.issuer, documentUrl: url };
}

async function keySet(metadata, url, fetchJson) {
  const hasJwks = Object.hasOwn(metadata, 'jwks');
  const hasUri = Object.hasOwn(metadata, 'jwks_uri');
  if (hasJwks === hasUri) throw new MetadataError(hasJwks ? 'JWKS_BOTH' : 'JWKS_NONE', { url });
  let jwks = metadata.jwks;
  let where = url;
  if (hasUri) {
    where = metadata.jwks_uri;
    if (typeof where !== 'string' || !where.startsWith('https://')) throw new MetadataError('JWKS_URI', { url });
    jwks = await fetchOr(where, fetchJson);
  }
  if (!isObject(jwks) || !Array.isArray(jwks.keys)) throw new MetadataError('NOT_JWKS', { url: where });
  return jwks.keys;
}

function select(keys, kid, url) {
  const usable = keys.filter((k) => isObject(k) && (Object.hasOwn(k, 'use') ? k.use : 'sig') === 'sig');
  if (kid === undefined || kid === null) {
    if (usable.length !== 1) throw new MetadataError('KID_NONE', { url, count: usable.length });
    return usable[0];
  }
  const named = usable.filter((k) => k.kid === kid);
  if (named.length === 0) throw new MetadataError('KID_NOT_FOUND', { url, kid: String(kid) });
  if (named.length > 1) throw new MetadataError('KID_TWICE', { url, kid: String(kid) });
  return named[0];
}
