/**
 * The credential a JWT carries, and its JWT claims held to it (the Python twin,
 * credsite/standards/jose/claims.py, says why): the payload is the credential with the registered
 * claims beside it (OB 3.0 §8.2), or the credential is in a `vc` claim (VC 1.1, whose claims stand
 * for the properties the `vc` leaves out), or the payload is the credential (vc+jwt). A claim that is
 * present must say what the credential says; dates are compared to the second; nbf and exp stand
 * for validity dates the credential leaves out.
 */
import { issuerIdOf } from '../structure.js';
import { parseDateTime } from '../dates.js';

export const REGISTERED = Object.freeze(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'cnf']);
const FIRST = -62135596800;
const LAST = 253402300799;
const VC_CLAIMS = [
  ['iss', 'issuer'],
  ['jti', 'id'],
];
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const DATES = { nbf: ['validFrom', 'issuanceDate'], exp: ['validUntil', 'expirationDate'] };

/**
 * @param {object} payload
 * @param {string} form
 * @returns {{credential: object|null, claims: object, problem?: string}}
 */
export function credentialOf(payload, form) {
  const claims = Object.fromEntries(REGISTERED.filter((k) => Object.hasOwn(payload, k)).map((k) => [k, payload[k]]));
  if (form === 'VC-JWT' && Object.hasOwn(payload, 'vc')) {
    const vc = payload.vc;
    if (!vc || typeof vc !== 'object' || Array.isArray(vc)) return { credential: null, claims, problem: 'VC_CLAIM' };
    return { credential: completed(vc, claims), claims };
  }
  return { credential: Object.fromEntries(Object.entries(payload).filter(([k]) => !REGISTERED.includes(k))), claims };
}

function completed(vc, claims) {
  const credential = { ...vc };
  for (const [claim, name] of VC_CLAIMS) {
    if (Object.hasOwn(claims, claim) && !Object.hasOwn(credential, name)) credential[name] = claims[claim];
  }
  const context = credential['@context'];
  const v1 = Array.isArray(context) && context.length > 0 && context[0] === VC_V1;
  for (const [claim, names] of Object.entries(DATES)) {
    if (dateOf(credential, claim)[0] === null && seconds(claims[claim]) !== null) credential[v1 ? names[1] : names[0]] = iso(claims[claim]);
  }
  const subject = credential.credentialSubject;
  if (typeof claims.sub === 'string' && subject && typeof subject === 'object' && !Array.isArray(subject) && !Object.hasOwn(subject, 'id')) {
    credential.credentialSubject = { id: claims.sub, ...subject };
  }
  return credential;
}

/**
 * Each claim that does not say what the credential says, in the order of REGISTERED.
 * @returns {{code: string, params: object}[]}
 */
export function claimProblems(claims, credential) {
  const subject = credential.credentialSubject;
  const expected = {
    iss: issuerIdOf(credential) ?? null,
    sub: subject && typeof subject === 'object' && !Array.isArray(subject) ? subject.id ?? null : null,
    jti: credential.id ?? null,
  };
  const problems = [];
  for (const claim of REGISTERED) {
    if (!Object.hasOwn(claims, claim)) continue;
    const value = claims[claim];
    if (Object.hasOwn(expected, claim)) {
      if (value !== expected[claim]) problems.push({ code: `CLAIM_${claim.toUpperCase()}`, params: { value: shown(value), expected: shown(expected[claim]) } });
    } else if (['nbf', 'exp', 'iat'].includes(claim)) {
      problems.push(...dateProblems(claim, value, credential));
    }
  }
  return problems;
}

function dateProblems(claim, value, credential) {
  if (seconds(value) === null) return [{ code: 'CLAIM_NOT_DATE', params: { claim } }];
  if (!Object.hasOwn(DATES, claim)) return [];
  const [name, text] = dateOf(credential, claim);
  if (name === null) return [];
  const moment = parseDateTime(text);
  if (moment === null || Math.floor(moment / 1000) !== seconds(value)) {
    return [{ code: 'CLAIM_DATE', params: { claim, value: iso(value), property: name, expected: shown(text) } }];
  }
  return [];
}

/** The credential with nbf / exp as its validFrom / validUntil where it names neither that date nor its VC 1.1 name. */
export function dated(credential, claims) {
  const out = { ...credential };
  for (const claim of ['nbf', 'exp']) {
    if (dateOf(credential, claim)[0] === null && seconds(claims[claim]) !== null) out[DATES[claim][0]] = iso(claims[claim]);
  }
  return out;
}

/** When the token says it was signed (iat), as a date and time, or null. */
export function signingTime(claims) {
  return seconds(claims.iat) !== null ? iso(claims.iat) : null;
}

/** A NumericDate as whole seconds (rounded down), or null. */
export function seconds(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const whole = Math.floor(value);
  return whole >= FIRST && whole <= LAST ? whole : null;
}

/** A NumericDate as both verifiers write it: 2010-01-01T00:00:00Z. */
export function iso(value) {
  return new Date(seconds(value) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

function dateOf(credential, claim) {
  for (const name of DATES[claim]) if (Object.hasOwn(credential, name)) return [name, credential[name]];
  return [null, null];
}

function shown(value) {
  return value === null || value === undefined ? '—' : typeof value === 'string' ? JSON.stringify(value) : String(value);
}
