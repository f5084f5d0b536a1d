// Packed and private pages in the browser (src/pages/pack.js): the address's id in every form, a
// real pack sealed here as credsite/build/pack.py seals it (and one page Python sealed), and every
// way a pack can fail to give a page, each with its own code and its router's state. The routers
// in a page (history, the body put in place) are tested in Chromium: tests/browser/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { linkId, lookupId, openPack, PACK_FORMAT, PackError, packedId, privateAddress, ROUTER_TEXTS, routerFailure, routerText, unseal } from '../src/pages/pack.js';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567';
const OTHER = 'zyxwvutsrqponmlkjihgfedcba765432';
const SITE = 'https://example.org/sub/';
const PACKS = `${SITE}c/packs/`;
const PAGE = { body: '<main id="main"><pre id="credential-json">{}</pre></main>', lang: 'en', title: 'Tést &amp; co' };
// pack.seal(TOKEN, PAGE) by credsite/build/pack.py: the browser reads what Python wrote.
const PYTHON_SEALED = 'dqMlSKApdBkTl2C6DzlzioCdZCcJBXqPSs267aJKGzE-yaKhQT0YFx2kfVCfc7l2IZzc7_gTHFbtOteX7L1bdwb6lVETWoRE1S6MyUrcfDCYpgZYX7lsOavWk9jyB4RfJ4X8Fe_dhS8YZNAHo3dvSUppyl-7BlHVoLeo0YMTLpVBrDYs';

const encode = (text) => new TextEncoder().encode(text);

async function derive(token, info, bytes) {
  const key = await crypto.subtle.importKey('raw', encode(token), 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: encode('credsite-pack-1'), info: encode(info) }, key, bytes * 8));
}

/** pack.py's seal: gzip(JSON) under AES-256-GCM, key and nonce from HKDF of the token, the lookup id as associated data. */
async function seal(token, page, plain = gzipSync(encode(JSON.stringify(page)))) {
  const key = await crypto.subtle.importKey('raw', await derive(token, 'aes-256-gcm key', 32), 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: await derive(token, 'aes-gcm nonce', 12), additionalData: encode(await lookupId(token)) }, key, plain));
  return Buffer.from(sealed).toString('base64url');
}

function fakeFetch(status, body) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url: String(url), init });
    return { status, ok: status >= 200 && status < 300, json: async () => (typeof body === 'function' ? body() : body) };
  };
  return { fetch, calls };
}

/** A site's packs as the build writes them: {prefix: pack}; a missing prefix is a 404. */
function packsServer(packs) {
  const calls = [];
  const fetch = async (url) => {
    calls.push(String(url));
    const name = String(url).slice(PACKS.length, -'.json'.length);
    const found = Object.hasOwn(packs, name);
    return { status: found ? 200 : 404, ok: found, json: async () => structuredClone(packs[name]) };
  };
  return { fetch, calls };
}

async function packOf(pages, digits = 1) {
  const packs = {};
  for (const [token, page] of pages) {
    const id = await lookupId(token);
    const pack = (packs[id.slice(0, digits)] ??= { format: PACK_FORMAT, pages: {} });
    pack.pages[id] = await seal(token, page);
  }
  return packs;
}

const failsWith = (code) => (e) => e instanceof PackError && e.code === code;

test('the id comes from the fragment, then ?id=, then the path, for credentials and collections', () => {
  for (const folder of ['c', 'l']) {
    assert.equal(linkId(`${SITE}${folder}/#${TOKEN}`, folder), TOKEN, `${folder} fragment`);
    assert.equal(linkId(`${SITE}${folder}/index.html#${TOKEN}`, folder), TOKEN);
    assert.equal(linkId(`${SITE}${folder}/?id=${TOKEN}`, folder), TOKEN, `${folder} query`);
    assert.equal(linkId(`${SITE}${folder}/${TOKEN}/`, folder), TOKEN, `${folder} path`);
    assert.equal(linkId(`${SITE}${folder}/${TOKEN}/index.html`, folder), TOKEN);
    assert.equal(linkId(`${SITE}${folder}/${TOKEN}`, folder), TOKEN);
  }
  assert.equal(linkId(`${SITE}c/${OTHER}/?id=${TOKEN}#${TOKEN}`), TOKEN, 'the fragment first');
  assert.equal(linkId(`${SITE}c/${OTHER}/?id=${TOKEN}`), TOKEN, 'then the query');
  assert.equal(linkId(`${SITE}c/${OTHER}/#main`), OTHER, 'a fragment that is no id leaves the path');
  assert.equal(linkId(`${SITE}l/${TOKEN}/`, 'c'), null, 'a collection path is no credential');
  assert.equal(linkId(`${SITE}c/${TOKEN}/`, 'l'), null, 'a credential path is no collection');
  assert.equal(packedId(`${SITE}c/#${TOKEN}`), TOKEN, 'packedId: a credential page');
  assert.equal(packedId(`${SITE}c/${TOKEN}/`), TOKEN);
});

