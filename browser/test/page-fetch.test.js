// page-fetch.js: which URL a page fetches for the issuer's documents, which DID it reads locally,
// when it warns that it is not on the issuer's own origin, and how fetchJson treats responses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canonicalPageUrl,
  createFetchJson,
  fetchUrlFor,
  foreignIssuerNote,
  issuerKeyAddress,
  issuerOrigin,
  localDidFor,
  MAX_JSON_BYTES,
  originNote,
  siteContext,
  documentsToPrefetch,
  memoizeFetch,
} from '../src/pages/page-fetch.js';

const DATA = {
  siteDid: 'did:web:microcredentials.hogeschool-voorbeeld.nl',
  siteBase: 'https://microcredentials.hogeschool-voorbeeld.nl/',
  siteRoot: '../../',
};
const PREVIEW = 'http://127.0.0.1:8000/c/abc/';
const LIVE = 'https://microcredentials.hogeschool-voorbeeld.nl/c/abc/';

test('site context: the root the page was served from, the canonical base with a trailing slash', () => {
  assert.deepEqual(siteContext(DATA, PREVIEW), { did: DATA.siteDid, base: DATA.siteBase, rootUrl: 'http://127.0.0.1:8000/' });
  assert.deepEqual(siteContext({ ...DATA, siteBase: 'https://h.example/sub', siteRoot: '../../' }, 'http://127.0.0.1:8000/copy/c/abc/'), {
    did: DATA.siteDid,
    base: 'https://h.example/sub/',
    rootUrl: 'http://127.0.0.1:8000/copy/',
  });
  assert.equal(siteContext({ siteBase: 'not a url' }, PREVIEW).base, null);
  assert.equal(siteContext({}, 'http://127.0.0.1:8000/nl/verify/').rootUrl, 'http://127.0.0.1:8000/nl/verify/');
});

test('URLs under the canonical base are fetched from the site root the page came from', () => {
  const preview = siteContext(DATA, PREVIEW);
  assert.equal(fetchUrlFor('https://microcredentials.hogeschool-voorbeeld.nl/.well-known/did.json', preview), 'http://127.0.0.1:8000/.well-known/did.json');
  assert.equal(fetchUrlFor('https://microcredentials.hogeschool-voorbeeld.nl/status/revocation-1.json#list', preview), 'http://127.0.0.1:8000/status/revocation-1.json');
  assert.equal(fetchUrlFor('https://microcredentials.hogeschool-voorbeeld.nl/status/x.json?v=2', preview), 'http://127.0.0.1:8000/status/x.json?v=2');
  // A host under a sub-path, and a copy served under another sub-path.
  const sub = siteContext({ ...DATA, siteBase: 'https://h.example/mc/' }, 'https://cdn.example/copy/c/abc/');
  assert.equal(fetchUrlFor('https://h.example/mc/did.json', sub), 'https://cdn.example/copy/did.json');
  assert.equal(fetchUrlFor('https://h.example/other/did.json', sub), 'https://h.example/other/did.json', 'outside the base: as given');
  // Tricky paths stay inside the site root.
  assert.equal(fetchUrlFor('https://microcredentials.hogeschool-voorbeeld.nl/https:evil.example/x', preview), 'http://127.0.0.1:8000/https:evil.example/x');
  assert.equal(fetchUrlFor('https://microcredentials.hogeschool-voorbeeld.nl//evil.example/x', preview), 'http://127.0.0.1:8000//evil.example/x');
  assert.equal(fetchUrlFor('https://microcredentials.hogeschool-voorbeeld.nl/a/../../status/x.json', preview), 'http://127.0.0.1:8000/status/x.json');
  // On the live site the mapping is the identity.
  const live = siteContext(DATA, LIVE);
  assert.equal(fetchUrlFor('https://microcredentials.hogeschool-voorbeeld.nl/.well-known/did.json', live), 'https://microcredentials.hogeschool-voorbeeld.nl/.well-known/did.json');
});

test('other issuers over HTTPS only; local URLs under the site root as they are', () => {
  const preview = siteContext(DATA, PREVIEW);
  assert.equal(fetchUrlFor('https://other.example/.well-known/did.json', preview), 'https://other.example/.well-known/did.json');
  assert.equal(fetchUrlFor('http://127.0.0.1:8000/.well-known/did.json', preview), 'http://127.0.0.1:8000/.well-known/did.json');
  for (const bad of ['http://other.example/did.json', 'http://127.0.0.1:9999/did.json', 'data:application/json,{}', 'javascript:alert(1)', 'file:///etc/passwd']) {
    assert.throws(() => fetchUrlFor(bad, preview), /refusing/, bad);
  }
  assert.throws(() => fetchUrlFor('not a url', preview), TypeError);
});

