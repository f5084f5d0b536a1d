// The endorsements of a verified credential (src/verifier/endorsements.js): which ones are read,
// from where, which JSON stands for each, and what is reported of them. The verifier itself is a
// stub here; tests/test_endorsement_agreement.py runs the real one on signed credentials, against
// the Python verifier.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { embeddedEndorsements, MAX_ENDORSEMENTS, verifyEndorsements } from '../src/verifier/endorsements.js';

const entry = (id, endorser, subject, name = 'Endorser Org') => ({
  id,
  type: ['VerifiableCredential', 'EndorsementCredential'],
  issuer: { id: endorser, name },
  credentialSubject: { id: subject, type: 'EndorsementSubject' },
});

/** A stub verifier: the state each item's id maps to, authentic for the authentic states, its key the endorser's. */
function stub(states) {
  const seen = [];
  const verify = async (item) => {
    seen.push(item);
    const state = states[item.id] ?? 'verified';
    const failed = { id: 'signature', outcome: 'failed', message: { en: 'The signature is wrong.', nl: 'De handtekening klopt niet.' } };
    const tied = { id: 'key-controller', outcome: 'passed', message: { en: 'The key belongs to the issuer.', nl: 'De sleutel is van de uitgever.' } };
    return {
      state,
      checks: state === 'verified' ? [tied] : [tied, failed],
      issuer: { id: item.issuer.id, name: null, verified: state === 'verified' },
    };
  };
  return { verify, seen };
}

test('endorsements are read from the credential, its issuer and its achievement, in that order', async () => {
  const view = {
    '@context': ['urn:ctx'],
    id: 'urn:cred',
    endorsement: [entry('urn:1', 'did:example:a', 'urn:cred')],
    issuer: { id: 'did:example:issuer', endorsement: [entry('urn:2', 'did:example:b', 'did:example:issuer')] },
    credentialSubject: { achievement: { id: 'urn:ach', endorsement: entry('urn:3', 'did:example:c', 'urn:other') } },
  };
  const { verify, seen } = stub({ 'urn:2': 'invalid' });
  const found = await verifyEndorsements(view, view, verify);
  assert.deepEqual(
    found.map((e) => [e.where, e.endorser.id, e.endorser.name, e.state, e.about]),
    [
      ['credential', 'did:example:a', 'Endorser Org', 'verified', true],
      ['issuer', 'did:example:b', null, 'invalid', true],
      ['achievement', 'did:example:c', 'Endorser Org', 'verified', false],
    ],
  );
  assert.equal(seen.length, 3);
  assert.equal(found[0].headline.en, 'Endorsement of this credential by Endorser Org: verified.');
  assert.equal(found[0].headline.nl, 'Onderschrijving van dit credential door Endorser Org: geverifieerd.');
  assert.equal(found[1].headline.en, 'Endorsement of the issuer by did:example:b: not valid. The signature is wrong.');
  assert.match(found[2].headline.en, /: verified\. It is not about the achievement: it endorses urn:other\.$/);
});

test('the JSON as written is verified when it lists the same endorsements; else the view entry, under its contexts', () => {
  const one = entry('urn:1', 'did:example:a', 'did:example:issuer');
  const view = { '@context': ['urn:ctx'], issuer: { id: 'did:example:issuer', endorsement: [one] } };
  const written = { '@context': ['urn:ctx'], issuer: { id: 'did:example:issuer', endorsement: one } };
  assert.equal(embeddedEndorsements(view, written)[0].item, one);
  const other = { issuer: { id: 'did:example:issuer', endorsement: [{ ...one, id: 'urn:2' }] } };
  assert.deepEqual(embeddedEndorsements(view, other)[0].item, { '@context': ['urn:ctx'], ...one });
  assert.deepEqual(embeddedEndorsements({ issuer: 'did:example:issuer' }, {}), []);
});

test('no more endorsements are verified than the limit; the rest are not checked', async () => {
  const many = Array.from({ length: MAX_ENDORSEMENTS + 2 }, (_, i) => entry(`urn:${i}`, 'did:example:a', 'did:example:issuer'));
  const view = { issuer: { id: 'did:example:issuer', endorsement: many } };
  const { verify, seen } = stub({});
  const found = await verifyEndorsements(view, view, verify);
  assert.equal(seen.length, MAX_ENDORSEMENTS);
  assert.deepEqual(found.slice(MAX_ENDORSEMENTS).map((e) => e.state), ['error', 'error']);
  assert.match(found.at(-1).headline.en, new RegExp(`more than ${MAX_ENDORSEMENTS} endorsements`));
});

test("a JWT endorsement's subject is read from its payload, for the note only", async () => {
  const jwt = (payload) => `eyJhbGciOiJFZERTQSJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;
  const view = {
    issuer: {
      id: 'urn:i',
      endorsementJwt: [jwt({ vc: { credentialSubject: { id: 'urn:i' } } }), jwt({ credentialSubject: { id: 'urn:x' } }), 'not.a+jwt.x'],
    },
  };
  const verify = async () => ({ state: 'invalid', checks: [], issuer: { id: null, name: null, verified: false } });
  const found = await verifyEndorsements(view, view, verify);
  assert.deepEqual(
    found.map((e) => e.about),
    [true, false, false],
  );
  assert.equal(found[0].headline.en, 'Endorsement of the issuer by an endorser that could not be identified: not valid.');
});
