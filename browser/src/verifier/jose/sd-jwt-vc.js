/**
 * verifySdJwt: an SD-JWT VC (draft-ietf-oauth-sd-jwt-vc; typ dc+sd-jwt or the older vc+sd-jwt), as
 * EU wallets and the EU Learning Credential use them, under the check ids of every other credential:
 * structure (the SD-JWT can be read, its payload is an SD-JWT VC); proof-format (typ, alg, crit,
 * _sd_alg, a Key Binding JWT's header); contexts (passed: plain JSON, every byte signed); issuer-key,
 * key-controller, key-status (sd-jwt-keys.js); signature (the issuer's, and a Key Binding JWT's over
 * this presentation when there is one: without one it is a credential as issued, which is fine
 * here); signed-data (every Disclosure fits what the issuer signed, sd-jwt.js); valid-from /
 * valid-until (nbf / exp); then the Token Status List (token-status.js).
 *
 * The result has the shape of verifyCredential's, with `format: 'sd-jwt-vc'` and, for an authentic
 * credential, `credential`: the claims with every Disclosure in place (what the pages show). The
 * Python twin is credsite/standards/jose/sd_jwt_vc.py; both give the same checks in the same order.
 */
import { checkIds, needsMet, verdictOf, verdictText } from '../rulebook.js';
import { checkJsonSize } from '../limits.js';
import { humanDate, joinTexts, text } from '../messages.js';
import { isoString, parseDateTime, resolveNow } from '../dates.js';
import { digest, HASHES, parseJws, parseSdJwt, processDisclosures, SdJwtError } from './sd-jwt.js';
import { headerFaults, signatureValid, usableKey } from './sd-jwt-signature.js';
import { findKey } from './sd-jwt-keys.js';
import { checkTokenStatus, numericDateMs, STATUS_LIST_TYPE, StatusError } from './token-status.js';

export const TYPES = Object.freeze(['dc+sd-jwt', 'vc+sd-jwt']);
const KB_TYPE = 'kb+jwt';

function check(id, outcome, message, detail) {
  const c = { id, outcome, message };
  if (detail !== undefined) c.detail = detail;
  return c;
}

const problem = (code, params = {}) => text(`sd-jwt.problem.${code}`, { ...params, what: params.what ? text(`sd-jwt.what.${params.what}`) : undefined });

/**
 * Verify an SD-JWT VC. Never throws for anything about the credential or the network.
 * @param {string} input the SD-JWT text
 * @param {{fetchJson?: (url: string) => Promise<unknown>, now?: Date|string|number, ed25519Backend?: string}} options
 */
export async function verifySdJwt(input, options = {}) {
  const checks = [];
  const now = resolveNow(options.now);
  let sdJwt;
  try {
    const beyond = checkJsonSize(input);
    if (beyond) throw new SdJwtError('format', 'TOO_LARGE', beyond.params);
    sdJwt = parseSdJwt(input);
  } catch (e) {
    if (!(e instanceof SdJwtError)) throw e;
    checks.push(check('structure', 'failed', text('sd-jwt.structure.failed', { problems: problem(e.code, e.params) }), { code: e.code }));
    skipAfter(checks, 'structure', text('skipped.unauthenticated'));
    return finish(checks, { now, issuer: null });
  }
  const { payload } = sdJwt;
  const iss = typeof payload.iss === 'string' ? payload.iss : null;
  const ctx = { fetchJson: options.fetchJson, cache: new Map(), ed25519Backend: options.ed25519Backend };
  const found = { sdJwt, alg: null, sdAlg: null, key: null, claims: null };
  checks.push(structureCheck(sdJwt));
  checks.push(proofFormatCheck(found));
  checks.push(check('contexts', 'passed', text('sd-jwt.contexts.passed')));
  checks.push(await issuerKeyCheck(found, ctx, checks));
  checks.push(keyControllerCheck(found, payload.iss, checks));
  checks.push(keyStatusCheck(found, now, checks));
  checks.push(await signatureCheck(found, ctx, checks));
  checks.push(await signedDataCheck(found, checks));
  if (found.claims === null || !needsMet(checks, 'valid-from')) {
    skipAfter(checks, 'signed-data', text('skipped.unauthenticated'));
    return finish(checks, { now, issuer: iss });
  }
  const dates = validityChecks(payload, now);
  checks.push(...dates.checks);
  const verifyToken = (token) => statusListPayload(token, payload.iss, ctx);
  const statuses = await checkTokenStatus(payload.status, ctx, now, verifyToken);
  checks.push(...statuses.map(statusCheck));
  return finish(checks, { now, issuer: iss, credential: found.claims, validFrom: dates.validFrom, validUntil: dates.validUntil, key: found.key, statuses });
}

