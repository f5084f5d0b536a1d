// The static document loader (src/verifier/document-loader.js) with contexts given as loaders, as
// the page bundles give the contexts only other issuers' credentials name (build.mjs): the URL is
// known at once, the document loaded once when a credential first names it, a fresh copy each time;
// a loader that fails is tried again, and an unknown URL is still refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDocumentLoader, UnknownContextError } from '../src/verifier/document-loader.js';

test('a context given as a loader is known at once and loaded once, when first asked for', async () => {
  let loads = 0;
  let fail = true;
  const loader = createDocumentLoader({
    'https://example.org/eager': { '@context': { a: 'https://example.org/a' } },
    'https://example.org/lazy': async () => {
      loads += 1;
      return { '@context': { b: 'https://example.org/b' } };
    },
    'https://example.org/flaky': async () => {
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      return { '@context': {} };
    },
    'https://example.org/not-json': async () => 'text',
  });
  assert.deepEqual([...loader.contextUrls], ['https://example.org/eager', 'https://example.org/lazy', 'https://example.org/flaky', 'https://example.org/not-json']);
  assert.equal(loads, 0);
  const first = await loader('https://example.org/lazy');
  first.document['@context'].b = 'changed';
  const second = await loader('https://example.org/lazy');
  assert.deepEqual(second, { contextUrl: null, documentUrl: 'https://example.org/lazy', document: { '@context': { b: 'https://example.org/b' } } });
  assert.equal(loads, 1);
  await assert.rejects(loader('https://example.org/flaky'), TypeError);
  fail = false;
  assert.deepEqual((await loader('https://example.org/flaky')).document, { '@context': {} });
  await assert.rejects(loader('https://example.org/not-json'), /not a JSON object/);
  await assert.rejects(loader('https://example.org/other'), UnknownContextError);
  assert.throws(() => createDocumentLoader({ 'https://example.org/x': 'text' }), TypeError);
});
