#!/usr/bin/env node
// Verify credentials with the browser verifier (src/verifier/index.js, the bundled contexts, an in-memory
// network), so that Python tests can hold the Python and browser verifiers to the same verdicts.
//
// Usage: node browser/tools/verify.mjs < cases.json
//   stdin:  {"network": {"<url>": <document>, …}, "now": "<RFC 3339>", "cases": ["<JSON text>", …]}
//   stdout: a JSON array, one entry per case, in order:
//           {"state": "<verdict>", "failed": ["<check id>", …]} or {"refused": "<input code>"}
//           (refused: the text was not accepted as a credential, as /verify/ refuses it)
// Exit status: 0 when every case was processed, 2 on bad input.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createDocumentLoader, CredentialInputError, parseCredentialJson, verifyCredential } from '../src/verifier/index.js';

const CONTEXTS_DIR = new URL('../../credsite/data/contexts/', import.meta.url);

async function loadContexts() {
  const index = JSON.parse(await readFile(fileURLToPath(new URL('index.json', CONTEXTS_DIR)), 'utf8'));
  const contexts = {};
  for (const [url, entry] of Object.entries(index.contexts)) {
    contexts[url] = JSON.parse(await readFile(fileURLToPath(new URL(entry.file, CONTEXTS_DIR)), 'utf8'));
  }
  return contexts;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function main() {
  let input;
  try {
    input = JSON.parse(await readStdin());
  } catch (e) {
    process.stderr.write(`verify.mjs: stdin is not JSON: ${e.message}\n`);
    process.exit(2);
  }
  const documentLoader = createDocumentLoader(await loadContexts());
  const network = input.network || {};
  const fetchJson = async (url) => {
    if (!Object.hasOwn(network, url)) {
      const error = new Error(`HTTP 404 for ${url}`);
      error.status = 404;
      throw error;
    }
    return structuredClone(network[url]);
  };
  const results = [];
  for (const text of input.cases) {
    let credential;
    try {
      credential = parseCredentialJson(text);
    } catch (e) {
      if (!(e instanceof CredentialInputError)) throw e;
      results.push({ refused: e.code });
      continue;
    }
    const result = await verifyCredential(credential, { documentLoader, fetchJson, now: input.now });
    results.push({ state: result.state, failed: result.checks.filter((c) => c.outcome === 'failed').map((c) => c.id) });
  }
  process.stdout.write(JSON.stringify(results));
}

main();
