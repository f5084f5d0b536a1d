/**
 * How the verification pages reach the network, and where they say they are.
 *
 * The pages know three things about the site that built them (attributes of `#verification` or
 * `#verify-form`): its DID (`data-site-did`), its canonical base URL (`data-site-base`, the
 * issuer's https address) and the relative path from the page to the site's root
 * (`data-site-root`). A URL under the canonical base is fetched from the site root the page was
 * actually served from, so a local preview (127.0.0.1) or a copy under a sub-path checks against
 * its own files; every other URL (another issuer's DID document or status list) is fetched over
 * HTTPS as given. Because those local keys are not necessarily the issuer's, the page says so
 * when it is not on the issuer's own origin (originNote).
 *
 * Everything except createFetchJson is a pure function of strings, tested in Node.
 */
import { didWebAddress } from './credential-fields.js';
import { checkJsonText } from '../verifier/limits.js';
import { didWebToUrl } from '../verifier/key-resolution.js';

/** Largest JSON document the pages accept (a DID document or a status list is a few KB). */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;
/** A compact JWS (three base64url parts): a Status List Token is served as one. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** How long one request may take before the check gives up on it ("could not check"). */
export const FETCH_TIMEOUT_MS = 20000;

/**
 * The site as the page sees it.
 * @param {{siteDid?: string, siteBase?: string, siteRoot?: string}} dataset the element's dataset
 * @param {string} pageUrl location.href
 * @returns {{did: string|null, base: string|null, rootUrl: string}}
 */
export function siteContext(dataset, pageUrl) {
  let base = null;
  try {
    base = dataset.siteBase ? new URL(dataset.siteBase).href : null;
  } catch {
    base = null;
  }
  if (base && !base.endsWith('/')) base += '/';
  const rootUrl = new URL(dataset.siteRoot || './', pageUrl).href;
  return { did: dataset.siteDid || null, base, rootUrl: rootUrl.endsWith('/') ? rootUrl : `${rootUrl}/` };
}

/**
 * The URL the page actually fetches for `url`:
 * - under the site's canonical base → the same path under the site root the page came from;
 * - already under that site root (e.g. the local DID document URL) → as it is;
 * - any other https URL → as it is;
 * - anything else (http elsewhere, data:, javascript:, …) → refused with an Error.
 * The fragment is dropped; the query is kept.
 * @param {string} url
 * @param {{base: string|null, rootUrl: string}} site
 * @returns {string}
 */
export function fetchUrlFor(url, site) {
  const target = new URL(url);
  target.hash = '';
  if (site.base) {
    const base = new URL(site.base);
    if (target.origin === base.origin && target.pathname.startsWith(base.pathname)) {
      const rest = target.pathname.slice(base.pathname.length) + target.search;
      return new URL(`./${rest}`, site.rootUrl).href; // './' keeps 'x:y' and '//x' relative
    }
  }
  if (target.href.startsWith(site.rootUrl)) return target.href;
  if (target.protocol === 'https:') return target.href;
  throw new Error(`refusing to fetch ${target.protocol} URL ${target.href}: only https and this site`);
}

/**
 * `localDid` for verifyCredential: when the credential's issuer is this site, read its DID
 * document from this site's root (where the verifier will say it found it), else null.
 * @param {string|null} issuerId
 * @param {{did: string|null, base: string|null, rootUrl: string}} site
 * @returns {{did: string, documentUrl: string}|null}
 */
export function localDidFor(issuerId, site) {
  if (!site.did || issuerId !== site.did || !site.did.startsWith('did:web:')) return null;
  try {
    return { did: site.did, documentUrl: fetchUrlFor(didWebToUrl(site.did), site) };
  } catch {
    return null;
  }
}

/**
 * The https origin a did:web identifier stands for: `did:web:host%3A8443:path` → `https://host:8443`.
 * Null for anything that is not a usable did:web.
 * @param {unknown} did
 * @returns {string|null}
 */
export function issuerOrigin(did) {
  if (typeof did !== 'string' || !did.startsWith('did:web:')) return null;
  try {
    return new URL(didWebToUrl(did)).origin;
  } catch {
    return null;
  }
}

/**
 * Where an issuer's key was looked up, as a web address people recognise: the did:web host and
 * path, or the host and path of an https controller document; null for did:key (the key is in the
 * identifier; no web address vouches for it). The path is part of it: a DID under a path of a
 * shared host (`did:web:org.github.io:evil`) belongs to whoever publishes there, not to the host.
 * @param {unknown} issuerId
 * @returns {string|null}
 */
