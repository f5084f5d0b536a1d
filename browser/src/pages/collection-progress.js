/**
 * What a learner's collection page (/l/<id>/, collection-page.js) counts: which verified
 * credentials count towards the study load, what each earned, the total and each track's
 * progress. Pure functions of verification results and the tracks' file, tested in Node.
 *
 * Everything counted is read from a credential's signed view (the verifier's `result.credential`,
 * there only when the credential is authentic): its issuer, its achievement's id and the EC it
 * records as earned (`creditsEarned`). The only data the page gives besides is the tracks' file
 * (/l/tracks.json): the institution's catalogue, which modules make up a track, their
 * achievements' ids in every language and their EC, public anyway.
 */
import { textOf, valueAt } from './credential-fields.js';
import { issuerIdOf } from '../verifier/structure.js';

/** The checks of a credential's status (verifier-rules.json). */
const STATUS_CHECKS = new Set(['revocation', 'suspension', 'other-status']);
/** Outcomes of a status check that let an expired credential count: its status is known and clear. */
const CLEAR = new Set(['passed', 'warning']);

/**
 * Whether a verification result counts towards the study load: a genuine credential of this
 * site's issuer that is verified, or expired with a status that was checked and is clear. Credits
 * once earned stay earned when a credential's validity ends; a revoked or suspended credential,
 * or one whose status could not be checked (which could hide a revocation), does not count.
 * @param {{state: string, checks?: {id: string, outcome: string}[], credential?: object|null}} result
 * @param {string|null} siteDid this site's DID
 */
export function countsTowardsCredits(result, siteDid) {
  if (!result || !result.credential || !siteDid || issuerIdOf(result.credential) !== siteDid) return false;
  if (result.state === 'verified') return true;
  if (result.state !== 'expired') return false;
  const status = (result.checks || []).filter((check) => STATUS_CHECKS.has(check.id));
  return status.length > 0 && status.every((check) => CLEAR.has(check.outcome));
}

/**
 * What a verified credential records as earned: its achievement's id and its `creditsEarned`
 * (0 when it states none), read from the signed view. Null without an achievement id.
 * @param {object} view
 * @returns {{achievement: string, ec: number}|null}
 */
export function earnedBy(view) {
  const achievement = textOf(valueAt(view, ['credentialSubject', 0, 'achievement', 0, 'id']));
  if (!achievement) return null;
  const text = textOf(valueAt(view, ['credentialSubject', 0, 'creditsEarned']));
  const ec = text === null ? 0 : Number(text);
  return { achievement, ec: Number.isFinite(ec) && ec > 0 ? ec : 0 };
}

const round = (value) => Math.round(value * 100) / 100;
const sum = (values) => round(values.reduce((total, value) => total + value, 0));

/**
 * The total EC earned and each track's progress, from what the counted credentials earned. A
 * module earned twice (issued again) counts once, with the most EC; its credentials are one
 * module when they name its achievement in any language (the tracks' file lists them all), else
 * when they name the same achievement. A track is listed when at least one of its modules is
 * earned; its progress is the modules earned out of its modules, and their EC out of its EC.
 * @param {{achievement: string, ec: number}[]} earned
 * @param {{slug: string, title: string, url: string, ec: number|null, modules: {slug: string, ec: number|null, achievements: string[]}[]}[]} tracks
 */
export function summarize(earned, tracks = []) {
  const moduleOf = new Map();
  for (const track of tracks) for (const module of track.modules) for (const id of module.achievements) moduleOf.set(id, module.slug);
  const best = new Map();
  for (const { achievement, ec } of earned) {
    const key = moduleOf.get(achievement) ?? achievement;
    best.set(key, Math.max(best.get(key) ?? 0, ec));
  }
  const progress = tracks
    .map((track) => {
      const done = track.modules.filter((module) => best.has(module.slug));
      const totalEc = track.ec ?? sum(track.modules.map((module) => module.ec ?? 0));
      return { slug: track.slug, title: track.title, url: track.url, modules: done.length, totalModules: track.modules.length, ec: sum(done.map((module) => best.get(module.slug))), totalEc };
    })
    .filter((track) => track.modules > 0);
  return { total: sum([...best.values()]), tracks: progress };
}

/** A number of EC as the page's language writes it (3,5 in Dutch). */
export function formatEc(value, lang) {
  const text = String(round(value));
  return lang === 'nl' ? text.replace('.', ',') : text;
}

/** A text of the page with its {name} placeholders filled in. */
export function fill(template, values) {
  return String(template || '').replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
