// Packed credential pages in the browser (src/pages/pack.js): the address's id, and every way a pack
// can fail to give a page. Decrypting a page credsite/build/pack.py sealed is tested end to end in
// tests/browser/test_packed_pages.py (Python seals, Chromium opens).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lookupId, openPack, PACK_FORMAT, PackError, packedId, unseal } from '../src/pages/pack.js';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567';
const PACKS = 'https://example.org/c/packs/';

function fakeFetch(status, body) {
  const calls = [];
  const fetch = async (url) => {
    calls.push(String(url));
    return { status, ok: status >= 200 && status < 300, json: async () => body };
  };
  return { fetch, calls };
}

test('the id comes from /c/<id>/ or from ?id=, and nothing else counts as one', () => {
  assert.equal(packedId(`https://example.org/c/${TOKEN}/`), TOKEN);
  assert.equal(packedId(`https://example.org/sub/c/${TOKEN}/index.html`), TOKEN);
  assert.equal(packedId(`https://example.org/c/?id=${TOKEN}`), TOKEN);
  assert.equal(packedId('https://example.org/c/?id=NOT-A-TOKEN'), null);
  assert.equal(packedId('https://example.org/c/'), null);
  assert.equal(packedId(`https://example.org/nl/${TOKEN}/`), null);
});

test('the lookup id is 128 bits of SHA-256 over a domain-separated id, as pack.py files it', async () => {
  const id = await lookupId(TOKEN);
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.notEqual(id, await lookupId(TOKEN.replace('a', 'b')));
});

test('no id: refused before anything is fetched', async () => {
  const { fetch, calls } = fakeFetch(200, {});
  await assert.rejects(openPack('', { packs: PACKS, digits: 3, fetch }), (e) => e instanceof PackError && e.code === 'NO_ID');
  assert.deepEqual(calls, []);
});

test('the pack is fetched by the first digits of the lookup id', async () => {
  const id = await lookupId(TOKEN);
  const { fetch, calls } = fakeFetch(404, null);
  await assert.rejects(openPack(TOKEN, { packs: PACKS, digits: 2, fetch }), (e) => e.code === 'NOT_FOUND');
  assert.deepEqual(calls, [`${PACKS}${id.slice(0, 2)}.json`]);
});

test('a missing page, a server error, a foreign file and an undecryptable page each say so', async () => {
  const id = await lookupId(TOKEN);
  const cases = [
    [fakeFetch(200, { format: PACK_FORMAT, pages: {} }), 'NOT_FOUND'],
    [fakeFetch(200, { format: PACK_FORMAT, pages: { [id]: 5 } }), 'NOT_FOUND'],
    [fakeFetch(500, null), 'UNREADABLE'],
    [fakeFetch(200, { format: 'something-else', pages: {} }), 'UNREADABLE'],
    [fakeFetch(200, { format: PACK_FORMAT, pages: { [id]: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } }), 'UNREADABLE'],
  ];
  for (const [{ fetch }, code] of cases) {
    await assert.rejects(openPack(TOKEN, { packs: PACKS, digits: 1, fetch }), (e) => e instanceof PackError && e.code === code, code);
  }
  await assert.rejects(unseal(TOKEN, ''), (e) => e.code === 'UNREADABLE');
});
