/**
 * The endorsements embedded in a credential (Open Badges 3.0 §B.1.x), each verified on its own.
 *
 * An Open Badges credential may carry `endorsement`s: EndorsementCredentials, each signed by its
 * endorser, on the credential itself, on its issuer's Profile and on its Achievement (and
 * `endorsementJwt`: the same as compact JWS strings). A reader wants to know who endorses and
 * whether that is true, so each one is verified with the full verifier (verifyCredential), with the
 * same network and moment, and reported beside the credential's own verdict, which it never changes.
 *
 * What is shown, and why (the Python verifier does the same: credsite/standards/endorsements.py):
 * - Only the endorsements of an AUTHENTIC credential, read from its signed view (what the issuer's
 *   signature means): a holder cannot add one without breaking that signature, and the page never
 *   lends a credential that is not authentic the standing of an endorsement.
 * - The JSON of each endorsement is verified as written in the credential, so that its own proof
 *   meets the bytes its endorser signed (a JCS proof signs the JSON, not its meaning; the view is
 *   compacted under the outer credential's contexts). The view says which endorsements there are;
 *   the JSON at the same place stands for them when it lists the same ones (same number, same ids);
 *   otherwise the view's own entry is verified, under the credential's contexts.
 * - Depth 1: an endorsement's own endorsements are not followed. At most maxEndorsements
 *   (credsite/data/limits.json) are verified; the rest are reported as not checked (`error`).
 * - An endorsement whose subject is not the thing it is attached to keeps its state, with the note
 *   that it is not about it (`about: false`).
 * - The endorser's name is given only when the endorsement is authentic and signed by a key tied to its
 *   endorser (key-controller passed; for an endorsementJwt, the name its signed payload gives). One
 *   whose key is not tied to its endorser (a urn endorser, a key in a JWT's jwk header) is reported as
 *   by the holder of the key that signed it, naming the endorser it claims. A JWT credential's endorsements are verified here too (jose/index.js).
 */
import LIMITS_FILE from '../../../credsite/data/limits.json' with { type: 'json' };
import { base64urlDecode } from './base64url.js';
import { joinTexts, mapText, text } from './messages.js';
import { stateTitle } from './rulebook.js';
import { asList, isObject, KEYS, nodesAt, PLACES } from './endorsement-places.js';

export { PLACES };

/** How many endorsements of one credential are verified. */
export const MAX_ENDORSEMENTS = LIMITS_FILE.maxEndorsements;

/**
 * @typedef {{where: 'credential'|'issuer'|'achievement', endorser: {id: string|null, name: string|null},
 *   state: string, about: boolean, headline: {nl: string, en: string}}} EndorsementResult
 */

/**
 * Every endorsement of an authentic credential's signed `view`, verified by `verify` on the JSON
 * of `credential` that stands for it, in the order of PLACES and KEYS.
 * @param {object} view the credential's signed view
 * @param {object} credential the credential as written
 * @param {(item: unknown) => Promise<import('./verifier.js').VerificationResult>} verify the full
 *   verifier, not following the endorsement's own endorsements
 * @returns {Promise<EndorsementResult[]>}
 */
export async function verifyEndorsements(view, credential, verify) {
  const found = embeddedEndorsements(view, credential);
  return Promise.all(found.map((one, index) => (index < MAX_ENDORSEMENTS ? verified(one, verify) : beyond(one))));
}

/**
 * The endorsements the view holds, each with the JSON that stands for it.
 * @returns {{where: string, target: string|null, entry: unknown, item: unknown}[]}
 */
export function embeddedEndorsements(view, credential) {
  const context = Object.hasOwn(view, '@context') ? view['@context'] : credential['@context'];
  const found = [];
  for (const [where, path] of PLACES) {
    const inView = nodesAt(view, path);
    let inJson = nodesAt(credential, path);
    if (inJson.length !== inView.length) inJson = inView.map(() => ({}));
    inView.forEach((node, i) => {
      const target = typeof node.id === 'string' ? node.id : null;
      for (const key of KEYS) {
        const entries = asList(node[key]);
        let items = asList(inJson[i][key]);
        if (!sameEntries(entries, items)) items = entries.map((entry) => standalone(entry, context));
        entries.forEach((entry, j) => found.push({ where, target, entry, item: items[j] }));
      }
    });
  }
  return found;
}

