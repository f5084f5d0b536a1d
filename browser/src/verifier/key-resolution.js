/**
 * Finding the public key behind a proof's verificationMethod, and deciding whether the controller
 * document really authorises it for issuing (assertionMethod).
 *
 * Supported: did:key (the key is in the identifier), did:web (W3C CCG did:web: the DID document is
 * served over HTTPS at a URL derived from the DID) and plain HTTPS controller documents (W3C
 * Controlled Identifiers 1.0; the 1EdTech OB test vector uses one). Every network read goes
 * through the caller's fetchJson, so the verifier itself never opens a connection.
 *
 * The 1EdTech validator takes the key straight from a '#z6Mk…' fragment without fetching the
 * document. We do not: anybody can write their own key into a fragment, so only the issuer's
 * published document can tie a key to the issuer.
 */
import { decodeEd25519Multikey, ED25519_KEY_TYPE, MultikeyError } from './multikey.js';
import { RULES } from './rulebook.js';

const KEY_TYPE = RULES.keys.type;

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

const HOST = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const PATH_SEGMENT = /^(?:[A-Za-z0-9._~!$&'()*+,;=@-]|%[0-9A-Fa-f]{2})+$/;

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
  const match = /^([^:]*)(?::(\d{1,5}))?$/.exec(authority);
  if (!match || !HOST.test(match[1]) || IPV4.test(match[1]) || (match[2] !== undefined && Number(match[2]) > 65535)) {
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
 * Split a verificationMethod reference into the controller identifier and the fragment, and name
 * the resolution method. Query strings and DID paths are refused: they would make "the key" depend
 * on services we do not implement.
 * @param {unknown} vmId
 * @returns {{method: 'did:key'|'did:web'|'https', controllerId: string, fragment: string|null}}
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
    if (controllerId.startsWith('did:key:')) return { method: 'did:key', controllerId, fragment };
    if (controllerId.startsWith('did:web:')) return { method: 'did:web', controllerId, fragment };
    const method = controllerId.split(':').slice(0, 2).join(':');
    throw new KeyResolutionError('UNSUPPORTED_DID_METHOD', `DID method ${method} is not supported (only did:web and did:key)`, {
      detail: { method },
    });
  }
  if (controllerId.startsWith('https://')) {
    let url;
    try {
      url = new URL(controllerId);
    } catch {
      throw new KeyResolutionError('VM_SYNTAX', `verificationMethod is not a valid URL: ${vmId}`);
    }
    if (url.username || url.password || url.href !== controllerId) {
      throw new KeyResolutionError('VM_SYNTAX', `verificationMethod URL is not in normal form: ${vmId}`);
    }
    return { method: 'https', controllerId, fragment };
  }
  const scheme = controllerId.split(':')[0];
  throw new KeyResolutionError('UNSUPPORTED_DID_METHOD', `verification methods of kind "${scheme}:" are not supported`, {
    detail: { method: scheme },
  });
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
  let publicKey;
  try {
    publicKey = decodeEd25519Multikey(multibase);
  } catch (e) {
    throw new KeyResolutionError(e instanceof MultikeyError ? e.code : 'MULTIKEY_ENCODING', e.message);
  }
  return {
    method: 'did:key',
    id: `${controllerId}#${multibase}`,
    controller: controllerId,
    listedController: controllerId,
    publicKeyMultibase: multibase,
    publicKey,
    keyType: ED25519_KEY_TYPE,
    documentUrl: null,
    local: false,
    dates: {},
    warnings,
  };
}

function asArray(value) {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Resolve a verificationMethod to an Ed25519 key that its controller authorises for
 * assertionMethod.
 *
 * @param {string} vmId the proof's verificationMethod
 * @param {object} options
 * @param {(url: string) => Promise<any>} [options.fetchJson] the only way to the network
 * @param {{did: string, documentUrl: string}} [options.localDid] "the issuer is this site": read
 *   that controller's document from a same-origin URL (pages are previewed on 127.0.0.1 while
 *   the DID names the production host)
 * @param {Map<string, Promise<any>>} [options.cache] shares fetched documents within one verification
 * @returns {Promise<{method: string, id: string, controller: string, listedController: string,
 *   publicKeyMultibase: string, publicKey: Uint8Array, keyType: string, documentUrl: string|null, local: boolean,
 *   dates: {revoked?: unknown, expires?: unknown}, warnings: string[]}>} `controller`: the id of the
 *   document the key was read from (the DID, or the https document's address), the only party that
 *   can publish it; `listedController`: the controller the key's entry writes, which anyone can set
 *   to any name (the key-controller check refuses a key whose two differ); `dates`: the key's own
 *   revoked and expires as its document writes them (the key-status check judges them)
 * @throws {KeyResolutionError}
 */
export async function resolveVerificationMethod(vmId, options = {}) {
  const { method, controllerId, fragment } = parseVerificationMethodId(vmId);
  if (method === 'did:key') return resolveDidKey(vmId, controllerId, fragment);
  if (fragment === null) {
    throw new KeyResolutionError('VM_SYNTAX', `verificationMethod must name a key with a #fragment: ${vmId}`);
  }

  let documentUrl = method === 'did:web' ? didWebToUrl(controllerId) : controllerId;
  const local = Boolean(options.localDid && options.localDid.did === controllerId && options.localDid.documentUrl);
  if (local) documentUrl = options.localDid.documentUrl;

  if (typeof options.fetchJson !== 'function') {
    throw new KeyResolutionError('NO_FETCH', 'no fetchJson was given, so the issuer document cannot be read', {
      retryable: true,
      url: documentUrl,
    });
  }
  const cache = options.cache || new Map();
  if (!cache.has(documentUrl)) cache.set(documentUrl, Promise.resolve().then(() => options.fetchJson(documentUrl)));
  let doc;
  try {
    doc = await cache.get(documentUrl);
  } catch (e) {
    throw new KeyResolutionError('KEY_DOCUMENT_UNREACHABLE', `could not fetch ${documentUrl}: ${e && e.message ? e.message : e}`, {
      retryable: true,
      url: documentUrl,
    });
  }
  const where = { url: documentUrl };
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new KeyResolutionError('KEY_DOCUMENT_MALFORMED', `${documentUrl} is not a JSON object`, where);
  }
  if (doc.id !== controllerId) {
    throw new KeyResolutionError('KEY_DOCUMENT_ID_MISMATCH', `the document at ${documentUrl} has id ${JSON.stringify(doc.id)}, not ${controllerId}`, {
      ...where,
      detail: { expected: controllerId, actual: doc.id ?? null },
    });
  }

  const methods = asArray(doc.verificationMethod).filter((m) => m && typeof m === 'object');
  const found = methods.filter((m) => m.id === vmId);
  if (found.length === 0) {
    const relative = methods.some((m) => m.id === `#${fragment}`);
    throw new KeyResolutionError(
      relative ? 'VM_RELATIVE_ID' : 'VM_NOT_FOUND',
      relative
        ? `the document lists the key as "#${fragment}"; verification method ids must be absolute (${vmId})`
        : `the document at ${documentUrl} does not list the key ${vmId}`,
      where,
    );
  }
  if (found.length > 1) throw new KeyResolutionError('VM_DUPLICATE', `the key ${vmId} is listed more than once`, where);
  const vm = found[0];
  if (vm.type !== KEY_TYPE) {
    throw new KeyResolutionError('VM_TYPE', `the key ${vmId} has type ${JSON.stringify(vm.type)}; only ${KEY_TYPE} is supported`, where);
  }
  let publicKey;
  try {
    publicKey = decodeEd25519Multikey(vm.publicKeyMultibase);
  } catch (e) {
    throw new KeyResolutionError(e instanceof MultikeyError ? e.code : 'MULTIKEY_ENCODING', e.message, where);
  }
  if (typeof vm.controller !== 'string') {
    throw new KeyResolutionError('VM_CONTROLLER_MISSING', `the key ${vmId} does not name its controller`, where);
  }

  const warnings = [];
  const assertion = asArray(doc.assertionMethod);
  if (!assertion.some((ref) => ref === vmId)) {
    if (assertion.some((ref) => typeof ref === 'string' && ref.startsWith('#') && `${controllerId}${ref}` === vmId)) {
      warnings.push('ASSERTION_RELATIVE');
    } else {
      throw new KeyResolutionError('VM_NOT_ASSERTION', `the key ${vmId} is not listed under assertionMethod, so it may not be used to issue credentials`, where);
    }
  }
  if (local) warnings.push('LOCAL_DOCUMENT');

  // The key's own dates (Multikey revoked / expires), as written: the key-status check judges them.
  const dates = Object.fromEntries(['revoked', 'expires'].filter((f) => Object.hasOwn(vm, f)).map((f) => [f, vm[f]]));
  return {
    method,
    id: vmId,
    controller: controllerId,
    listedController: vm.controller,
    publicKeyMultibase: vm.publicKeyMultibase,
    publicKey,
    keyType: ED25519_KEY_TYPE,
    documentUrl,
    local,
    dates,
    warnings,
  };
}
