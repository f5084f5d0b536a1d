#!/usr/bin/env node
/**
 * Bundle the browser code into minified ES modules that carry the verifier, its npm dependencies
 * (jsonld.js, rdf-canonize, @noble/ed25519, …) and the project's JSON-LD contexts
 * (credsite/data/contexts/index.json), so a page needs nothing from a CDN and can run under
 * `Content-Security-Policy: script-src 'self'`:
 *
 *   credential-page.js   the script of every /c/<id>/ page (src/pages/credential-page.js)
 *   verify-page.js       the script of /nl/verify/ and /en/verify/ (src/pages/verify-page.js)
 *   chunks/<name>-<hash>.js  the code the two page scripts share or load only when needed
 *   credsite-verifier.js the library alone (src/verifier/bundle-entry.js), self-contained, for tools and tests
 *
 *   node browser/build.mjs --out <dir> --labels <file>     writes them into <dir>
 *
 * The two page scripts are split (esbuild `splitting`): what a page does not need before its
 * verdict — the suites other than eddsa-rdfc-2022, the JOSE and SD-JWT code, endorsements, the
 * contexts only other issuers' credentials name, baking, packs, the QR code — is in chunks that a
 * dynamic import() loads when a credential needs them, so that a credential page of our own site
 * loads, parses and compiles only what its own credential needs. The chunks are named by their
 * content (`chunks/<name>-<hash>.js`) and the page scripts import them by relative URL, so the
 * Python build copies the chunk folder beside the page scripts, names unchanged
 * (credsite/build/bundle.py, theme.py).
 *
 * <file> is the interface labels' JSON ({lang: {key: text}}, written by credsite/build/bundle.py from
 * credsite/catalogue/labels.py): the page scripts import it as `credsite:labels`, so the labels travel once
 * in a cached script instead of in every one of a hundred thousand credential pages.
 *
 * Prints one line of JSON: {"files": [{"file", "bytes", "sha256", "imports"}, ...]}, the three
 * entries first (ENTRIES order), then the chunks by name; `imports` are the outputs a file imports
 * statically (paths relative to <dir>). Output is deterministic: the same sources give the same
 * bytes (no timestamps, no absolute paths, contexts in sorted order). The build fails if any output
 * contains eval or new Function.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const CONTEXT_INDEX = join(HERE, '..', 'credsite', 'data', 'contexts', 'index.json');
/** Output file -> entry module (under src/). The page scripts are split together; the library is built on its own. */
export const ENTRIES = Object.freeze({
  'credential-page.js': 'pages/credential-page.js',
  'verify-page.js': 'pages/verify-page.js',
  'credsite-verifier.js': 'verifier/bundle-entry.js',
});
export const PAGE_OUTPUTS = Object.freeze(['credential-page.js', 'verify-page.js']);
export const LIBRARY_OUTPUT = 'credsite-verifier.js';
/** The folder of the page scripts' chunks, beside them. */
export const CHUNK_DIR = 'chunks';

/**
 * The contexts a credential of our own site and its status list name (credsite/catalogue/achievement.py
 * CONTEXTS, credsite/issuer/status.py): in the page scripts themselves. Every other bundled context
 * (the older OB 3.0 contexts, VC 1.1, the suites' and other issuers' contexts) is in a chunk of its
 * group, loaded when a credential names one of its URLs.
 */
export const EAGER_CONTEXTS = Object.freeze(['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://www.w3.org/ns/credentials/v2']);
const OB_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\//;

/** {url: document} of every bundled context, URLs sorted. */
function readContexts() {
  const index = JSON.parse(readFileSync(CONTEXT_INDEX, 'utf8'));
  const dir = dirname(CONTEXT_INDEX);
  const map = {};
  for (const url of Object.keys(index.contexts).sort()) {
    map[url] = JSON.parse(readFileSync(join(dir, index.contexts[url].file), 'utf8'));
  }
  return map;
}

/** The lazy group a context that is not eager belongs to: the older OB contexts, or the others. */
function contextGroup(url) {
  return OB_CONTEXT.test(url) ? 'contexts-ob' : 'contexts-other';
}

// A JSON.parse of one string literal: V8 parses that faster than the same data as an object
// literal, which matters on a phone's first visit.
const jsonModule = (value) => `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});`;

