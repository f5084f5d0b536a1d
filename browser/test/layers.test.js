// The layering of the browser code (test/helpers/layers.js): the verifier library imports nothing
// from the page scripts, and neither imports Node built-ins, undeclared packages or files outside
// their folders. The second test builds a tree that breaks every rule, so the check is known to fail.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { layerViolations } from './helpers/layers.js';

const BROWSER = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = JSON.parse(readFileSync(join(BROWSER, 'package.json'), 'utf8'));
const DEPENDENCIES = Object.keys(PACKAGE.dependencies);

test('src/verifier imports only itself, npm packages, credsite: modules and credsite/data; src/pages adds the verifier', async () => {
  const problems = await layerViolations({ srcDir: join(BROWSER, 'src'), repoDir: join(BROWSER, '..'), dependencies: DEPENDENCIES });
  assert.deepEqual(problems, []);
});

test('the check names every breach: a library module importing a page, a built-in, a dev package, a stray file', async () => {
  const root = mkdtempSync(join(tmpdir(), 'credsite-layers-'));
  try {
    const write = (path, text) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('credsite/data/rules.json', '{"a": 1}');
    write('other/tool.js', 'export const x = 1;\n');
    write('browser/src/shims/shim.cjs', 'module.exports = {};\n');
    write('browser/src/stray.js', 'export const stray = 1;\n');
    write(
      'browser/src/verifier/good.js',
      [
        "import jsonld from 'jsonld';",
        "import { x } from '@noble/ed25519/utils';",
        "import contexts from 'credsite:contexts';",
        "import RULES from '../../../credsite/data/rules.json' with { type: 'json' };",
        "export { y } from './cryptosuites/deep.js';",
        "// import { page } from '../pages/page.js';  (a comment does not count)",
        "const s = \"import '../pages/page.js'\"; // nor does a string",
        'export default [jsonld, x, contexts, RULES, s];',
      ].join('\n'),
    );
    write('browser/src/verifier/cryptosuites/deep.js', 'export const y = /["\']/;\n');
    write(
      'browser/src/verifier/bad.js',
      [
        "import { page } from '../pages/page.js';",
        "import fs from 'node:fs';",
        "import esbuild from 'esbuild';",
        "import '../shims/shim.cjs';",
        "export { x } from '../../../other/tool.js';",
        "export const later = () => import('../pages/page.js');",
        'export default [page, fs, esbuild];',
      ].join('\n'),
    );
    write(
      'browser/src/pages/page.js',
      [
        "import { later } from '../verifier/bad.js';",
        "import RULES from '../../../credsite/data/rules.json' with { type: 'json' };",
        "import qrcode from 'qrcode-generator';",
        "import { x } from '../../../other/tool.js';",
        'export const page = [later, RULES, qrcode, x];',
      ].join('\n'),
    );
    const problems = await layerViolations({ srcDir: join(root, 'browser', 'src'), repoDir: root, dependencies: DEPENDENCIES });
    assert.deepEqual(problems.sort(), [
      'pages/page.js imports ../../../other/tool.js (outside); pages may import only pages, verifier, npm, virtual, data',
      'stray.js is in no layer (src/verifier/ or src/pages/)',
      'verifier/bad.js imports ../../../other/tool.js (outside); verifier may import only verifier, npm, virtual, data',
      'verifier/bad.js imports ../pages/page.js (pages); verifier may import only verifier, npm, virtual, data',
      'verifier/bad.js imports ../pages/page.js (pages); verifier may import only verifier, npm, virtual, data',
      'verifier/bad.js imports ../shims/shim.cjs (shims); verifier may import only verifier, npm, virtual, data',
      'verifier/bad.js imports esbuild (not in dependencies); verifier may import only verifier, npm, virtual, data',
      'verifier/bad.js imports node:fs (builtin); verifier may import only verifier, npm, virtual, data',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