function skipAfter(checks, after, message) {
  const ids = checkIds('browser');
  for (const id of ids.slice(ids.indexOf(after) + 1)) {
    if (!['suspension', 'other-status', 'internal'].includes(id)) checks.push(check(id, 'not-checked', message));
  }
}

/** What keeps the issuer-signed payload from being an SD-JWT VC (as Python's structure_problems). */
export function structureProblems(payload, header) {
  const problems = [];
  if (typeof payload.vct !== 'string' || payload.vct === '') problems.push(problem('VCT'));
  const issOk = typeof payload.iss === 'string' && payload.iss !== '';
  if (!issOk && !(!Object.hasOwn(payload, 'iss') && Object.hasOwn(header, 'x5c'))) problems.push(problem('ISS'));
  for (const name of ['iat', 'nbf', 'exp']) {
    if (Object.hasOwn(payload, name) && numericDateMs(payload[name]) === null) problems.push(problem('DATE', { name }));
  }
  for (const name of ['cnf', 'status']) {
    const v = payload[name];
    if (Object.hasOwn(payload, name) && !(v !== null && typeof v === 'object' && !Array.isArray(v))) problems.push(problem('NOT_OBJECT', { name }));
  }
  return problems;
}

function structureCheck(sdJwt) {
  const problems = structureProblems(sdJwt.payload, sdJwt.jwt.header);
  if (problems.length === 0) return check('structure', 'passed', text('sd-jwt.structure.passed'));
  return check('structure', 'failed', text('sd-jwt.structure.failed', { problems: joinTexts(problems) }));
}

const fault = (f) => text(`sd-jwt.header.${f.code}`, f.params ?? {});

function proofFormatCheck(found) {
  const { header, payload } = { header: found.sdJwt.jwt.header, payload: found.sdJwt.payload };
  const read = headerFaults(header);
  const failed = read.failed.map(fault);
  const unsupported = read.unsupported.map(fault);
  if (!TYPES.includes(header.typ)) failed.unshift(fault({ code: 'TYP', params: { typ: JSON.stringify(header.typ ?? null) } }));
  const sdAlg = Object.hasOwn(payload, '_sd_alg') ? payload._sd_alg : 'sha-256';
  if (typeof sdAlg !== 'string') failed.push(fault({ code: 'SD_ALG_MALFORMED' }));
  else if (!Object.hasOwn(HASHES, sdAlg)) unsupported.push(fault({ code: 'SD_ALG_UNSUPPORTED', params: { alg: sdAlg } }));
  const kb = found.sdJwt.kbJwt;
  if (kb) {
    const kbRead = headerFaults(kb.header);
    const kbFailed = kbRead.failed.map(fault);
    if (kb.header.typ !== KB_TYPE) kbFailed.unshift(fault({ code: 'KB_TYP', params: { typ: JSON.stringify(kb.header.typ ?? null) } }));
    failed.push(...kbFailed.map((f) => text('sd-jwt.header.kb', { fault: f })));
    unsupported.push(...kbRead.unsupported.map(fault).map((f) => text('sd-jwt.header.kb', { fault: f })));
  }
  if (failed.length || unsupported.length) {
    return check('proof-format', failed.length ? 'failed' : 'unsupported', text('sd-jwt.proof-format.failed', { problems: joinTexts([...failed, ...unsupported]) }));
  }
  found.alg = read.alg;
  found.sdAlg = sdAlg;
  return check('proof-format', 'passed', text('sd-jwt.proof-format.passed', { typ: header.typ, alg: read.alg }));
}

function keyReason(e) {
  if (e && e.name === 'KeyResolutionError') {
    const key = `issuer-key.${e.code === 'DID_WEB_SYNTAX' ? 'VM_SYNTAX' : e.code}`;
    // A code without a message of its own (a Multikey refusal) is shown as the error says it.
    return text(key, { url: e.url, vm: e.detail && e.detail.vm, value: e.message }, { fallback: e.message });
  }
  return text(`sd-jwt.key.${e.code}`, e.params ?? {});
}

