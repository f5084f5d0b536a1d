/**
 * verifyCredential: the whole in-browser verification of one Open Badges 3.0 / VC 2.0 credential
 * with a Data Integrity proof of a registered cryptosuite (cryptosuites/), turned into one verdict
 * (`state`) and a list of plain-language checks in Dutch and English.
 *
 * STATE PRECEDENCE — the first rule that applies wins:
 *
 *  1. error          Our own code threw (a bug, or a platform without WebCrypto). Nothing found so
 *                    far can be trusted, so no verdict about the credential is given.
 *  2. invalid        Anything definitely wrong with the credential's form or authenticity: malformed
 *                    structure or dates, in the JSON or in what the signature means (the signed
 *                    view: see canonicalizeWithView), or a status or date the JSON spells otherwise
 *                    than the view; an inline @context; a yes/no value written as text; no proof,
 *                    several proofs, or a proof of another kind; an unknown @context URL or an
 *                    undefined term; a key that is not published, not
 *                    authorised (assertionMethod), compromised (`revoked`/`expires` at or before the
 *                    proof's `created`), of an unsupported kind, or controlled by someone other than
 *                    the issuer; a signature that does not match. A bad signature is `invalid`
 *                    whatever else is true, and so is a broken credential whose key we could not fetch.
 *  3. error          The issuer's key document could not be fetched (network, HTTP, CORS), so
 *                    authenticity could not be decided. Retrying may help. Never a pass.
 *     --- below this line the proof passed: the credential is authentic ---
 *  4. revoked        A revocation bit is set. The issuer's explicit, permanent withdrawal outranks
 *                    every other finding.
 *  5. suspended      A suspension bit is set.
 *  6. expired        validUntil is at or before `now`.
 *  7. not-yet-valid  validFrom is after `now`.
 *  8. status-unknown A revocation or suspension entry could not be checked (list unreachable, list not
 *                    signed by the issuer or badly signed, list out of date, malformed, shorter than
 *                    131,072 entries, index out of range, or a status type we do not support). A
 *                    known reason to reject (4–7) beats not knowing.
 *  9. verified       Everything above passed, and the signature check itself says 'passed'.
 *
 * Checks that could not be done are 'not-checked', never 'passed'. Dates and status are not
 * evaluated for a credential that is not authentic: its dates would mean nothing. For an authentic
 * one, dates, status, issuer and the returned `credential` come from the signed view (the
 * document compacted again under its own contexts), never from the JSON as written, so renaming,
 * aliasing or wrapping a property cannot hide it from the verdict or the page.
 */
import { checkStructure, issuerIdOf } from './structure.js';
import { cryptosuiteNames } from './cryptosuites/index.js';
import { verifyDataIntegrityProof } from './data-integrity.js';
import { checkCredentialStatus, UNDERSTOOD_PURPOSES } from './status.js';
import { resolveNow, isoString } from './dates.js';
import { humanDate, joinTexts, text } from './messages.js';
import SIGNED_VIEW from '../../../credsite/data/signed-view.json' with { type: 'json' };

/** All states, in precedence order (for documentation and the page's styling). */
export const STATES = Object.freeze(['error', 'invalid', 'revoked', 'suspended', 'expired', 'not-yet-valid', 'status-unknown', 'verified']);

