/**
 * Packed credential pages (build --pack; credsite/build/pack.py writes them): find a page in its pack
 * and decrypt it with the id from the address. The pack files are public, the pages in them are
 * not: each is filed under a hash of the id and encrypted (AES-256-GCM) under a key derived from
 * the id (HKDF-SHA-256), so only who has a credential's address can read its page.
 */
import { gunzip } from '../verifier/gunzip.js';

export const PACK_FORMAT = 'credsite-pack-1';
const SALT = new TextEncoder().encode('credsite-pack-1');
const TOKEN = /^[a-z2-7]{26,64}$/;
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

export class PackError extends Error {
  /** @param {'NO_ID'|'NOT_FOUND'|'UNREADABLE'} code */
  constructor(code, message) {
    super(message);
    this.name = 'PackError';
    this.code = code;
  }
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The credential id of this address: /c/<id>/ (a rewrite to the router) or /c/?id=<id> (sent
 * on by the 404 page), else null.
 * @param {string} href
 */
export function packedId(href) {
  const url = new URL(href);
  const query = url.searchParams.get('id');
  if (query !== null) return TOKEN.test(query) ? query : null;
  const match = /\/c\/([a-z2-7]{26,64})\/?(?:index\.html)?$/.exec(url.pathname);
  return match ? match[1] : null;
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

/**
 * Decrypt one sealed page: {title, lang, body}.
 * @param {string} token
 * @param {string} sealed base64url
 */
export async function unseal(token, sealed) {
  const [keyBytes, nonce, id] = await Promise.all([derive(token, 'aes-256-gcm key', 32), derive(token, 'aes-gcm nonce', 12), lookupId(token)]);
  const key = await crypto.subtle.importKey('raw', keyBytes, 'AES-GCM', false, ['decrypt']);
  let plain;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: new TextEncoder().encode(id) }, key, base64url(sealed));
  } catch {
    throw new PackError('UNREADABLE', 'the page in the pack could not be decrypted');
  }
  const { bytes } = await gunzip(new Uint8Array(plain), { maxBytes: MAX_PAGE_BYTES });
  const json = new TextDecoder().decode(bytes);
  const page = JSON.parse(json);
  if (!page || typeof page.body !== 'string' || typeof page.title !== 'string' || typeof page.lang !== 'string') {
    throw new PackError('UNREADABLE', 'the page in the pack is not a credential page');
  }
  return page;
}

/**
 * Fetch the credential's pack and decrypt its page.
 * @param {string} token
 * @param {{packs: string, digits: number, fetch?: typeof fetch}} where packs: the packs' folder URL
 */
export async function openPack(token, { packs, digits, fetch: fetchImpl = fetch }) {
  if (!TOKEN.test(token || '')) throw new PackError('NO_ID', 'this address names no credential');
  const id = await lookupId(token);
  const response = await fetchImpl(new URL(`${id.slice(0, digits)}.json`, packs), { credentials: 'same-origin', redirect: 'error' });
  if (response.status === 404) throw new PackError('NOT_FOUND', 'there is no credential at this address');
  if (!response.ok) throw new PackError('UNREADABLE', `the pack could not be fetched (HTTP ${response.status})`);
  const pack = await response.json();
  if (!pack || pack.format !== PACK_FORMAT || typeof pack.pages !== 'object') throw new PackError('UNREADABLE', 'not a credsite pack');
  const sealed = Object.hasOwn(pack.pages, id) ? pack.pages[id] : null;
  if (typeof sealed !== 'string') throw new PackError('NOT_FOUND', 'there is no credential at this address');
  return unseal(token, sealed);
}
