// Every verdict the page can show, reached with credentials these tests sign themselves and an
// in-memory network (the network is stubbed; the verifier is not).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verifyCredential, STATES } from '../src/verifier/index.js';
import { verdictOf } from '../src/verifier/rulebook.js';
import { documentLoader } from './helpers/contexts.js';
import { bitstring, didDocument, encodeList, makeKey, makeStatusList, signDocument, stubNetwork } from './helpers/sign.js';
import {
  DID_URL,
  INDEX,
  ISSUER,
  KEY,
  NOW,
  OTHER_KEY,
  REVOCATION_URL,
  SUSPENSION_URL,
  VM,
  checkOf,
  network,
  signBadge,
  unsignedBadge,
} from './helpers/fixtures.js';

async function verify(credential, net, extra = {}) {
  return verifyCredential(credential, { documentLoader, fetchJson: net.fetchJson, now: NOW, ...extra });
}

function assertShape(result) {
  assert.ok(STATES.includes(result.state), result.state);
  assert.equal(typeof result.summary.nl, 'string');
  assert.equal(typeof result.summary.en, 'string');
  for (const c of result.checks) {
    assert.ok(['passed', 'failed', 'not-checked', 'warning', 'unsupported'].includes(c.outcome), `${c.id}: ${c.outcome}`);
    assert.ok(c.message.nl.length > 10 && c.message.en.length > 10, c.id);
    assert.ok(!/\{\w+\}|undefined|\[object/.test(c.message.nl + c.message.en), `unfilled message in ${c.id}: ${c.message.en}`);
  }
  const ids = result.checks.map((c) => c.id).filter((id) => !['revocation', 'suspension', 'other-status'].includes(id));
  assert.equal(new Set(ids).size, ids.length, `duplicate check ids: ${ids} (only status checks repeat, one per entry)`);
  assert.equal(result.state, verdictOf(result.checks), 'the verdict is the rulebook\'s, from the checks alone');
  if (result.state === 'verified') {
    assert.ok(result.checks.every((c) => c.outcome !== 'failed'));
    assert.equal(checkOf(result, 'signature').outcome, 'passed');
  }
  if (result.credential === null) assert.ok(['invalid', 'unsupported', 'error'].includes(result.state));
}

const ORDER = ['structure', 'proof-format', 'contexts', 'issuer-key', 'key-controller', 'key-status', 'signature', 'signed-data', 'valid-from', 'valid-until'];

describe('verified', () => {
  test('did:web issuer, both lists clear: verified, with every check passed and data exposed', async () => {
    const net = await network();
    const result = await verify(await signBadge(), net);
    assertShape(result);
    assert.equal(result.state, 'verified');
    assert.deepEqual(
      result.checks.map((c) => c.id),
      [...ORDER, 'revocation', 'suspension'],
    );
    // The fixture writes its two status entries as a list, which VC 2.0 allows and the Open Badges
    // schema does not: structure says so with a warning; every other check passes.
    assert.deepEqual(checkOf(result, 'structure').detail.notes, [{ code: 'STATUS_LIST', paths: [] }]);
    assert.ok(result.checks.every((c) => c.outcome === (c.id === 'structure' ? 'warning' : 'passed')), JSON.stringify(result.checks, null, 1));
    assert.deepEqual(result.issuer, { id: ISSUER, name: 'Hogeschool Voorbeeld', url: 'https://badges.example.org/', verified: true });
    assert.equal(result.verificationMethod.id, VM);
    assert.equal(result.verificationMethod.publicKeyMultibase, KEY.publicKeyMultibase);
    assert.equal(result.credential.credentialSubject.achievement.creditsAvailable, 5);
    assert.equal(result.validFrom, '2025-06-30T10:00:00Z');
    assert.equal(result.checkedAt, '2026-03-01T12:00:00.000Z');
    assert.deepEqual(net.calls, [DID_URL, REVOCATION_URL, SUSPENSION_URL], 'the DID document is fetched once');
  });

  test('did:key issuer without status: verified; the status check says there is nothing to check', async () => {
    const key = makeKey('did:key issuer');
    const did = `did:key:${key.publicKeyMultibase}`;
    const unsigned = unsignedBadge({ issuer: { id: did, type: ['Profile'], name: 'Solo' } });
    delete unsigned.credentialStatus;
    const signed = await signDocument(unsigned, { key, verificationMethod: `${did}#${key.publicKeyMultibase}` });
    const net = stubNetwork({});
    const result = await verify(signed, net);
    assertShape(result);
    assert.equal(result.state, 'verified');
    assert.equal(checkOf(result, 'revocation').outcome, 'warning', 'nothing can revoke it, and the report says so');
    assert.equal(result.verificationMethod.method, 'did:key');
    assert.deepEqual(net.calls, []);
  });

  test('did:web with a path and a port maps to the right URL', async () => {
    const did = 'did:web:example.org%3A8443:issuers:hr';
    const unsigned = unsignedBadge({ issuer: did });
    delete unsigned.credentialStatus;
    const signed = await signDocument(unsigned, { key: KEY, verificationMethod: `${did}#k` });
    const net = stubNetwork({ 'https://example.org:8443/issuers/hr/did.json': didDocument(did, [{ fragment: 'k', key: KEY }]) });
    const result = await verify(signed, net);
    assert.equal(result.state, 'verified', JSON.stringify(result.checks, null, 1));
    assert.deepEqual(net.calls, ['https://example.org:8443/issuers/hr/did.json']);
  });

  test('localDid: the DID document is read from the same-origin URL instead of the production host', async () => {
    const net = await network();
    net.docs['http://127.0.0.1:8000/.well-known/did.json'] = net.docs[DID_URL];
    delete net.docs[DID_URL];
    const result = await verify(await signBadge(), net, { localDid: { did: ISSUER, documentUrl: 'http://127.0.0.1:8000/.well-known/did.json' } });
    assert.equal(result.state, 'verified');
    assert.equal(result.verificationMethod.local, true);
    assert.ok(net.calls.includes('http://127.0.0.1:8000/.well-known/did.json'));
    assert.ok(!net.calls.includes(DID_URL));
  });

  test('localDid for another DID is ignored', async () => {
    const net = await network();
    const result = await verify(await signBadge(), net, { localDid: { did: 'did:web:elsewhere.example', documentUrl: '/did.json' } });
    assert.equal(result.state, 'verified');
    assert.ok(!net.calls.includes('/did.json'));
  });

  test('assertionMethod as a relative "#key-1" reference is accepted but reported as a warning', async () => {
    const did = didDocument(ISSUER, [{ fragment: 'key-1', key: KEY }], { assertion: ['#key-1'] });
    const result = await verify(await signBadge(), await network({ did }));
    assertShape(result);
    assert.equal(result.state, 'verified');
    assert.equal(checkOf(result, 'issuer-key').outcome, 'warning');
    assert.deepEqual(checkOf(result, 'issuer-key').detail.warnings, ['ASSERTION_RELATIVE']);
  });

  test('a key revoked AFTER the proof was created still counts, with a warning', async () => {
    const did = didDocument(ISSUER, [{ fragment: 'key-1', key: KEY, extra: { revoked: '2025-02-01T00:00:00Z' } }]);
    const net = await network({ did });
    const result = await verify(await signBadge(undefined, { created: '2025-01-01T00:00:00Z' }), net);
    assert.equal(result.state, 'verified');
    assert.equal(checkOf(result, 'issuer-key').outcome, 'passed');
    assert.equal(checkOf(result, 'key-status').outcome, 'warning');
    assert.deepEqual(checkOf(result, 'key-status').detail.warnings, ['KEY_REVOKED_LATER']);
  });
});

describe('revoked and suspended', () => {
  test('revocation bit set -> revoked (data still exposed: the credential is authentic)', async () => {
    const result = await verify(await signBadge(), await network({ revoked: [INDEX] }));
    assertShape(result);
    assert.equal(result.state, 'revoked');
    assert.equal(checkOf(result, 'revocation').outcome, 'failed');
    assert.equal(checkOf(result, 'suspension').outcome, 'passed');
    assert.notEqual(result.credential, null);
  });

  test('neighbouring bits do not matter', async () => {
    const result = await verify(await signBadge(), await network({ revoked: [INDEX - 1, INDEX + 1], suspended: [0, 131071] }));
    assert.equal(result.state, 'verified');
  });

  test('suspension bit set -> suspended', async () => {
    const result = await verify(await signBadge(), await network({ suspended: [INDEX] }));
    assertShape(result);
    assert.equal(result.state, 'suspended');
    assert.equal(checkOf(result, 'suspension').outcome, 'failed');
  });

  test('both set -> revoked (permanent outranks temporary)', async () => {
    const result = await verify(await signBadge(), await network({ revoked: [INDEX], suspended: [INDEX] }));
    assert.equal(result.state, 'revoked');
  });

  test('revoked outranks expired, and a single status object (not an array) works', async () => {
    const unsigned = unsignedBadge({ validUntil: '2026-01-01T00:00:00Z' });
    unsigned.credentialStatus = unsigned.credentialStatus[0];
    const result = await verify(await signBadge(unsigned), await network({ revoked: [INDEX] }));
    assert.equal(result.state, 'revoked');
    assert.equal(checkOf(result, 'valid-until').outcome, 'failed');
  });

  test('revoked outranks an unknown suspension status', async () => {
    const result = await verify(await signBadge(), await network({ revoked: [INDEX], lists: { [SUSPENSION_URL]: new Error('offline') } }));
    assert.equal(result.state, 'revoked');
  });
});

describe('expired and not-yet-valid', () => {
  test('validUntil in the past -> expired; summary names the date', async () => {
    const result = await verify(await signBadge(unsignedBadge({ validUntil: '2026-02-01T00:00:00Z' })), await network());
    assertShape(result);
    assert.equal(result.state, 'expired');
    assert.equal(checkOf(result, 'valid-until').outcome, 'failed');
    assert.match(result.summary.en, /2026-02-01/);
    assert.match(result.summary.nl, /2026-02-01/);
  });

  test('validUntil exactly now -> expired; one millisecond later than now -> verified', async () => {
    const at = await verify(await signBadge(unsignedBadge({ validUntil: NOW })), await network());
    assert.equal(at.state, 'expired');
    const after = await verify(await signBadge(unsignedBadge({ validUntil: '2026-03-01T12:00:00.001Z' })), await network());
    assert.equal(after.state, 'verified');
  });

  test('validFrom in the future -> not-yet-valid; `now` is what decides', async () => {
    const signed = await signBadge(unsignedBadge({ validFrom: '2026-09-01T00:00:00+02:00' }));
    const result = await verify(signed, await network());
    assertShape(result);
    assert.equal(result.state, 'not-yet-valid');
    assert.equal(checkOf(result, 'valid-from').outcome, 'failed');
    const later = await verify(signed, await network(), { now: new Date('2026-09-01T00:00:00Z') });
    assert.equal(later.state, 'verified');
  });

  test('expired outranks status-unknown', async () => {
    const result = await verify(await signBadge(unsignedBadge({ validUntil: '2026-02-01T00:00:00Z' })), await network({ lists: { [REVOCATION_URL]: new Error('offline') } }));
    assert.equal(result.state, 'expired');
  });
});

describe('invalid', () => {
  test('bad signature (proofValue of another signature)', async () => {
    const signed = await signBadge();
    const other = await signBadge(unsignedBadge({ name: 'Other' }));
    const result = await verify({ ...signed, proof: { ...signed.proof, proofValue: other.proof.proofValue } }, await network());
    assertShape(result);
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'signature').outcome, 'failed');
    assert.equal(result.credential, null);
    assert.equal(result.issuer.name, null, 'unverified issuer names are not exposed');
    assert.equal(checkOf(result, 'revocation').outcome, 'not-checked');
  });

  test('signed with a key the issuer does not publish (VM id of the issuer key, wrong private key)', async () => {
    const result = await verify(await signBadge(undefined, { key: OTHER_KEY }), await network());
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'issuer-key').outcome, 'passed');
    assert.equal(checkOf(result, 'signature').outcome, 'failed');
  });

  test('verificationMethod not listed in the DID document', async () => {
    const result = await verify(await signBadge(undefined, { verificationMethod: `${ISSUER}#key-2` }), await network());
    assertShape(result);
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'issuer-key').outcome, 'failed');
    assert.equal(checkOf(result, 'issuer-key').detail.code, 'VM_NOT_FOUND');
    assert.equal(checkOf(result, 'signature').outcome, 'not-checked');
  });

  test('key listed but not under assertionMethod', async () => {
    const did = didDocument(ISSUER, [{ fragment: 'key-1', key: KEY }], { assertion: [] });
    did.authentication = [VM];
    const result = await verify(await signBadge(), await network({ did }));
    assertShape(result);
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'issuer-key').detail.code, 'VM_NOT_ASSERTION');
  });

  test('assertionMethod embedding the key object (as DCC did:web documents do) authorises it; a different embedded copy does not', async () => {
    const did = didDocument(ISSUER, [{ fragment: 'key-1', key: KEY }]);
    did.assertionMethod = [did.verificationMethod[0]];
    assert.equal((await verify(await signBadge(), await network({ did }))).state, 'verified');
    const twoMeanings = JSON.parse(JSON.stringify(did));
    twoMeanings.assertionMethod[0].controller = 'did:web:someone.else';
    const result = await verify(await signBadge(), await network({ did: twoMeanings }));
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'issuer-key').detail.code, 'VM_DUPLICATE');
  });

  test('VM controller differs from the issuer', async () => {
    const did = didDocument(ISSUER, [{ fragment: 'key-1', key: KEY, controller: 'did:web:someone.else' }]);
    const result = await verify(await signBadge(), await network({ did }));
    assertShape(result);
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'key-controller').outcome, 'failed');
    assert.equal(checkOf(result, 'signature').outcome, 'passed');
  });

  test('issuer claims another DID than the key owner (string issuer)', async () => {
    const otherDid = 'did:web:other.example';
    const unsigned = unsignedBadge({ issuer: otherDid });
    const result = await verify(await signBadge(unsigned), await network());
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'key-controller').detail.expected, otherDid);
  });

  test('DID document whose id is not the DID', async () => {
    const did = didDocument('did:web:evil.example', [{ fragment: 'key-1', key: KEY }]);
    const result = await verify(await signBadge(), await network({ did }));
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'issuer-key').detail.code, 'KEY_DOCUMENT_ID_MISMATCH');
  });

  test('compromised key: revoked before the proof was created', async () => {
    const did = didDocument(ISSUER, [{ fragment: 'key-1', key: KEY, extra: { revoked: '2024-12-31T23:59:59Z' } }]);
    const result = await verify(await signBadge(undefined, { created: '2025-01-01T00:00:00Z' }), await network({ did }));
    assertShape(result);
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'issuer-key').outcome, 'passed');
    const c = checkOf(result, 'key-status');
    assert.equal(c.outcome, 'failed');
    assert.equal(c.detail.code, 'KEY_REVOKED');
    assert.match(c.message.nl, /gecompromitteerd/);
  });

  test('compromised key: revoked at exactly the proof time, or proof without created', async () => {
    const did = didDocument(ISSUER, [{ fragment: 'key-1', key: KEY, extra: { revoked: '2025-01-01T00:00:00Z' } }]);
    for (const created of ['2025-01-01T00:00:00Z', null]) {
      const result = await verify(await signBadge(undefined, { created }), await network({ did }));
      assert.equal(result.state, 'invalid', String(created));
      assert.equal(checkOf(result, 'key-status').detail.code, 'KEY_REVOKED');
    }
  });

  test('key expired (VM expires) before the proof was created', async () => {
    const did = didDocument(ISSUER, [{ fragment: 'key-1', key: KEY, extra: { expires: '2024-06-01T00:00:00Z' } }]);
    const result = await verify(await signBadge(), await network({ did }));
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'key-status').detail.code, 'KEY_EXPIRED');
  });

  test('VM of another type or with a non-Ed25519 multikey', async () => {
    const asJwk = didDocument(ISSUER, [{ fragment: 'key-1', key: KEY }]);
    asJwk.verificationMethod[0].type = 'JsonWebKey';
    assert.equal((await verify(await signBadge(), await network({ did: asJwk }))).state, 'invalid');
    const p256 = didDocument(ISSUER, [{ fragment: 'key-1', key: KEY }]);
    p256.verificationMethod[0].publicKeyMultibase = 'zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169';
    const result = await verify(await signBadge(), await network({ did: p256 }));
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'issuer-key').detail.code, 'KEY_TYPE'); // a P-256 key, not for eddsa-rdfc-2022
  });

  test('unknown @context URL: unsupported with the URL named, and never fetched', async () => {
    const unsigned = unsignedBadge();
    unsigned['@context'] = [...unsigned['@context'], 'https://example.org/my-terms.jsonld'];
    const signed = await signBadge(unsignedBadge()); // signature over the standard contexts
    const net = await network();
    const result = await verify({ ...signed, '@context': unsigned['@context'] }, net);
    assertShape(result);
    assert.equal(result.state, 'unsupported');
    const c = checkOf(result, 'contexts');
    assert.equal(c.outcome, 'unsupported');
    assert.equal(c.detail.code, 'UNSUPPORTED_CONTEXT');
    assert.deepEqual(c.detail.urls, ['https://example.org/my-terms.jsonld']);
    assert.match(c.message.en, /example\.org\/my-terms\.jsonld/);
    assert.ok(!net.calls.includes('https://example.org/my-terms.jsonld'));
  });

  test('undefined term (safe mode): added after signing', async () => {
    const signed = await signBadge();
    const result = await verify({ ...signed, grade: '8.5' }, await network());
    assertShape(result);
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'contexts').detail.code, 'UNDEFINED_TERM');
    assert.equal(checkOf(result, 'contexts').detail.term, 'grade');
  });

  test('undefined term (safe mode): signed by a lax signer that dropped it, so its signature "covers" it', async () => {
    const unsigned = unsignedBadge();
    unsigned.credentialSubject.achievement.ecPoints = 5;
    const signed = await signBadge(unsigned, { safe: false });
    const result = await verify(signed, await network());
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'contexts').detail.code, 'UNDEFINED_TERM');
    assert.equal(checkOf(result, 'contexts').detail.term, 'ecPoints');
  });

  test('undefined type', async () => {
    const unsigned = unsignedBadge();
    unsigned.type = [...unsigned.type, 'MicroCredentialX'];
    const result = await verify(await signBadge(unsigned, { safe: false }), await network());
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'contexts').detail.code, 'UNDEFINED_TYPE');
  });

  test('structure: wrong first context, missing OB context, no VerifiableCredential type, no issuer, no subject', async () => {
    const cases = {
      CONTEXT_V2: (c) => ({ ...c, '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://www.w3.org/ns/credentials/v2'] }),
      CONTEXT_OB: (c) => ({ ...c, '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/security/data-integrity/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] }),
      TYPE_VC: (c) => ({ ...c, type: ['OpenBadgeCredential'] }),
      ISSUER_MISSING: (c) => ({ ...c, issuer: { type: ['Profile'], name: 'Nobody' } }),
      SUBJECT_MISSING: (c) => {
        const copy = { ...c };
        delete copy.credentialSubject;
        return copy;
      },
      VALIDITY_ORDER: (c) => ({ ...c, validUntil: '2020-01-01T00:00:00Z' }),
      VALID_FROM_MALFORMED: (c) => ({ ...c, validFrom: '2025-06-30 10:00' }),
    };
    for (const [code, change] of Object.entries(cases)) {
      // Signed as changed, so only the structure rule can fail (where jsonld allows signing it).
      let signed;
      try {
        signed = await signBadge(change(unsignedBadge()));
      } catch {
        signed = change(await signBadge());
      }
      const result = await verify(signed, await network());
      assertShape(result);
      assert.equal(result.state, 'invalid', code);
      const c = checkOf(result, 'structure');
      assert.equal(c.outcome, 'failed', code);
      assert.ok(c.detail.problems.includes(code), `${code}: ${c.detail.problems}`);
      assert.equal(result.credential, null, code);
    }
  });

  test('proof problems: none, wrong purpose, not z-base58, expired proof; an unknown kind is unsupported', async () => {
    const signed = await signBadge();
    const cases = {
      PROOF_MISSING: { ...signed, proof: undefined },
      PROOF_PURPOSE: { ...signed, proof: { ...signed.proof, proofPurpose: 'authentication' } },
      PROOF_VALUE_ENCODING: { ...signed, proof: { ...signed.proof, proofValue: `u${signed.proof.proofValue.slice(1)}` } },
      PROOF_EXPIRED: { ...signed, proof: { ...signed.proof, expires: '2026-01-01T00:00:00Z' } },
      PROOF_CONTEXT_MISMATCH: { ...signed, proof: { ...signed.proof, '@context': ['https://www.w3.org/ns/credentials/v2'] } },
    };
    delete cases.PROOF_MISSING.proof;
    for (const [code, doc] of Object.entries(cases)) {
      const result = await verify(doc, await network());
      assertShape(result);
      assert.equal(result.state, 'invalid', code);
      assert.ok(checkOf(result, 'proof-format').detail.problems.includes(code), code);
      assert.notEqual(checkOf(result, 'signature').outcome, 'passed', code);
    }
    // A proof of a kind no suite is registered for is unsupported, unless it has another fault.
    const unsupported = {
      PROOF_CRYPTOSUITE: { ...signed, proof: { ...signed.proof, cryptosuite: 'example-2099' } },
      PROOF_TYPE: { ...signed, proof: { ...signed.proof, type: 'ExampleProof2099' } },
    };
    for (const [code, doc] of Object.entries(unsupported)) {
      const result = await verify(doc, await network());
      assertShape(result);
      assert.equal(result.state, 'unsupported', code);
      assert.equal(checkOf(result, 'proof-format').outcome, 'unsupported', code);
      assert.ok(checkOf(result, 'proof-format').detail.problems.includes(code), code);
      assert.equal(checkOf(result, 'signature').outcome, 'not-checked', code);
    }
    const twoFaults = { ...signed, proof: { ...signed.proof, cryptosuite: 'example-2099', proofPurpose: 'authentication' } };
    assert.equal((await verify(twoFaults, await network())).state, 'invalid');
    // A one-element proof array is fine; an identical proof @context is fine.
    assert.equal((await verify({ ...signed, proof: [signed.proof] }, await network())).state, 'verified');
    const sameCtx = { ...signed, proof: { ...signed.proof, '@context': signed['@context'] } };
    assert.equal((await verify(sameCtx, await network())).state, 'verified');
  });

  test('unsupported DID method and http:// verification methods are refused', async () => {
    for (const vm of ['did:example:123#key-1', 'http://badges.example.org/issuer#key-1', 'did:web:127.0.0.1#key-1']) {
      const result = await verify(await signBadge(undefined, { verificationMethod: vm }), await network());
      assert.equal(result.state, 'invalid', vm);
      assert.equal(checkOf(result, 'issuer-key').outcome, 'failed', vm);
    }
  });

  test('not a JSON object', async () => {
    for (const value of [null, 'text', 42, []]) {
      const result = await verify(value, await network());
      assertShape(result);
      assert.equal(result.state, 'invalid');
      assert.deepEqual(result.checks.map((c) => c.id), [...ORDER, 'revocation']);
      assert.ok(result.checks.slice(1).every((c) => c.outcome === 'not-checked'));
    }
  });

  test('a definite failure outranks an unreachable key: structure broken and DID offline -> invalid', async () => {
    const signed = await signBadge();
    const result = await verify({ ...signed, type: ['OpenBadgeCredential'] }, stubNetwork({}));
    assert.equal(result.state, 'invalid');
    assert.equal(checkOf(result, 'issuer-key').outcome, 'not-checked');
  });
});

