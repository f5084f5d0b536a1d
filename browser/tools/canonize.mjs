#!/usr/bin/env node
// Canonicalize JSON-LD documents with jsonld.js exactly as the browser verifier does
// (RDFC-1.0, safe mode, bundled contexts only), so that Python tests can check that the
// signer (pyld) and the verifier (jsonld.js) produce the same N-Quads.
//
// Usage: node browser/tools/canonize.mjs < documents.json
//   stdin:  a JSON array of JSON-LD documents
//   stdout: a JSON array, one entry per document, in order:
//           {"nquads": "<canonical N-Quads>"} or {"error": "<message>", "code": "<code>"}
// One process handles many documents because starting Node costs far more than canonizing.
// Exit status: 0 when every document was processed (even if some failed), 2 on bad input.

import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import jsonld from 'jsonld';

const CONTEXTS_DIR = new URL('../../credsite/data/contexts/', import.meta.url);

async function loadContexts() {
  const index = JSON.parse(
    await readFile(fileURLToPath(new URL('index.json', CONTEXTS_DIR)), 'utf8'));
  const contexts = new Map();
  for(const [url, entry] of Object.entries(index.contexts)) {
    const text = await readFile(fileURLToPath(new URL(entry.file, CONTEXTS_DIR)), 'utf8');
    contexts.set(url, JSON.parse(text));
  }
  return contexts;
}

function staticLoader(contexts) {
  // 'static' lets jsonld.js keep resolved contexts across documents; the loader never
  // touches the network, which is the rule for the signer and the verifier alike.
  return async url => {
    if(!contexts.has(url)) {
      throw new Error(`unknown JSON-LD context URL: ${url}`);
    }
    return {
      contextUrl: null,
      documentUrl: url,
      document: structuredClone(contexts.get(url)),
      tag: 'static'
    };
  };
}

function describe(error) {
  // Safe-mode failures carry the offending event (e.g. 'invalid property'); report its code
  // and details so a test can tell "refused for the right reason" from "crashed".
  const event = error?.details?.event;
  if(event) {
    return {
      error: `${error.message} ${event.message} ${JSON.stringify(event.details ?? {})}`,
      code: event.code
    };
  }
  let message = String(error?.message ?? error);
  for(let cause = error?.details?.cause ?? error?.cause; cause;
    cause = cause?.details?.cause ?? cause?.cause) {
    message += `: ${cause.message ?? cause}`;
  }
  return {error: message, code: error?.name ?? 'Error'};
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function main() {
  let documents;
  try {
    documents = JSON.parse(await readStdin());
  } catch(error) {
    process.stderr.write(`canonize.mjs: stdin is not JSON: ${error.message}\n`);
    process.exit(2);
  }
  if(!Array.isArray(documents)) {
    process.stderr.write('canonize.mjs: stdin must be a JSON array of documents\n');
    process.exit(2);
  }
  const documentLoader = staticLoader(await loadContexts());
  const results = [];
  for(const document of documents) {
    try {
      const nquads = await jsonld.canonize(document, {
        algorithm: 'RDFC-1.0',
        format: 'application/n-quads',
        safe: true,
        documentLoader
      });
      results.push({nquads});
    } catch(error) {
      results.push(describe(error));
    }
  }
  process.stdout.write(JSON.stringify(results));
}

await main();
