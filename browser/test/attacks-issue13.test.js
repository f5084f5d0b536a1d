// Issue 13 reviewed as an attacker, the browser verifier's side (tests/test_attacks_issue13.py runs
// the same forgeries through both verifiers): a credential that is not what its issuer signed, or
// a field no key vouches for, must not come out verified. Each test names the rule it holds.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { CompactSign, exportJWK } from 'jose';
import { verifyCredential } from '../src/verifier/index.js';
import { metadataUrl, WELL_KNOWN } from '../src/verifier/jose/issuer-metadata.js';
import { documentLoader } from './helpers/contexts.js';
import { OTHER_KEY, unsignedBadge } from './helpers/fixtures.js';
import { makeKey, makeStatusList, signDocument, bitstring, stubNetwork } from './helpers/sign.js';

const NOW = '2026-03-01T12:00:00Z';
const URN_ISSUER = 'urn:uuid:7d2f3c1e-0000-4000-8000-000000000001';
const LIST_URL = 'https://lists.example.org/status/revocation.json';
const INDEX = 17;

const didKeyOf = (key) => `did:key:${key.publicKeyMultibase}`;
const vmOf = (key) => `${didKeyOf(key)}#${key.publicKeyMultibase}`;
const encode = (value) => new TextEncoder().encode(JSON.stringify(value));

function jwtPayload(issuer) {
  const badge = unsignedBadge({ issuer: { id: issuer, type: ['Profile'], name: 'Hogeschool Voorbeeld' } });
  delete badge.credentialStatus;
  return { ...badge, iss: issuer, jti: badge.id, nbf: Date.parse(badge.validFrom) / 1000 };
}

test('a JWT naming a did:key issuer is not verified when another key in its jwk header signed it', async () => {
  const victim = makeKey('victim');
  const forger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = await exportJWK(forger.publicKey);
  const token = await new CompactSign(encode(jwtPayload(didKeyOf(victim))))
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', jwk })
    .sign(forger.privateKey);
  const result = await verifyCredential(token, { documentLoader, fetchJson: stubNetwork().fetchJson, now: NOW });
  assert.equal(
    result.state,
    'invalid',
    `FINDING: a token naming ${didKeyOf(victim).slice(0, 24)}… as issuer, signed by another key in its jwk header, is ${result.state} (key-controller ${result.checks.find((c) => c.id === 'key-controller').outcome}); the did:key is the issuer's only key (jose/authenticity.js)`,
  );
});

test('SD-JWT VC issuer metadata are never looked for outside /.well-known/jwt-vc-issuer', () => {
  for (const iss of [
    'https://university.example/../../~mallory/meta.json',
    'https://university.example/%2e%2e/%2E%2E/~mallory/meta.json',
  ]) {
    let url;
    try {
      url = metadataUrl(iss);
    } catch (e) {
      assert.equal(e.name, 'MetadataError');
      continue; // refused: the fix this test asks for
    }
    const fetched = new URL(url).pathname; // what fetch() asks the server for
    assert.ok(
      fetched.startsWith(`${WELL_KNOWN}/`),
      `FINDING: the metadata of iss ${iss} are fetched from ${fetched}, outside ${WELL_KNOWN}: any user who can place a file there becomes that issuer (jose/issuer-metadata.js metadataUrl)`,
    );
  }
});

async function urnCredential(issuerKey) {
  const unsigned = unsignedBadge({
    issuer: { id: URN_ISSUER, type: ['Profile'], name: 'Hogeschool Voorbeeld' },
    credentialStatus: {
      id: `${LIST_URL}#${INDEX}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(INDEX),
      statusListCredential: LIST_URL,
    },
  });
  return signDocument(unsigned, { key: issuerKey, verificationMethod: vmOf(issuerKey) });
}

async function urnList(signerKey, set) {
  return makeStatusList({
    url: LIST_URL,
    issuer: URN_ISSUER,
    purpose: 'revocation',
    key: signerKey,
    verificationMethod: vmOf(signerKey),
    bits: bitstring({ set: set ? { [INDEX]: 1 } : {} }),
  });
}

test("a urn issuer's status list signed by another key cannot vouch for the credential", async () => {
  const issuerKey = makeKey('urn issuer');
  const credential = await urnCredential(issuerKey);
  const own = stubNetwork({ [LIST_URL]: await urnList(issuerKey, true) });
  const revoked = await verifyCredential(credential, { documentLoader, fetchJson: own.fetchJson, now: NOW });
  assert.equal(revoked.state, 'revoked'); // the issuer's own list revokes it
  const swapped = stubNetwork({ [LIST_URL]: await urnList(OTHER_KEY, false) });
  const result = await verifyCredential(credential, { documentLoader, fetchJson: swapped.fetchJson, now: NOW });
  assert.notEqual(
    result.state,
    'verified',
    'FINDING: a clear list naming the urn issuer but signed by another key vouched for the credential; for a keyless issuer the list must be signed by the credential\'s key (status.js)',
  );
});

test("an endorser's name that no key is tied to is not shown as a verified endorsement", async () => {
  const issuerKey = makeKey('urn issuer');
  const mill = makeKey('diploma mill');
  const badge = unsignedBadge({ issuer: { id: didKeyOf(issuerKey), type: ['Profile'], name: 'Hogeschool Voorbeeld' } });
  delete badge.credentialStatus;
  const fake = await signDocument(
    {
      '@context': badge['@context'],
      id: 'urn:uuid:5f7b1d1e-9a8c-4c2d-8e6f-0a1b2c3d4e5f',
      type: ['VerifiableCredential', 'EndorsementCredential'],
      issuer: { id: URN_ISSUER, type: ['Profile'], name: 'Harvard University' },
      validFrom: '2025-01-01T00:00:00Z',
      name: 'Endorsement',
      credentialSubject: { id: badge.id, type: ['EndorsementSubject'], endorsementComment: 'Meets our standards.' },
    },
    { key: mill, verificationMethod: vmOf(mill) },
  );
  const credential = await signDocument({ ...badge, endorsement: [fake] }, { key: issuerKey, verificationMethod: vmOf(issuerKey) });
  const result = await verifyCredential(credential, { documentLoader, fetchJson: stubNetwork().fetchJson, now: NOW });
  assert.equal(result.state, 'verified'); // the credential itself is genuine
  const [shown] = result.endorsements;
  assert.ok(
    !(shown.state === 'verified' && shown.endorser.name === 'Harvard University'),
    `FINDING: the page would show "${shown.headline && (shown.headline.en ?? shown.headline)}": the name Harvard University is vouched for by no key (endorsements.js)`,
  );
});
