/**
 * Packed pages (build --pack and private mode; credsite/build/pack.py writes them): find a page in
 * its pack and decrypt it with the id from the address. The pack files are public, the pages in
 * them are not: each is filed under a hash of the id and encrypted (AES-256-GCM) under a key
 * derived from the id (HKDF-SHA-256), so only who has a page's address can read it.
 *
 * The routers (c/index.html for credentials, l/index.html for a learner's collection) call
 * showPacked(): it reads the id, opens the page, puts it in place of the router's body, or says
 * in the router why not (#credential-pack / #collection-pack [data-state]: not-found | invalid |
 * error). On a private site (data-private) the id lives in the fragment only, which browsers never
 * send: an old link in the path or query form is rewritten to it before anything is fetched, and
 * the only request derived from the id is its pack, named by a few hex digits of a one-way hash.
 * A page opened from its fragment keeps it: in-page links scroll instead of replacing it, and a new
 * id in the fragment (which loads nothing by itself) opens its page.
 * Everything here is loaded lazily (a chunk), so it weighs nothing on a page's first script.
 */
import { gunzip } from '../verifier/gunzip.js';

export const PACK_FORMAT = 'credsite-pack-1';
const SALT = new TextEncoder().encode('credsite-pack-1');
const ID = '[a-z2-7]{26,64}';
const TOKEN = new RegExp(`^${ID}$`);
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/**
 * Why a page could not be opened. NO_ID: the address names none (a link cut short); NOT_FOUND:
 * its pack has no page under the id's hash (a mistyped link, or taken off the site); ALTERED: a
 * page is filed under it but does not decrypt (the ciphertext on the site was changed); UNREADABLE:
 * the pack or the page could not be fetched or read.
 */
export class PackError extends Error {
  /** @param {'NO_ID'|'NOT_FOUND'|'ALTERED'|'UNREADABLE'} code */
  constructor(code, message) {
    super(message);
    this.name = 'PackError';
    this.code = code;
  }
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The id of a page's address, from the first form that has one: the fragment (`/<folder>/#<id>`,
 * private mode), the query (`?id=<id>`, sent on by the 404 page of a packed site) or the path
 * (`/<folder>/<id>/`, a rewrite to the router). A fragment that is no id (`#main`, a link cut
 * short) is not one; a query `id` that is no id means none.
 * @param {string} href
 * @param {'c'|'l'} [folder] c: credentials, l: collections
 * @returns {string|null}
 */
export function linkId(href, folder = 'c') {
  const url = new URL(href);
  const fragment = url.hash.slice(1);
  if (TOKEN.test(fragment)) return fragment;
  const query = url.searchParams.get('id');
  if (query !== null) return TOKEN.test(query) ? query : null;
  const match = new RegExp(`/${folder}/(${ID})/?(?:index\\.html)?$`).exec(url.pathname);
  return match ? match[1] : null;
}

/** The credential id of this address (linkId of a credential page). @param {string} href */
export function packedId(href) {
  return linkId(href, 'c');
}

/**
 * Where a private site's address of `href` is: the router (the packs' parent folder) with the id
 * in the fragment; null when `href` is in that form already or names no id.
 * @param {string} href
 * @param {'c'|'l'} folder
 * @param {string|URL} packs the packs' folder URL (<root><folder>/packs/)
 * @returns {string|null}
 */
export function privateAddress(href, folder, packs) {
  const id = linkId(href, folder);
  if (!id || new URL(href).hash === `#${id}`) return null;
  return `${new URL('../', packs).href}#${id}`;
}

/** Where a page is filed: 128 bits of SHA-256("credsite-pack-id\0" + id), in hex. */
export async function lookupId(token) {
  const data = new TextEncoder().encode(`credsite-pack-id\0${token}`);
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', data))).slice(0, 32);
}

async function derive(token, info, bytes) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(token), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: SALT, info: new TextEncoder().encode(info) }, key, bytes * 8);
  return new Uint8Array(bits);
}