/**
 * Source of the virtual module `credsite:contexts`: {url: document | () => Promise<document>}, URLs
 * sorted. With `lazy`, only the EAGER_CONTEXTS are documents; the others are loaders that import the
 * chunk of their group (document-loader.js awaits them). Without (the library), all are documents.
 */
function contextsModule(lazy) {
  const contexts = readContexts();
  if (!lazy) return jsonModule(contexts);
  const eager = Object.fromEntries(EAGER_CONTEXTS.map((url) => [url, contexts[url]]));
  const lines = [`const map = JSON.parse(${JSON.stringify(JSON.stringify(eager))});`];
  const groups = [...new Set(Object.keys(contexts).filter((url) => !(url in eager)).map(contextGroup))].sort();
  groups.forEach((group, i) => lines.push(`const g${i} = () => import('credsite:${group}');`));
  for (const url of Object.keys(contexts)) {
    if (url in eager) continue;
    lines.push(`map[${JSON.stringify(url)}] = () => g${groups.indexOf(contextGroup(url))}().then((m) => m.default[${JSON.stringify(url)}]);`);
  }
  // The same URL order as the library's map: BUNDLED_CONTEXT_URLS and the loader's contextUrls.
  lines.push(`export default Object.fromEntries(${JSON.stringify(Object.keys(contexts))}.map((u) => [u, map[u]]));`);
  return lines.join('\n');
}

/** Source of a lazy context group's chunk: {url: document} of its contexts. */
function contextGroupModule(group) {
  const contexts = readContexts();
  const chosen = Object.keys(contexts).filter((url) => !EAGER_CONTEXTS.includes(url) && contextGroup(url) === group);
  return jsonModule(Object.fromEntries(chosen.map((url) => [url, contexts[url]])));
}

/** `value` without the members whose key starts with "about" or "_about", at any depth. */
function withoutAbout(value) {
  if (Array.isArray(value)) return value.map(withoutAbout);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !/^_?about/.test(key)).map(([key, v]) => [key, withoutAbout(v)]));
}

/**
 * esbuild plugin:
 * - `credsite:contexts` -> the contexts (see contextsModule); `credsite:contexts-<group>` -> a group's;
 * - in the page scripts, the rule files credsite/data/*.json without their "about" texts, which are
 *   documentation for people (the Python and browser code read none of them) and would be a fifth
 *   of the rulebook's bytes on every first visit;
 * - `credsite:labels` -> the interface labels;
 * - jsonld.js's network document loaders (xhr, node) -> a stub that refuses, so no code path in the
 *   bundle can fetch a context even if a caller forgot to pass our loader;
 * - `setimmediate` (pulled in by rdf-canonize) -> our shim; the package's fallback uses
 *   `new Function`, which a strict CSP forbids;
 * - jsonld.js's frame, flatten and fromRdf modules -> a stub whose functions throw: the verifier
 *   calls expand, compact, toRDF and canonize only.
 */
