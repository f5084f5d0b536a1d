// What the first JOSE wave left open, in the browser verifier (the Python twin and the agreement of
// the two: tests/test_jose_loose_ends.py): an encrypted JWT is unsupported, not invalid; a JWT
// credential's endorsements are verified to depth 1 and up to the count limit, the endorser named
// only when authentic (an endorsementJwt by its signed payload); a kid that is an https address
// serving a bare JWK or a JWK Set (OB 3.0 §8.2) gives the key, with every refusal its message.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { base64urlEncode } from '../src/verifier/base64url.js';
import { MAX_ENDORSEMENTS, verifyEndorsements } from '../src/verifier/endorsements.js';
import { createDocumentLoader, verifyCredential } from '../src/verifier/index.js';
import { MESSAGES } from '../src/verifier/messages.js';

const REPO = new URL('../../', import.meta.url);
const CONTEXTS = new URL('credsite/data/contexts/', REPO);
const NOW = '2026-12-01T00:00:00Z';
const ISSUER = 'https://issuer.example/profile';
const KEYS_URL = 'https://issuer.example/keys';
const ENDORSER_WEB = 'did:web:endorser.example';
const NESTED_WEB = 'did:web:nested.example';

function documentLoader() {
  const index = JSON.parse(readFileSync(new URL('index.json', CONTEXTS), 'utf8'));
  const contexts = {};
  for (const [url, entry] of Object.entries(index.contexts)) contexts[url] = JSON.parse(readFileSync(new URL(entry.file, CONTEXTS), 'utf8'));
  return createDocumentLoader(contexts);
}
const LOADER = documentLoader();

const part = (value) => base64urlEncode(new TextEncoder().encode(JSON.stringify(value)));

/** An in-memory network that records what is asked for; anything else is HTTP 404. */
function network(documents = {}) {
  const asked = [];
  const fetchJson = async (url) => {
    asked.push(url);
    if (!Object.hasOwn(documents, url)) throw Object.assign(new Error(`HTTP 404 for ${url}`), { status: 404 });
    return structuredClone(documents[url]);
  };
  return { asked, fetchJson };
}

function credential(issuer = ISSUER) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:2c4d1c3e-6c55-4d3a-9a43-1f1e0f4ab001',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Example Issuer' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Teamwork',
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: { id: 'https://issuer.example/achievements/teamwork', type: ['Achievement'], name: 'Teamwork', description: 'Works well in a team.', criteria: { narrative: 'Nominated by peers.' } },
    },
  };
}

function payload(body = credential()) {
  return { ...body, iss: body.issuer.id, sub: body.credentialSubject.id, jti: body.id, nbf: 1704067200, iat: 1704067200 };
}

async function es256() {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, jwk: await exportJWK(publicKey) };
}

async function sign(key, header, body) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(body))).setProtectedHeader({ alg: 'ES256', ...header }).sign(key.privateKey);
}

/** An EndorsementCredential with a proof naming a did:web key; its proofValue is too short to be valid (the point is what is fetched). */
function endorsement(endorser, subject, extra = {}) {
  return {
    '@context': credential()['@context'],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    issuer: { id: endorser, type: ['Profile'], name: 'Endorser Org' },
    validFrom: '2026-01-01T00:00:00Z',
    name: 'Endorsement',
    credentialSubject: { id: subject, type: ['EndorsementSubject'], endorsementComment: 'Meets our standards.' },
    ...extra,
    proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-01-01T00:00:00Z', verificationMethod: `${endorser}#key-1`, proofPurpose: 'assertionMethod', proofValue: 'z3FXQ' },
  };
}

// -- 1. an encrypted JWT ---------------------------------------------------------------------------

const JWE = [part({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }), 'a2V5', 'aXY', 'Y2lwaGVy', 'dGFn'].join('.');

test('an encrypted JWT (a JWE) is unsupported, and says it cannot be read without the holder\'s key', async () => {
  const result = await verifyCredential(JWE, { documentLoader: LOADER, now: NOW });
  assert.equal(result.state, 'unsupported');
  const [structure, ...rest] = result.checks;
  assert.equal(structure.outcome, 'unsupported');
  assert.match(structure.message.en, /encrypted \(a JWE\).*holder/);
  assert.match(structure.message.nl, /versleuteld \(een JWE\).*houder/);
  assert.deepEqual([...new Set(rest.map((c) => c.outcome))], ['not-checked']);
});

test('five parts that are not a JWE stay invalid', async () => {
  for (const text of [[part({ alg: 'ES256' }), 'a2V5', 'aXY', 'Y2lwaGVy', 'dGFn'].join('.'), `e30x${JWE.slice(JWE.indexOf('.'))}`]) {
    const result = await verifyCredential(text, { documentLoader: LOADER, now: NOW });
    assert.equal(result.state, 'invalid');
    assert.equal(result.checks[0].outcome, 'failed');
    assert.match(result.checks[0].message.en, /5 parts .* a signed JWT has three/);
  }
});

// -- 2. endorsements of a JWT credential ----------------------------------------------------------

async function endorsedJwt(items) {
  const key = await es256();
  const body = payload();
  body.issuer = { ...body.issuer, endorsement: items };
  return sign(key, { jwk: key.jwk, typ: 'JWT' }, body);
}

test("a JWT credential's endorsements are verified, and theirs are not followed", async () => {
  const nested = endorsement(NESTED_WEB, ISSUER);
  const token = await endorsedJwt([endorsement(ENDORSER_WEB, ISSUER, { endorsement: [nested] })]);
  const { asked, fetchJson } = network();
  const result = await verifyCredential(token, { documentLoader: LOADER, fetchJson, now: NOW });
  assert.equal(result.state, 'verified');
  assert.deepEqual(
    result.endorsements.map((e) => [e.where, e.endorser.id, e.state, e.about, e.endorser.name]),
    [['issuer', ENDORSER_WEB, 'invalid', true, null]],
  );
  assert.deepEqual(asked, ['https://endorser.example/.well-known/did.json']);
});

