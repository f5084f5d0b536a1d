// A credential is about exactly one subject, and an Open Badge's subject holds exactly one
// achievement (structure.js; credsite/standards/shape.py the same). The signature covers RDF
// statements, in which a JSON list has no order: of two subjects the holder could put either first
// after signing, and the page shows the first. A second one under the property's full IRI shows
// up on the signed view, so the check signed-data refuses it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verifyCredential } from '../src/verifier/index.js';
import { checkStructure } from '../src/verifier/structure.js';
import { documentLoader } from './helpers/contexts.js';
import { NOW, checkOf, network, signBadge, unsignedBadge } from './helpers/fixtures.js';

const SUBJECT_IRI = 'https://www.w3.org/2018/credentials#credentialSubject';
const ACHIEVEMENT_IRI = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement';

async function verify(credential) {
  const net = await network();
  return verifyCredential(credential, { documentLoader, fetchJson: net.fetchJson, now: NOW });
}

/** Someone else's subject, with a grander achievement. */
function otherSubject(subject) {
  const other = structuredClone(subject);
  other.id = 'did:example:mallory';
  other.achievement.id += '-doctorate';
  other.achievement.name = 'Doctorate of Everything';
  return other;
}

function assertRefused(result, checkId, code) {
  assert.equal(result.state, 'invalid');
  const c = checkOf(result, checkId);
  assert.equal(c.outcome, 'failed');
  assert.ok(c.detail.problems.includes(code), `${checkId}: ${c.detail.problems}`);
  assert.ok(!/\{\w+\}|undefined/.test(c.message.nl + c.message.en), c.message.en);
  assert.equal(result.credential, null);
}

describe('one subject, one achievement', () => {
  test('two subjects are refused, in either order', async () => {
    const unsigned = unsignedBadge();
    unsigned.credentialSubject = [unsigned.credentialSubject, otherSubject(unsigned.credentialSubject)];
    const signed = await signBadge(unsigned);
    const swapped = { ...signed, credentialSubject: [...signed.credentialSubject].reverse() };
    for (const credential of [signed, swapped]) {
      const result = await verify(credential);
      assert.equal(checkOf(result, 'signature').outcome, 'passed', 'the swap keeps the signature');
      assertRefused(result, 'structure', 'SUBJECT_MULTIPLE');
      assert.match(checkOf(result, 'structure').message.en, /more than one subject/);
      assert.match(checkOf(result, 'structure').message.nl, /meer dan één onderwerp/);
    }
  });

  test('two achievements, or none, are refused', async () => {
    const two = unsignedBadge();
    two.credentialSubject.achievement = [two.credentialSubject.achievement, otherSubject(two.credentialSubject).achievement];
    const none = unsignedBadge();
    delete none.credentialSubject.achievement;
    for (const unsigned of [two, none]) {
      const result = await verify(await signBadge(unsigned));
      assertRefused(result, 'structure', 'ACHIEVEMENT_NOT_ONE');
      assert.match(checkOf(result, 'structure').message.en, /exactly one achievement/);
    }
  });

  test('a second subject or achievement under the full IRI is refused on what is signed', async () => {
    const subject = unsignedBadge();
    subject[SUBJECT_IRI] = otherSubject(subject.credentialSubject);
    const achievement = unsignedBadge();
    achievement.credentialSubject[ACHIEVEMENT_IRI] = otherSubject(achievement.credentialSubject).achievement;
    for (const [unsigned, code] of [
      [subject, 'SUBJECT_MULTIPLE'],
      [achievement, 'ACHIEVEMENT_NOT_ONE'],
    ]) {
      const result = await verify(await signBadge(unsigned));
      assert.notEqual(checkOf(result, 'structure').outcome, 'failed', 'the JSON shows one (a warning: its status entries are a list)');
      assert.equal(checkOf(result, 'signature').outcome, 'passed');
      assertRefused(result, 'signed-data', code);
    }
  });

  test('a list of one reads as the object alone', async () => {
    const unsigned = unsignedBadge();
    unsigned.credentialSubject.achievement = [unsigned.credentialSubject.achievement];
    unsigned.credentialSubject = [unsigned.credentialSubject];
    const result = await verify(await signBadge(unsigned));
    assert.equal(result.state, 'verified', JSON.stringify(result.checks, null, 1));
  });

  test('the rule holds for every credential; the achievement rule for Open Badges only', () => {
    const vc = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'did:example:issuer',
      credentialSubject: { id: 'did:example:a' },
    };
    assert.deepEqual(checkStructure(vc).problems, []);
    assert.deepEqual(checkStructure({ ...vc, credentialSubject: [{ id: 'did:example:a' }] }).problems, []);
    assert.deepEqual(checkStructure({ ...vc, credentialSubject: [{ id: 'did:example:a' }, { id: 'did:example:b' }] }).problems, ['SUBJECT_MULTIPLE']);
    assert.deepEqual(checkStructure({ ...vc, credentialSubject: [] }).problems, ['SUBJECT_MISSING']);
    const badge = unsignedBadge();
    for (const achievement of ['https://badges.example.org/modules/x', [], null]) {
      assert.deepEqual(checkStructure({ ...badge, credentialSubject: { ...badge.credentialSubject, achievement } }).problems, ['ACHIEVEMENT_NOT_ONE'], JSON.stringify(achievement));
    }
  });
});
