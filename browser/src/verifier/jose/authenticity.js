/**
 * Whether a JWT credential is what its issuer signed: proof-format, contexts, issuer-key,
 * key-controller, key-status and signature for a compact JWS (the Python twin is
 * credsite/standards/jose/authenticity.py, which says why each rule is as it is).
 *
 * The key is looked for before proof-format is reported, because whether the algorithm fits the key
 * is part of judging the header: `kid` is resolved as a verification method (key-resolution.js, with
 * keys only JOSE uses allowed; a kid that is only a fragment is read against the issuer's id; an https
 * kid may serve the key itself, a JWK or a JWK Set: kid-url.js), a `jwk` header key is read as it is (jwk.js) and is published by no one, which key-controller says.
 * A DID issuer names its keys, so a `jwk` header key is a DID issuer's only when it is one of its
 * assertionMethod keys (then it is checked as that published key); else key-controller fails.
 * RS256, ES256 and ES384 are verified with `jose` (WebCrypto underneath); EdDSA with the verifier's
 * own Ed25519 (ed25519.js), which falls back to @noble/ed25519 where WebCrypto lacks the curve.
 *
 * The checks' messages for a published key come from the same builders as a Data Integrity
 * proof's (`steps`, passed in by verifier.js), so a key problem reads the same whatever signed.
 */
import { calculateJwkThumbprint, compactVerify, importJWK } from 'jose';
import { CanonicalizationError, canonicalize } from '../canonicalize.js';
import { unbundledContexts } from '../context-scan.js';
import { parseDateTime } from '../dates.js';
import { verifyEd25519 } from '../ed25519.js';
import { JwkError, publicKeyToJwk, readJwk } from '../jwk.js';
import { KeyResolutionError, resolveAssertionKeys } from '../key-resolution.js';
import { joinTexts, text } from '../messages.js';
import { signingTime } from './claims.js';
import { keyProblem, readHeader } from './header.js';
import { resolveKid } from './kid-url.js';

const KEY_MEMBERS = ['kty', 'crv', 'x', 'y', 'n', 'e'];

function check(id, outcome, message, detail) {
  const c = { id, outcome, message };
  if (detail !== undefined) c.detail = detail;
  return c;
}

/**
 * The six authenticity checks of a JWT credential.
 * @param {object} token parseToken's result
 * @param {object} credential
 * @param {string|null} issuerId
 * @param {object} ctx documentLoader, fetchJson, localDid, cache, ed25519Backend
 * @param {object} steps verifier.js's check builders
 * @returns {Promise<{checks: object[], vm: object|null, key: object|null}>} key: the key read (jwk.js)
 */
export async function checkJoseAuthenticity(token, credential, issuerId, ctx, steps) {
  const found = { header: token.header ? readHeader(token.header) : null, key: null, vm: null, served: null, keyError: null, kid: null, failed: [] };
  if (found.header) await findKey(found, issuerId, ctx);
  const checks = [proofFormatCheck(token, found), await contextsCheck(credential, ctx, steps)];
  checks.push(issuerKeyCheck(found, steps));
  const keyGood = found.key !== null && ['passed', 'warning'].includes(checks[2].outcome);
  checks.push(controllerCheck(found, issuerId, keyGood, steps), keyStatusCheck(found, token, keyGood, steps));
  const ready = keyGood && ['passed', 'warning'].includes(checks[0].outcome) && ['passed', 'warning'].includes(checks[1].outcome);
  checks.push(ready ? await signatureCheck(token, found, ctx) : steps.signatureCheck({ signature: { outcome: 'not-checked' } }));
  return { checks, vm: found.vm, key: found.key };
}

async function findKey(found, issuerId, ctx) {
  const { header } = found;
  const carried = header.hasJwk ? await carriedKey(header.jwk, header.alg, found) : null;
  if (header.kid !== null) {
    found.kid = absoluteKid(header.kid, issuerId);
    try {
      const named = await resolveKid(found.kid, ctx);
      found.vm = named.vm;
      found.served = named.served;
    } catch (e) {
      if (!(e instanceof KeyResolutionError)) throw e;
      found.keyError = e;
      return;
    }
    try {
      found.key = await readJwk(found.vm.publicKeyJwk ?? (await publicKeyToJwk(found.vm)));
    } catch (e) {
      if (!(e instanceof JwkError)) throw e;
      found.keyError = new KeyResolutionError(e.code, `the published key is not usable: ${e.message}`);
      found.vm = null;
      return;
    }
    if (carried && found.key && JSON.stringify(members(carried)) !== JSON.stringify(members(found.key))) found.failed.push({ code: 'JWK_KID_DIFFER' });
  } else if (carried) {
    found.key = carried;
    if (typeof issuerId === 'string' && issuerId.startsWith('did:')) await issuersOwn(found, carried, issuerId, ctx);
  }
  if (found.key) {
    const mismatch = keyProblem(header.alg, found.key.keyType, found.key.jwk);
    if (mismatch) found.failed.push(mismatch);
  }
}