test('localDid only for this site\'s own DID, pointing at the document the page will fetch', () => {
  const preview = siteContext(DATA, PREVIEW);
  assert.deepEqual(localDidFor(DATA.siteDid, preview), { did: DATA.siteDid, documentUrl: 'http://127.0.0.1:8000/.well-known/did.json' });
  assert.equal(localDidFor('did:web:other.example', preview), null);
  assert.equal(localDidFor('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', preview), null);
  assert.equal(localDidFor(null, preview), null);
  const sub = siteContext({ siteDid: 'did:web:h.example:mc', siteBase: 'https://h.example/mc/', siteRoot: '../../' }, 'http://127.0.0.1:8000/c/abc/');
  assert.deepEqual(localDidFor('did:web:h.example:mc', sub), { did: 'did:web:h.example:mc', documentUrl: 'http://127.0.0.1:8000/did.json' });
});

test('the issuer\'s origin from its did:web, and where its key was published', () => {
  assert.equal(issuerOrigin('did:web:microcredentials.hogeschool-voorbeeld.nl'), 'https://microcredentials.hogeschool-voorbeeld.nl');
  assert.equal(issuerOrigin('did:web:host.example%3A8443:path:to'), 'https://host.example:8443');
  assert.equal(issuerOrigin('did:web:host.example%3A443'), 'https://host.example');
  assert.equal(issuerOrigin('did:web:127.0.0.1'), null);
  assert.equal(issuerOrigin('did:key:z6Mk'), null);
  assert.equal(issuerOrigin(42), null);
  assert.equal(issuerKeyAddress('did:web:host.example%3A8443:x'), 'host.example:8443/x');
  assert.equal(issuerKeyAddress('did:web:host.example'), 'host.example');
  assert.equal(issuerKeyAddress('did:web:org.github.io:evil'), 'org.github.io/evil', 'a path of a shared host is not the host');
  assert.equal(issuerKeyAddress('https://issuer.example/keys'), 'issuer.example/keys');
  assert.equal(issuerKeyAddress('https://issuer.example/'), 'issuer.example');
  assert.equal(issuerKeyAddress('did:key:z6Mk'), null);
});

test('origin note: only when the page is not on the did:web issuer\'s own https origin', () => {
  const did = DATA.siteDid;
  assert.deepEqual(originNote(did, 'http://127.0.0.1:8000/c/abc/'), { issuer: 'microcredentials.hogeschool-voorbeeld.nl', here: '127.0.0.1:8000' });
  assert.equal(originNote(did, 'https://microcredentials.hogeschool-voorbeeld.nl/c/abc/'), null);
  assert.deepEqual(originNote(did, 'http://microcredentials.hogeschool-voorbeeld.nl/c/abc/'), { issuer: 'microcredentials.hogeschool-voorbeeld.nl', here: 'http://microcredentials.hogeschool-voorbeeld.nl' }, 'plain http is not the issuer\'s origin');
  assert.deepEqual(originNote(did, 'https://mirror.example/c/abc/'), { issuer: 'microcredentials.hogeschool-voorbeeld.nl', here: 'mirror.example' });
  assert.deepEqual(originNote('did:web:h.example%3A8443:mc', 'https://h.example/mc/c/abc/'), { issuer: 'h.example:8443', here: 'h.example' });
  assert.equal(originNote('did:web:h.example%3A8443:mc', 'https://h.example:8443/mc/c/abc/'), null);
  assert.equal(originNote('did:key:z6Mk', 'http://127.0.0.1:8000/'), null);
});

test('the same page on the issuer\'s own site', () => {
  assert.equal(canonicalPageUrl('http://127.0.0.1:8000/c/abc/?x=1#top', siteContext(DATA, PREVIEW)), 'https://microcredentials.hogeschool-voorbeeld.nl/c/abc/');
  assert.equal(canonicalPageUrl('http://127.0.0.1:8000/copy/c/abc/', siteContext({ ...DATA, siteBase: 'https://h.example/mc/' }, 'http://127.0.0.1:8000/copy/c/abc/')), 'https://h.example/mc/c/abc/');
  // A packed or private page's id stays: it is the page (a fragment or query that is no id goes).
  const id = 'a'.repeat(32);
  assert.equal(canonicalPageUrl(`http://127.0.0.1:8000/c/#${id}`, siteContext(DATA, PREVIEW)), `https://microcredentials.hogeschool-voorbeeld.nl/c/#${id}`);
  assert.equal(canonicalPageUrl(`http://127.0.0.1:8000/c/?id=${id}`, siteContext(DATA, PREVIEW)), `https://microcredentials.hogeschool-voorbeeld.nl/c/?id=${id}`);
  assert.equal(canonicalPageUrl(`http://127.0.0.1:8000/c/?id=${id}&x=1#main`, siteContext(DATA, PREVIEW)), 'https://microcredentials.hogeschool-voorbeeld.nl/c/');
});

function fakeFetch(respond) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  return { fetch, calls };
}

function response(body, { status = 200, headers = {} } = {}) {
  return new Response(body, { status, headers });
}

