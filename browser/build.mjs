#!/usr/bin/env node
/**
 * Bundle the browser code into minified ES modules that carry the verifier, its npm dependencies
 * (jsonld.js, rdf-canonize, @noble/ed25519, …) and the project's JSON-LD contexts
 * (credsite/data/contexts/index.json), so a page needs nothing from a CDN and can run under
 * `Content-Security-Policy: script-src 'self'`:
 *
 *   credential-page-<lang>.js  the script of the /c/<id>/ pages in <lang> (src/pages/credential-page.js,
 *                        after its language's texts: see below), one per language of the labels
 *   credential-page.js   the same page with no language's texts: a packed site's router, which
 *                        learns the page's language from the pack
 *   verify-page.js       the script of /nl/verify/ and /en/verify/ (src/pages/verify-page.js)
 *   collection-page.js   the script of a learner's collection page /l/<id>/ (src/pages/collection-page.js),
 *                        which carries no labels: its page gives it the texts it writes
 *   chunks/<name>-<hash>.js  the code the page scripts share or load only when needed
 *   credsite-verifier.js the library alone (src/verifier/bundle-entry.js), self-contained, for tools and tests
 *
 *   node browser/build.mjs --out <dir> --labels <file>     writes them into <dir>
 *
 * The page scripts are split (esbuild `splitting`): what a page does not need before its verdict —
 * the suites other than eddsa-rdfc-2022, the JOSE and SD-JWT code, endorsements, the contexts only
 * other issuers' credentials name, baking, packs, the QR code — is in chunks that a dynamic
 * import() loads when a credential needs them, so that a credential page of our own site loads,
 * parses and compiles only what its own credential needs. What it does need is one chunk (see
 * beforeVerdictModules), so that it comes in a few requests the page can preload. The chunks are
 * named by their content (`chunks/<name>-<hash>.js`) and the page scripts import them by relative
 * URL, so the Python build copies the chunk folder beside the page scripts, names unchanged
 * (credsite/build/bundle.py, theme.py).
 *
 * The texts travel per language. <file> is the interface labels' JSON ({lang: {key: text}}, written
 * by credsite/build/bundle.py from credsite/catalogue/labels.py); the verifier's sentences are
 * src/verifier/message-table.js, in the groups of src/verifier/message-groups.js. The page scripts
 * carry no table of either: a module per language (`credsite:language-<lang>`: its labels, its
 * `core` sentences, the other languages' names) and per other group and language
 * (`credsite:messages-<group>-<lang>`) registers its texts with src/pages/page-language.js, which
 * loads them as a result or a language switch needs them; credential-page-<lang>.js brings its
 * language's module with the page (which starts once the whole script has run). So a page of a
 * hundred thousand carries its labels in a cached script, once, and in its own language.
 *
 * Beside them it writes preloads.json, {page script: the chunks it imports before it runs}, which
 * the Python build reads to let a page preload them (credsite/build/bundle.py). Prints one line of
 * JSON: {"files": [{"file", "bytes", "sha256", "imports"}, ...]}, the entries first (outputNames
 * order), then the chunks by name; `imports` are the outputs a file imports statically (paths
 * relative to <dir>). Output is deterministic: the same sources give the same bytes (no
 * timestamps, no absolute paths, contexts in sorted order). The build fails if any output contains
 * eval or new Function.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = join(HERE, 'src');
const CONTEXT_INDEX = join(HERE, '..', 'credsite', 'data', 'contexts', 'index.json');
/** The page scripts whose entry is a module of src/ (the others are written per language: credentialPageSource). */
const PAGE_MODULES = Object.freeze({
  'credential-page.js': 'pages/credential-page.js',
  'verify-page.js': 'pages/verify-page.js',
  'collection-page.js': 'pages/collection-page.js',
});
export const LIBRARY_OUTPUT = 'credsite-verifier.js';
const LIBRARY_MODULE = 'verifier/bundle-entry.js';
/** The folder of the page scripts' chunks, beside them. */
export const CHUNK_DIR = 'chunks';
/** The file, beside the page scripts, that lists what each imports before it runs (see preloads). */
export const PRELOADS = 'preloads.json';