export function issuerKeyAddress(issuerId) {
  if (issuerOrigin(issuerId)) return didWebAddress(issuerId);
  if (typeof issuerId === 'string' && issuerId.startsWith('https://')) {
    try {
      const url = new URL(issuerId);
      return url.pathname === '/' ? url.host : `${url.host}${url.pathname}`;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Whether to say that a credential's issuer is not this site's institution, and how to name the
 * issuer then: its full web address (host and path), else its identifier. Null when the site has
 * no DID of its own or the issuer is that DID. A DID under a path of this very host
 * (`did:web:<host>:other`) is someone else's, and is named so.
 * @param {unknown} issuerId
 * @param {{did: string|null}} site
 * @returns {{issuer: string}|null}
 */
export function foreignIssuerNote(issuerId, site) {
  if (!site.did || typeof issuerId !== 'string' || issuerId === site.did) return null;
  return { issuer: issuerKeyAddress(issuerId) || issuerId };
}

/**
 * Whether to warn that the page is not on the issuer's own origin. The check used keys and lists
 * from the site the page was served from; only on the issuer's own https origin are those the
 * issuer's. Returns null when there is nothing to say (the right origin, or an issuer that is not
 * did:web, whose key does not depend on where the page is), else the two hosts for the note.
 * @param {unknown} issuerId the credential's issuer
 * @param {string} pageUrl location.href
 * @returns {{issuer: string, here: string}|null}
 */
export function originNote(issuerId, pageUrl) {
  const origin = issuerOrigin(issuerId);
  if (!origin) return null;
  const page = new URL(pageUrl);
  if (page.origin === origin) return null;
  const issuer = new URL(origin).host;
  // Same host over plain http (or another port): name the scheme too, so the two differ visibly.
  return { issuer, here: page.host && page.host !== issuer ? page.host : page.origin };
}

/**
 * The address of the same page on the issuer's own site, or null if the page is not under the
 * site root (it always is for pages the build wrote). A packed or private page keeps the id its
 * address carries (?id=, #): without it the router has nothing to show.
 * @param {string} pageUrl
 * @param {{base: string|null, rootUrl: string}} site
 * @returns {string|null}
 */
export function canonicalPageUrl(pageUrl, site) {
  const page = new URL(pageUrl);
  const id = /^(#|\?id=)[a-z2-7]{26,64}$/;
  if (!id.test(page.hash)) page.hash = '';
  if (!id.test(page.search)) page.search = '';
  if (!site.base || !page.href.startsWith(site.rootUrl)) return null;
  return new URL(page.href.slice(site.rootUrl.length), site.base).href;
}

/**
 * fetchJson for verifyCredential: fetch() with no cookies, no redirects, a time limit, and a
 * refusal of anything that is not a 2xx JSON document.
 * @param {{base: string|null, rootUrl: string}} site
 * @param {{fetch?: typeof fetch, timeoutMs?: number}} [options]
 * @returns {(url: string) => Promise<unknown>}
 */
export function createFetchJson(site, options = {}) {
  const doFetch = options.fetch || ((...args) => globalThis.fetch(...args));
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  return async function fetchJson(url) {
    const target = fetchUrlFor(url, site);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await doFetch(target, {
        credentials: 'omit',
        redirect: 'error',
        cache: 'no-cache',
        headers: { Accept: 'application/json, application/ld+json;q=0.9, application/statuslist+jwt;q=0.9, */*;q=0.1' },
        signal: controller.signal,
      });
      if (!response.ok) {
        const error = new Error(`HTTP ${response.status} for ${target}`);
        error.status = response.status; // 404/410 tell "not published" apart from "not reachable"
        throw error;
      }
      const length = Number(response.headers.get('content-length'));
      if (length > MAX_JSON_BYTES) throw new Error(`${target} is too large (${length} bytes)`);
      const body = await response.text();
      if (body.length > MAX_JSON_BYTES) throw new Error(`${target} is too large`);
      // A Status List Token (application/statuslist+jwt) is a compact JWT, not JSON: its text is
      // the document (as credsite/standards/fetch.py reads it).
      const token = body.trim();
      if (COMPACT_JWS.test(token)) return token;
      let value;
      try {
        value = JSON.parse(body);
      } catch {
        throw new Error(`${target} is not JSON`);
      }
      // A key given twice, or JSON beyond the verifier's limits, is refused as in a credential.
      const refused = checkJsonText(body);
      if (refused) throw new Error(`${target} is not acceptable JSON (${refused.code})`);
      return value;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * fetchJson that fetches each URL once, and `prefetch` to start the fetches a verification will
 * need (the issuer's DID document, the status lists) while the credential is being
 * canonicalized. A prefetch that fails is reported when the verifier asks for that document, as
 * if it had been fetched then.
 * @param {(url: string) => Promise<unknown>} fetchJson
 */
export function memoizeFetch(fetchJson) {
  const pending = new Map();
  const fetchOnce = (url) => {
    if (!pending.has(url)) {
      const promise = fetchJson(url);
      promise.catch(() => {}); // handled when (if) the verifier awaits it
      pending.set(url, promise);
    }
    return pending.get(url);
  };
  return { fetchJson: fetchOnce, prefetch: (urls) => urls.filter(Boolean).forEach(fetchOnce) };
}

/**
 * The documents verifying `credential` will fetch, known before the signature is checked: the
 * issuer's DID document (or this site's own copy of it) and, when the issuer is this site, its
 * revocation list and suspension companion on this same site. Fetching them while the credential
 * is canonicalized saves a round trip after it; the verifier still decides what to trust, and
 * no other host is contacted on the word of a credential that may be forged.
 * @param {unknown} credential
 * @param {{did: string, documentUrl: string}|null} localDid
 * @param {string|null} siteBase this site's canonical base URL
 * @returns {string[]}
 */
export function documentsToPrefetch(credential, localDid, siteBase = null) {
  if (!credential || typeof credential !== 'object') return [];
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer && credential.issuer.id;
  if (typeof issuer !== 'string' || !issuer.startsWith('did:web:')) return [];
  if (localDid && localDid.did === issuer) {
    const urls = [localDid.documentUrl];
    const status = credential.credentialStatus;
    const url = status && !Array.isArray(status) && typeof status.statusListCredential === 'string' ? status.statusListCredential : null;
    // This site's own lists only (same origin), fetched beside canonicalization; nothing is
    // fetched from elsewhere on the word of a credential that may be forged.
    if (url && siteBase && url.startsWith(siteBase)) {
      urls.push(url, url.replace(/\/status\/revocation-(\d+)\.json$/, '/status/suspension-$1.json'));
    }
    return urls;
  }
  try {
    return [didWebToUrl(issuer)];
  } catch {
    return []; // not a valid did:web: the verifier says so
  }
}
