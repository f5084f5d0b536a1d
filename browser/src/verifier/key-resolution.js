/**
 * Finding the public key behind a proof's verificationMethod (or a JWT's `kid`), and deciding
 * whether the controller document really authorises it for issuing (assertionMethod).
 *
 * Supported, by the rulebook's `keys` section: did:key (the key is in the identifier: Ed25519,
 * P-256, P-384 as multikey.js reads them), did:jwk (the identifier is a JWK; its one key is `#0`),
 * did:web (W3C CCG did:web: the DID document is served over HTTPS at a URL derived from the DID)
 * and plain HTTPS controller documents (W3C Controlled Identifiers 1.0; the 1EdTech OB test vector
 * uses one). A key is a Multikey, an Ed25519VerificationKey2020 (publicKeyMultibase, Ed25519 only)
 * or a JsonWebKey / JsonWebKey2020 (publicKeyJwk, read by jwk.js), listed in the document's
 * verificationMethod or embedded in its assertionMethod (DCC's did:web documents). Every network
 * read goes through the caller's fetchJson, so the verifier itself never opens a connection.
 *
 * The rules are the Python verifier's (credsite/standards/keyresolution.py), step for step and with
 * the same problem codes; browser/test/key-resolution-agreement.test.js and
 * tests/test_keys_agreement.py hold both to one table of situations.
 *
 * The 1EdTech validator takes the key straight from a '#z6Mk…' fragment without fetching the
 * document. We do not: anybody can write their own key into a fragment, so only the issuer's
 * published document can tie a key to the issuer.
 */
import { checkJsonText } from './limits.js';
import { decodeMultikey, MultikeyError } from './multikey.js';
import { RULES } from './rulebook.js';

const KEY_RULES = RULES.keys;
const whole = (source) => new RegExp(`^(?:${source})$`);
const AUTHORITY = whole(KEY_RULES.didWeb.authorityPattern);
const HOST = whole(KEY_RULES.didWeb.hostPattern);
const IPV4 = whole(KEY_RULES.didWeb.ipv4Pattern);
const PATH_SEGMENT = whole(KEY_RULES.didWeb.segmentPattern);
const HTTPS = whole(KEY_RULES.httpsPattern);
const DOT_SEGMENTS = ['.', '..', '%2e', '%2e%2e', '.%2e', '%2e.'];
const DID_METHODS = KEY_RULES.methods.filter((m) => m.startsWith('did:'));

/**
 * A verification method could not be resolved or is not acceptable.
 * `retryable` is true when the cause is a failed fetch (network, HTTP error, CORS): the answer is
 * "could not check", not "forged". Every other code is a definite refusal.
 */
export class KeyResolutionError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {{retryable?: boolean, url?: string, detail?: object}} [extra]
   */
  constructor(code, message, extra = {}) {
    super(message);
    this.name = 'KeyResolutionError';
    this.code = code;
    this.retryable = extra.retryable === true;
    if (extra.url) this.url = extra.url;
    if (extra.detail) this.detail = extra.detail;
  }
}

/**
 * The HTTPS URL of a did:web DID document (did:web method §3.2 "Read"):
 * `did:web:host` -> `https://host/.well-known/did.json`, `did:web:host:a:b` ->
 * `https://host/a/b/did.json`, with a percent-encoded port (`host%3A8443`). IP addresses and
 * anything that would let the DID point at a different URL shape are refused.
 * @param {string} did
 * @returns {string}
 */
export function didWebToUrl(did) {
  if (typeof did !== 'string' || !did.startsWith('did:web:')) {
    throw new KeyResolutionError('DID_WEB_SYNTAX', `not a did:web identifier: ${did}`);
  }
  const segments = did.slice('did:web:'.length).split(':');
  const authority = segments[0].replace(/%3A/gi, ':');
  const match = AUTHORITY.exec(authority);
  if (
    !match ||
    match[1].length > KEY_RULES.didWeb.maxHostLength ||
    !HOST.test(match[1]) ||
    IPV4.test(match[1]) ||
    Number(match[2]) > 65535 // without a port: NaN, which is not
  ) {
    throw new KeyResolutionError('DID_WEB_SYNTAX', `did:web host is not a valid domain name: ${did}`);
  }
  const path = segments.slice(1);
  for (const seg of path) {
    if (!PATH_SEGMENT.test(seg) || seg === '.' || seg === '..') {
      throw new KeyResolutionError('DID_WEB_SYNTAX', `did:web path segment ${JSON.stringify(seg)} is not allowed: ${did}`);
    }
  }
  const base = `https://${authority}`;
  return path.length === 0 ? `${base}/.well-known/did.json` : `${base}/${path.join('/')}/did.json`;
}