async function issuerKeyCheck(found, ctx, checks) {
  const { header, payload } = { header: found.sdJwt.jwt.header, payload: found.sdJwt.payload };
  let key;
  try {
    key = await findKey(header, payload.iss, ctx);
  } catch (e) {
    if (!e || (e.name !== 'MetadataError' && e.name !== 'KeyResolutionError')) throw e;
    if (e.code === 'X5C') return check('issuer-key', 'unsupported', text('sd-jwt.issuer-key.unsupported'), { code: 'X5C' });
    if (e.unreachable || e.retryable) return check('issuer-key', 'not-checked', text('sd-jwt.issuer-key.not-checked', { reason: keyReason(e) }), { code: e.code });
    return check('issuer-key', 'failed', text('sd-jwt.issuer-key.failed', { reason: keyReason(e) }), { code: e.code });
  }
  const unusable = await usableKey(found.alg, key.jwk);
  if (unusable) return check('issuer-key', 'failed', text('sd-jwt.issuer-key.failed', { reason: text(`sd-jwt.key.${unusable.code}`, unusable.params ?? {}) }), { code: unusable.code });
  found.key = key;
  return check('issuer-key', 'passed', text(`sd-jwt.issuer-key.passed.${key.source}`, { url: key.location }), { source: key.source, location: key.location });
}

function keyControllerCheck(found, iss, checks) {
  const key = found.key;
  if (!needsMet(checks, 'key-controller') || key === null) return check('key-controller', 'not-checked', text('sd-jwt.key-controller.not-checked'));
  if (key.controller === null) return check('key-controller', 'failed', text('sd-jwt.key-controller.header'));
  if (key.controller !== iss) return check('key-controller', 'failed', text('sd-jwt.key-controller.other', { controller: key.controller, issuer: String(iss) }));
  return check('key-controller', 'passed', text('sd-jwt.key-controller.passed', { issuer: iss }));
}

function keyStatusCheck(found, now, checks) {
  const key = found.key;
  if (!needsMet(checks, 'key-status') || key === null) return check('key-status', 'not-checked', text('sd-jwt.key-status.not-checked'));
  const issued = numericDateMs(found.sdJwt.payload.iat);
  const when = issued === null ? now : issued;
  for (const name of ['revoked', 'expires']) {
    if (Object.hasOwn(key.dates, name)) {
      const moment = parseDateTime(key.dates[name]);
      if (moment === null || moment <= when) return check('key-status', 'failed', text('sd-jwt.key-status.failed', { date: String(key.dates[name]) }));
    }
  }
  return check('key-status', 'passed', text('sd-jwt.key-status.passed'));
}

async function signatureCheck(found, ctx, checks) {
  if (!needsMet(checks, 'signature') || found.key === null || found.alg === null) return check('signature', 'not-checked', text('sd-jwt.signature.not-checked'));
  if (!(await signatureValid(found.sdJwt.jwt.text, found.alg, found.key.jwk, ctx))) return check('signature', 'failed', text('sd-jwt.signature.failed'));
  if (!found.sdJwt.kbJwt) return check('signature', 'passed', text('sd-jwt.signature.passed'));
  const kbProblem = await keyBindingProblem(found, ctx);
  if (kbProblem) return check('signature', 'failed', text('sd-jwt.signature.kb-failed', { reason: kbProblem }));
  return check('signature', 'passed', text('sd-jwt.signature.passed.kb'));
}

/** Why the Key Binding JWT does not bind this presentation to the holder's key (RFC 9901 7.3), or null. */
async function keyBindingProblem(found, ctx) {
  const kb = found.sdJwt.kbJwt;
  const { cnf } = found.sdJwt.payload;
  const jwk = cnf && typeof cnf === 'object' ? cnf.jwk : undefined;
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) return text('sd-jwt.kb.NO_CNF');
  const alg = typeof kb.header.alg === 'string' ? kb.header.alg : null;
  const unusable = await usableKey(alg, jwk);
  if (unusable) return text('sd-jwt.kb.KEY', { reason: text(`sd-jwt.key.${unusable.code}`, unusable.params ?? {}) });
  if (alg === null || !(await signatureValid(kb.text, alg, jwk, ctx))) return text('sd-jwt.kb.SIGNATURE');
  const claims = kb.payload;
  const missing = ['iat', 'aud', 'nonce', 'sd_hash'].filter((n) => !Object.hasOwn(claims, n));
  if (missing.length || numericDateMs(claims.iat) === null) return text('sd-jwt.kb.CLAIMS');
  if (claims.sd_hash !== (await digest(found.sdJwt.presentation, found.sdAlg))) return text('sd-jwt.kb.SD_HASH');
  return null;
}