/** The script of the credential pages in `lang`. */
export const credentialPageOutput = (lang) => `credential-page-${lang}.js`;

/**
 * The entries' outputs, in the order the build lists them: the credential page scripts (the
 * language-free one, then one per language), the /verify/ script, the collection page's, the library.
 * @param {string[]} languages the languages of the labels
 */
export function outputNames(languages) {
  return ['credential-page.js', ...[...languages].sort().map(credentialPageOutput), 'verify-page.js', 'collection-page.js', LIBRARY_OUTPUT];
}

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

/** The verifier's sentences ({key: {lang: template}}) and the rule that groups them, as the pages read them. */
async function readMessages() {
  const { MESSAGES } = await import(pathToFileURL(join(SRC, 'verifier', 'message-table.js')).href);
  const { MESSAGE_GROUPS, messageGroup } = await import(pathToFileURL(join(SRC, 'verifier', 'message-groups.js')).href);
  const { LANGUAGES } = await import(pathToFileURL(join(SRC, 'verifier', 'messages.js')).href);
  /** {key: template} of one group in one language. */
  const table = (group, lang) => Object.fromEntries(Object.keys(MESSAGES).filter((key) => messageGroup(key) === group).map((key) => [key, MESSAGES[key][lang]]));
  return { groups: MESSAGE_GROUPS, languages: LANGUAGES, table };
}

/**
 * The texts of the page scripts, as the sources of their virtual modules (see page-language.js):
 * `language-<lang>`, `messages-<group>-<lang>` (every group but `core`, which is in the language's
 * module) and `text-loaders`, {name: () => import(module)} of them all.
 */
function textModules(labels, messages) {
  const languages = Object.keys(labels).sort();
  const missing = languages.filter((lang) => !messages.languages.includes(lang));
  if (missing.length) throw new Error(`the labels have languages the verifier's messages are not written in: ${missing.join(', ')}`);
  const register = (name, lang, texts) =>
    `import { registerTexts } from ${JSON.stringify(join(SRC, 'pages', 'page-language.js'))};\nregisterTexts(${JSON.stringify(name)}, ${JSON.stringify(lang)}, JSON.parse(${JSON.stringify(JSON.stringify(texts))}));`;
  const modules = {};
  for (const lang of languages) {
    // The other languages' names: the language switch shows them.
    const names = Object.fromEntries(languages.filter((other) => other !== lang).map((other) => [other, { language_name: labels[other].language_name }]));
    modules[`language-${lang}`] = register(`language-${lang}`, lang, { labels: { [lang]: labels[lang], ...names }, messages: messages.table('core', lang) });
    for (const group of messages.groups.filter((g) => g !== 'core')) {
      modules[`messages-${group}-${lang}`] = register(`messages-${group}-${lang}`, lang, { messages: messages.table(group, lang) });
    }
  }
  const loaders = Object.keys(modules).map((name) => `  ${JSON.stringify(name)}: () => import(${JSON.stringify(`credsite:${name}`)}),`);
  modules['text-loaders'] = `export default {\n${loaders.join('\n')}\n};`;
  return modules;
}

/** Source of credential-page-<lang>.js: its language's texts, then the page. */
function credentialPageSource(lang) {
  return `import 'credsite:language-${lang}';\nimport ${JSON.stringify(join(SRC, PAGE_MODULES['credential-page.js']))};`;
}

