#!/usr/bin/env node
// Verify credentials with the browser verifier (src/verifier/index.js, the bundled contexts, an in-memory
// network), so that Python tests can hold the Python and browser verifiers to the same verdicts.
//
// Usage: node browser/tools/verify.mjs < cases.json
//   stdin:  {"network": {"<url>": <document>, …}, "now": "<RFC 3339>", "cases": [<case>, …]}
//           a case is the text of a credential (JSON, or a JWT credential's compact JWS), or {"text": "<JSON text>", "network": {…},
//           "now": "…", "unreachable": true} with its own network (added to the shared one), moment,
//           and whether an address outside the network fails as a server error (500, "could not
//           fetch") instead of 404 (there is no such document)
//   stdout: a JSON array, one entry per case, in order:
//           {"state": "<verdict>", "checks": [["<check id>", "<outcome>"], …], "endorsements": [["<where>",
//           "<endorser id>", "<state>", <about>], …]} or {"refused": "<input code>"}
//           (refused: the text was not accepted as a credential, as /verify/ refuses it)
// Exit status: 0 when every case was processed, 2 on bad input.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createDocumentLoader, CredentialInputError, readCredentialText, verifyCredential } from '../src/verifier/index.js';

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

/** An in-memory network: the documents given, and for any other address HTTP 404 (or 500). */
function fetcher(network, unreachable) {
  return async (url) => {
    if (!Object.hasOwn(network, url)) {
      const status = unreachable ? 500 : 404;
      const error = new Error(`HTTP ${status} for ${url}`);
      error.status = status;
      throw error;
    }
    return structuredClone(network[url]);
  };
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
  const results = [];
  for (const item of input.cases) {
    const one = typeof item === 'string' ? { text: item } : item;
    let credential;
    try {
      credential = readCredentialText(one.text);
    } catch (e) {
      if (!(e instanceof CredentialInputError)) throw e;
      results.push({ refused: e.code });
      continue;
    }
    const fetchJson = fetcher({ ...input.network, ...one.network }, one.unreachable === true);
    const result = await verifyCredential(credential, { documentLoader, fetchJson, now: one.now ?? input.now });
    const endorsements = result.endorsements.map((e) => [e.where, e.endorser.id, e.state, e.about]);
    results.push({ state: result.state, checks: result.checks.map((c) => [c.id, c.outcome]), endorsements });
  }
  process.stdout.write(JSON.stringify(results));
}

main();