/**
 * Whether an https controller-document address is in normal form: the rulebook's httpsPattern, a
 * port up to 65535 other than 443, no empty host label, a host ending in a number only as a
 * canonical IPv4 address, and no dot segment (as Python's _is_normal_https).
 * @param {string} url
 */
function isNormalHttps(url) {
  const match = HTTPS.exec(url);
  if (!match || match[2] === '443' || Number(match[2]) > 65535) return false;
  const labels = match[1].split('.');
  if (labels.slice(0, -1).includes('') || (/^[0-9]+$/.test(labels.at(-1)) && !canonicalIpv4(match[1]))) return false;
  return !hasDotSegment(match[3].split('?')[0]);
}

/**
 * Whether a URL path has a `.` or `..` segment in any spelling (percent-encoded, in any case, after
 * a `/` or a `\\`, which WHATWG URL reads as `/` in an https address): fetched, such an address
 * names another path than it reads as (as Python's has_dot_segment).
 * @param {string} path
 */
export function hasDotSegment(path) {
  return path.split(/[/\\]/).some((s) => DOT_SEGMENTS.includes(s.toLowerCase()));
}

function canonicalIpv4(host) {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => /^[0-9]+$/.test(p) && String(Number(p)) === p && Number(p) <= 255);
}

/**
 * Split a verificationMethod reference into the controller identifier and the fragment, and name
 * the resolution method. Query strings and DID paths are refused: they would make "the key" depend
 * on services we do not implement.
 * @param {unknown} vmId
 * @returns {{method: 'did:key'|'did:web'|'did:jwk'|'https', controllerId: string, fragment: string|null}}
 */
export function parseVerificationMethodId(vmId) {
  if (typeof vmId !== 'string' || vmId.length === 0 || /\s/.test(vmId)) {
    throw new KeyResolutionError('VM_SYNTAX', 'verificationMethod is not a usable identifier');
  }
  const hash = vmId.indexOf('#');
  const controllerId = hash === -1 ? vmId : vmId.slice(0, hash);
  const fragment = hash === -1 ? null : vmId.slice(hash + 1);
  if (fragment !== null && (fragment.length === 0 || fragment.includes('#'))) {
    throw new KeyResolutionError('VM_SYNTAX', `verificationMethod has an empty or repeated fragment: ${vmId}`);
  }
  if (controllerId.startsWith('did:')) {
    if (/[/?]/.test(controllerId)) {
      throw new KeyResolutionError('VM_SYNTAX', `DID URLs with a path or query are not supported: ${vmId}`);
    }
    const known = DID_METHODS.find((m) => controllerId.startsWith(`${m}:`));
    if (known) return { method: known, controllerId, fragment };
    const method = controllerId.split(':').slice(0, 2).join(':');
    throw new KeyResolutionError('UNSUPPORTED_DID_METHOD', `DID method ${method} is not supported (only ${DID_METHODS.join(', ')})`, {
      detail: { method },
    });
  }
  if (controllerId.startsWith('https://')) {
    if (!isNormalHttps(controllerId)) {
      throw new KeyResolutionError('VM_SYNTAX', `verificationMethod URL is not in normal form: ${vmId}`);
    }
    return { method: 'https', controllerId, fragment };
  }
  const scheme = controllerId.split(':')[0];
  throw new KeyResolutionError('UNSUPPORTED_DID_METHOD', `verification methods of kind "${scheme}:" are not supported`, {
    detail: { method: scheme },
  });
}

/** The key of a publicKeyMultibase, or the KeyResolutionError multikey.js's refusal gives. */
function multikey(value, where) {
  try {
    return decodeMultikey(value);
  } catch (e) {
    if (!(e instanceof MultikeyError)) throw e;
    throw new KeyResolutionError(e.code, e.message, where);
  }
}

/**
 * The key of a publicKeyJwk, or the KeyResolutionError jwk.js's refusal gives. jwk.js (its BigInt
 * curve arithmetic included) is loaded for such a key only: our own issuers publish Multikeys.
 */