function check(id, outcome, message, detail) {
  const c = { id, outcome, message };
  if (detail !== undefined) c.detail = detail;
  return c;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function structureCheck(structure) {
  if (structure.problems.length === 0) {
    return check('structure', 'passed', text(structure.openBadge ? 'structure.passed.ob' : 'structure.passed.vc'));
  }
  const problems = joinTexts(structure.problems.map((p) => text(`problem.${p}`)));
  return check('structure', 'failed', text('structure.failed', { problems }), { problems: structure.problems });
}

function proofFormatCheck(report) {
  if (report.format.outcome === 'passed') {
    return check('proof-format', 'passed', text('proof-format.passed', { cryptosuite: report.proof.cryptosuite }));
  }
  const messages = report.format.problems.map((p) =>
    text(`proof-format.${p.code}`, {
      suites: cryptosuiteNames(),
      count: p.count,
      value: p.value === null || p.value === undefined ? '—' : JSON.stringify(p.value),
      date: p.code === 'PROOF_EXPIRED' ? p.value : undefined,
    }),
  );
  return check('proof-format', 'failed', joinTexts(messages, ' '), { problems: report.format.problems.map((p) => p.code) });
}

function contextsCheck(report) {
  const c = report.canonical;
  if (c.outcome === 'passed') return check('contexts', 'passed', text('contexts.passed'));
  if (c.outcome === 'not-checked') return check('contexts', 'not-checked', text('contexts.not-checked'));
  const d = c.error.detail || {};
  const reason = d.event || d.jsonldCode || c.error.message;
  return check(
    'contexts',
    'failed',
    text(`contexts.${c.error.code}`, { url: d.url, term: d.term, value: d.value, reason }),
    { code: c.error.code, ...d },
  );
}

const KEY_MESSAGE = {
  MULTIKEY_MISSING: 'MULTIKEY',
  MULTIKEY_ENCODING: 'MULTIKEY',
  MULTIKEY_NOT_ED25519: 'MULTIKEY',
  MULTIKEY_LENGTH: 'MULTIKEY',
  MULTIKEY_NOT_ON_CURVE: 'MULTIKEY',
  MULTIKEY_WEAK: 'MULTIKEY',
  DID_WEB_SYNTAX: 'VM_SYNTAX',
  NO_FETCH: 'KEY_DOCUMENT_UNREACHABLE',
};

function keyCheck(report) {
  const k = report.key;
  const vmRef = report.proof && report.proof.verificationMethod;
  if (k.vm && k.outcome === 'passed') {
    const vm = k.vm;
    const base = text(vm.method === 'did:key' ? 'issuer-key.passed.key' : 'issuer-key.passed.web', { url: vm.documentUrl });
    const notes = vm.warnings.filter((w) => w !== 'LOCAL_DOCUMENT').map((w) => text(`issuer-key.warning.${w}`));
    const created = report.proof.created;
    if (vm.revoked !== null) notes.push(text('issuer-key.warning.KEY_REVOKED_LATER', { date: vm.revoked, created }));
    if (vm.expires !== null) notes.push(text('issuer-key.warning.KEY_EXPIRES_LATER', { date: vm.expires, created }));
    const detail = { verificationMethod: vm.id, controller: vm.controller, method: vm.method, documentUrl: vm.documentUrl, local: vm.local };
    if (vm.warnings.length) detail.warnings = vm.warnings;
    if (notes.length === 0) return check('issuer-key', 'passed', base, detail);
    return check('issuer-key', 'warning', joinTexts([base, ...notes], ' '), detail);
  }
  if (k.vm && k.outcome === 'failed') {
    const { code, field, value } = k.keyUse;
    return check('issuer-key', 'failed', text(`issuer-key.${code}`, { date: value, value, cryptosuite: report.proof.cryptosuite }), {
      code,
      field,
      value,
      verificationMethod: k.vm.id,
      documentUrl: k.vm.documentUrl,
    });
  }
  if (k.error) {
    const key = KEY_MESSAGE[k.error.code] || k.error.code;
    const d = k.error.detail || {};
    const message = text(`issuer-key.${key}`, { url: k.error.url, vm: vmRef, method: d.method, expected: d.expected, actual: d.actual });
    const detail = { code: k.error.code, verificationMethod: vmRef ?? null };
    if (k.error.url) detail.documentUrl = k.error.url;
    return check('issuer-key', k.retryable ? 'not-checked' : 'failed', message, detail);
  }
  return check('issuer-key', 'not-checked', text('issuer-key.not-checked'));
}

function controllerCheck(report) {
  const c = report.controller;
  if (c.outcome === 'passed') return check('key-controller', 'passed', text('key-controller.passed', { issuer: c.expected }));
  if (c.outcome === 'failed') {
    return check('key-controller', 'failed', text('key-controller.failed', { actual: c.actual, expected: c.expected ?? '—' }), {
      expected: c.expected,
      actual: c.actual,
    });
  }
  return check('key-controller', 'not-checked', text('key-controller.not-checked'));
}

function signatureCheck(report) {
  const s = report.signature;
  if (s.outcome === 'passed') return check('signature', 'passed', text('signature.passed'), { backend: s.backend });
  if (s.outcome === 'failed') return check('signature', 'failed', text('signature.failed'), { backend: s.backend });
  return check('signature', 'not-checked', text('signature.not-checked'));
}

function validityChecks(credential, structure, now) {
  const out = [];
  if (structure.validFrom === null) {
    out.push(check('valid-from', structure.openBadge ? 'warning' : 'passed', text(structure.openBadge ? 'valid-from.warning.none' : 'valid-from.passed.none')));
  } else {
    const future = now < structure.validFrom;
    out.push(
      check('valid-from', future ? 'failed' : 'passed', text(future ? 'valid-from.failed' : 'valid-from.passed', { date: humanDate(structure.validFrom) }), {
        validFrom: credential.validFrom,
      }),
    );
  }
  if (structure.validUntil === null) {
    out.push(check('valid-until', 'passed', text('valid-until.passed.none')));
  } else {
    const past = now >= structure.validUntil;
    out.push(
      check('valid-until', past ? 'failed' : 'passed', text(past ? 'valid-until.failed' : 'valid-until.passed', { date: humanDate(structure.validUntil) }), {
        validUntil: credential.validUntil,
      }),
    );
  }
  return out;
}

function statusReason(r) {
  const d = r.detail || {};
  const params = {
    url: d.url ?? r.listUrl ?? '—',
    actual: typeof d.actual === 'string' ? d.actual : JSON.stringify(d.actual ?? null),
    entries: d.entries,
    index: d.index ?? r.index,
    type: JSON.stringify(d.type ?? null),
    date: d.ms !== undefined ? humanDate(d.ms) : undefined,
  };
  return text(`reason.${r.code}`, params);
}

function statusChecks(results) {
  const used = new Map();
  return results.map((r) => {
    const kind = UNDERSTOOD_PURPOSES.includes(r.purpose) ? r.purpose : 'other';
    const n = (used.get(kind) || 0) + 1;
    used.set(kind, n);
    const id = `status-${kind}${n > 1 ? `-${n}` : ''}`;
    const detail = { purpose: r.purpose, index: r.index, listUrl: r.listUrl, result: r.result, ...(r.code ? { code: r.code } : {}), ...r.detail };
    if (r.result === 'clear') return check(id, 'passed', text(`status.${kind}.clear`), detail);
    if (r.result === 'set') return check(id, 'failed', text(`status.${kind}.set`), detail);
    if (r.result === 'not-understood') return check(id, 'warning', text('status.not-understood', { purpose: r.purpose }), detail);
    return check(id, 'not-checked', text(`status.${kind}.unknown`, { reason: statusReason(r) }), detail);
  });
}

/**
 * The shape rules applied to the signed view, plus one: the view names the same issuer as the
 * JSON, whose key the proof was checked against (two issuer values, one of them hidden under
 * another spelling of the property, give a view with no single issuer).
 */
function signedStructure(view, issuerId, credential) {
  const signed = checkStructure(view);
  if (issuerIdOf(view) !== issuerId && !signed.problems.includes('ISSUER_MISSING')) signed.problems.push('ISSUER_SIGNED');
  if (hiddenProperties(credential, view).length > 0) signed.problems.push('PROPERTY_HIDDEN');
  return signed;
}

/**
 * The verdict's properties (credsite/data/signed-view.json, read by the Python verifier too)
 * that the JSON spells differently from the signed view: a verifier that reads the JSON would
 * miss or misread them, so the credential is refused rather than judged on its view alone.
 */
function hiddenProperties(credential, view) {
  return SIGNED_VIEW.plainProperties.filter(
    (key) => Object.hasOwn(credential, key) !== Object.hasOwn(view, key) || JSON.stringify(plain(credential[key])) !== JSON.stringify(plain(view[key])),
  );
}

/** A list of one as its value, {id: x} as x: what compaction may write either way. */
function plain(value) {
  if (Array.isArray(value)) return value.length === 1 ? plain(value[0]) : value.map(plain);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'id') return value.id;
    return Object.fromEntries(keys.sort().map((k) => [k, plain(value[k])]));
  }
  return value;
}