async function signedDataCheck(found, checks) {
  if (!needsMet(checks, 'signed-data') || found.sdAlg === null) return check('signed-data', 'not-checked', text('sd-jwt.signed-data.not-checked'));
  try {
    found.claims = await processDisclosures(found.sdJwt, found.sdAlg);
  } catch (e) {
    if (!(e instanceof SdJwtError)) throw e;
    return check('signed-data', 'failed', text('sd-jwt.signed-data.failed', { reason: text(`sd-jwt.disclosure.${e.code}`, e.params) }), { code: e.code });
  }
  return check('signed-data', 'passed', text('sd-jwt.signed-data.passed', { count: found.sdJwt.disclosures.length }));
}

function validityChecks(payload, now) {
  const start = numericDateMs(payload.nbf);
  const end = numericDateMs(payload.exp);
  const out = [];
  if (start === null) out.push(check('valid-from', 'passed', text('sd-jwt.valid-from.none')));
  else if (now < start) out.push(check('valid-from', 'failed', text('valid-from.failed', { date: humanDate(start) })));
  else out.push(check('valid-from', 'passed', text('valid-from.passed', { date: humanDate(start) })));
  if (end === null) out.push(check('valid-until', 'passed', text('valid-until.passed.none')));
  else if (now >= end) out.push(check('valid-until', 'failed', text('valid-until.failed', { date: humanDate(end) })));
  else out.push(check('valid-until', 'passed', text('valid-until.passed', { date: humanDate(end) })));
  return { checks: out, validFrom: start === null ? null : isoString(start), validUntil: end === null ? null : isoString(end) };
}

function statusCheck(r) {
  const detail = { uri: r.uri, index: r.idx, value: r.value, ...(r.code ? { code: r.code } : {}) };
  if (r.result === 'none') return check('revocation', 'warning', text('status.none'));
  if (r.result === 'unreadable') return check('other-status', 'not-checked', text('sd-jwt.status.unreadable', { reason: text(`sd-jwt.status.${r.code}`, r.params) }), detail);
  if (r.result === 'unknown') return check('revocation', 'not-checked', text('status.revocation.unknown', { reason: text(`sd-jwt.status.${r.code}`, r.params) }), detail);
  if (r.result === 'value') return check('other-status', 'warning', text('sd-jwt.status.value', { value: `0x${r.value.toString(16).padStart(2, '0')}` }), detail);
  return check(r.id, r.result === 'set' ? 'failed' : 'passed', text(`status.${r.id}.${r.result}`), detail);
}

/** The claims of a Status List Token signed by the credential's issuer (as Python's status_list_payload). */
async function statusListPayload(token, iss, ctx) {
  let jws;
  try {
    jws = parseJws(token.trim(), 'list');
  } catch {
    throw new StatusError('TOKEN_FORMAT');
  }
  const read = headerFaults(jws.header);
  if (jws.header.typ !== STATUS_LIST_TYPE) throw new StatusError('TOKEN_TYP', { typ: JSON.stringify(jws.header.typ ?? null) });
  if (read.failed.length || read.unsupported.length || read.alg === null) throw new StatusError('TOKEN_HEADER');
  let key;
  try {
    key = await findKey(jws.header, iss, ctx);
  } catch (e) {
    if (e && (e.unreachable || e.retryable)) throw new StatusError('UNREACHABLE', { url: e.url ?? (e.params && e.params.url) ?? '—' });
    throw new StatusError('TOKEN_KEY');
  }
  if (key.controller === null || key.controller !== iss) throw new StatusError('TOKEN_NOT_ISSUER');
  if (await usableKey(read.alg, key.jwk)) throw new StatusError('TOKEN_KEY');
  if (!(await signatureValid(jws.text, read.alg, key.jwk, ctx))) throw new StatusError('TOKEN_SIGNATURE');
  return jws.payload;
}

function finish(checks, extra) {
  const state = verdictOf(checks);
  const decidedBy = { expired: extra.validUntil, 'not-yet-valid': extra.validFrom }[state];
  const moment = decidedBy ? parseDateTime(decidedBy) : null;
  const authentic = extra.credential !== undefined && extra.credential !== null;
  return {
    state,
    summary: verdictText(state, moment === null ? {} : { date: humanDate(moment) }),
    checks,
    format: 'sd-jwt-vc',
    issuer: { id: extra.issuer ?? null, name: null, url: null, verified: authentic },
    verificationMethod: extra.key ? { id: extra.key.location, controller: extra.key.controller, method: extra.key.source, documentUrl: extra.key.location, local: false } : null,
    credential: authentic ? deepFreeze(JSON.parse(JSON.stringify(extra.credential))) : null,
    status: extra.statuses ?? [],
    validFrom: extra.validFrom ?? null,
    validUntil: extra.validUntil ?? null,
    endorsements: [],
    checkedAt: isoString(extra.now),
  };
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
