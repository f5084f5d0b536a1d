#!/usr/bin/env node
// Verify credentials with the Digital Credentials Consortium's verifier-core (the library behind
// VerifierPlus and the Learner Credential Wallet), so that Python tests can see what a verifier
// that is not credsite's says about credsite's credentials.
//
// verifier-core takes no document loader or fetch function of its own: it resolves did:web, loads
// status lists and guesses the Open Badges schema with the global fetch. So this script replaces
// the global fetch before loading it: a URL that starts with one of the given prefixes is sent to
// the local server that stands in for it; every other request fails and is recorded, and so is
// any socket opened to a host other than the loopback address. JSON-LD contexts come from the
// copies bundled with verifier-core (it never needs the network for ours).
//
// Usage: node browser/tools/verifier-core.mjs < request.json
//   stdin:  {"routes": {"https://mc.example.org/": "http://127.0.0.1:PORT/", ...},
//            "credentials": {"label": <credential>, ...}}
//   stdout: {"results": {"label": {"log": [{"id", "valid"}...], "errors": [...],
//                                  "schema": [{"schema", "valid"}...]}, ...},
//            "requested": [url...], "blocked": [url or host...]}
// Exit status: 0 when every credential was run (whatever the verdicts), 2 on bad input.

import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', chunk => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/** Route every fetch to a local server, or refuse it; returns what was asked and refused. */
function confineNetwork(routes) {
  const requested = [];
  const blocked = [];
  const realFetch = globalThis.fetch;
  const realConnect = net.Socket.prototype.connect;
  // Sockets too, so that a library that bypasses fetch cannot reach the network either.
  net.Socket.prototype.connect = function connect(...args) {
    const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : {host: args[1]};
    const host = options.host ?? 'localhost';
    if(options.path === undefined && !LOOPBACK.has(host)) {
      blocked.push(`socket to ${host}`);
      throw new Error(`network access refused: ${host}`);
    }
    return realConnect.apply(this, args);
  };
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
    requested.push(url);
    const prefix = Object.keys(routes).find(p => url.startsWith(p));
    if(prefix === undefined) {
      blocked.push(url);
      throw new TypeError(`network access refused: ${url}`);
    }
    const local = routes[prefix] + url.slice(prefix.length);
    const request = input instanceof Request ? new Request(local, input) : local;
    return realFetch(request, init);
  };
  return {requested, blocked};
}

/** The parts of verifier-core's answer that the tests judge, in plain JSON. */
function summary(response) {
  const schema = (response.additionalInformation ?? [])
    .filter(entry => entry.id === 'schema_check' && Array.isArray(entry.results))
    .flatMap(entry => entry.results.map(r => ({schema: r.schema, valid: r.result?.valid ?? null})));
  return {
    log: (response.log ?? []).map(step => ({
      id: step.id,
      valid: step.valid ?? null,
      ...(step.error ? {error: step.error.name ?? String(step.error.message)} : {}),
    })),
    errors: (response.errors ?? []).map(e => ({name: e.name, message: e.message})),
    schema,
  };
}

async function main() {
  let request;
  try {
    request = JSON.parse(await readStdin());
  } catch(error) {
    process.stderr.write(`verifier-core.mjs: stdin is not JSON: ${error.message}\n`);
    return 2;
  }
  const {routes, credentials} = request;
  if(typeof routes !== 'object' || typeof credentials !== 'object') {
    process.stderr.write('verifier-core.mjs: expected {"routes": {...}, "credentials": {...}}\n');
    return 2;
  }
  const network = confineNetwork(routes);
  const {verifyCredential} = await import('@digitalcredentials/verifier-core');
  const results = {};
  for(const [label, credential] of Object.entries(credentials)) {
    // No registries of known issuers: that step is about trust lists, not about this credential.
    results[label] = summary(await verifyCredential({credential, knownDIDRegistries: []}));
  }
  process.stdout.write(JSON.stringify({results, ...network}) + '\n');
  return 0;
}

process.exitCode = await main();
