// Proof sets and the 'unsupported' outcome (issue 13, D1 and D2) in the browser verifier: what
// each proof of a set becomes and how proof-format says it, in both languages; a proof or a
// vocabulary of a kind this verifier does not know; the verdict text. The Python verifier applies
// the same rules (tests/test_proof_sets.py); tests/test_verifier_agreement.py holds both to the
// same states on tests/edge_credentials.py.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyCredential } from '../src/verifier/index.js';
import { unbundledContexts } from '../src/verifier/context-scan.js';
import { verdictText } from '../src/verifier/rulebook.js';
import { documentLoader } from './helpers/contexts.js';
import { didDocument, signDocument, stubNetwork } from './helpers/sign.js';
import { DID_URL, ISSUER, KEY, NOW, OTHER_KEY, checkOf, network, signBadge } from './helpers/fixtures.js';

const UNKNOWN = { type: 'SomeProofType', created: '2025-01-01T00:00:00Z', proofPurpose: 'assertionMethod' };

async function verify(credential, net) {
  return verifyCredential(credential, { documentLoader, fetchJson: (net ?? (await network())).fetchJson, now: NOW });
}

test('a skipped proof of an unknown kind is named, with the count and the proof reported', async () => {
  const signed = await signBadge();
  const result = await verify({ ...signed, proof: [UNKNOWN, signed.proof] });
  const c = checkOf(result, 'proof-format');
  assert.equal(result.state, 'verified');
  assert.equal(c.outcome, 'warning');
  assert.match(c.message.en, /2 signatures: signature 1 was skipped, because it is of a kind this page does not check \("SomeProofType"/);
  assert.match(c.message.en, /signature 2 \(eddsa-rdfc-2022\) is valid\. The checks below are those of signature 2\./);
  assert.match(c.message.nl, /2 handtekeningen: handtekening 1 is overgeslagen/);
});

test('two good proofs pass; a tampered one makes the set invalid, in either order', async () => {
  const signed = await signBadge();
  const second = (await signBadge(undefined, { created: '2025-02-01T00:00:00Z' })).proof;
  const both = await verify({ ...signed, proof: [signed.proof, second] });
  assert.equal(both.state, 'verified');
  assert.equal(checkOf(both, 'proof-format').outcome, 'passed');
  const tampered = { ...second, proofValue: signed.proof.proofValue };
  for (const proof of [[signed.proof, tampered], [tampered, signed.proof]]) {
    const result = await verify({ ...signed, proof });
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'signature').outcome, 'failed');
  }
});

test("a third party's proof is skipped with its controller; alone it fails key-controller", async () => {
  const signed = await signBadge();
  const { proof, ...unsigned } = signed;
  const other = 'did:web:endorser.example.org';
  const theirs = (await signDocument(unsigned, { key: OTHER_KEY, verificationMethod: `${other}#key-1` })).proof;
  const net = await network();
  const docs = { 'https://endorser.example.org/.well-known/did.json': didDocument(other, [{ fragment: 'key-1', key: OTHER_KEY }]) };
  const both = stubNetwork(docs);
  const fetchJson = (url) => (url in docs ? both.fetchJson(url) : net.fetchJson(url));
  const result = await verify({ ...signed, proof: [theirs, proof] }, { fetchJson });
  assert.equal(result.state, 'verified');
  assert.match(checkOf(result, 'proof-format').message.en, /signature 1 was skipped, because it was made with a key of did:web:endorser\.example\.org, not of the issuer/);
  const alone = await verify({ ...signed, proof: [UNKNOWN, theirs] }, { fetchJson });
  assert.equal(alone.state, 'invalid');
  assert.equal(checkOf(alone, 'key-controller').outcome, 'failed');
});

test('no understood proof: unsupported, unless one has another fault; a non-object is invalid', async () => {
  const signed = await signBadge();
  const unknownSuite = { ...signed.proof, cryptosuite: 'example-2099' };
  const result = await verify({ ...signed, proof: [UNKNOWN, unknownSuite] });
  assert.equal(result.state, 'unsupported');
  assert.equal(checkOf(result, 'proof-format').outcome, 'unsupported');
  assert.match(checkOf(result, 'proof-format').message.en, /2 signatures, none of a kind this page checks/);
  assert.equal(checkOf(result, 'signature').outcome, 'not-checked');
  const faulty = await verify({ ...signed, proof: [UNKNOWN, { ...unknownSuite, proofPurpose: 'authentication' }] });
  assert.equal(faulty.state, 'invalid');
  const broken = await verify({ ...signed, proof: [signed.proof, 'proof'] });
  assert.equal(broken.state, 'invalid');
  assert.match(checkOf(broken, 'proof-format').message.en, /2 signatures, and signature 2 is damaged/);
});

test('unsupported never wins over a failure; its verdict text says what it is', async () => {
  const signed = await signBadge();
  const url = 'https://example.org/unknown-context.json';
  const unknown = await verify({ ...signed, '@context': [...signed['@context'], url], name: 'Changed' });
  assert.equal(unknown.state, 'unsupported');
  assert.match(checkOf(unknown, 'contexts').message.en, /unknown-context\.json/);
  const broken = await verify({ ...signed, '@context': [...signed['@context'], url], type: ['OpenBadgeCredential'] });
  assert.equal(broken.state, 'invalid');
  assert.match(verdictText('unsupported').en, /^Not supported: /);
  assert.doesNotMatch(verdictText('unsupported').en, /changed|not signed by this key/);
});

test('only unbundled context URLs make the vocabularies unsupported', async () => {
  const vc = 'https://www.w3.org/ns/credentials/v2';
  const unknown = 'https://example.org/terms.jsonld';
  assert.deepEqual(await unbundledContexts({ '@context': [vc], a: { '@context': unknown } }, documentLoader), [unknown]);
  assert.deepEqual(await unbundledContexts({ '@context': [vc, unknown, unknown] }, documentLoader), [unknown]);
  assert.deepEqual(await unbundledContexts({ '@context': [vc] }, documentLoader), []);
  assert.deepEqual(await unbundledContexts({ '@context': [unknown, { x: 'https://example.org/x' }] }, documentLoader), []);
  assert.deepEqual(await unbundledContexts({ '@context': [unknown], a: { '@context': null } }, documentLoader), []);
  assert.deepEqual(await unbundledContexts({ '@context': [unknown], b: [{ '@included': [] }] }, documentLoader), []);
});
