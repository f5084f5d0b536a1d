// The layering rule of the browser code (browser/README.md, "Where JavaScript lives"), as a
// function that test/layers.test.js runs on src/ and on a broken tree built for the test:
//
//   src/verifier/  the library: imports only verifier modules, the runtime npm packages of
//                  package.json, `credsite:` virtual modules (build.mjs) and the rule files in
//                  credsite/data/*.json that the Python verifier reads too;
//   src/pages/     the page scripts: page and verifier modules, the runtime npm packages,
//                  `credsite:` virtual modules and credsite/data/*.json (the verifier's rule files
//                  reach them through the verifier; credential-fields.json is the pages' own).
//   src/shims/     build-time replacements for npm internals (build.mjs); nothing imports them.
//
// Imports are read by esbuild's own parser (the bundler's view of the code, so comments, strings
// and regular expressions cannot fool it): every module is an entry point and every import is
// recorded, then left unresolved.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as esbuild from 'esbuild';

/** What each layer may import, by the kind of target (see `kindOf`). */
export const ALLOWED = Object.freeze({
  verifier: Object.freeze(['verifier', 'npm', 'virtual', 'data']),
  pages: Object.freeze(['pages', 'verifier', 'npm', 'virtual', 'data']),
});

const LAYERS = Object.keys(ALLOWED);

function modulesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(m?js|cjs)$/.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** Every import of every module under `srcDir`: [{importer, specifier, kind}], importer absolute. */
async function importsOf(files, srcDir) {
  const found = [];
  const record = {
    name: 'record-imports',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        found.push({ importer: args.importer, specifier: args.path, kind: args.kind });
        return { path: args.path, external: true };
      });
    },
  };
  await esbuild.build({
    absWorkingDir: srcDir,
    entryPoints: files,
    bundle: true,
    write: false,
    outdir: join(srcDir, 'out'),
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    plugins: [record],
  });
  return found;
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The kind of an import's target: 'virtual' (credsite:…), 'verifier' / 'pages' / 'shims' (a module
 * of that folder), 'data' (credsite/data/*.json), 'npm' (a runtime dependency), or what is wrong
 * with it ('builtin', 'not in dependencies', 'outside').
 */
function kindOf(specifier, importer, { srcDir, repoDir, dependencies }) {
  if (specifier.startsWith('credsite:')) return 'virtual';
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = resolve(dirname(importer), specifier);
    const inSrc = relative(srcDir, target).split(sep);
    if (inSrc[0] !== '..' && [...LAYERS, 'shims'].includes(inSrc[0]) && inSrc.length > 1) return inSrc[0];
    const inRepo = relative(repoDir, target).split(sep);
    if (inRepo.length === 3 && inRepo[0] === 'credsite' && inRepo[1] === 'data' && inRepo[2].endsWith('.json')) return 'data';
    return 'outside';
  }
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return 'builtin';
  return dependencies.includes(packageName(specifier)) ? 'npm' : 'not in dependencies';
}

/**
 * The breaches of the layering rule under `srcDir`, as readable lines (empty when it holds).
 * @param {{srcDir: string, repoDir: string, dependencies: string[]}} tree `dependencies`: the
 *   runtime packages (package.json "dependencies"); `repoDir` holds credsite/data/
 * @returns {Promise<string[]>}
 */
export async function layerViolations({ srcDir, repoDir, dependencies }) {
  const problems = [];
  const files = modulesUnder(srcDir);
  const layerOf = (file) => relative(srcDir, file).split(sep)[0];
  for (const file of files) {
    const layer = layerOf(file);
    if (!LAYERS.includes(layer) && layer !== 'shims') problems.push(`${relative(srcDir, file)} is in no layer (src/verifier/ or src/pages/)`);
  }
  const checked = files.filter((f) => LAYERS.includes(layerOf(f)));
  for (const { importer, specifier } of await importsOf(checked, srcDir)) {
    const layer = layerOf(importer);
    const kind = kindOf(specifier, importer, { srcDir, repoDir, dependencies });
    if (!ALLOWED[layer].includes(kind)) {
      problems.push(`${relative(srcDir, importer)} imports ${specifier} (${kind}); ${layer} may import only ${ALLOWED[layer].join(', ')}`);
    }
  }
  return problems;
}