describe('status-unknown', () => {
  test('revocation list unreachable', async () => {
    const net = await network({ lists: { [REVOCATION_URL]: new Error('network down') } });
    const result = await verify(await signBadge(), net);
    assertShape(result);
    assert.equal(result.state, 'status-unknown');
    const c = checkOf(result, 'revocation');
    assert.equal(c.outcome, 'not-checked');
    assert.equal(c.detail.code, 'LIST_UNREACHABLE');
    assert.match(c.message.en, /could not be fetched/);
    assert.notEqual(result.credential, null);
  });

  test('list with a bad proof (changed after signing)', async () => {
    const good = await makeStatusList({ url: REVOCATION_URL, issuer: ISSUER, purpose: 'revocation', key: KEY, verificationMethod: VM });
    const tampered = { ...good, credentialSubject: { ...good.credentialSubject, encodedList: encodeList(bitstring({ set: { 1: 1 } })) } };
    const result = await verify(await signBadge(), await network({ lists: { [REVOCATION_URL]: tampered } }));
    assert.equal(result.state, 'status-unknown');
    assert.equal(checkOf(result, 'revocation').detail.code, 'LIST_PROOF_INVALID');
  });

  test('list signed by a different issuer (their own valid key) -> not believed', async () => {
    const mallory = makeKey('mallory');
    const mDid = 'did:web:mallory.example';
    const list = await makeStatusList({ url: REVOCATION_URL, issuer: mDid, purpose: 'revocation', key: mallory, verificationMethod: `${mDid}#k`, bits: bitstring() });
    const net = await network({ lists: { [REVOCATION_URL]: list } });
    net.docs['https://mallory.example/.well-known/did.json'] = didDocument(mDid, [{ fragment: 'k', key: mallory }]);
    const result = await verify(await signBadge(), net);
    assert.equal(result.state, 'status-unknown');
    const c = checkOf(result, 'revocation');
    assert.equal(c.detail.code, 'LIST_ISSUER_MISMATCH');
    assert.match(c.message.en, /is signed by did:web:mallory\.example, not by the credential's issuer; a list signed by someone else can withdraw a credential, but cannot vouch for it/);
  });

  test('list signed by a different issuer: a set bit revokes, naming who signed it', async () => {
    const mallory = makeKey('mallory');
    const mDid = 'did:web:mallory.example';
    const list = await makeStatusList({ url: REVOCATION_URL, issuer: mDid, purpose: 'revocation', key: mallory, verificationMethod: `${mDid}#k`, bits: bitstring({ set: { [INDEX]: 1 } }) });
    const net = await network({ lists: { [REVOCATION_URL]: list } });
    net.docs['https://mallory.example/.well-known/did.json'] = didDocument(mDid, [{ fragment: 'k', key: mallory }]);
    const result = await verify(await signBadge(), net);
    assertShape(result);
    assert.equal(result.state, 'revoked');
    const c = checkOf(result, 'revocation');
    assert.deepEqual([c.outcome, c.detail.code, c.detail.actual], ['failed', 'LIST_ISSUER_MISMATCH', mDid]);
    assert.match(c.message.en, /^Revoked, according to a revocation list signed by did:web:mallory\.example, not by the credential's issuer/);
    assert.match(c.message.nl, /^Ingetrokken, volgens een intrekkingslijst die is ondertekend door did:web:mallory\.example/);
  });

  test("the issuer's own list under another id: a clear bit passes with a warning naming both addresses, a set bit revokes", async () => {
    const moved = (bits) => makeStatusList({ url: SUSPENSION_URL, issuer: ISSUER, purpose: 'revocation', key: KEY, verificationMethod: VM, bits });
    const clear = await verify(await signBadge(), await network({ lists: { [REVOCATION_URL]: await moved(bitstring()) } }));
    assertShape(clear);
    assert.equal(clear.state, 'verified');
    const c = checkOf(clear, 'revocation');
    assert.deepEqual([c.outcome, c.detail.code, c.detail.actual], ['warning', 'LIST_ID_MISMATCH', SUSPENSION_URL]);
    assert.ok(c.message.en.includes(`that list calls itself ${SUSPENSION_URL}, not ${REVOCATION_URL}`), c.message.en);
    assert.match(c.message.en, /could be serving another of the issuer's lists there/);
    assert.ok(c.message.nl.includes(`die lijst noemt zichzelf ${SUSPENSION_URL}, niet ${REVOCATION_URL}`), c.message.nl);
    const revoked = await verify(await signBadge(), await network({ lists: { [REVOCATION_URL]: await moved(bitstring({ set: { [INDEX]: 1 } })) } }));
    assert.equal(revoked.state, 'revoked');
    assert.equal(checkOf(revoked, 'revocation').message.en, 'Revoked: the issuer has withdrawn this credential.');
  });

  test('a list under another id whose signature does not hold is not read, even with a set bit', async () => {
    const good = await makeStatusList({ url: SUSPENSION_URL, issuer: ISSUER, purpose: 'revocation', key: KEY, verificationMethod: VM, bits: bitstring({ set: { [INDEX]: 1 } }) });
    const tampered = { ...good, name: 'changed after signing' };
    const result = await verify(await signBadge(), await network({ lists: { [REVOCATION_URL]: tampered } }));
    assert.equal(result.state, 'status-unknown');
    assert.equal(checkOf(result, 'revocation').detail.code, 'LIST_PROOF_INVALID');
  });

  test('list naming our issuer but signed with another key -> bad proof', async () => {
    const list = await makeStatusList({ url: REVOCATION_URL, issuer: ISSUER, purpose: 'revocation', key: OTHER_KEY, verificationMethod: VM });
    const result = await verify(await signBadge(), await network({ lists: { [REVOCATION_URL]: list } }));
    assert.equal(result.state, 'status-unknown');
    assert.equal(checkOf(result, 'revocation').detail.code, 'LIST_PROOF_INVALID');
  });

  test('list shorter than the minimum (100,000 entries, as DCC publishes): read, clear with a privacy warning, set still revokes', async () => {
    const short = async (set) =>
      makeStatusList({ url: REVOCATION_URL, issuer: ISSUER, purpose: 'revocation', key: KEY, verificationMethod: VM, bits: bitstring({ entries: 100000, set }) });
    const clear = await verify(await signBadge(), await network({ lists: { [REVOCATION_URL]: await short({}) } }));
    assert.equal(clear.state, 'verified');
    const c = checkOf(clear, 'revocation');
    assert.equal(c.outcome, 'warning');
    assert.equal(c.detail.shortList, 100000);
    assert.match(c.message.en, /100,000 places, fewer than the 131,072/);
    assert.match(c.message.nl, /100\.000 plaatsen, minder dan de 131\.072/);
    const revoked = await verify(await signBadge(), await network({ lists: { [REVOCATION_URL]: await short({ [INDEX]: 1 }) } }));
    assert.equal(revoked.state, 'revoked');
    assert.equal(checkOf(revoked, 'revocation').outcome, 'failed');
  });

  test('index out of range -> RANGE_ERROR', async () => {
    const unsigned = unsignedBadge();
    unsigned.credentialStatus[0].statusListIndex = '131072';
    const result = await verify(await signBadge(unsigned), await network());
    assert.equal(result.state, 'status-unknown');
    assert.equal(checkOf(result, 'revocation').detail.code, 'RANGE_ERROR');
  });

  test('list of the wrong purpose, list expired, not a list, malformed entry', async () => {
    const mk = (extra) => makeStatusList({ url: REVOCATION_URL, issuer: ISSUER, purpose: 'revocation', key: KEY, verificationMethod: VM, ...extra });
    const cases = {
      LIST_PURPOSE_MISMATCH: await mk({ purpose: 'suspension' }),
      LIST_EXPIRED: await mk({ validUntil: '2026-02-01T00:00:00Z' }),
      LIST_NOT_YET_VALID: await mk({ validFrom: '2026-04-01T00:00:00Z' }),
      LIST_MALFORMED: await signBadge(),
    };
    for (const [code, list] of Object.entries(cases)) {
      const result = await verify(await signBadge(), await network({ lists: { [REVOCATION_URL]: list } }));
      assertShape(result);
      assert.equal(result.state, 'status-unknown', code);
      assert.equal(checkOf(result, 'revocation').detail.code, code);
    }
    const badEntry = unsignedBadge();
    badEntry.credentialStatus[0].statusListIndex = '-1';
    const r = await verify(await signBadge(badEntry), await network());
    assert.equal(r.state, 'status-unknown');
    assert.equal(checkOf(r, 'revocation').detail.code, 'MALFORMED_ENTRY');
  });

  test('a status mechanism we do not support is unknown, not a pass; other purposes are only reported', async () => {
    const unsigned = unsignedBadge();
    unsigned['@context'] = [...unsigned['@context'], 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'];
    unsigned.credentialStatus = [
      { id: 'https://badges.example.org/revocations', type: '1EdTechRevocationList' },
      { ...unsignedBadge().credentialStatus[0], id: `${REVOCATION_URL}#m`, statusPurpose: 'message' },
    ];
    const result = await verify(await signBadge(unsigned), await network());
    assertShape(result);
    assert.equal(result.state, 'status-unknown');
    const others = result.checks.filter((c) => c.id === 'other-status');
    // The 1EdTech Revocation List is known and deliberately not read: the reason says so.
    assert.deepEqual(others.map((c) => [c.outcome, c.detail.code]), [['not-checked', 'UNREAD_STATUS_TYPE'], ['warning', undefined]]);
    assert.match(others[0].message.en, /1EdTechRevocationList", a status method that Open Badges 3\.0 has deprecated/);

    const onlyMessage = unsignedBadge();
    onlyMessage.credentialStatus = [{ ...onlyMessage.credentialStatus[0], statusPurpose: 'message' }];
    assert.equal((await verify(await signBadge(onlyMessage), await network())).state, 'verified');
  });

  test('no fetchJson at all: a did:key credential with status is status-unknown', async () => {
    const key = makeKey('offline issuer');
    const did = `did:key:${key.publicKeyMultibase}`;
    const unsigned = unsignedBadge({ issuer: did });
    const signed = await signDocument(unsigned, { key, verificationMethod: `${did}#${key.publicKeyMultibase}` });
    const result = await verifyCredential(signed, { documentLoader, now: NOW });
    assert.equal(result.state, 'status-unknown');
  });
});

describe('error', () => {
  test('DID document unreachable -> error (could not check), never verified', async () => {
    const net = await network();
    delete net.docs[DID_URL];
    const result = await verify(await signBadge(), net);
    assertShape(result);
    assert.equal(result.state, 'error');
    assert.equal(checkOf(result, 'issuer-key').outcome, 'not-checked');
    assert.equal(checkOf(result, 'issuer-key').detail.code, 'KEY_DOCUMENT_UNREACHABLE');
    assert.equal(checkOf(result, 'signature').outcome, 'not-checked');
    assert.equal(result.credential, null);
  });

  test('an exception in our own code -> error with an internal check, not a crash', async () => {
    const throwingLoader = () => {
      throw new RangeError('boom');
    };
    const result = await verifyCredential(await signBadge(), { documentLoader: throwingLoader, fetchJson: (await network()).fetchJson, now: NOW });
    assertShape(result);
    assert.equal(result.state, 'error');
    assert.equal(result.checks.at(-1).id, 'internal');
    assert.equal(result.credential, null);
  });

  test('missing documentLoader or a bad `now` is a programming error reported as error', async () => {
    assert.equal((await verifyCredential(await signBadge(), {})).state, 'error');
    assert.equal((await verifyCredential(await signBadge(), { documentLoader, now: 'tomorrow' })).state, 'error');
  });
});

test('the result is deterministic: same input, same output', async () => {
  const signed = await signBadge();
  const a = await verify(signed, await network({ suspended: [INDEX] }));
  const b = await verify(signed, await network({ suspended: [INDEX] }));
  assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
});
