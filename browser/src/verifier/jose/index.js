/**
 * verifyJose: the whole verification of a credential signed as a compact JWS (OB 3.0 VC-JWT,
 * VC-JOSE-COSE vc+jwt), reported under the same check ids as a Data Integrity credential so that
 * the rulebook's verdict rules apply unchanged. verifier.js loads this module through one dynamic
 * import, so that a page can leave it out until a JWT is met; `steps` are verifier.js's check
 * builders and result, so messages and the verdict are the same whatever signed. The Python twin is
 * credsite/standards/jose/verifier.py.
 */
import { checkCredentialStatus } from '../status.js';
import { checkStructure, issuerIdOf } from '../structure.js';
import { checkJsonSize } from '../limits.js';
import { checkIds, needsMet } from '../rulebook.js';
import { joinTexts, text } from '../messages.js';
import { withoutAddedTerms } from '../added-terms.js';
import { carriesEndorsements } from '../endorsement-places.js';
import { checkJoseAuthenticity } from './authenticity.js';
import { claimProblems, credentialOf, dated } from './claims.js';
import { TokenError, parseToken } from './compact.js';
import { formOf } from './header.js';

export { looksLikeJose } from './compact.js';

function check(id, outcome, message, detail) {
  const c = { id, outcome, message };
  if (detail !== undefined) c.detail = detail;
  return c;
}

/**
 * @param {string} jws the token (trimmed)
 * @param {object} ctx verifyCredential's context (documentLoader, fetchJson, localDid, now, cache, lists, backends;
 *   `endorsements` false for an endorsement itself, `verifyEndorsement` the verifier of one endorsement)
 * @param {object} steps structureCheck, validityChecks, statusChecks, keyCheck, controllerCheck,
 *   keyStatusCheck, signatureCheck, contextsCheck, issuerSummary, deepFreeze, finish
 */
export async function verifyJose(jws, ctx, steps) {
  const read = readToken(jws);
  if (read.problem) {
    // An encrypted JWT is a form this verifier cannot read, not a wrong one: unsupported.
    const outcome = read.code === 'ENCRYPTED' ? 'unsupported' : 'failed';
    const checks = [check('structure', outcome, read.problem, { problems: [read.code] })];
    const skipped = text('skipped.unauthenticated');
    for (const id of checkIds('browser')) {
      if (!['structure', 'suspension', 'other-status', 'internal'].includes(id)) checks.push(check(id, 'not-checked', skipped));
    }
    return steps.finish(checks, { issuer: steps.issuerSummary(null, false), now: ctx.now });
  }
  const { token, credential, claims } = read;
  const issuerId = issuerIdOf(credential) ?? null;
  const checks = [steps.structureCheck(checkStructure(credential))];
  const { checks: authenticity, vm, key } = await checkJoseAuthenticity(token, credential, issuerId, ctx, steps);
  checks.push(...authenticity);
  checks.push(signedDataCheck(claims, credential, checks));

  const authentic = needsMet(checks, 'valid-from');
  // Read as written, but without what an inline context adds (inline-context.js).
  const view = authentic ? dated(withoutAddedTerms(credential), claims) : null;
  let statuses = [];
  let structure = null;
  if (authentic) {
    structure = checkStructure(view);
    checks.push(...steps.validityChecks(structure, ctx.now));
    const status = view.credentialStatus;
    if (status === undefined || (Array.isArray(status) && status.length === 0)) {
      checks.push(check('revocation', 'warning', text('status.none')));
    } else {
      statuses = await checkCredentialStatus(status, issuerId, ctx, key);
      checks.push(...steps.statusChecks(statuses));
    }
  } else {
    const skipped = text('skipped.unauthenticated');
    for (const id of ['valid-from', 'valid-until', 'revocation']) checks.push(check(id, 'not-checked', skipped));
  }
  // The endorsements of an authentic credential, as for a Data Integrity one: every byte is signed,
  // so the credential as written is what they are read from; each is verified by ctx.verifyEndorsement
  // (verifyCredential, its own endorsements not followed). endorsements.js is loaded only when needed.
  const endorsements =
    authentic && ctx.endorsements !== false && typeof ctx.verifyEndorsement === 'function' && carriesEndorsements(view)
      ? await (await import('../endorsements.js')).verifyEndorsements(view, view, ctx.verifyEndorsement)
      : [];
  return steps.finish(checks, {
    issuer: steps.issuerSummary(credential, authentic),
    now: ctx.now,
    verificationMethod: vm
      ? { id: vm.id, controller: vm.controller, publicKeyMultibase: vm.publicKeyMultibase, publicKeyJwk: vm.publicKeyJwk, method: vm.method, documentUrl: vm.documentUrl, local: vm.local }
      : null,
    credential: authentic ? steps.deepFreeze(JSON.parse(JSON.stringify(view))) : null,
    status: statuses,
    validFrom: authentic ? structure.start.text : null,
    validUntil: authentic ? structure.end.text : null,
    endorsements,
  });
}

/** The token, its credential and claims, or the structure problem that leaves nothing to check. */
function readToken(jws) {
  const size = checkJsonSize(jws);
  if (size) return { code: size.code, problem: text('jose.structure.limits', { reason: text(`input.${size.code}`, size.params) }) };
  let token;
  try {
    token = parseToken(jws);
  } catch (e) {
    if (!(e instanceof TokenError)) throw e;
    return { code: e.code, problem: text(`jose.structure.${e.code}`, e.params ?? {}) };
  }
  if (!token.payload) return { code: 'PAYLOAD', problem: text('jose.structure.payload', { reason: partReason(token.payloadProblem) }) };
  const { credential, claims, problem } = credentialOf(token.payload, formOf(token.header) ?? 'VC-JWT');
  if (!credential) return { code: problem, problem: text('jose.structure.VC_CLAIM') };
  return { token, credential, claims };
}

function partReason(problem) {
  if (problem.code === 'LIMIT') return text(`input.${problem.limit.code}`, problem.limit.params);
  return text(`jose.part.${problem.code}`, { part: 'payload' });
}

function signedDataCheck(claims, credential, checks) {
  if (!needsMet(checks, 'signed-data')) return check('signed-data', 'not-checked', text('signed-data.not-checked'));
  const problems = claimProblems(claims, credential);
  if (problems.length === 0) return check('signed-data', 'passed', text('jose.signed-data.passed'));
  const reasons = joinTexts(problems.map((p) => text(`jose.claim.${p.code}`, p.params)));
  return check('signed-data', 'failed', text('jose.signed-data.failed', { problems: reasons }), { problems: problems.map((p) => p.code) });
}
