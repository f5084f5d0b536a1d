// assets/site.js on the 404 page: a link in another mode's form than the site's is sent on to the
// site's form (path: a file per page; query: a packed site's router; fragment: private mode), and
// a link already in the site's form stays on the 404 page. site.js is a plain script of every page:
// it runs here as the browser runs it, in a context with the page's body, location and storage.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import vm from 'node:vm';

const SCRIPT = new vm.Script(readFileSync(new URL('../../assets/site.js', import.meta.url), 'utf8'), { filename: 'site.js' });
const ORIGIN = 'https://example.org';
const ID = 'abcdefghijklmnopqrstuvwxyz234567';
const ROUTERS = { credentialRouter: '/c/', collectionRouter: '/l/' };

/** Where site.js sends the browser from `path` on a page whose body has `dataset`; null: it stays. */
function forwarded(path, dataset) {
  const href = new URL(path, ORIGIN).href;
  const sent = [];
  const location = { href, pathname: new URL(href).pathname, replace: (url) => sent.push(url) };
  const document = { body: { dataset }, querySelectorAll: () => [] };
  SCRIPT.runInNewContext({ document, location, URL, localStorage: null });
  assert.ok(sent.length <= 1);
  return sent.length ? sent[0] : null;
}

test('a private site sends path and query links to the fragment form, for credentials and collections', () => {
  const site = { ...ROUTERS, linkForm: 'fragment' };
  assert.equal(forwarded(`/c/${ID}/`, site), `/c/#${ID}`);
  assert.equal(forwarded(`/c/${ID}`, site), `/c/#${ID}`);
  assert.equal(forwarded(`/c/${ID}/index.html`, site), `/c/#${ID}`);
  assert.equal(forwarded(`/c/?id=${ID}`, site), `/c/#${ID}`);
  assert.equal(forwarded(`/l/${ID}/`, site), `/l/#${ID}`);
  assert.equal(forwarded(`/sub/c/${ID}/`, { credentialRouter: '/sub/c/', collectionRouter: '/sub/l/', linkForm: 'fragment' }), `/sub/c/#${ID}`);
});

test('a packed site sends path and fragment links to its router with ?id= (credentials only)', () => {
  const site = { ...ROUTERS, linkForm: 'query' };
  assert.equal(forwarded(`/c/${ID}/`, site), `/c/?id=${ID}`);
  assert.equal(forwarded(`/c/#${ID}`, site), `/c/?id=${ID}`);
  assert.equal(forwarded(`/l/${ID}/`, site), null, 'a packed site has no collection router');
  assert.equal(forwarded(`/c/${ID}/`, { credentialRouter: '/c/' }), `/c/?id=${ID}`, 'a 404 page without a link form: the packed form, as before');
});

test('a public site sends fragment and query links to the page of its own', () => {
  const site = { ...ROUTERS, linkForm: 'path' };
  assert.equal(forwarded(`/c/#${ID}`, site), `/c/${ID}/`);
  assert.equal(forwarded(`/c/index.html#${ID}`, site), `/c/${ID}/`);
  assert.equal(forwarded(`/c/?id=${ID}`, site), `/c/${ID}/`);
  assert.equal(forwarded(`/l/#${ID}`, site), `/l/${ID}/`);
});

test("a link in the site's own form whose page is missing, or with no id, stays on the 404 page", () => {
  assert.equal(forwarded(`/c/${ID}/`, { ...ROUTERS, linkForm: 'path' }), null);
  assert.equal(forwarded(`/l/${ID}/`, { ...ROUTERS, linkForm: 'path' }), null);
  assert.equal(forwarded(`/c/?id=${ID}`, { ...ROUTERS, linkForm: 'query' }), null);
  for (const linkForm of ['path', 'query', 'fragment']) {
    const site = { ...ROUTERS, linkForm };
    for (const path of ['/c/#main', '/c/#', `/c/#${ID.slice(0, 25)}`, '/c/?id=short', `/c/${ID.slice(0, 25)}/`, `/nl/${ID}/`, '/missing/', `/c/x/${ID}/extra`]) {
      assert.equal(forwarded(path, site), null, `${linkForm} ${path}`);
    }
  }
});

test('any other page (no routers on its body) sends nowhere', () => {
  for (const path of [`/c/${ID}/`, `/c/#${ID}`, `/l/${ID}/`, '/nl/']) assert.equal(forwarded(path, {}), null, path);
});
