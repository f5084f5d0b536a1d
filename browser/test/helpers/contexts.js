// Reads the project's bundled JSON-LD contexts from disk (Node only). The browser bundle embeds the
// same files at build time (build.mjs); both feed src/verifier/document-loader.js.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDocumentLoader } from '../../src/verifier/document-loader.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CONTEXT_DIR = join(ROOT, 'credsite', 'data', 'contexts');
export const VECTORS = join(ROOT, 'tests', 'vectors');

export function readContexts() {
  const index = JSON.parse(readFileSync(join(CONTEXT_DIR, 'index.json'), 'utf8'));
  const map = {};
  for (const [url, entry] of Object.entries(index.contexts)) {
    map[url] = JSON.parse(readFileSync(join(CONTEXT_DIR, entry.file), 'utf8'));
  }
  return map;
}

export const CONTEXTS = readContexts();
export const documentLoader = createDocumentLoader(CONTEXTS);

export function readJson(...parts) {
  return JSON.parse(readFileSync(join(VECTORS, ...parts), 'utf8'));
}

export function readText(...parts) {
  return readFileSync(join(VECTORS, ...parts), 'utf8');
}