/** Whether the JSON lists the view's endorsements: as many, each with the same id (or text, for a JWT). */
function sameEntries(entries, items) {
  return entries.length === items.length && entries.every((entry, i) => identity(entry) === identity(items[i]));
}

function identity(value) {
  return isObject(value) ? (value.id ?? null) : value;
}

/** A view entry as a document of its own, under the contexts it was compacted with. */
function standalone(entry, context) {
  return isObject(entry) ? { '@context': context, ...entry } : entry;
}

const where = (one) => text(`endorsement.where.${one.where}`);

async function verified(one, verify) {
  const result = await verify(one.item);
  const authentic = result.issuer ? result.issuer.verified === true : false;
  // Only a key tied to the endorser (key-controller passed) vouches for who it is, and only an
  // authentic endorsement for the name it gives.
  const tied = outcomeOf(result, 'key-controller') === 'passed';
  const name = tied && authentic ? issuerName(isObject(one.entry) ? one.entry : jwtCredential(one.entry)) : null;
  const endorserId = result.issuer ? result.issuer.id : null;
  const subject = subjectId(one.entry);
  const about = subject !== null && subject === one.target;
  const who = tied ? (name ?? endorserId ?? text('endorsement.unknown-endorser')) : untied(result, endorserId);
  let headline = result.state === 'verified' ? text('endorsement.verified', { where: where(one), who }) : notVerified(one, who, result);
  if (!about) {
    const note = text('endorsement.not-about', { where: where(one), subject: subject ?? text('endorsement.nothing') });
    headline = joinTexts([headline, note], ' ');
  }
  return { where: one.where, endorser: { id: endorserId, name }, state: result.state, about, headline };
}

const outcomeOf = (result, id) => result.checks.find((c) => c.id === id)?.outcome;

/**
 * Who an endorsement whose key is not tied to its endorser is by: the holder of the key that signed
 * it (when one was established), never the endorser it names (as Python's _untied).
 */
function untied(result, endorserId) {
  const unknown = text('endorsement.unknown-endorser');
  const key = result.verificationMethod ? result.verificationMethod.id : null;
  if (key && ['passed', 'warning'].includes(outcomeOf(result, 'issuer-key'))) return text('endorsement.key-holder', { key, endorser: endorserId ?? unknown });
  return endorserId ? text('endorsement.unidentified', { endorser: endorserId }) : unknown;
}

/** "Endorsement of the issuer by X: not valid (the failed check's message)". */
function notVerified(one, who, result) {
  const reason =
    result.checks.find((c) => c.outcome === 'failed' || c.outcome === 'unsupported') ?? result.checks.find((c) => c.outcome === 'not-checked');
  const title = { nl: stateTitle(result.state, 'nl').toLowerCase(), en: stateTitle(result.state, 'en').toLowerCase() };
  if (!reason) return text('endorsement.not-verified', { where: where(one), who, title });
  const why = mapText(reason.message, (written) => written.replace(/\.$/, ''));
  return text('endorsement.not-verified.reason', { where: where(one), who, title, reason: why });
}

function beyond(one) {
  const subject = subjectId(one.entry);
  return {
    where: one.where,
    endorser: { id: null, name: null },
    state: 'error',
    about: subject !== null && subject === one.target,
    headline: text('endorsement.beyond', { where: where(one), count: MAX_ENDORSEMENTS }),
  };
}

function issuerName(entry) {
  const issuer = isObject(entry) ? entry.issuer : null;
  return isObject(issuer) && typeof issuer.name === 'string' ? issuer.name : null;
}

/**
 * The id of what the endorsement endorses: its credentialSubject's (for a JWT, read from its
 * payload unverified: it only decides the note, never the state).
 */
function subjectId(entry) {
  const credential = isObject(entry) ? entry : jwtCredential(entry);
  const ids = credential ? asList(credential.credentialSubject).filter(isObject).map((s) => s.id) : [];
  return ids.length === 1 && typeof ids[0] === 'string' ? ids[0] : null;
}

/** The credential in a compact JWS's payload (its `vc` claim, or the payload itself). */
function jwtCredential(value) {
  const parts = typeof value === 'string' ? value.split('.') : [];
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64urlDecode(parts[1])));
    const credential = isObject(payload) && Object.hasOwn(payload, 'vc') ? payload.vc : payload;
    return isObject(credential) ? credential : null;
  } catch {
    return null;
  }
}