const credsitePlugin = (labels, lazyContexts) => ({
  name: 'credsite',
  setup(build) {
    if (lazyContexts) {
      build.onLoad({ filter: /[\\/]credsite[\\/]data[\\/][^\\/]+\.json$/ }, (args) => ({
        contents: JSON.stringify(withoutAbout(JSON.parse(readFileSync(args.path, 'utf8')))),
        loader: 'json',
      }));
    }
    build.onResolve({ filter: /^credsite:(contexts|contexts-ob|contexts-other|labels)$/ }, (args) => ({ path: args.path.slice('credsite:'.length), namespace: 'credsite' }));
    build.onLoad({ filter: /^labels$/, namespace: 'credsite' }, () => ({ contents: jsonModule(labels), loader: 'js' }));
    build.onLoad({ filter: /^contexts$/, namespace: 'credsite' }, () => ({ contents: contextsModule(lazyContexts), loader: 'js' }));
    build.onLoad({ filter: /^contexts-(ob|other)$/, namespace: 'credsite' }, (args) => ({ contents: contextGroupModule(args.path), loader: 'js' }));
    build.onResolve({ filter: /^\.\/documentLoaders\/(xhr|node)$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'jsonld')}`) ? { path: join(HERE, 'src', 'shims', 'no-network-loader.cjs') } : undefined,
    );
    build.onResolve({ filter: /^setimmediate$/ }, () => ({ path: join(HERE, 'src', 'shims', 'setimmediate.cjs') }));
    build.onResolve({ filter: /^\.\/(frame|flatten|fromRdf)$/ }, (args) =>
      args.importer.endsWith(join('node_modules', 'jsonld', 'lib', 'jsonld.js')) ? { path: join(HERE, 'src', 'shims', 'jsonld-unused.cjs') } : undefined,
    );
  },
});

const FORBIDDEN = /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]/;

const COMMON = {
  absWorkingDir: HERE,
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
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
};

/**
 * The page scripts and their chunks, split together (a chunk both pages use is one file).
 * @returns {Promise<{name: string, code: Uint8Array, imports: string[]}[]>} names relative to the output folder
 */
async function bundlePages(labels) {
  const outdir = join(HERE, '.split-out'); // never written (write: false): only names the outputs
  const result = await esbuild.build({
    ...COMMON,
    entryPoints: Object.fromEntries(PAGE_OUTPUTS.map((name) => [name.replace(/\.js$/, ''), join(HERE, 'src', ENTRIES[name])])),
    splitting: true,
    outdir,
    entryNames: '[name]',
    chunkNames: `${CHUNK_DIR}/[name]-[hash]`,
    plugins: [credsitePlugin(labels, true)],
  });
  const name = (path) => relative(outdir, resolve(HERE, path)).split('\\').join('/');
  const outputs = result.metafile.outputs;
  return result.outputFiles.map((file) => {
    const key = relative(HERE, file.path).split('\\').join('/');
    const imports = (outputs[key]?.imports ?? []).filter((i) => i.kind === 'import-statement' && !i.external).map((i) => name(i.path));
    return { name: name(file.path), code: file.contents, imports: [...new Set(imports)].sort(), inputs: Object.keys(outputs[key]?.inputs ?? {}).sort() };
  });
}

/** The library: one self-contained module (its dynamic imports inlined), all contexts in it. */
async function bundleLibrary(labels) {
  const result = await esbuild.build({
    ...COMMON,
    entryPoints: [join(HERE, 'src', ENTRIES[LIBRARY_OUTPUT])],
    plugins: [credsitePlugin(labels, false)],
  });
  return [{ name: LIBRARY_OUTPUT, code: result.outputFiles[0].contents, imports: [], inputs: Object.keys(Object.values(result.metafile.outputs)[0].inputs).sort() }];
}

/** Entries in ENTRIES order, then chunks by name. */
function outputOrder(a, b) {
  const names = Object.keys(ENTRIES);
  const rank = (o) => (names.includes(o.name) ? names.indexOf(o.name) : names.length);
  return rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * Build every output into `outDir`.
 * @param {string} outDir
 * @param {Record<string, Record<string, string>>} labels the interface labels, {lang: {key: text}}
 * @returns {Promise<{file: string, bytes: number, sha256: string, imports: string[], inputs: string[]}[]>}
 *   the entries in ENTRIES order, then the chunks by name; `imports`: the outputs it imports
 *   statically (relative to outDir); `inputs`: the modules whose code it holds (relative to browser/,
 *   `credsite:` for the virtual ones)
 */
export async function buildBundles(outDir, labels) {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) throw new TypeError('buildBundles: labels must be an object');
  const [pages, library] = await Promise.all([bundlePages(labels), bundleLibrary(labels)]);
  const outputs = [...pages, ...library].sort(outputOrder);
  for (const { name, code } of outputs) {
    if (FORBIDDEN.test(new TextDecoder().decode(code))) {
      throw new Error(`${name} contains eval or new Function; it would not run under the page CSP`);
    }
  }
  mkdirSync(join(outDir, CHUNK_DIR), { recursive: true });
  return outputs.map(({ name, code, imports, inputs }) => {
    const file = join(outDir, name);
    writeFileSync(file, code);
    return { file, bytes: code.length, sha256: createHash('sha256').update(code).digest('hex'), imports, inputs };
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
    (files) => process.stdout.write(`${JSON.stringify({ files: files.map(({ inputs, ...f }) => f) })}\n`),
    (e) => {
      process.stderr.write(`build.mjs: ${e.message}\n`);
      process.exit(1);
    },
  );
}
