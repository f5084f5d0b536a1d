// collection-progress.js: which credentials of a learner's collection count towards the study
// load, what each earned (read from the signed view), the total and each track's progress. The
// credentials are signed here and verified by the real verifier over a stubbed network.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { countsTowardsCredits, earnedBy, fill, formatEc, summarize } from '../src/pages/collection-progress.js';
import { verifyCredential } from '../src/verifier/index.js';
import { documentLoader } from './helpers/contexts.js';
import { INDEX, ISSUER, NOW, network, signBadge, unsignedBadge } from './helpers/fixtures.js';

const MODULE = (slug, lang = 'nl') => `https://badges.example.org/${lang}/modules/${slug}/achievement.json`;
const TRACKS = [
  {
    slug: 'data',
    title: 'Data',
    url: 'nl/tracks/data/',
    ec: 13,
    modules: [
      { slug: 'analyse', ec: 5, achievements: [MODULE('analyse'), MODULE('analyse', 'en')] },
      { slug: 'sql', ec: 3, achievements: [MODULE('sql'), MODULE('sql', 'en')] },
      { slug: 'python', ec: 5, achievements: [MODULE('python'), MODULE('python', 'en')] },
    ],
  },
  { slug: 'other', title: 'Other', url: 'nl/tracks/other/', ec: 3, modules: [{ slug: 'ethics', ec: 3, achievements: [MODULE('ethics')] }] },
];

/** A credential of `module` earning `ec`, with other fields of the badge fixture changed by `extra`. */
function badge(module, ec, extra = {}) {
  const unsigned = unsignedBadge(extra);
  unsigned.credentialSubject = { ...unsigned.credentialSubject, creditsEarned: ec, achievement: { ...unsigned.credentialSubject.achievement, id: module } };
  return signBadge(unsigned);
}

async function verify(credential, options = {}) {
  return verifyCredential(credential, { documentLoader, fetchJson: (await network(options)).fetchJson, now: NOW });
}

let verified;
let english;
let expired;
let revoked;
let unknown;

before(async () => {
  verified = await verify(await badge(MODULE('analyse'), 5));
  english = await verify(await badge(MODULE('analyse', 'en'), 5));
  expired = await verify(await badge(MODULE('sql'), 3.5, { validUntil: '2026-01-01T00:00:00Z' }));
  revoked = await verify(await badge(MODULE('python'), 5), { revoked: [INDEX] });
  unknown = await verify(await badge(MODULE('sql'), 3, { validUntil: '2026-01-01T00:00:00Z' }), { lists: { 'https://badges.example.org/status/revocation.json': new Error('offline') } });
});

test('the results are what the verifier says, so the rules below are tested on real ones', () => {
  assert.deepEqual([verified, english, expired, revoked, unknown].map((r) => r.state), ['verified', 'verified', 'expired', 'revoked', 'expired']);
});

test('a verified credential of the site counts; an expired one only when its status was checked and is clear', () => {
  assert.equal(countsTowardsCredits(verified, ISSUER), true);
  assert.equal(countsTowardsCredits(expired, ISSUER), true, 'credits once earned stay earned');
  assert.equal(countsTowardsCredits(unknown, ISSUER), false, 'its status could not be checked: it could be revoked');
  assert.equal(countsTowardsCredits(revoked, ISSUER), false);
  assert.equal(countsTowardsCredits(verified, 'did:web:elsewhere.example'), false, "another issuer's credential is not this institution's");
  assert.equal(countsTowardsCredits(verified, null), false);
  assert.equal(countsTowardsCredits({ state: 'verified', checks: [], credential: null }, ISSUER), false, 'no signed view: nothing to count');
  assert.equal(countsTowardsCredits({ state: 'not-yet-valid', checks: [], credential: verified.credential }, ISSUER), false);
});

test('what a credential earned is read from its signed view (the result of the verifier)', () => {
  assert.deepEqual(earnedBy(verified.credential), { achievement: MODULE('analyse'), ec: 5 });
  assert.deepEqual(earnedBy(expired.credential), { achievement: MODULE('sql'), ec: 3.5 });
  const view = structuredClone(verified.credential);
  view.credentialSubject.creditsEarned = { '@value': 2.5 };
  assert.deepEqual(earnedBy(view), { achievement: MODULE('analyse'), ec: 2.5 }, 'a value object reads as its value');
  delete view.credentialSubject.creditsEarned;
  assert.deepEqual(earnedBy(view), { achievement: MODULE('analyse'), ec: 0 });
  view.credentialSubject.creditsEarned = -3;
  assert.equal(earnedBy(view).ec, 0);
  delete view.credentialSubject.achievement.id;
  assert.equal(earnedBy(view), null);
});

test('the total counts a module once, in any language, and each track with an earned module shows its progress', () => {
  const earned = [verified, english, expired].map((r) => earnedBy(r.credential));
  const summary = summarize(earned, TRACKS);
  assert.equal(summary.total, 8.5, 'analyse (nl and en) once, sql');
  assert.deepEqual(summary.tracks, [{ slug: 'data', title: 'Data', url: 'nl/tracks/data/', modules: 2, totalModules: 3, ec: 8.5, totalEc: 13 }]);
  const outside = summarize([{ achievement: 'https://elsewhere.example/a', ec: 4 }, { achievement: 'https://elsewhere.example/a', ec: 6 }], TRACKS);
  assert.deepEqual(outside, { total: 6, tracks: [] }, 'a module in no track counts once, with its most EC');
  assert.deepEqual(summarize([], TRACKS), { total: 0, tracks: [] });
  const noEc = [{ ...TRACKS[1], ec: null, modules: [{ ...TRACKS[1].modules[0], ec: null }] }];
  assert.equal(summarize([{ achievement: MODULE('ethics'), ec: 3 }], noEc).tracks[0].totalEc, 0);
});

test('numbers and texts as the page writes them', () => {
  assert.equal(formatEc(8.5, 'nl'), '8,5');
  assert.equal(formatEc(8.5, 'en'), '8.5');
  assert.equal(formatEc(0.1 + 0.2, 'en'), '0.3');
  assert.equal(fill('{modules} van {total_modules}, {x}', { modules: 2, total_modules: 3 }), '2 van 3, {x}');
});