function decideState({ structure, report, authenticated, validity, statuses }) {
  const definiteFailure =
    structure.problems.length > 0 || ['format', 'canonical', 'key', 'controller', 'signature'].some((p) => report[p].outcome === 'failed');
  if (definiteFailure) return 'invalid';
  if (!authenticated || report.signature.outcome !== 'passed') return 'error';
  if (statuses.some((s) => s.purpose === 'revocation' && s.result === 'set')) return 'revoked';
  if (statuses.some((s) => s.purpose === 'suspension' && s.result === 'set')) return 'suspended';
  if (validity.expired) return 'expired';
  if (validity.notYetValid) return 'not-yet-valid';
  if (statuses.some((s) => s.result === 'unknown')) return 'status-unknown';
  return 'verified';
}

function summary(state, structure) {
  if (state === 'expired') return text('state.expired', { date: humanDate(structure.validUntil) });
  if (state === 'not-yet-valid') return text('state.not-yet-valid', { date: humanDate(structure.validFrom) });
  return text(`state.${state}`);
}

function issuerSummary(credential, authenticated) {
  const id = issuerIdOf(credential);
  const profile = credential && typeof credential.issuer === 'object' && credential.issuer !== null ? credential.issuer : {};
  return {
    id,
    name: authenticated && typeof profile.name === 'string' ? profile.name : null,
    url: authenticated && typeof profile.url === 'string' ? profile.url : null,
    verified: authenticated,
  };
}