test('a fragment or query that is no id names nothing: junk, a link cut short, another case, more', () => {
  const junk = ['#main', '#', '', `#${TOKEN.slice(0, 25)}`, `#${TOKEN.toUpperCase()}`, `#${TOKEN}x!`, `#id=${TOKEN}`, `#${TOKEN}/`, `#${'a'.repeat(65)}`, `#${TOKEN.replace('a', '1')}`];
  for (const folder of ['c', 'l']) {
    for (const fragment of junk) assert.equal(linkId(`${SITE}${folder}/${fragment}`, folder), null, `${folder}/${fragment}`);
  }
  assert.equal(linkId(`${SITE}c/?id=NOT-A-TOKEN#main`), null);
  assert.equal(linkId(`${SITE}c/${TOKEN}/?id=short`), null, 'a query id that is no id means none');
  assert.equal(linkId(`${SITE}nl/${TOKEN}/`), null);
  assert.equal(linkId(`${SITE}c/${TOKEN.slice(0, 25)}/`), null);
  assert.equal(linkId(`${SITE}c/`), null);
});

test("a private site's address has the id in the fragment only: path and query links are moved there", () => {
  assert.equal(privateAddress(`${SITE}c/${TOKEN}/`, 'c', PACKS), `${SITE}c/#${TOKEN}`);
  assert.equal(privateAddress(`${SITE}c/?id=${TOKEN}`, 'c', PACKS), `${SITE}c/#${TOKEN}`);
  assert.equal(privateAddress(`${SITE}c/index.html?id=${TOKEN}`, 'c', new URL(PACKS)), `${SITE}c/#${TOKEN}`);
  assert.equal(privateAddress(`${SITE}c/${TOKEN}/#main`, 'c', PACKS), `${SITE}c/#${TOKEN}`);
  assert.equal(privateAddress(`${SITE}l/${TOKEN}/`, 'l', `${SITE}l/packs/`), `${SITE}l/#${TOKEN}`);
  assert.equal(privateAddress(`${SITE}c/#${TOKEN}`, 'c', PACKS), null, 'already private');
  assert.equal(privateAddress(`${SITE}c/#main`, 'c', PACKS), null, 'no id: nothing to move');
  assert.equal(privateAddress(`${SITE}c/?id=short`, 'c', PACKS), null);
});

test('the lookup id is 128 bits of SHA-256 over a domain-separated id, as pack.py files it', async () => {
  assert.equal(await lookupId(TOKEN), 'fb7ad72b5e7adcd6e257983797e97921', 'pack.lookup_id of the same token');
  assert.notEqual(await lookupId(TOKEN), await lookupId(OTHER));
});

test('a page Python sealed, and one sealed here as Python seals, open with their id', async () => {
  assert.deepEqual(await unseal(TOKEN, PYTHON_SEALED), PAGE);
  const packs = await packOf([
    [TOKEN, PAGE],
    [OTHER, { ...PAGE, title: 'other' }],
  ]);
  const { fetch, calls } = packsServer(packs);
  assert.deepEqual(await openPack(TOKEN, { packs: PACKS, digits: 1, fetch }), PAGE);
  assert.equal((await openPack(OTHER, { packs: new URL(PACKS), digits: 1, fetch })).title, 'other');
  assert.deepEqual(calls, [`${PACKS}${(await lookupId(TOKEN))[0]}.json`, `${PACKS}${(await lookupId(OTHER))[0]}.json`]);
});

test('the only request is the pack, named by the hash: never the id, no cookies sent elsewhere, no redirects', async () => {
  const { fetch, calls } = fakeFetch(200, await packOf([[TOKEN, PAGE]], 2).then((p) => Object.values(p)[0]));
  await openPack(TOKEN, { packs: PACKS, digits: 2, fetch });
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, `${PACKS}${(await lookupId(TOKEN)).slice(0, 2)}.json`);
  assert.ok(!calls[0].url.includes(TOKEN));
  assert.deepEqual(calls[0].init, { credentials: 'same-origin', redirect: 'error' });
});

test('no id: refused before anything is fetched', async () => {
  const { fetch, calls } = fakeFetch(200, {});
  for (const token of ['', null, undefined, TOKEN.slice(0, 25), 'main', `${TOKEN}!`]) {
    await assert.rejects(openPack(token, { packs: PACKS, digits: 3, fetch }), failsWith('NO_ID'), String(token));
  }
  assert.deepEqual(calls, []);
});

test('a wrong or mistyped id is not found: its pack is missing, or has no page under its hash', async () => {
  const packs = await packOf([[TOKEN, PAGE]], 1);
  const { fetch } = packsServer(packs);
  const mistyped = `${TOKEN.slice(0, -1)}a`;
  const truncated = TOKEN.slice(0, 30);
  for (const token of [mistyped, truncated, OTHER]) {
    await assert.rejects(openPack(token, { packs: PACKS, digits: 1, fetch }), failsWith('NOT_FOUND'), token);
  }
  const { fetch: none } = packsServer({});
  await assert.rejects(openPack(TOKEN, { packs: PACKS, digits: 1, fetch: none }), failsWith('NOT_FOUND'), 'no such pack (HTTP 404)');
});

