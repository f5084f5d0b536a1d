// src/verifier/jsonld-contexts.js: jsonld.js shares active contexts where it deep-copies them, and
// every credential gets the same signed view and N-Quads (or the same refusal) as with jsonld.js's
// own functions: the credentials of the conformance corpus and our own, each way in a fresh
// process (jsonld.js caches the contexts it makes); and JSON-LD's scoping rules still hold.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jsonld from 'jsonld';
import contextApi from 'jsonld/lib/context.js';
import { cloneActiveContext, revertToPreviousContext } from '../src/verifier/jsonld-contexts.js';
import '../src/verifier/canonicalize.js';

const module = (path) => JSON.stringify(pathToFileURL(fileURLToPath(new URL(path, import.meta.url))).href);

/** Prints the signed view of every JSON credential of the corpus, and of our own badge, with jsonld.js's functions when told `own`. */
const VIEWS = `
  import { readFileSync } from 'node:fs';
  const { JSONLD_OWN, useContextFunctions } = await import(${module('../src/verifier/jsonld-contexts.js')});
  if (process.argv[1] === 'own') useContextFunctions(JSONLD_OWN);
  const { canonicalizeWithView } = await import(${module('../src/verifier/canonicalize.js')});
  const { documentLoader } = await import(${module('./helpers/contexts.js')});
  const { signBadge } = await import(${module('./helpers/fixtures.js')});
  const corpus = new URL(${module('../../tests/conformance/')});
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', corpus), 'utf8'));
  const credentials = [await signBadge(), ...manifest.filter((e) => e.file.endsWith('.json')).map((e) => JSON.parse(readFileSync(new URL(e.file, corpus), 'utf8')))];
  const views = [];
  for (const credential of credentials.filter((c) => c && typeof c === 'object' && !Array.isArray(c))) {
    const { proof, ...unsecured } = credential;
    try {
      views.push(await canonicalizeWithView(unsecured, documentLoader));
    } catch (e) {
      views.push({ refused: e.code ?? e.message });
    }
  }
  process.stdout.write(JSON.stringify(views));
`;

function views(functions) {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', VIEWS, functions], { encoding: 'utf8', timeout: 120000, maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test('canonicalize.js makes every initial context of jsonld.js share instead of copy', () => {
  for (const processingMode of [undefined, 'json-ld-1.0', 'json-ld-1.1']) {
    const initial = contextApi.getInitialContext({ processingMode });
    assert.equal(initial.revertToPreviousContext, revertToPreviousContext);
    assert.equal(initial.clone, cloneActiveContext);
  }
});

test('sharing contexts gives the same views, N-Quads and refusals as jsonld.js copying them', () => {
  const shared = views('shared');
  assert.ok(shared.length > 40 && shared.filter((v) => v.nquads).length > 30, `${shared.length} credentials`);
  assert.deepEqual(shared, views('own'));
});

test('JSON-LD scoping holds: type-scoped contexts end at their node, property-scoped ones reach into the value, protection is kept and bounded', async () => {
  // JSON-LD 1.1 §4.1.8: inside a Foo, `bar` is foo-bar; in the node under it, the vocabulary's bar
  // again. `baz` has a context of its own for its value. `@protected` terms cannot be redefined.
  const context = {
    '@vocab': 'http://example.org/',
    Foo: { '@context': { bar: 'http://example.org/foo-bar' } },
    baz: { '@id': 'http://example.org/baz', '@context': { qux: 'http://example.org/baz-qux' } },
  };
  const document = { '@context': context, '@type': 'Foo', bar: { '@id': 'http://example.org/inner', bar: 'value', baz: { qux: 'q' } } };
  const expanded = await jsonld.expand(document);
  assert.deepEqual(expanded, [
    {
      '@type': ['http://example.org/Foo'],
      'http://example.org/foo-bar': [
        {
          '@id': 'http://example.org/inner',
          'http://example.org/bar': [{ '@value': 'value' }],
          'http://example.org/baz': [{ 'http://example.org/baz-qux': [{ '@value': 'q' }] }],
        },
      ],
    },
  ]);
  assert.deepEqual(await jsonld.compact(expanded, context), document);
  const guarded = { '@context': [{ '@protected': true, name: 'http://example.org/name' }, { name: 'http://example.org/other' }], name: 'x' };
  await assert.rejects(jsonld.expand(guarded), (e) => e.details?.code === 'protected term redefinition');
  // A term a type-scoped context protects is protected in its node only: the node under it may
  // drop every context. And a context derived from another keeps its @vocab.
  const scoped = {
    '@context': { '@vocab': 'http://example.org/', Foo: { '@context': { '@protected': true, x: 'http://example.org/foo-x' } } },
    '@type': 'Foo',
    x: 1,
    y: { '@context': null, '@id': 'http://example.org/n' },
  };
  assert.deepEqual(await jsonld.expand(scoped), [
    { '@type': ['http://example.org/Foo'], 'http://example.org/foo-x': [{ '@value': 1 }], 'http://example.org/y': [{ '@id': 'http://example.org/n' }] },
  ]);
});