/**
 * Verify a credential completely: shape, vocabularies, proof, key, issuer binding, validity
 * period and status. Never throws for anything about the credential or the network; the verdict
 * is in `state`, and the reasons in `checks`.
 *
 * @param {unknown} credential the parsed credential JSON (see parseCredentialJson)
 * @param {object} options
 * @param {(url: string) => Promise<object>} options.documentLoader static context loader
 *   (createDocumentLoader); the browser bundle supplies the embedded one
 * @param {(url: string) => Promise<any>} [options.fetchJson] the only path to the network: reads
 *   did.json / controller documents and status lists. Should reject on HTTP errors.
 * @param {{did: string, documentUrl: string}} [options.localDid] read this DID's document from
 *   documentUrl instead (the issuer is the site serving the page)
 * @param {Date|string|number} [options.now] the instant to judge validity at (default: now)
 * @param {'auto'|'webcrypto'|'noble'} [options.ed25519Backend]
 * @param {'auto'|'stream'|'fflate'} [options.gunzipBackend]
 * @returns {Promise<VerificationResult>}
 *
 * @typedef {{id: string, outcome: 'passed'|'failed'|'not-checked'|'warning', message: {nl: string, en: string}, detail?: object}} Check
 * @typedef {{
 *   state: 'verified'|'revoked'|'suspended'|'expired'|'not-yet-valid'|'invalid'|'status-unknown'|'error',
 *   summary: {nl: string, en: string},
 *   checks: Check[],
 *   issuer: {id: string|null, name: string|null, url: string|null, verified: boolean},
 *   verificationMethod: {id: string, controller: string, publicKeyMultibase: string, method: string,
 *                        documentUrl: string|null, local: boolean}|null,
 *   credential: object|null,
 *   status: object[],
 *   validFrom: string|null,
 *   validUntil: string|null,
 *   checkedAt: string,
 * }} VerificationResult
 */