test('a found page whose ciphertext was altered is ALTERED, never a page or a crash', async () => {
  const id = await lookupId(TOKEN);
  const sealed = await seal(TOKEN, PAGE);
  const flip = (text, at) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
  const altered = [flip(sealed, 0), flip(sealed, sealed.length >> 1), flip(sealed, sealed.length - 2), sealed.slice(0, -4), `${sealed}AAAA`, '', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'not base64!', await seal(OTHER, PAGE)];
  for (const entry of altered) {
    const { fetch } = fakeFetch(200, { format: PACK_FORMAT, pages: { [id]: entry } });
    await assert.rejects(openPack(TOKEN, { packs: PACKS, digits: 1, fetch }), failsWith('ALTERED'), entry);
  }
  // The associated data binds a page to its lookup id: a valid page moved under another's id does not open.
  const { fetch } = fakeFetch(200, { format: PACK_FORMAT, pages: { [await lookupId(OTHER)]: sealed } });
  await assert.rejects(openPack(OTHER, { packs: PACKS, digits: 1, fetch }), failsWith('ALTERED'));
});

test('a page that decrypts but is no page, and a pack that cannot be fetched or read, are UNREADABLE', async () => {
  const id = await lookupId(TOKEN);
  const notPages = [
    await seal(TOKEN, null, encode('not gzip')),
    await seal(TOKEN, null, gzipSync(encode('not json'))),
    await seal(TOKEN, { title: 'no body', lang: 'en' }),
    await seal(TOKEN, ['a list']),
  ];
  for (const entry of notPages) {
    await assert.rejects(unseal(TOKEN, entry), failsWith('UNREADABLE'));
  }
  const broken = [
    fakeFetch(500, null),
    fakeFetch(503, null),
    fakeFetch(200, { format: 'something-else', pages: {} }),
    fakeFetch(200, { format: PACK_FORMAT }),
    fakeFetch(200, null),
    fakeFetch(200, () => {
      throw new SyntaxError('Unexpected token < in JSON');
    }),
    {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    },
  ];
  for (const { fetch } of broken) {
    await assert.rejects(openPack(TOKEN, { packs: PACKS, digits: 1, fetch }), failsWith('UNREADABLE'));
  }
  const { fetch } = fakeFetch(200, { format: PACK_FORMAT, pages: { [id]: 5 } });
  await assert.rejects(openPack(TOKEN, { packs: PACKS, digits: 1, fetch }), failsWith('NOT_FOUND'), 'no sealed page under the id');
});

test("each failure gives its router's state: not-found (with the private link's own text), invalid, error", () => {
  const cases = [
    ['NO_ID', false, { state: 'not-found', title: null, text: 'not-found' }],
    ['NOT_FOUND', false, { state: 'not-found', title: null, text: 'not-found' }],
    ['NO_ID', true, { state: 'not-found', title: null, text: 'not-found-private' }],
    ['NOT_FOUND', true, { state: 'not-found', title: null, text: 'not-found-private' }],
    ['ALTERED', true, { state: 'invalid', title: 'invalid-title', text: 'invalid' }],
    ['ALTERED', false, { state: 'invalid', title: 'invalid-title', text: 'invalid' }],
    ['UNREADABLE', true, { state: 'error', title: null, text: 'error' }],
  ];
  for (const [code, isPrivate, expected] of cases) assert.deepEqual(routerFailure(new PackError(code, 'x'), isPrivate), expected, `${code} ${isPrivate}`);
  assert.deepEqual(routerFailure(new TypeError('boom'), true), { state: 'error', title: null, text: 'error' }, 'anything else: could not load');
});

test('the routers speak Dutch and English, every text in both, the private one says to copy the part after #', () => {
  assert.deepEqual(Object.keys(ROUTER_TEXTS.nl).sort(), Object.keys(ROUTER_TEXTS.en).sort());
  for (const lang of ['nl', 'en']) for (const text of Object.values(ROUTER_TEXTS[lang])) assert.ok(text.trim());
  assert.match(routerText('nl', 'not-found-private'), /niet compleet of niet geldig.*#/);
  assert.match(routerText('en', 'not-found-private'), /not complete or not valid.*#/);
  assert.equal(routerText('en', 'invalid-title'), 'Not verified');
  assert.equal(routerText('nl', 'invalid-title'), 'Niet geverifieerd');
  assert.match(routerText('en', 'invalid'), /altered or damaged/);
  assert.equal(routerText('en', 'error', 'HTTP 503'), 'This page could not be loaded (HTTP 503). Please try again later.');
  assert.equal(routerText('de', 'not-found'), ROUTER_TEXTS.en['not-found'], 'another language: English');
});