/**
 * A DID issuer names its keys (a did:key or did:jwk is one, a did:web document lists them), so a jwk
 * header key is its only when it is one of them authorised for issuing: then it is read as that
 * published key; else `notIssuers` says why it is not (as Python's _issuers_own).
 */
async function issuersOwn(found, carried, issuerId, ctx) {
  let error;
  try {
    for (const vm of await resolveAssertionKeys(issuerId, ctx)) {
      let key = null;
      try {
        key = await readJwk(vm.publicKeyJwk ?? (await publicKeyToJwk(vm)));
      } catch (e) {
        if (!(e instanceof JwkError)) throw e;
      }
      if (key && JSON.stringify(members(key)) === JSON.stringify(members(carried))) {
        found.vm = vm;
        found.kid = vm.id;
        return;
      }
    }
    error = new KeyResolutionError('JWK_NOT_ISSUER_KEY', 'the DID lists no such key under assertionMethod');
  } catch (e) {
    if (!(e instanceof KeyResolutionError)) throw e;
    error = e;
  }
  found.notIssuers = { error, thumbprint: await calculateJwkThumbprint(Object.fromEntries(members(carried))) };
}

async function carriedKey(jwk, alg, found) {
  try {
    return await readJwk(jwk);
  } catch (e) {
    if (!(e instanceof JwkError)) throw e;
    if (e.code === 'JWK_PRIVATE') found.failed.push({ code: 'JWK_PRIVATE' });
    else if (e.code === 'JWK_UNSUPPORTED' && alg !== null) found.failed.push({ code: 'ALG_KEY_MISMATCH_OTHER', params: { alg } });
    else if (e.code !== 'JWK_UNSUPPORTED') found.failed.push({ code: 'JWK_MALFORMED', params: { reason: e.message } });
    return null;
  }
}

/** A kid as a verification method id: as written when absolute, else a fragment of the issuer's id. */
export function absoluteKid(kid, issuerId) {
  if (kid.includes(':') || typeof issuerId !== 'string') return kid;
  return `${issuerId.split('#')[0]}#${kid.replace(/^#/, '')}`;
}

function members(key) {
  return KEY_MEMBERS.filter((m) => Object.hasOwn(key.jwk, m)).map((m) => [m, key.jwk[m]]);
}

function headerTexts(problems) {
  return joinTexts(problems.map((p) => text(`jose.header.${p.code}`, p.params ?? {})));
}

function proofFormatCheck(token, found) {
  const { header } = found;
  if (!header) return check('proof-format', 'failed', text('jose.proof-format.header', { reason: text(`jose.part.${token.headerProblem.code}`, { part: 'header' }) }), { problems: ['HEADER'] });
  const failed = [...header.failed, ...found.failed];
  if (failed.length) return check('proof-format', 'failed', text('jose.proof-format.failed', { problems: headerTexts(failed) }), { problems: failed.map((p) => p.code) });
  if (header.unsupported.length) {
    return check('proof-format', 'unsupported', text('jose.proof-format.unsupported', { problems: headerTexts(header.unsupported) }), {
      problems: header.unsupported.map((p) => p.code),
    });
  }
  return check('proof-format', 'passed', text('jose.proof-format.passed', { form: header.form, alg: header.alg }), { form: header.form, alg: header.alg });
}

async function contextsCheck(credential, ctx, steps) {
  try {
    await canonicalize(credential, ctx.documentLoader);
  } catch (e) {
    if (!(e instanceof CanonicalizationError)) throw e;
    const unknown = await unbundledContexts(credential, ctx.documentLoader);
    const error = unknown.length > 0 ? { code: 'UNSUPPORTED_CONTEXT', message: e.message, detail: { urls: unknown } } : { code: e.code, message: e.message, detail: e.detail };
    return steps.contextsCheck({ canonical: { outcome: unknown.length > 0 ? 'unsupported' : 'failed', error } });
  }
  return check('contexts', 'passed', text('jose.contexts.passed'));
}

function issuerKeyCheck(found, steps) {
  const { header } = found;
  if (!header || (header.kid === null && !header.hasJwk)) return check('issuer-key', 'not-checked', text('jose.issuer-key.none'));
  const report = { proof: { verificationMethod: found.kid }, key: { outcome: 'not-checked' } };
  if (found.keyError) {
    const e = found.keyError;
    report.key = { outcome: e.retryable ? 'not-checked' : 'failed', retryable: e.retryable, error: { code: e.code, message: e.message, url: e.url, detail: e.detail } };
    return steps.keyCheck(report);
  }
  if (!found.key) return check('issuer-key', 'not-checked', text('jose.issuer-key.unusable'));
  if (!found.vm) return check('issuer-key', 'passed', text('jose.issuer-key.carried', { kind: kindText(found.key.keyType) }), { source: 'jwk' });
  if (found.served) {
    const params = { url: found.vm.documentUrl, form: FORM_TEXT[found.served], kind: kindText(found.key.keyType) };
    return check('issuer-key', 'passed', text('jose.issuer-key.served', params), { source: found.served, documentUrl: found.vm.documentUrl });
  }
  report.key = { outcome: 'passed', vm: found.vm };
  return steps.keyCheck(report);
}