test('endorsements: false leaves a JWT credential\'s endorsements alone (the depth flag)', async () => {
  const token = await endorsedJwt([endorsement(ENDORSER_WEB, ISSUER)]);
  const { asked, fetchJson } = network();
  const result = await verifyCredential(token, { documentLoader: LOADER, fetchJson, now: NOW, endorsements: false });
  assert.equal(result.state, 'verified');
  assert.deepEqual(result.endorsements, []);
  assert.deepEqual(asked, []);
});

test('a JWT credential\'s endorsements beyond the limit are reported as not checked', async () => {
  const items = Array.from({ length: MAX_ENDORSEMENTS + 1 }, () => endorsement(ENDORSER_WEB, ISSUER));
  const { asked, fetchJson } = network();
  const result = await verifyCredential(await endorsedJwt(items), { documentLoader: LOADER, fetchJson, now: NOW });
  assert.equal(result.endorsements.length, MAX_ENDORSEMENTS + 1);
  const last = result.endorsements.at(-1);
  assert.deepEqual([last.state, last.endorser.id], ['error', null]);
  assert.match(last.headline.en, new RegExp(`more than ${MAX_ENDORSEMENTS} endorsements`));
  assert.ok(asked.length >= 1);
});

test('an endorsementJwt is named by its signed payload, and only when it is authentic', async () => {
  const body = { ...payload(), issuer: { id: 'https://endorser.example/org', type: ['Profile'], name: 'Jwt Org' } };
  const token = [part({ alg: 'ES256' }), part(body), 'c2ln'].join('.');
  const view = { issuer: { id: ISSUER, endorsementJwt: [token, token] } };
  const states = ['verified', 'invalid'];
  const verify = async () => {
    const state = states.shift();
    const tied = { id: 'key-controller', outcome: 'passed', message: { en: 'm.', nl: 'm.' } }; // a name is shown only for a key tied to it
    return { state, checks: [tied, { id: 'signature', outcome: state === 'verified' ? 'passed' : 'failed', message: { en: 'm.', nl: 'm.' } }], issuer: { id: body.issuer.id, verified: state === 'verified' } };
  };
  const found = await verifyEndorsements(view, view, verify);
  assert.deepEqual(found.map((e) => [e.endorser.name, e.state]), [['Jwt Org', 'verified'], [null, 'invalid']]);
});

// -- 5. a kid that is an https address serving the key --------------------------------------------

async function servedKeyCase(kid, served) {
  const key = await es256();
  const token = await sign(key, { kid, typ: 'JWT' }, payload());
  const documents = served === undefined ? {} : { [KEYS_URL]: typeof served === 'function' ? served(key.jwk) : served };
  const { fetchJson } = network(documents);
  return verifyCredential(token, { documentLoader: LOADER, fetchJson, now: NOW });
}

test('a kid that serves a bare JWK or a key of a JWK Set gives the key, with a note that nothing names its owner', async () => {
  for (const [kid, served] of [
    [KEYS_URL, (jwk) => jwk],
    [`${KEYS_URL}#key-1`, (jwk) => ({ keys: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', kid: 'key-0' }, { ...jwk, kid: 'key-1' }] })],
  ]) {
    const result = await servedKeyCase(kid, served);
    assert.equal(result.state, 'verified', kid);
    const byId = Object.fromEntries(result.checks.map((c) => [c.id, c]));
    assert.match(byId['issuer-key'].message.en, new RegExp(`served at ${KEYS_URL} \\(a JWK`));
    assert.equal(byId['key-controller'].outcome, 'warning');
    assert.match(byId['key-controller'].message.nl, /geen eigenaar/);
  }
});

test('a kid whose address serves no such key, or a key not for signing, is refused with its reason', async () => {
  const cases = [
    [`${KEYS_URL}#key-9`, (jwk) => ({ keys: [{ ...jwk, kid: 'key-1' }] }), /is not the key the signature names/],
    [KEYS_URL, (jwk) => ({ keys: [jwk, jwk] }), /does not say which of its keys/],
    [`${KEYS_URL}#key-2`, (jwk) => ({ ...jwk, kid: 'key-1' }), /is not the key the signature names/],
    [KEYS_URL, (jwk) => ({ ...jwk, use: 'enc' }), /another use than signatures/],
  ];
  for (const [kid, served, message] of cases) {
    const result = await servedKeyCase(kid, served);
    assert.equal(result.state, 'invalid', kid);
    const key = result.checks.find((c) => c.id === 'issuer-key');
    assert.equal(key.outcome, 'failed');
    assert.match(key.message.en, message);
  }
  const unreachable = await servedKeyCase(`${KEYS_URL}#key-1`, undefined);
  assert.equal(unreachable.state, 'error');
});

test('every refusal of kid-url.js has a message in both languages', () => {
  const source = readFileSync(new URL('../src/verifier/jose/kid-url.js', import.meta.url), 'utf8');
  const codes = [...new Set([...source.matchAll(/new KeyResolutionError\('([A-Z_]+)'/g)].map((m) => m[1]))];
  assert.ok(codes.length >= 4);
  const keys = codes.filter((c) => c !== 'NO_FETCH').map((c) => `issuer-key.${c}`);
  assert.deepEqual(keys.filter((k) => !MESSAGES[k]?.en || !MESSAGES[k]?.nl), []);
  for (const key of ['jose.structure.ENCRYPTED', 'jose.issuer-key.served', 'jose.key-controller.served']) assert.ok(MESSAGES[key]?.nl && MESSAGES[key]?.en, key);
});
