#!/usr/bin/env node
/**
 * Bundle the browser code into self-contained, minified ES modules, each carrying the verifier,
 * its npm dependencies (jsonld.js, rdf-canonize, @noble/ed25519, fflate) and the project's JSON-LD
 * contexts (credsite/data/contexts/index.json), so a page needs nothing from a CDN and can run
 * under `Content-Security-Policy: script-src 'self'`:
 *
 *   credential-page.js   the script of every /c/<id>/ page (src/pages/credential-page.js)
 *   verify-page.js       the script of /nl/verify/ and /en/verify/ (src/pages/verify-page.js)
 *   credsite-verifier.js the library alone (src/verifier/bundle-entry.js), for tools and tests
 *
 *   node browser/build.mjs --out <dir> --labels <file>     writes the three files into <dir>
 *
 * <file> is the interface labels' JSON ({lang: {key: text}}, written by credsite/build/bundle.py from
 * credsite/catalogue/labels.py): the page scripts import it as `credsite:labels`, so the labels travel once
 * in the cached script instead of in every one of a hundred thousand credential pages.
 *
 * Prints one line of JSON: {"files": [{"file", "bytes", "sha256"}, ...]}. The Python build copies
 * the two page scripts and hash-names them. Output is deterministic: the same sources give the
 * same bytes (no timestamps, no absolute paths, contexts in sorted order). The build fails if any
 * output contains eval or new Function.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const CONTEXT_INDEX = join(HERE, '..', 'credsite', 'data', 'contexts', 'index.json');
/** Output file -> entry module (under src/). Each output is bundled on its own: no shared chunks. */
export const ENTRIES = Object.freeze({
  'credential-page.js': 'pages/credential-page.js',
  'verify-page.js': 'pages/verify-page.js',
  'credsite-verifier.js': 'verifier/bundle-entry.js',
});
export const PAGE_OUTPUTS = Object.freeze(['credential-page.js', 'verify-page.js']);
export const LIBRARY_OUTPUT = 'credsite-verifier.js';

/** Source of the virtual module `credsite:contexts`: {url: document}, URLs sorted. */
function contextsModule() {
  const index = JSON.parse(readFileSync(CONTEXT_INDEX, 'utf8'));
  const dir = dirname(CONTEXT_INDEX);
  const map = {};
  for (const url of Object.keys(index.contexts).sort()) {
    map[url] = JSON.parse(readFileSync(join(dir, index.contexts[url].file), 'utf8'));
  }
  return JSON.stringify(map);
}

/**
 * esbuild plugin:
 * - `credsite:contexts` -> the embedded contexts (JSON);
 * - jsonld.js's network document loaders (xhr, node) -> a stub that refuses, so no code path in the
 *   bundle can fetch a context even if a caller forgot to pass our loader;
 * - `setimmediate` (pulled in by rdf-canonize) -> our shim; the package's fallback uses
 *   `new Function`, which a strict CSP forbids.
 */
const credsitePlugin = (labels) => ({
  name: 'credsite',
  setup(build) {
    build.onResolve({ filter: /^credsite:contexts$/ }, () => ({ path: 'contexts', namespace: 'credsite' }));
    build.onResolve({ filter: /^credsite:labels$/ }, () => ({ path: 'labels', namespace: 'credsite' }));
    build.onLoad({ filter: /^labels$/, namespace: 'credsite' }, () => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(labels))});`,
      loader: 'js',
    }));
    // A JSON.parse of one string literal: V8 parses that faster than the same data as an object
    // literal, which matters on a phone's first visit (the contexts are a third of the bundle).
    build.onLoad({ filter: /^contexts$/, namespace: 'credsite' }, () => ({
      contents: `export default JSON.parse(${JSON.stringify(contextsModule())});`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/documentLoaders\/(xhr|node)$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'jsonld')}`) ? { path: join(HERE, 'src', 'shims', 'no-network-loader.cjs') } : undefined,
    );
    build.onResolve({ filter: /^setimmediate$/ }, () => ({ path: join(HERE, 'src', 'shims', 'setimmediate.cjs') }));
  },
});

const FORBIDDEN = /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]/;

async function bundleOne(entry, labels) {
  const result = await esbuild.build({
    absWorkingDir: HERE,
    entryPoints: [join(HERE, 'src', entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'eof',
    charset: 'utf8',
    sourcemap: false,
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    plugins: [credsitePlugin(labels)],
  });
  return result.outputFiles[0].contents;
}

/**
 * Build every output into `outDir`.
 * @param {string} outDir
 * @param {Record<string, Record<string, string>>} labels the interface labels, {lang: {key: text}}
 * @returns {Promise<{file: string, bytes: number, sha256: string}[]>} in ENTRIES order
 */
export async function buildBundles(outDir, labels) {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) throw new TypeError('buildBundles: labels must be an object');
  const names = Object.keys(ENTRIES);
  const codes = await Promise.all(names.map((name) => bundleOne(ENTRIES[name], labels)));
  codes.forEach((code, i) => {
    if (FORBIDDEN.test(new TextDecoder().decode(code))) {
      throw new Error(`${names[i]} contains eval or new Function; it would not run under the page CSP`);
    }
  });
  mkdirSync(outDir, { recursive: true });
  return names.map((name, i) => {
    const file = join(outDir, name);
    writeFileSync(file, codes[i]);
    return { file, bytes: codes[i].length, sha256: createHash('sha256').update(codes[i]).digest('hex') };
  });
}

function parseArgs(argv) {
  const value = (flag) => {
    const i = argv.indexOf(flag);
    return i === -1 ? null : argv[i + 1] || null;
  };
  const out = value('--out');
  const labels = value('--labels');
  if (!out || !labels) {
    process.stderr.write('usage: node browser/build.mjs --out <dir> --labels <labels.json>\n');
    process.exit(2);
  }
  return { outDir: resolve(out), labels: JSON.parse(readFileSync(labels, 'utf8')) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outDir, labels } = parseArgs(process.argv.slice(2));
  buildBundles(outDir, labels).then(
    (files) => process.stdout.write(`${JSON.stringify({ files })}\n`),
    (e) => {
      process.stderr.write(`build.mjs: ${e.message}\n`);
      process.exit(1);
    },
  );
}