/**
 * esbuild plugin:
 * - `credsite:contexts` -> the contexts (see contextsModule); `credsite:contexts-<group>` -> a group's;
 * - jsonld.js's network document loaders (xhr, node) -> a stub that refuses, so no code path in the
 *   bundle can fetch a context even if a caller forgot to pass our loader;
 * - `setimmediate` (pulled in by rdf-canonize) -> our shim; the package's fallback uses
 *   `new Function`, which a strict CSP forbids;
 * - jsonld.js's frame, flatten and fromRdf modules -> a stub whose functions throw: the verifier
 *   calls expand, compact, toRDF and canonize only;
 * - jsonld.js's caches of processed contexts (lru-cache, with yallist) -> the same eviction on a Map;
 * - rdf-canonize's synchronous canonizer -> a stub that throws: jsonld.js calls the asynchronous one.
 * With `pages`, for the page scripts:
 * - the rule files credsite/data/*.json without their "about" texts, which are documentation for
 *   people (the Python and browser code read none of them) and would be a fifth of the rulebook's
 *   bytes on every first visit;
 * - src/verifier/message-table.js -> `MESSAGES = null`: the pages register the texts they load;
 * - `credsite:<name>` -> `pages.texts[name]` (textModules), `credsite:credential-page-<lang>` ->
 *   credentialPageSource;
 * - with `pages.beforeVerdict`, the module that imports what a credential page loads before its
 *   verdict (see beforeVerdictModules), imported first by every module `pages.beforeVerdict.importers` names.
 * @param {{texts: Record<string, string>, beforeVerdict: {modules: string[], importers: Set<string>}|null}|null} pages
 */
const credsitePlugin = (pages = null) => ({
  name: 'credsite',
  setup(build) {
    const shim = (name) => ({ path: join(SRC, 'shims', name) });
    const from = (args, ...parts) => args.importer.includes(join('node_modules', ...parts));
    build.onResolve({ filter: /^credsite:[a-z0-9-]+$/ }, (args) => ({ path: args.path.slice('credsite:'.length), namespace: 'credsite' }));
    build.onResolve({ filter: /^\.\/documentLoaders\/(xhr|node)$/ }, (args) => (from(args, 'jsonld') ? shim('no-network-loader.cjs') : undefined));
    build.onResolve({ filter: /^setimmediate$/ }, () => shim('setimmediate.cjs'));
    build.onResolve({ filter: /^\.\/(frame|flatten|fromRdf)$/ }, (args) =>
      args.importer.endsWith(join('node_modules', 'jsonld', 'lib', 'jsonld.js')) ? shim('jsonld-unused.cjs') : undefined,
    );
    build.onResolve({ filter: /^lru-cache$/ }, (args) => (from(args, 'jsonld') ? shim('lru-map.cjs') : undefined));
    build.onResolve({ filter: /^\.\/RDFC10Sync$/ }, (args) => (from(args, 'rdf-canonize') ? shim('rdf-canonize-sync-unused.cjs') : undefined));
    const hub = pages?.beforeVerdict;
    /** `contents` of the module `name` (relative to browser/, or `credsite:<name>`), importing the hub first where it must. */
    const source = (name, contents) => ({ contents: hub && hub.importers.has(name) ? `import 'credsite:before-verdict';\n${contents}` : contents, loader: 'js', resolveDir: HERE });
    build.onLoad({ filter: /.*/, namespace: 'credsite' }, (args) => {
      const name = args.path;
      if (name === 'contexts') return source(`credsite:${name}`, contextsModule(Boolean(pages)));
      if (/^contexts-(ob|other)$/.test(name)) return source(`credsite:${name}`, contextGroupModule(name));
      if (!pages) return undefined;
      if (name === 'before-verdict' && hub) return source(`credsite:${name}`, hub.modules.map((m) => `import ${JSON.stringify(join(HERE, m))};`).join('\n'));
      const page = /^credential-page-([a-z]+)$/.exec(name);
      if (page) return source(`credsite:${name}`, credentialPageSource(page[1]));
      if (Object.hasOwn(pages.texts, name)) return source(`credsite:${name}`, pages.texts[name]);
      return undefined;
    });
    if (!pages) return;
    build.onLoad({ filter: /[\\/]credsite[\\/]data[\\/][^\\/]+\.json$/ }, (args) => ({
      contents: JSON.stringify(withoutAbout(JSON.parse(readFileSync(args.path, 'utf8')))),
      loader: 'json',
    }));
    build.onLoad({ filter: /[\\/]src[\\/]verifier[\\/]message-table\.js$/ }, () => ({ contents: 'export const MESSAGES = null;', loader: 'js' }));
    if (hub) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.js$/ }, (args) => {
        const name = relative(HERE, args.path).split('\\').join('/');
        return hub.importers.has(name) ? { ...source(name, readFileSync(args.path, 'utf8')), resolveDir: dirname(args.path) } : undefined;
      });
    }
  },
});