async function jwkKey(value, where) {
  const { JwkError, readJwk } = await import('./jwk.js');
  try {
    return readJwk(value);
  } catch (e) {
    if (!(e instanceof JwkError)) throw e;
    throw new KeyResolutionError(e.code, e.message, where);
  }
}

/** A resolved key as every resolution method returns it. */
function resolved(fields) {
  return { documentUrl: null, local: false, dates: {}, publicKeyMultibase: null, publicKeyJwk: null, ...fields };
}

function resolveDidKey(vmId, controllerId, fragment) {
  const multibase = controllerId.slice('did:key:'.length);
  const warnings = [];
  if (fragment === null) {
    // The did:key method gives its single key the id did:key:X#X. A bare did:key (as in the
    // Bitstring Status List REC examples) names the DID, not the key; we take its only key, but say so.
    warnings.push('VM_IS_DID');
  } else if (fragment !== multibase) {
    throw new KeyResolutionError('VM_NOT_FOUND', `did:key fragment must repeat the key: ${vmId}`);
  }
  const { keyType, publicKey } = multikey(multibase, {});
  return resolved({ method: 'did:key', id: `${controllerId}#${multibase}`, controller: controllerId, listedController: controllerId, publicKeyMultibase: multibase, publicKey, keyType, warnings });
}

/** did:jwk: the identifier is the base64url of a JWK, listed as `#0` under assertionMethod unless its `use` is "enc". */
async function resolveDidJwk(vmId, controllerId, fragment) {
  const keyId = KEY_RULES.didJwkFragment;
  const warnings = [];
  if (fragment === null) warnings.push('VM_IS_DID');
  else if (fragment !== keyId) throw new KeyResolutionError('VM_NOT_FOUND', `a did:jwk has one key, '#${keyId}': ${vmId}`);
  const key = await jwkKey(await didJwkValue(controllerId.slice('did:jwk:'.length)), {});
  if (key.jwk.use === 'enc') {
    throw new KeyResolutionError('VM_NOT_ASSERTION', `the did:jwk key ${vmId} has use "enc": it is only for encryption, not for issuing credentials`);
  }
  return resolved({ method: 'did:jwk', id: `${controllerId}#${keyId}`, controller: controllerId, listedController: controllerId, publicKeyJwk: key.jwk, publicKey: key.publicKey, keyType: key.keyType, warnings });
}

async function didJwkValue(value) {
  const { strictBase64url } = await import('./jwk.js');
  try {
    if (value.length === 0) throw new Error('empty');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(strictBase64url(value));
    const parsed = JSON.parse(text);
    const problem = checkJsonText(text);
    if (problem) throw new Error(problem.code);
    return parsed;
  } catch (e) {
    throw new KeyResolutionError('JWK_MALFORMED', `the did:jwk identifier is not the base64url of a JSON Web Key (${e.message})`);
  }
}