function base64url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Decrypt a sealed page's bytes; a page that is not base64url or fails its GCM tag was altered. */
async function decrypt(token, sealed) {
  const [keyBytes, nonce, id] = await Promise.all([derive(token, 'aes-256-gcm key', 32), derive(token, 'aes-gcm nonce', 12), lookupId(token)]);
  const key = await crypto.subtle.importKey('raw', keyBytes, 'AES-GCM', false, ['decrypt']);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: new TextEncoder().encode(id) }, key, base64url(sealed)));
  } catch {
    throw new PackError('ALTERED', 'the page in the pack does not decrypt: it was altered or damaged');
  }
}

/**
 * Decrypt one sealed page: {title, lang, body}.
 * @param {string} token
 * @param {string} sealed base64url
 */
export async function unseal(token, sealed) {
  const plain = await decrypt(token, sealed);
  let page;
  try {
    const { bytes } = await gunzip(plain, { maxBytes: MAX_PAGE_BYTES });
    page = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new PackError('UNREADABLE', `the page in the pack could not be read (${e && e.message ? e.message : e})`);
  }
  if (!page || typeof page.body !== 'string' || typeof page.title !== 'string' || typeof page.lang !== 'string') {
    throw new PackError('UNREADABLE', 'the page in the pack is not a page');
  }
  return page;
}

/** The pack holding lookup id `id`, fetched; a pack that is not there means no page. */
async function fetchPack(id, { packs, digits, fetchImpl }) {
  let response;
  let pack;
  try {
    response = await fetchImpl(new URL(`${id.slice(0, digits)}.json`, packs), { credentials: 'same-origin', redirect: 'error' });
    if (response.status === 404) throw new PackError('NOT_FOUND', 'there is no page at this address');
    if (!response.ok) throw new PackError('UNREADABLE', `the pack could not be fetched (HTTP ${response.status})`);
    pack = await response.json();
  } catch (e) {
    throw e instanceof PackError ? e : new PackError('UNREADABLE', `the pack could not be fetched (${e && e.message ? e.message : e})`);
  }
  if (!pack || pack.format !== PACK_FORMAT || !pack.pages || typeof pack.pages !== 'object') throw new PackError('UNREADABLE', 'not a credsite pack');
  return pack;
}

/**
 * Fetch the page's pack and decrypt its page.
 * @param {string|null} token
 * @param {{packs: string|URL, digits: number, fetch?: typeof fetch}} where packs: the packs' folder URL
 */
export async function openPack(token, { packs, digits, fetch: fetchImpl = fetch }) {
  if (!TOKEN.test(token || '')) throw new PackError('NO_ID', 'this address names no page');
  const id = await lookupId(token);
  const pack = await fetchPack(id, { packs, digits, fetchImpl });
  const sealed = Object.hasOwn(pack.pages, id) ? pack.pages[id] : null;
  if (typeof sealed !== 'string') throw new PackError('NOT_FOUND', 'there is no page at this address');
  return unseal(token, sealed);
}

/** The routers' texts (only they show them, so they live here and not in page-texts.js). */
export const ROUTER_TEXTS = Object.freeze({
  nl: Object.freeze({
    'not-found': 'Op dit adres staat geen microcredential. Controleer het adres; de uitgever kan een microcredential ook van de site hebben gehaald.',
    'not-found-private':
      'Deze link is niet compleet of niet geldig. Controleer of de hele link is gekopieerd, ook het deel na het #-teken. De uitgever kan deze pagina ook van de site hebben gehaald.',
    'invalid-title': 'Niet geverifieerd',
    invalid:
      'De versleutelde gegevens achter deze link zijn op de site gewijzigd of beschadigd. Wat hier stond is daarom niet geverifieerd en niet te vertrouwen. Vraag de uitgever om een nieuwe link.',
    error: 'Deze pagina kon niet worden geladen ({reason}). Probeer het later opnieuw.',
  }),
  en: Object.freeze({
    'not-found': 'There is no micro-credential at this address. Check the address; the issuer may also have taken a credential off the site.',
    'not-found-private':
      'This link is not complete or not valid. Check that the whole link was copied, including the part after the # sign. The issuer may also have taken this page off the site.',
    'invalid-title': 'Not verified',
    invalid:
      'The encrypted data behind this link was altered or damaged on the site, so what it held is not verified and cannot be trusted. Ask the issuer for a new link.',
    error: 'This page could not be loaded ({reason}). Please try again later.',
  }),
});

