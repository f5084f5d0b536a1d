// Attacks that reshape a genuine credential without changing what its signature covers: the
// property that makes it revoked, expired or not yet valid is renamed, aliased, nested or wrapped,
// so a verifier reading the JSON as written would not find it. Every variant keeps the original
// proof, and none may reach "verified" (issue 11, item 1).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verifyCredential } from '../src/verifier/index.js';
import { documentLoader } from './helpers/contexts.js';
import { canon } from './helpers/sign.js';
import { INDEX, NOW, checkOf, network, signBadge, unsignedBadge } from './helpers/fixtures.js';

const CRED = 'https://www.w3.org/2018/credentials#';
const XSD_DATETIME = 'http://www.w3.org/2001/XMLSchema#dateTime';

async function verify(credential, net) {
  return verifyCredential(credential, { documentLoader, fetchJson: net.fetchJson, now: NOW });
}

function withoutProof(doc) {
  const { proof, ...rest } = doc;
  return rest;
}

/** Move `key` to `newKey` (keeping the key order readable) and optionally add a context entry. */
function rename(doc, key, newKey, { context, wrap } = {}) {
  const out = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === key) out[newKey] = wrap ? wrap(v) : v;
    else out[k] = v;
  }
  if (context) out['@context'] = [...doc['@context'], context];
  return out;
}

function nest(doc, key, context = { nm: '@nest' }) {
  const { [key]: value, ...rest } = doc;
  return { ...rest, '@context': [...doc['@context'], context], nm: { [key]: value } };
}

const typed = (value) => ({ '@value': value, '@type': XSD_DATETIME });

/** Each reshaping of `key` (whose value a JSON reader must not miss). */
function variants(doc, key) {
  const iri = `${CRED}${key}`;
  const dateTyped = key === 'credentialStatus' ? undefined : typed;
  const aliasDef = key === 'credentialStatus' ? { '@id': iri, '@type': '@id' } : { '@id': iri, '@type': XSD_DATETIME };
  return {
    [`${key} nested with an inline @nest alias`]: nest(doc, key),
    [`${key} nested with an inline @nest term`]: nest(doc, key, { nm: { '@id': '@nest' } }),
    [`${key} under an inline alias`]: rename(doc, key, 'cs', { context: { cs: aliasDef } }),
    [`${key} under its full IRI`]: rename(doc, key, iri, { wrap: dateTyped }),
    [`${key} under @graph-free keyword spelling`]: rename(doc, key, iri, { wrap: (v) => (Array.isArray(v) ? v : dateTyped ? dateTyped(v) : v) }),
    ...(dateTyped ? { [`${key} as a typed value object`]: rename(doc, key, key, { wrap: dateTyped }) } : {}),
  };
}

async function assertSameMeaning(original, variant, name) {
  // Each variant must mean exactly what was signed (else it is a mere forgery, tested elsewhere).
  if (JSON.stringify(variant['@context']) !== JSON.stringify(original['@context'])) return;
  assert.equal(await canon(withoutProof(variant)), await canon(withoutProof(original)), name);
}