/**
 * What a credential page loads before its verdict, to be one chunk (credsitePlugin's
 * `beforeVerdict`), read from the metafile of a build without it.
 *
 * esbuild's splitting puts each module in the chunk of the set of entry points (page scripts and
 * dynamically imported modules) that reach it. A credential page's modules are reached by many
 * different sets (this one by /verify/ too, that one also by a suite loaded later, …), which made
 * some twenty chunks: as many requests, each with its own gzip dictionary. So every page script and
 * every dynamically imported module (`importers`) first imports `credsite:before-verdict`, which
 * imports `modules`: the modules of src/ that every credential page script loads before it runs,
 * bar the page scripts' own modules (they run their page). Then everything those reach is reached
 * by one set, and esbuild writes it as one chunk. No behaviour changes: the modules only define
 * things, and a page that gets them sooner (/verify/ uses most of them anyway) only runs that code
 * sooner.
 * @param {object} metafile
 * @param {string} outdir the build's (unwritten) output folder
 * @param {string[]} languages
 * @returns {{modules: string[], importers: Set<string>}} paths relative to browser/, `credsite:<name>` for virtual modules
 */
function beforeVerdictModules(metafile, outdir, languages) {
  const key = (name) => relative(HERE, join(outdir, name)).split('\\').join('/');
  const loadedBefore = (output) => {
    const seen = new Set();
    const walk = (o) => {
      if (seen.has(o)) return;
      seen.add(o);
      for (const i of metafile.outputs[o].imports) if (i.kind === 'import-statement' && !i.external) walk(i.path);
    };
    walk(output);
    return new Set([...seen].flatMap((o) => Object.keys(metafile.outputs[o].inputs)));
  };
  const [first, ...others] = languages.map((lang) => loadedBefore(key(credentialPageOutput(lang))));
  const own = new Set(Object.values(PAGE_MODULES).map((m) => `src/${m}`));
  const modules = [...first].filter((m) => m.startsWith('src/') && m.endsWith('.js') && !own.has(m) && others.every((o) => o.has(m))).sort();
  const importers = new Set([...own, ...languages.map((lang) => `credsite:credential-page-${lang}`)]);
  for (const input of Object.values(metafile.inputs)) {
    for (const i of input.imports) if (i.kind === 'dynamic-import' && !i.external) importers.add(i.path);
  }
  return { modules, importers };
}

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
 * The page scripts and their chunks, split together (a chunk several pages use is one file): built
 * once to learn what a credential page loads before its verdict, then again with that in one chunk.
 * @returns {Promise<{name: string, code: Uint8Array, imports: string[], inputs: string[]}[]>} names relative to the output folder
 */