/**
 * What a router shows when it could not open its page: its data-state and its texts' keys.
 * @param {unknown} error
 * @param {boolean} isPrivate
 * @returns {{state: 'not-found'|'invalid'|'error', title: string|null, text: string}}
 */
export function routerFailure(error, isPrivate) {
  const code = error instanceof PackError ? error.code : 'UNREADABLE';
  if (code === 'ALTERED') return { state: 'invalid', title: 'invalid-title', text: 'invalid' };
  if (code === 'NO_ID' || code === 'NOT_FOUND') return { state: 'not-found', title: null, text: isPrivate ? 'not-found-private' : 'not-found' };
  return { state: 'error', title: null, text: 'error' };
}

/** A router text in `lang` (English when the site's language has none), its `{reason}` filled. */
export function routerText(lang, key, reason = '') {
  const table = ROUTER_TEXTS[lang] || ROUTER_TEXTS.en;
  return table[key].replace('{reason}', reason);
}

let opened = null;

/** The id of the page showPacked opened, if it did (the downloads are named after it). */
export function openedId() {
  return opened;
}

/** Put the decrypted page in place of the router's: parsed inert, no script of it kept but data. */
function place(page) {
  const parsed = new DOMParser().parseFromString(`<!doctype html><title>${page.title}</title><body>${page.body}`, 'text/html');
  for (const script of parsed.querySelectorAll('script:not([type="application/json"])')) script.remove();
  document.title = parsed.title;
  document.documentElement.lang = page.lang;
  document.body.replaceChildren(...Array.from(parsed.body.childNodes, (node) => document.importNode(node, true)));
}

/** The credential's own download: the JSON on the page, named after its id. */
function offerJson(token) {
  const json = document.getElementById('download-json');
  const text = document.getElementById('credential-json');
  if (!json || !text) return;
  json.href = URL.createObjectURL(new Blob([text.textContent], { type: 'application/json' }));
  json.download = `${token}.json`;
  json.hidden = false;
}

/**
 * Keep the address of a page opened from its fragment: an in-page link (the skip link's #main)
 * would replace the id in the fragment, so it scrolls and focuses instead.
 */
function keepFragment() {
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
    if (!link || event.defaultPrevented) return;
    event.preventDefault();
    const target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  });
}

/**
 * Open the page of a new id: another link pasted into the address bar, when only its fragment
 * differs, loads nothing (a same-document navigation), so the router would go on showing the
 * page, or the failure, of the id it read first.
 */
function followFragment(folder, token) {
  addEventListener('hashchange', () => {
    if (linkId(location.href, folder) !== token) location.reload();
  });
}

/** Say in the router why its page is not shown. */
function showFailure(router, error, isPrivate) {
  const { state, title, text } = routerFailure(error, isPrivate);
  const lang = document.documentElement.lang || 'nl';
  const status = document.getElementById('pack-status') || router.appendChild(document.createElement('p'));
  status.removeAttribute('data-label');
  status.textContent = routerText(lang, title || text, error && error.message ? error.message : String(error));
  if (title) {
    const summary = document.createElement('p');
    summary.id = 'pack-summary';
    summary.className = 'verdict-summary';
    summary.textContent = routerText(lang, text);
    status.after(summary);
  }
  router.dataset.state = state;
}

/**
 * A router: open this address's page from its pack and show it in place of the router's body,
 * or say why not. On a private site an id in the path or query is moved to the fragment first.
 * @param {HTMLElement} router #credential-pack or #collection-pack (data-packs, data-digits, data-private)
 * @param {'c'|'l'} folder
 * @returns {Promise<boolean>} whether the page is shown
 */
export async function showPacked(router, folder) {
  const packs = new URL(router.dataset.packs, location.href);
  const isPrivate = router.dataset.private === 'true';
  const moved = isPrivate ? privateAddress(location.href, folder, packs) : null;
  if (moved) history.replaceState(null, '', moved);
  const token = linkId(location.href, folder);
  followFragment(folder, token);
  try {
    const page = await openPack(token, { packs, digits: Number(router.dataset.digits) });
    place(page);
    opened = token;
    offerJson(token);
    if (location.hash === `#${token}`) keepFragment();
    return true;
  } catch (e) {
    showFailure(router, e, isPrivate);
    return false;
  }
}