test('fetchJson: no cookies, no redirects, mapped URL; rejects HTTP errors, non-JSON and oversized bodies', async () => {
  const site = siteContext(DATA, PREVIEW);
  const ok = fakeFetch(() => response('{"id": "x"}'));
  assert.deepEqual(await createFetchJson(site, { fetch: ok.fetch })('https://microcredentials.hogeschool-voorbeeld.nl/.well-known/did.json'), { id: 'x' });
  assert.equal(ok.calls[0].url, 'http://127.0.0.1:8000/.well-known/did.json');
  assert.equal(ok.calls[0].init.credentials, 'omit');
  assert.equal(ok.calls[0].init.redirect, 'error');
  assert.ok(ok.calls[0].init.signal instanceof AbortSignal);

  await assert.rejects(createFetchJson(site, { fetch: fakeFetch(() => response('nope', { status: 404 })).fetch })('https://other.example/did.json'), /HTTP 404/);
  await assert.rejects(createFetchJson(site, { fetch: fakeFetch(() => response('<html>')).fetch })('https://other.example/did.json'), /not JSON/);
  await assert.rejects(
    createFetchJson(site, { fetch: fakeFetch(() => response('{}', { headers: { 'content-length': String(MAX_JSON_BYTES + 1) } })).fetch })('https://other.example/x.json'),
    /too large/,
  );
  const never = fakeFetch(() => assert.fail('must not fetch'));
  await assert.rejects(createFetchJson(site, { fetch: never.fetch })('http://other.example/did.json'), /refusing/);
});

test('fetchJson gives up after its time limit, so the verdict is "could not check" instead of waiting for ever', async () => {
  const site = siteContext(DATA, PREVIEW);
  const hanging = (url, init) =>
    new Promise((resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  await assert.rejects(createFetchJson(site, { fetch: hanging, timeoutMs: 20 })('https://other.example/did.json'), /aborted/);
});

test('prefetch: the DID document, and only this site\'s own status lists', () => {
  const base = 'https://mc.example.org/';
  const localDid = { did: 'did:web:mc.example.org', documentUrl: 'https://mc.example.org/.well-known/did.json' };
  const own = {
    issuer: { id: 'did:web:mc.example.org' },
    credentialStatus: { type: 'BitstringStatusListEntry', statusListCredential: `${base}status/revocation-1.json` },
  };
  assert.deepEqual(documentsToPrefetch(own, localDid, base), [
    localDid.documentUrl,
    `${base}status/revocation-1.json`,
    `${base}status/suspension-1.json`,
  ]);
  // a (possibly forged) list elsewhere is not fetched before the signature has passed
  const elsewhere = { ...own, credentialStatus: { statusListCredential: 'https://tracker.example/list.json' } };
  assert.deepEqual(documentsToPrefetch(elsewhere, localDid, base), [localDid.documentUrl]);
  // another issuer: its DID document only
  const other = { issuer: 'did:web:other.example:mc', credentialStatus: own.credentialStatus };
  assert.deepEqual(documentsToPrefetch(other, localDid, base), ['https://other.example/mc/did.json']);
  assert.deepEqual(documentsToPrefetch({ issuer: 'did:key:z6Mk' }, null, base), []);
  assert.deepEqual(documentsToPrefetch('not an object', null, base), []);
});

test('memoizeFetch: one fetch per URL; a failed prefetch fails when awaited, not before', async () => {
  const calls = [];
  const { fetchJson, prefetch } = memoizeFetch(async (url) => {
    calls.push(url);
    if (url.endsWith('missing')) throw new Error('HTTP 404');
    return { url };
  });
  prefetch(['a', 'missing', null]);
  assert.deepEqual(await fetchJson('a'), { url: 'a' });
  await assert.rejects(fetchJson('missing'), /404/);
  assert.deepEqual(calls, ['a', 'missing']);
});

test('foreignIssuerNote: says so when the issuer is not this site, naming its full web address', () => {
  const site = { did: 'did:web:org.github.io' };
  assert.equal(foreignIssuerNote('did:web:org.github.io', site), null);
  assert.deepEqual(foreignIssuerNote('did:web:org.github.io:evil', site), { issuer: 'org.github.io/evil' });
  assert.deepEqual(foreignIssuerNote('did:key:z6MkExample', site), { issuer: 'did:key:z6MkExample' });
  assert.equal(foreignIssuerNote('did:web:other.example', { did: null }), null, 'a site without a DID says nothing');
});

test('createFetchJson refuses a fetched document with a key given twice, as a credential is refused', async () => {
  const body = '{"id": "did:web:a.example", "id": "did:web:b.example"}';
  const fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  const fetchJson = createFetchJson({ base: null, rootUrl: 'https://a.example/' }, { fetch });
  await assert.rejects(fetchJson('https://a.example/.well-known/did.json'), /not acceptable JSON \(DUPLICATE_KEY\)/);
});
