// The one inline @context a credential may carry (src/verifier/inline-context.js): an object after
// every URL of the top-level list that only adds "term": "absolute IRI". What it adds is signed but
// never read by the verdict; every other inline context is refused with a message naming why, in
// both languages. And the OB 3.0.0 context, whose `achievement` shares its IRI with the type
// `Achievement`: the signed view reads the property under its own name. The Python verifier holds
// the same cases (tests/test_inline_context.py, which also runs them through this verifier).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { verifyCredential } from '../src/verifier/index.js';
import { canonicalizeWithView } from '../src/verifier/canonicalize.js';
import { knownIris } from '../src/verifier/inline-context.js';
import { documentLoader } from './helpers/contexts.js';
import { NOW, checkOf, network, signBadge, unsignedBadge } from './helpers/fixtures.js';

const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';
const ADDED_ISSUANCE = { issuanceDate: 'https://www.w3.org/2018/credentials/v1#issuanceDate' };

async function verify(credential) {
  const net = await network();
  return verifyCredential(credential, { documentLoader, fetchJson: net.fetchJson, now: NOW });
}

const withContext = (doc, ...entries) => ({ ...doc, '@context': [...doc['@context'], ...entries] });

/** Copies of a signed badge with an inline context that is not purely additive, and the rule each breaks. */
function attacks(signed) {
  const subject = signed.credentialSubject;
  return {
    'redefines validUntil': [withContext(signed, { validUntil: 'urn:x:until' }), 'defined'],
    'redefines credentialStatus': [withContext(signed, { credentialStatus: 'urn:x:status' }), 'defined'],
    'redefines issuer': [withContext(signed, { issuer: 'urn:x:issuer' }), 'defined'],
    'aliases the IRI of validUntil': [withContext(signed, { ends: 'https://www.w3.org/2018/credentials#validUntil' }), 'known-iri'],
    'sets @vocab': [withContext(signed, { '@vocab': 'https://example.org/' }), 'keyword'],
    'coerces a type': [withContext(signed, { until: { '@id': 'urn:x:until', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' } }), 'definition'],
    'is nested': [{ ...signed, credentialSubject: { ...subject, '@context': [{ x: 'urn:x:1' }] } }, 'nested'],
    'comes first': [{ ...signed, '@context': [{ x: 'urn:x:1' }, ...signed['@context']] }, 'position'],
    'defines a prefix used elsewhere': [{ ...withContext(signed, { ex: 'https://example.org/ns#' }), credentialSubject: { ...subject, 'ex:level': 'high' } }, 'prefix'],
    'defines did, a prefix of the issuer': [withContext(signed, { did: 'https://example.org/did#' }), 'prefix'],
    'names a term with a colon': [withContext(signed, { 'ex:level': 'https://example.org/level' }), 'term-name'],
    'aliases a keyword': [withContext(signed, { kind: '@type' }), 'not-iri'],
  };
}

const RULE_WORDS = {
  defined: [/already defines/, /al in een gepubliceerde woordenlijst/],
  'known-iri': [/second name/, /tweede naam/],
  keyword: [/keyword @vocab/, /sleutelwoord @vocab/],
  definition: [/more than an address/, /meer dan een adres/],
  nested: [/only in the credential's own @context list/, /alleen aanvaard in de eigen @context-lijst/],
  position: [/after every published vocabulary/, /na alle gepubliceerde woordenlijsten/],
  prefix: [/prefix/, /voorvoegsel/],
  'term-name': [/not a plain word/, /geen gewoon woord/],
  'not-iri': [/other than a full address/, /anders dan een volledig adres/],
};

function ob300Badge() {
  const badge = unsignedBadge();
  const { validFrom, credentialStatus, ...rest } = badge;
  rest.credentialSubject.achievement.creator = { id: badge.issuer.id, type: ['Profile'], name: 'Hogeschool Voorbeeld' };
  rest.issuer.address = { type: ['Address'], addressLocality: 'Utrecht' };
  delete rest.credentialSubject.achievement.inLanguage; // not in the 3.0.0 context
  return { ...rest, '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context.json', 'https://w3id.org/security/data-integrity/v2'], issuanceDate: validFrom };
}

describe('an inline context that only adds terms', () => {
  test('is accepted, and what it adds is signed', async () => {
    const doc = withContext(unsignedBadge(), { teamSize: 'https://example.org/teamSize' });
    doc.credentialSubject = { ...doc.credentialSubject, teamSize: 'high' };
    const result = await verify(await signBadge(doc));
    assert.equal(result.state, 'verified');
    const changed = structuredClone(await signBadge(doc));
    changed.credentialSubject.teamSize = 'low';
    assert.equal((await verify(changed)).state, 'invalid');
  });

  test('a VC 2.0 credential\'s added issuanceDate does not feed the validity checks', async () => {
    const { validFrom, ...rest } = unsignedBadge();
    const doc = { ...withContext(rest, ADDED_ISSUANCE), issuanceDate: '2099-01-01T00:00:00Z' };
    const result = await verify(await signBadge(doc));
    assert.equal(result.state, 'verified');
    assert.equal(checkOf(result, 'valid-from').outcome, 'warning');
    const { view } = await canonicalizeWithView(doc, documentLoader);
    assert.equal(Object.hasOwn(view, 'issuanceDate'), false);
    assert.equal(view[ADDED_ISSUANCE.issuanceDate], '2099-01-01T00:00:00Z');
  });

  test('the IRIs no added term may take are those of every bundled term', async () => {
    const known = await knownIris(documentLoader.contextUrls, documentLoader);
    for (const term of ['validFrom', 'validUntil', 'credentialStatus', 'issuer', 'issuanceDate']) {
      assert.equal(known.get(`https://www.w3.org/2018/credentials#${term}`), term);
    }
    assert.equal(known.has(ADDED_ISSUANCE.issuanceDate), false);
  });
});

describe('every other inline context is refused, naming why', async () => {
  const signed = await signBadge();
  for (const [name, [doc, rule]] of Object.entries(attacks(signed))) {
    test(`one that ${name}`, async () => {
      const result = await verify(doc);
      assert.equal(result.state, 'invalid');
      const c = checkOf(result, 'contexts');
      assert.equal(c.outcome, 'failed');
      assert.equal(c.detail.code, 'INLINE_CONTEXT');
      assert.equal(c.detail.rule, rule);
      const [en, nl] = RULE_WORDS[rule];
      assert.match(c.message.en, en);
      assert.match(c.message.nl, nl);
    });
  }
});

describe('the OB 3.0.0 context', () => {
  test('its view writes achievement, creator and address under their own names', async () => {
    const doc = ob300Badge();
    const { view } = await canonicalizeWithView(doc, documentLoader);
    const achievement = view.credentialSubject.achievement;
    assert.equal(achievement.type, 'Achievement');
    assert.equal(achievement.creator.type, 'Profile');
    assert.equal(view.issuer.address.type, 'Address');
    assert.ok(achievement.criteria);
    const keys = [view, view.credentialSubject, achievement, view.issuer].flatMap(Object.keys);
    assert.deepEqual(keys.filter((k) => ['Achievement', 'Profile', 'Address', 'Criteria'].includes(k)), []);
    assert.equal((await verify(await signBadge(doc))).state, 'verified');
  });

  test('a second achievement spelled Achievement or as the full IRI is refused on what is signed', async () => {
    for (const key of ['Achievement', `${OB}Achievement`]) {
      const doc = ob300Badge();
      const first = doc.credentialSubject.achievement;
      doc.credentialSubject[key] = { ...first, id: `${first.id}-2` };
      const result = await verify(await signBadge(doc));
      assert.equal(checkOf(result, 'signature').outcome, 'passed', key);
      const signedData = checkOf(result, 'signed-data');
      assert.equal(signedData.outcome, 'failed', key);
      assert.deepEqual(signedData.detail.problems, ['ACHIEVEMENT_NOT_ONE'], key);
    }
  });
});