describe('reshaped credentials never reach verified', () => {
  test('revoked: credentialStatus renamed, aliased or nested', async () => {
    const signed = await signBadge();
    const net = await network({ revoked: [INDEX] });
    assert.equal((await verify(signed, net)).state, 'revoked');
    for (const [name, doc] of Object.entries(variants(signed, 'credentialStatus'))) {
      await assertSameMeaning(signed, doc, name);
      const result = await verify(doc, net);
      assert.notEqual(result.state, 'verified', name);
      assert.ok(['revoked', 'invalid'].includes(result.state), `${name}: ${result.state}`);
    }
  });

  test('expired: validUntil renamed, aliased, nested or wrapped', async () => {
    const signed = await signBadge(unsignedBadge({ validUntil: '2026-01-01T00:00:00Z' }));
    const net = await network();
    assert.equal((await verify(signed, net)).state, 'expired');
    for (const [name, doc] of Object.entries(variants(signed, 'validUntil'))) {
      await assertSameMeaning(signed, doc, name);
      const result = await verify(doc, net);
      assert.ok(['expired', 'invalid'].includes(result.state), `${name}: ${result.state}`);
    }
  });

  test('not yet valid: validFrom renamed, aliased, nested or wrapped', async () => {
    const signed = await signBadge(unsignedBadge({ validFrom: '2027-01-01T00:00:00Z' }));
    const net = await network();
    assert.equal((await verify(signed, net)).state, 'not-yet-valid');
    for (const [name, doc] of Object.entries(variants(signed, 'validFrom'))) {
      await assertSameMeaning(signed, doc, name);
      const result = await verify(doc, net);
      assert.ok(['not-yet-valid', 'invalid'].includes(result.state), `${name}: ${result.state}`);
    }
  });

  test('a status under its full IRI is invalid: verifiers reading the JSON would miss it', async () => {
    const signed = await signBadge();
    const doc = rename(signed, 'credentialStatus', `${CRED}credentialStatus`);
    const result = await verify(doc, await network({ revoked: [INDEX] }));
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'structure').outcome, 'passed', 'the JSON alone is well formed');
    const signedData = checkOf(result, 'signed-data');
    assert.equal(signedData.outcome, 'failed');
    assert.deepEqual(signedData.detail.problems, ['PROPERTY_HIDDEN']);
    assert.match(signedData.message.en, /programs reading it as plain data would miss/);
    assert.equal(result.credential, null);
  });

  test('the credential returned is the signed view, with the shown fields under their own names', async () => {
    const signed = await signBadge();
    const doc = structuredClone(signed);
    const achievement = doc.credentialSubject.achievement;
    doc.credentialSubject.achievement = { ...achievement, 'https://schema.org/name': achievement.name };
    delete doc.credentialSubject.achievement.name;
    const result = await verify(doc, await network());
    assert.equal(result.state, 'verified');
    assert.equal(result.credential.credentialSubject.achievement.name, achievement.name);
  });

  test('an inline context is refused with its own message, in both languages', async () => {
    const signed = await signBadge();
    const result = await verify(nest(signed, 'credentialStatus'), await network());
    assert.equal(result.state, 'invalid');
    const c = checkOf(result, 'contexts');
    assert.equal(c.outcome, 'failed');
    assert.equal(c.detail.code, 'INLINE_CONTEXT');
    assert.match(c.message.en, /defines its own vocabulary/);
    assert.match(c.message.nl, /eigen woordenlijst/);
  });

  test('a yes/no value written as text ("false") is refused, though its signature verifies', async () => {
    const signed = await signBadge();
    const doc = structuredClone(signed);
    doc.credentialSubject.identifier[0].hashed = 'true';
    await assertSameMeaning(signed, doc, 'hashed as text');
    const result = await verify(doc, await network());
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'contexts').outcome, 'passed', 'the signature covers it');
    assert.equal(checkOf(result, 'signature').outcome, 'passed');
    assert.equal(checkOf(result, 'signed-data').detail.code, 'TEXT_BOOLEAN');
    assert.equal(result.credential, null);
  });

  test('a status or date moved into another node with @included or @reverse is refused', async () => {
    const signed = await signBadge(unsignedBadge({ validUntil: '2026-01-01T00:00:00Z' }));
    const net = await network({ revoked: [INDEX] });
    const { credentialStatus, validUntil, ...rest } = signed;
    const variantsOf = {
      'status in @included': { ...rest, validUntil, '@included': [{ id: signed.id, type: 'VerifiableCredential', credentialStatus }] },
      'end date in @included': { ...rest, credentialStatus, '@included': [{ id: signed.id, type: 'VerifiableCredential', validUntil }] },
      'end date via the issuer with @reverse': {
        ...rest,
        credentialStatus,
        issuer: { ...signed.issuer, '@reverse': { issuer: { id: signed.id, validUntil } } },
      },
    };
    for (const [name, doc] of Object.entries(variantsOf)) {
      const result = await verify(doc, net);
      assert.equal(result.state, 'invalid', name);
      assert.equal(checkOf(result, 'contexts').detail.code, 'KEYWORD_REFUSED', name);
    }
  });

  test('a date moved into a reference to the credential itself is refused (one node, two places)', async () => {
    const signed = await signBadge(unsignedBadge({ validUntil: '2026-01-01T00:00:00Z', evidence: [{ id: 'https://badges.example.org/c/6f1c3a0e-1b7e-4c59-9a43-0d2d2f7e8b11' }] }));
    const net = await network();
    assert.equal((await verify(signed, net)).state, 'expired', 'a mere reference to itself is fine');
    const { validUntil, ...moved } = structuredClone(signed);
    moved.evidence[0][`${CRED}validUntil`] = typed(validUntil);
    await assertSameMeaning(signed, moved, 'moved into the reference');
    const result = await verify(moved, net);
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'signed-data').detail.code, 'NODE_TWICE');
    assert.match(checkOf(result, 'signed-data').message.en, /in two places/);
  });

  test("a proof's end date under another name is refused", async () => {
    const expired = await signBadge(unsignedBadge(), { proofExtra: { expires: '2026-02-01T00:00:00Z' } });
    const net = await network();
    assert.equal(checkOf(await verify(expired, net), 'proof-format').detail.problems[0], 'PROOF_EXPIRED');
    const hidden = structuredClone(expired);
    hidden.proof['https://w3id.org/security#expiration'] = typed(hidden.proof.expires);
    delete hidden.proof.expires;
    const result = await verify(hidden, net);
    assert.equal(result.state, 'invalid');
    assert.deepEqual(checkOf(result, 'proof-format').detail.problems, ['PROOF_UNKNOWN_PROPERTY']);
  });

  test('the issuer profile shown comes from the signed view', async () => {
    const signed = await signBadge();
    const result = await verify(signed, await network());
    assert.equal(result.state, 'verified');
    assert.equal(result.issuer.name, 'Hogeschool Voorbeeld');
    assert.equal(result.credential.proof, undefined);
  });
});