function asArray(value) {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Equal as JSON values (as Python's _same_json). */
function sameJson(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return a === b;
}

/**
 * The one entry of `doc` that is the key `vmId`: in verificationMethod or embedded in
 * assertionMethod; listed in both, the two must be the same.
 */
function listedKey(doc, vmId, fragment, where) {
  const listed = asArray(doc.verificationMethod).filter(isObject);
  const embedded = asArray(doc.assertionMethod).filter(isObject);
  const found = [listed, embedded].map((entries) => entries.filter((m) => m.id === vmId));
  if (found.every((f) => f.length === 0)) {
    const relative = [...listed, ...embedded].some((m) => m.id === `#${fragment}`);
    throw new KeyResolutionError(
      relative ? 'VM_RELATIVE_ID' : 'VM_NOT_FOUND',
      relative
        ? `the document lists the key as "#${fragment}"; verification method ids must be absolute (${vmId})`
        : `the document at ${where.url} does not list the key ${vmId}`,
      where,
    );
  }
  if (found.some((f) => f.length > 1) || (found.every((f) => f.length === 1) && !sameJson(found[0][0], found[1][0]))) {
    throw new KeyResolutionError('VM_DUPLICATE', `the key ${vmId} is listed more than once`, where);
  }
  return found[0][0] ?? found[1][0];
}

/** {keyType, publicKey, publicKeyMultibase, publicKeyJwk} of a verification method, by its type. */
async function keyMaterial(vm, vmId, where) {
  const types = KEY_RULES.methodTypes;
  const kind = vm.type;
  if (typeof kind !== 'string' || !Object.hasOwn(types, kind)) {
    throw new KeyResolutionError('VM_TYPE', `the key ${vmId} has type ${JSON.stringify(kind)}; only ${Object.keys(types).join(', ')} are supported`, where);
  }
  const value = vm[types[kind].property];
  if (types[kind].property === 'publicKeyJwk') {
    const key = await jwkKey(value, where);
    return { keyType: key.keyType, publicKey: key.publicKey, publicKeyMultibase: null, publicKeyJwk: key.jwk };
  }
  const { keyType, publicKey } = multikey(value, where);
  const allowed = types[kind].keyTypes;
  if (allowed && !allowed.includes(keyType)) {
    throw new KeyResolutionError('VM_TYPE', `an ${kind} holds ${allowed.join(' or ')} keys, not ${keyType}`, where);
  }
  return { keyType, publicKey, publicKeyMultibase: value, publicKeyJwk: null };
}

/** The notes on the key's authorisation for issuing; KeyResolutionError when it has none. */
function assertionNotes(doc, controllerId, vmId, where) {
  const assertion = asArray(doc.assertionMethod);
  if (assertion.some((ref) => ref === vmId || (isObject(ref) && ref.id === vmId))) return [];
  if (assertion.some((ref) => typeof ref === 'string' && `${controllerId}${ref}` === vmId)) return ['ASSERTION_RELATIVE']; // such a ref is '#fragment'
  throw new KeyResolutionError('VM_NOT_ASSERTION', `the key ${vmId} is not listed under assertionMethod, so it may not be used to issue credentials`, where);
}

/** The document of a did:web or https controller, through the caller's fetchJson (shared cache). */
async function fetchDocument(documentUrl, options) {
  if (typeof options.fetchJson !== 'function') {
    throw new KeyResolutionError('NO_FETCH', 'no fetchJson was given, so the issuer document cannot be read', {
      retryable: true,
      url: documentUrl,
    });
  }
  const cache = options.cache || new Map();
  if (!cache.has(documentUrl)) cache.set(documentUrl, Promise.resolve().then(() => options.fetchJson(documentUrl)));
  try {
    return await cache.get(documentUrl);
  } catch (e) {
    throw new KeyResolutionError('KEY_DOCUMENT_UNREACHABLE', `could not fetch ${documentUrl}: ${e && e.message ? e.message : e}`, {
      retryable: true,
      url: documentUrl,
    });
  }
}

/**
 * Resolve a verificationMethod (or a JWT's `kid`) to a key that its controller authorises for
 * assertionMethod.
 *
 * @param {string} vmId the proof's verificationMethod
 * @param {object} options
 * @param {(url: string) => Promise<any>} [options.fetchJson] the only way to the network
 * @param {{did: string, documentUrl: string}} [options.localDid] "the issuer is this site": read
 *   that controller's document from a same-origin URL (pages are previewed on 127.0.0.1 while
 *   the DID names the production host)
 * @param {Map<string, Promise<any>>} [options.cache] shares fetched documents within one verification
 * @param {boolean} [options.jose] accept a key only JOSE uses (RSA: publicKey null, publicKeyJwk set);
 *   without it such a key is refused with JWK_JOSE_ONLY, as Data Integrity proofs cannot use it
 * @returns {Promise<{method: string, id: string, controller: string, listedController: string,
 *   publicKeyMultibase: string|null, publicKeyJwk: object|null, publicKey: Uint8Array|null, keyType: string,
 *   documentUrl: string|null, local: boolean, dates: {revoked?: unknown, expires?: unknown}, warnings: string[]}>}
 *   `controller`: the id of the document the key was read from (the DID, or the https document's
 *   address), the only party that can publish it; `listedController`: the controller the key's entry
 *   writes, which anyone can set to any name (the key-controller check refuses a key whose two
 *   differ); `publicKeyJwk`: the method's JWK when it had one (did:jwk, JsonWebKey), for JOSE;
 *   `dates`: the key's own revoked and expires as its document writes them (the key-status check judges them)
 * @throws {KeyResolutionError}
 */
export async function resolveVerificationMethod(vmId, options = {}) {
  const vm = await resolvePublishedKey(vmId, options);
  if (vm.publicKey === null && options.jose !== true) {
    throw new KeyResolutionError('JWK_JOSE_ONLY', `the published key is an ${vm.keyType} key, which only JOSE (JWT) signatures use`, vm.documentUrl ? { url: vm.documentUrl } : {});
  }
  return vm;
}

/** `doc` as the document of `controllerId`; KeyResolutionError when it is not. */
function controllerDocument(doc, controllerId, documentUrl) {
  const where = { url: documentUrl };
  if (!isObject(doc)) {
    throw new KeyResolutionError('KEY_DOCUMENT_MALFORMED', `${documentUrl} is not a JSON object`, where);
  }
  if (doc.id !== controllerId) {
    throw new KeyResolutionError('KEY_DOCUMENT_ID_MISMATCH', `the document at ${documentUrl} has id ${JSON.stringify(doc.id)}, not ${controllerId}`, {
      ...where,
      detail: { expected: controllerId, actual: doc.id ?? null },
    });
  }
  return doc;
}

/**
 * The keys the DID `did` authorises for issuing (assertionMethod): a did:key's or did:jwk's own key,
 * every usable assertion key of a did:web document (a listed entry that is not a usable key is left
 * out). A key that came with a credential rather than from its issuer (a JWT's jwk header) is that
 * DID's only when it is one of these. As Python's assertion_keys.
 * @param {string} did
 * @param {object} options as resolveVerificationMethod's
 * @returns {Promise<object[]>} resolved keys, as resolveVerificationMethod returns them (JOSE keys too)
 * @throws {KeyResolutionError} when the DID or its document cannot be read (retryable: not fetched)
 */
export async function resolveAssertionKeys(did, options = {}) {
  const { method, controllerId } = parseVerificationMethodId(did);
  if (method !== 'did:web') return [{ ...(await resolvePublishedKey(controllerId, options)), warnings: [] }];
  const local = Boolean(options.localDid && options.localDid.did === controllerId && options.localDid.documentUrl);
  const documentUrl = local ? options.localDid.documentUrl : didWebToUrl(controllerId);
  const doc = controllerDocument(await fetchDocument(documentUrl, options), controllerId, documentUrl);
  const keys = [];
  for (const entry of asArray(doc.assertionMethod)) {
    const listed = isObject(entry) ? entry.id : entry;
    const keyId = typeof listed === 'string' && listed.startsWith('#') ? `${controllerId}${listed}` : listed;
    if (typeof keyId !== 'string' || !keyId.startsWith(`${controllerId}#`)) continue; // only this DID's own keys
    try {
      keys.push(await resolvePublishedKey(keyId, options));
    } catch (e) {
      if (!(e instanceof KeyResolutionError)) throw e;
    }
  }
  return keys;
}

async function resolvePublishedKey(vmId, options) {
  const { method, controllerId, fragment } = parseVerificationMethodId(vmId);
  if (method === 'did:key') return resolveDidKey(vmId, controllerId, fragment);
  if (method === 'did:jwk') return resolveDidJwk(vmId, controllerId, fragment);
  if (fragment === null) {
    throw new KeyResolutionError('VM_SYNTAX', `verificationMethod must name a key with a #fragment: ${vmId}`);
  }

  let documentUrl = method === 'did:web' ? didWebToUrl(controllerId) : controllerId;
  const local = Boolean(options.localDid && options.localDid.did === controllerId && options.localDid.documentUrl);
  if (local) documentUrl = options.localDid.documentUrl;
  const doc = controllerDocument(await fetchDocument(documentUrl, options), controllerId, documentUrl);
  const where = { url: documentUrl };
  const vm = listedKey(doc, vmId, fragment, where);
  const material = await keyMaterial(vm, vmId, where);
  if (typeof vm.controller !== 'string') {
    throw new KeyResolutionError('VM_CONTROLLER_MISSING', `the key ${vmId} does not name its controller`, where);
  }
  const warnings = assertionNotes(doc, controllerId, vmId, where);
  if (local) warnings.push('LOCAL_DOCUMENT');
  // The key's own dates (Multikey revoked / expires), as written: the key-status check judges them.
  const dates = Object.fromEntries(KEY_RULES.keyDates.filter((f) => Object.hasOwn(vm, f)).map((f) => [f, vm[f]]));
  return resolved({ method, id: vmId, controller: controllerId, listedController: vm.controller, ...material, documentUrl, local, dates, warnings });
}