async function bundlePages(labels) {
  const outdir = join(HERE, '.split-out'); // never written (write: false): only names the outputs
  const languages = Object.keys(labels).sort();
  const texts = textModules(labels, await readMessages());
  const pageEntry = (name) => (Object.hasOwn(PAGE_MODULES, name) ? join(SRC, PAGE_MODULES[name]) : `credsite:${name.replace(/\.js$/, '')}`);
  const names = outputNames(languages).filter((name) => name !== LIBRARY_OUTPUT);
  const options = (beforeVerdict) => ({
    ...COMMON,
    entryPoints: Object.fromEntries(names.map((name) => [name.replace(/\.js$/, ''), pageEntry(name)])),
    splitting: true,
    outdir,
    entryNames: '[name]',
    chunkNames: `${CHUNK_DIR}/[name]-[hash]`,
    plugins: [credsitePlugin({ texts, beforeVerdict })],
  });
  const first = await esbuild.build(options(null));
  const result = await esbuild.build(options(beforeVerdictModules(first.metafile, outdir, languages)));
  const name = (path) => relative(outdir, resolve(HERE, path)).split('\\').join('/');
  const outputs = result.metafile.outputs;
  return result.outputFiles.map((file) => {
    const key = relative(HERE, file.path).split('\\').join('/');
    const imports = (outputs[key]?.imports ?? []).filter((i) => i.kind === 'import-statement' && !i.external).map((i) => name(i.path));
    return { name: name(file.path), code: file.contents, imports: [...new Set(imports)].sort(), inputs: Object.keys(outputs[key]?.inputs ?? {}).sort() };
  });
}

/** The library: one self-contained module (its dynamic imports inlined), all contexts and texts in it. */
async function bundleLibrary() {
  const result = await esbuild.build({
    ...COMMON,
    entryPoints: [join(SRC, LIBRARY_MODULE)],
    plugins: [credsitePlugin()],
  });
  return [{ name: LIBRARY_OUTPUT, code: result.outputFiles[0].contents, imports: [], inputs: Object.keys(Object.values(result.metafile.outputs)[0].inputs).sort() }];
}

/**
 * Build every output into `outDir`.
 * @param {string} outDir
 * @param {Record<string, Record<string, string>>} labels the interface labels, {lang: {key: text}}
 * @returns {Promise<{file: string, bytes: number, sha256: string, imports: string[], inputs: string[]}[]>}
 *   the entries in outputNames order, then the chunks by name; `imports`: the outputs it imports
 *   statically (relative to outDir); `inputs`: the modules whose code it holds (relative to browser/,
 *   `credsite:` for the virtual ones)
 */
export async function buildBundles(outDir, labels) {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) throw new TypeError('buildBundles: labels must be an object');
  const [pages, library] = await Promise.all([bundlePages(labels), bundleLibrary()]);
  const entries = outputNames(Object.keys(labels));
  const rank = (o) => (entries.includes(o.name) ? entries.indexOf(o.name) : entries.length);
  const outputs = [...pages, ...library].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, code } of outputs) {
    if (FORBIDDEN.test(new TextDecoder().decode(code))) {
      throw new Error(`${name} contains eval or new Function; it would not run under the page CSP`);
    }
  }
  mkdirSync(join(outDir, CHUNK_DIR), { recursive: true });
  const written = outputs.map(({ name, code, imports, inputs }) => {
    const file = join(outDir, name);
    writeFileSync(file, code);
    return { file, bytes: code.length, sha256: createHash('sha256').update(code).digest('hex'), imports, inputs };
  });
  writeFileSync(join(outDir, PRELOADS), `${JSON.stringify(preloads(outputs, entries.filter((name) => name !== LIBRARY_OUTPUT)), null, 2)}\n`);
  return written;
}

/**
 * {page script: the chunks it imports before it runs}: the static imports of each page script,
 * and theirs, in the order a breadth-first walk meets them. A page names them in
 * `<link rel="modulepreload">` (templates/credential.html), so that the browser fetches them all
 * at once instead of finding each import only when the file that imports it has arrived.
 * @param {{name: string, imports: string[]}[]} outputs
 * @param {string[]} scripts
 * @returns {Record<string, string[]>} names relative to the output folder
 */
export function preloads(outputs, scripts) {
  const importsOf = new Map(outputs.map((o) => [o.name, o.imports]));
  const closure = (script) => {
    const seen = [script];
    for (let i = 0; i < seen.length; i++) for (const next of importsOf.get(seen[i])) if (!seen.includes(next)) seen.push(next);
    return seen.slice(1);
  };
  return Object.fromEntries(scripts.map((script) => [script, closure(script)]));
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