export async function verifyCredential(credential, options = {}) {
  const checks = [];
  let now;
  let issuer = { id: null, name: null, url: null, verified: false };
  try {
    now = resolveNow(options.now);
    if (typeof options.documentLoader !== 'function') throw new TypeError('options.documentLoader is required');
    issuer = issuerSummary(credential, false);
    const structure = checkStructure(credential);
    checks.push(structureCheck(structure));
    if (structure.problems.includes('NOT_OBJECT')) {
      const skipped = text('skipped.unauthenticated');
      for (const id of ['proof-format', 'contexts', 'issuer-key', 'key-controller', 'signature', 'valid-from', 'valid-until', 'status']) {
        checks.push(check(id, 'not-checked', skipped));
      }
      return finish('invalid', structure, checks, { issuer, now });
    }

    const ctx = {
      documentLoader: options.documentLoader,
      fetchJson: options.fetchJson,
      localDid: options.localDid,
      now,
      cache: new Map(),
      lists: new Map(),
      ed25519Backend: options.ed25519Backend ?? 'auto',
      gunzipBackend: options.gunzipBackend ?? 'auto',
    };
    const issuerId = issuerIdOf(credential);
    const report = await verifyDataIntegrityProof(credential, { ...ctx, issuerId });
    // From here on every fact comes from what the signature means (the signed view), not from
    // the JSON as written: the same shape rules again, and the issuer whose key was checked.
    const view = report.passed ? report.canonical.view : null;
    const signed = view ? signedStructure(view, issuerId, credential) : structure;
    if (signed.problems.length > 0) checks[0] = structureCheck(signed);
    checks.push(proofFormatCheck(report), contextsCheck(report), keyCheck(report), controllerCheck(report), signatureCheck(report));

    const authenticated = structure.problems.length === 0 && signed.problems.length === 0 && report.passed;
    const validity = { expired: false, notYetValid: false };
    let statuses = [];
    if (authenticated) {
      checks.push(...validityChecks(view, signed, now));
      validity.notYetValid = signed.validFrom !== null && now < signed.validFrom;
      validity.expired = signed.validUntil !== null && now >= signed.validUntil;
      const status = view.credentialStatus;
      if (status === undefined || (Array.isArray(status) && status.length === 0)) {
        checks.push(check('status', 'not-checked', text('status.none')));
      } else {
        statuses = await checkCredentialStatus(status, issuerId, ctx);
        checks.push(...statusChecks(statuses));
      }
    } else {
      const skipped = text('skipped.unauthenticated');
      checks.push(check('valid-from', 'not-checked', skipped), check('valid-until', 'not-checked', skipped), check('status', 'not-checked', skipped));
    }

    const problems = [...new Set([...structure.problems, ...signed.problems])];
    const state = decideState({ structure: { problems }, report, authenticated, validity, statuses });
    issuer = issuerSummary(authenticated ? view : credential, authenticated);
    const vm = report.key.vm;
    return finish(state, signed, checks, {
      issuer,
      now,
      verificationMethod: vm
        ? { id: vm.id, controller: vm.controller, publicKeyMultibase: vm.publicKeyMultibase, method: vm.method, documentUrl: vm.documentUrl, local: vm.local }
        : null,
      credential: authenticated ? deepFreeze(JSON.parse(JSON.stringify(view))) : null,
      status: statuses,
      validFrom: authenticated && typeof view.validFrom === 'string' ? view.validFrom : null,
      validUntil: authenticated && typeof view.validUntil === 'string' ? view.validUntil : null,
    });
  } catch (e) {
    checks.push(check('internal', 'failed', text('internal.failed'), { error: e && e.message ? e.message : String(e) }));
    return finish('error', null, checks, { issuer, now: typeof now === 'number' ? now : Date.now() });
  }
}

function finish(state, structure, checks, extra) {
  return {
    state,
    summary: summary(state, structure),
    checks,
    issuer: extra.issuer,
    verificationMethod: extra.verificationMethod ?? null,
    credential: extra.credential ?? null,
    status: extra.status ?? [],
    validFrom: extra.validFrom ?? null,
    validUntil: extra.validUntil ?? null,
    checkedAt: isoString(extra.now),
  };
}