const FORM_TEXT = { JWK: { en: 'a JWK', nl: 'een JWK' }, JWK_SET: { en: 'a JWK Set', nl: 'een JWK Set' } };

function kindText(keyType) {
  return keyType === 'RSA' ? { en: 'an RSA key', nl: 'een RSA-sleutel' } : { en: `a ${keyType} key`, nl: `een ${keyType}-sleutel` };
}

function controllerCheck(found, issuerId, keyGood, steps) {
  if (!keyGood) return steps.controllerCheck({ controller: { outcome: 'not-checked' } });
  if (!found.vm && found.notIssuers) {
    const { error, thumbprint } = found.notIssuers;
    const params = { thumbprint, issuer: issuerId, reason: error.message };
    if (error.retryable) return check('key-controller', 'not-checked', text('jose.key-controller.not-issuers-unreachable', params), { source: 'jwk', code: error.code });
    return check('key-controller', 'failed', text('jose.key-controller.not-issuers', params), { source: 'jwk', code: error.code });
  }
  if (!found.vm) return check('key-controller', 'warning', text('jose.key-controller.carried', { issuer: issuerId ?? '—' }), { source: 'jwk' });
  const vm = found.vm;
  if (found.served) {
    const params = { url: vm.documentUrl, form: FORM_TEXT[found.served], issuer: issuerId ?? '—' };
    return check('key-controller', 'warning', text('jose.key-controller.served', params), { source: found.served });
  }
  const expected = issuerId ?? null;
  if (vm.listedController !== vm.controller) {
    return steps.controllerCheck({ controller: { outcome: 'failed', code: 'CONTROLLER_NOT_DOCUMENT', expected, actual: vm.controller, listed: vm.listedController } });
  }
  return steps.controllerCheck({ controller: { outcome: typeof issuerId === 'string' && vm.controller === issuerId ? 'passed' : 'failed', expected, actual: vm.controller } });
}

function keyStatusCheck(found, token, keyGood, steps) {
  if (!keyGood) return steps.keyStatusCheck({ keyStatus: { outcome: 'not-checked' }, proof: {} });
  if (!found.vm) return check('key-status', 'passed', text('jose.key-status.carried'));
  const created = signingTime(token.payload ?? {});
  return steps.keyStatusCheck({ keyStatus: keyStatus(found.vm, created), proof: { created: created ?? undefined } });
}

/** The published key's revoked / expires against the moment of signing (iat), as for a Data Integrity proof's created. */
function keyStatus(vm, signedAt) {
  const created = signedAt !== null ? parseDateTime(signedAt) : null;
  const notes = [];
  for (const field of ['revoked', 'expires']) {
    if (!Object.hasOwn(vm.dates, field)) continue;
    const value = vm.dates[field];
    const limit = parseDateTime(value);
    if (limit === null) return { outcome: 'failed', code: 'VM_DATE_MALFORMED', field, value, notes };
    if (created === null || created >= limit) return { outcome: 'failed', code: field === 'revoked' ? 'KEY_REVOKED' : 'KEY_EXPIRED', field, value, notes };
    notes.push({ code: field === 'revoked' ? 'KEY_REVOKED_LATER' : 'KEY_EXPIRES_LATER', field, value });
  }
  return { outcome: notes.length ? 'warning' : 'passed', notes };
}

async function signatureCheck(token, found, ctx) {
  const { alg } = found.header;
  const valid = await signatureMatches(token, found.key, alg, ctx.ed25519Backend ?? 'auto');
  return valid
    ? check('signature', 'passed', text('signature.passed'), { alg })
    : check('signature', 'failed', text('signature.failed'), { alg });
}

/**
 * RFC 7515 §5.2 for exactly `alg` and the key's public members.
 * @returns {Promise<boolean>}
 */
export async function signatureMatches(token, key, alg, ed25519Backend = 'auto') {
  if (alg === 'EdDSA') {
    if (token.signature.length !== 64) return false;
    return (await verifyEd25519(key.publicKey, token.signature, token.signingInput, ed25519Backend)).valid;
  }
  try {
    const jwk = Object.fromEntries(members(key));
    await compactVerify(token.text, await importJWK(jwk, alg), { algorithms: [alg] });
    return true;
  } catch {
    return false;
  }
}
