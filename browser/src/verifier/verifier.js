/**
 * verifyCredential: the whole in-browser verification of one Open Badges 3.0 / VC 2.0 credential
 * with a Data Integrity proof of a registered cryptosuite (cryptosuites/), turned into one verdict
 * (`state`) and a list of plain-language checks in Dutch and English.
 *
 * THE CHECKS AND THE VERDICT are the rulebook's (credsite/data/verifier-rules.json, rulebook.js),
 * which the Python verifier of `verify` and the build reads too, so that both reach the same verdict
 * through the same checks: structure, proof-format, contexts, issuer-key, key-controller, key-status,
 * signature, signed-data, valid-from, valid-until, then one revocation, suspension or other-status
 * check per status entry (and internal, when this code itself failed). Each check is attempted when
 * the checks it needs (rulebook `needs`) passed or only warned, and is 'not-checked' otherwise, never
 * 'passed'. The verdict is the first rule of the rulebook that applies to the outcomes (verdictOf):
 * our own failure is `error`; a failed authenticity check is `invalid`, whatever else is true;
 * authenticity not established (the key could not be fetched) is `error`; then `revoked`,
 * `suspended`, `expired`, `not-yet-valid`, `status-unknown` and `verified`.
 *
 * Dates and status are not evaluated for a credential that is not authentic: its dates would mean
 * nothing. For an authentic one, dates, status, issuer and the returned `credential` come from the
 * signed view (the document compacted again under its own contexts), never from the JSON as
 * written, so renaming, aliasing or wrapping a property cannot hide it from the verdict or the page.
 */
import { checkStructure, issuerIdOf, unsignedNotes } from './structure.js';
import { cryptosuiteNames } from './cryptosuites/index.js';
import { verifyDataIntegrityProof } from './data-integrity.js';
import { checkCredentialStatus, UNDERSTOOD_PURPOSES } from './status.js';
import { carriesEndorsements } from './endorsement-places.js';
import { parseDateTime, resolveNow, isoString } from './dates.js';
import { humanDate, joinTexts, text } from './messages.js';
import { checkIds, needsMet, STATES, verdictOf, verdictText } from './rulebook.js';
import { inlineTerms } from './added-terms.js';
import SIGNED_VIEW from '../../../credsite/data/signed-view.json' with { type: 'json' };

/** All states, in the rulebook's order (for documentation and the page's styling). */
export { STATES };

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
    const kind = structure.openBadge ? 'structure.passed.ob' : 'structure.passed.vc';
    const found = text(structure.version === '1.1' ? `${kind}.v11` : kind);
    const notes = structure.notes;
    if (notes.length === 0) return check('structure', 'passed', found);
    const said = joinTexts(notes.map((n) => text(`note.${n.code}`, { paths: n.paths.join(', ') })));
    return check('structure', 'warning', joinTexts([found, text('structure.warning.schema', { notes: said })], ' '), { notes });
  }
  const problems = joinTexts(structure.problems.map((p) => text(`problem.${p}`)));
  return check('structure', 'failed', text('structure.failed', { problems }), { problems: structure.problems });
}

// A proof's kind, as a message names it: its type, and its cryptosuite within DataIntegrityProof.
function proofKind(problem) {
  return problem.value === null || problem.value === undefined ? '—' : JSON.stringify(problem.value);
}

function problemTexts(problems) {
  return problems.map((p) =>
    text(`proof-format.${p.code}`, {
      suites: cryptosuiteNames(),
      count: p.count,
      number: p.number,
      value: proofKind(p),
      date: p.code === 'PROOF_EXPIRED' ? p.value : undefined,
    }),
  );
}

/** The proof-format message of one proof (the single proof, or the chosen proof of a set). */
function proofFormatText(report) {
  const { outcome, problems, legacy } = report.format;
  if (outcome === 'unsupported') {
    return text('proof-format.unsupported', { kinds: joinTexts(problemTexts(problems), ' ') });
  }
  if (outcome === 'failed') return joinTexts(problemTexts(problems), ' ');
  if (legacy) return text('proof-format.legacy', legacy);
  return text('proof-format.passed', { cryptosuite: report.suite ? report.suite.name : report.proof.cryptosuite });
}

/** What became of each proof of a set, for the proof-format message. */
function setText(report) {
  const { count, chosen, entries } = report.set;
  const notes = entries.map((e) => {
    if (e.status === 'skipped-kind') {
      const kind = e.problems.find((p) => ['PROOF_TYPE', 'PROOF_CRYPTOSUITE'].includes(p.code));
      return text('proof-format.set.skipped-kind', { number: e.number, kind: proofKind(kind) });
    }
    if (e.status === 'skipped-other') return text('proof-format.set.skipped-other', { number: e.number, controller: e.controller });
    return text(`proof-format.set.${e.status}`, { number: e.number, suite: e.suite });
  });
  return text('proof-format.set', { count, notes: joinTexts(notes), chosen });
}

function proofFormatCheck(report) {
  const { outcome } = report.format;
  const detail = { problems: report.format.problems.map((p) => p.code) };
  const set = report.set;
  if (set && set.chosen === null && set.broken === undefined) {
    const kinds = text('proof-format.set.none', { count: set.count });
    const message = joinTexts([kinds, outcome === 'failed' ? joinTexts(problemTexts(report.format.problems), ' ') : text('proof-format.set.none-checked')], ' ');
    return check('proof-format', outcome, message, detail);
  }
  const own = proofFormatText(report);
  const message = set && set.chosen !== null ? joinTexts([setText(report), own], ' ') : own;
  return check('proof-format', outcome, message, outcome === 'passed' ? undefined : detail);
}

function contextsCheck(report) {
  const c = report.canonical;
  if (c.outcome === 'passed') return check('contexts', 'passed', text('contexts.passed'));
  if (c.outcome === 'not-checked') return check('contexts', 'not-checked', text('contexts.not-checked'));
  if (c.outcome === 'unsupported') {
    return check('contexts', 'unsupported', text('contexts.unsupported', { urls: c.error.detail.urls.join(', ') }), { code: c.error.code, urls: c.error.detail.urls });
  }
  const d = c.error.detail || {};
  const reason = d.event || d.jsonldCode || c.error.message;
  return check(
    'contexts',
    'failed',
    d.rule ? joinTexts([text(`contexts.${c.error.code}`, { value: d.value }), text(`inline-context.${d.rule}`, { term: d.term })], ' ') : text(`contexts.${c.error.code}`, { url: d.url, term: d.term, value: d.value, reason }),
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
    const detail = { verificationMethod: vm.id, controller: vm.controller, method: vm.method, documentUrl: vm.documentUrl, local: vm.local };
    if (vm.warnings.length) detail.warnings = vm.warnings;
    if (notes.length === 0) return check('issuer-key', 'passed', base, detail);
    return check('issuer-key', 'warning', joinTexts([base, ...notes], ' '), detail);
  }
  if (k.vm) { // a key resolved but refused: of a kind the proof's suite is not made with (keyUse)
    const { code, field, value } = k.keyUse;
    return check('issuer-key', 'failed', text(`issuer-key.${code}`, { value, cryptosuite: report.proof.cryptosuite ?? report.proof.type }), {
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
  if (c.code === 'KEYLESS_ISSUER') {
    return check('key-controller', 'warning', text('key-controller.KEYLESS_ISSUER', { key: c.key, expected: c.expected }), { code: c.code, expected: c.expected, key: c.key, source: 'key' });
  }
  if (c.code) {
    const vars = { actual: c.actual, listed: c.listed };
    return check('key-controller', 'failed', text(`key-controller.${c.code}`, vars), { code: c.code, expected: c.expected, actual: c.actual, listed: c.listed });
  }
  if (c.outcome === 'failed') {
    return check('key-controller', 'failed', text('key-controller.failed', { actual: c.actual, expected: c.expected ?? '—' }), {
      expected: c.expected,
      actual: c.actual,
    });
  }
  return check('key-controller', 'not-checked', text('key-controller.not-checked'));
}

function keyStatusCheck(report) {
  const k = report.keyStatus;
  if (k.outcome === 'not-checked') return check('key-status', 'not-checked', text('key-status.not-checked'));
  const created = report.proof.created;
  if (k.outcome === 'failed') {
    return check('key-status', 'failed', text(`key-status.${k.code}`, { date: k.value }), { code: k.code, field: k.field, value: k.value });
  }
  if (k.outcome === 'warning') {
    const notes = k.notes.map((n) => text(`key-status.${n.code}`, { date: n.value, created }));
    return check('key-status', 'warning', joinTexts(notes, ' '), { warnings: k.notes.map((n) => n.code) });
  }
  return check('key-status', 'passed', text('key-status.passed'));
}

function signatureCheck(report) {
  const s = report.signature;
  if (s.outcome === 'passed') return check('signature', 'passed', text('signature.passed'), { backend: s.backend });
  if (s.outcome === 'failed') return check('signature', 'failed', text('signature.failed'), { backend: s.backend });
  return check('signature', 'not-checked', text('signature.not-checked'));
}

/**
 * valid-from and valid-until from the signed view's shape: its validFrom and validUntil, or their
 * VC 1.1 names issuanceDate and expirationDate (structure.js), named in the message when used.
 */
function validityChecks(structure, now) {
  const { start, end } = structure;
  const out = [];
  if (start.instant === null) {
    out.push(check('valid-from', structure.openBadge ? 'warning' : 'passed', text(structure.openBadge ? 'valid-from.warning.none' : 'valid-from.passed.none')));
  } else {
    const future = now < start.instant;
    const key = `${future ? 'valid-from.failed' : 'valid-from.passed'}${start.name === 'validFrom' ? '' : '.named'}`;
    out.push(check('valid-from', future ? 'failed' : 'passed', text(key, { date: humanDate(start.instant), property: start.name }), { validFrom: start.text, property: start.name }));
  }
  if (end.instant === null) {
    out.push(check('valid-until', 'passed', text('valid-until.passed.none')));
  } else {
    const past = now >= end.instant;
    const key = `${past ? 'valid-until.failed' : 'valid-until.passed'}${end.name === 'validUntil' ? '' : '.named'}`;
    out.push(check('valid-until', past ? 'failed' : 'passed', text(key, { date: humanDate(end.instant), property: end.name }), { validUntil: end.text, property: end.name }));
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
  return results.map((r) => {
    const id = UNDERSTOOD_PURPOSES.includes(r.purpose) ? r.purpose : 'other-status';
    const kind = id === 'other-status' ? 'other' : id;
    const detail = { purpose: r.purpose, index: r.index, listUrl: r.listUrl, result: r.result, ...(r.code ? { code: r.code } : {}), ...r.detail };
    if (r.result === 'clear' && r.code === 'LIST_ID_MISMATCH') {
      // The issuer's list under another id than its address: read, with a warning (status.js).
      const notes = [text(`status.${kind}.clear.moved`, { actual: r.detail.actual, url: r.detail.url })];
      if (r.detail.shortList !== undefined) notes.push(text('status.short-note', { entries: { en: r.detail.shortList.toLocaleString('en'), nl: r.detail.shortList.toLocaleString('nl') } }));
      return check(id, 'warning', joinTexts(notes, ' '), detail);
    }
    if (r.result === 'clear' && r.detail && r.detail.shortList !== undefined) {
      // A list shorter than the herd-privacy minimum: read all the same (status.js), with a warning.
      return check(id, 'warning', text(`status.${kind}.clear.short`, { entries: { en: r.detail.shortList.toLocaleString('en'), nl: r.detail.shortList.toLocaleString('nl') } }), detail);
    }
    if (r.result === 'clear') return check(id, 'passed', text(`status.${kind}.clear`), detail);
    if (r.result === 'set' && r.code === 'LIST_ISSUER_MISMATCH') return check(id, 'failed', text(`status.${kind}.set.other`, { signer: r.detail.actual }), detail);
    if (r.result === 'set') return check(id, 'failed', text(`status.${kind}.set`), detail);
    if (r.result === 'not-understood') return check(id, 'warning', text('status.not-understood', { purpose: r.purpose }), detail);
    return check(id, 'not-checked', text(`status.${kind}.unknown`, { reason: statusReason(r) }), detail);
  });
}

/**
 * The signed-data check: the signed view (what the signature means) says plainly what the JSON says.
 * It needs only the contexts check, not the key, so that a visibly broken credential is invalid even
 * when its key cannot be fetched.
 * @returns {{check: Check, structure: object|null}} the check, and the view's shape when it passed
 */
function signedDataCheck(credential, report, issuerId, checks) {
  if (!needsMet(checks, 'signed-data')) return { check: check('signed-data', 'not-checked', text('signed-data.not-checked')), structure: null };
  const { view, viewProblem } = report.canonical;
  if (viewProblem) {
    const d = viewProblem.detail;
    return { check: check('signed-data', 'failed', text(`signed-data.${viewProblem.code}`, { value: d.value, term: d.term }), { code: viewProblem.code, ...d }), structure: null };
  }
  const signed = signedStructure(view, issuerId, credential);
  if (signed.problems.length > 0) {
    const problems = joinTexts(signed.problems.map((p) => text(`problem.${p}`)));
    return { check: check('signed-data', 'failed', text('signed-data.failed', { problems }), { problems: signed.problems }), structure: null };
  }
  const unsigned = unsignedNotes(credential);
  if (unsigned.length > 0) {
    const said = joinTexts(unsigned.map((n) => text(`unsigned.${n.code}`, { paths: n.paths.join(', ') })));
    return { check: check('signed-data', 'warning', joinTexts([text('signed-data.passed'), text('signed-data.warning.unsigned', { notes: said })], ' '), { unsigned }), structure: signed };
  }
  return { check: check('signed-data', 'passed', text('signed-data.passed')), structure: signed };
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
  // A name an inline context adds (a VC 2.0 credential may add issuanceDate) is another property
  // than the verdict's, shown in the view under its full IRI: the view must not have it at all.
  const added = inlineTerms(credential['@context']);
  return SIGNED_VIEW.plainProperties.filter((key) =>
    added.has(key)
      ? Object.hasOwn(view, key)
      : Object.hasOwn(credential, key) !== Object.hasOwn(view, key) || JSON.stringify(plain(credential[key])) !== JSON.stringify(plain(view[key])),
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
 * @param {unknown} credential the parsed credential JSON (see parseCredentialJson), or a credential
 *   signed as a compact JWS, as text (OB 3.0 VC-JWT, vc+jwt: jose/index.js)
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
 * @param {boolean} [options.endorsements] false: do not verify the credential's endorsements
 *   (endorsements.js; set for the endorsements themselves, whose own are not followed)
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
 *   endorsements: import('./endorsements.js').EndorsementResult[],
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
    if (typeof credential === 'string') return await verifyJoseText(credential, options, now);
    issuer = issuerSummary(credential, false);
    const structure = checkStructure(credential);
    checks.push(structureCheck(structure));
    if (structure.problems.includes('NOT_OBJECT')) {
      const skipped = text('skipped.unauthenticated');
      for (const id of checkIds('browser')) {
        if (!['structure', 'suspension', 'other-status', 'internal'].includes(id)) checks.push(check(id, 'not-checked', skipped));
      }
      return finish(checks, { issuer, now });
    }

    const ctx = verificationContext(options, now);
    const issuerId = issuerIdOf(credential);
    const report = await verifyDataIntegrityProof(credential, { ...ctx, issuerId });
    checks.push(proofFormatCheck(report), contextsCheck(report), keyCheck(report), controllerCheck(report), keyStatusCheck(report), signatureCheck(report));
    const signed = signedDataCheck(credential, report, issuerId, checks);
    checks.push(signed.check);

    // From here on every fact comes from what the signature means (the signed view), not from
    // the JSON as written; and only for an authentic credential.
    const authentic = needsMet(checks, 'valid-from');
    const view = authentic ? report.canonical.view : null;
    let statuses = [];
    if (authentic) {
      checks.push(...validityChecks(signed.structure, now));
      const status = view.credentialStatus;
      if (status === undefined || (Array.isArray(status) && status.length === 0)) {
        checks.push(check('revocation', 'warning', text('status.none')));
      } else {
        statuses = await checkCredentialStatus(status, issuerId, ctx, report.key.vm ?? null);
        checks.push(...statusChecks(statuses));
      }
    } else {
      const skipped = text('skipped.unauthenticated');
      for (const id of ['valid-from', 'valid-until', 'revocation']) checks.push(check(id, 'not-checked', skipped));
    }

    // Each endorsement of an authentic credential, by the same verifier (its own endorsements not
    // followed), at the same moment and with the same network; it never changes this verdict.
    // endorsements.js is loaded only for a credential that carries any (a chunk of the page bundles).
    const endorsements =
      authentic && options.endorsements !== false && carriesEndorsements(view)
        ? await (await import('./endorsements.js')).verifyEndorsements(view, credential, (item) => verifyCredential(item, { ...options, now, endorsements: false }))
        : [];

    issuer = issuerSummary(authentic ? view : credential, authentic);
    const vm = report.key.vm;
    return finish(checks, {
      issuer,
      now,
      verificationMethod: vm
        ? { id: vm.id, controller: vm.controller, publicKeyMultibase: vm.publicKeyMultibase, method: vm.method, documentUrl: vm.documentUrl, local: vm.local }
        : null,
      credential: authentic ? deepFreeze(JSON.parse(JSON.stringify(view))) : null,
      status: statuses,
      validFrom: authentic ? signed.structure.start.text : null,
      validUntil: authentic ? signed.structure.end.text : null,
      endorsements,
    });
  } catch (e) {
    checks.push(check('internal', 'failed', text('internal.failed'), { error: e && e.message ? e.message : String(e) }));
    return finish(checks, { issuer, now: typeof now === 'number' ? now : Date.now() });
  }
}

/** This verifier's check builders and result, for the JOSE verifier to report with (jose/index.js). */
const STEPS = Object.freeze({ structureCheck, validityChecks, statusChecks, keyCheck, controllerCheck, keyStatusCheck, signatureCheck, contextsCheck, issuerSummary, deepFreeze, finish });

/**
 * A credential signed as a compact JWS (VC-JWT, vc+jwt): jose/index.js, the one import of the JOSE
 * code, loaded only when a token is met, so that it can become a chunk of its own.
 */
/**
 * What one verification shares across its steps: the document loader and fetcher, the moment, the
 * caches of keys and lists (fetched once however often they are named) and the back ends asked for.
 */
function verificationContext(options, now) {
  return {
    documentLoader: options.documentLoader,
    fetchJson: options.fetchJson,
    localDid: options.localDid,
    now,
    cache: new Map(),
    lists: new Map(),
    ed25519Backend: options.ed25519Backend ?? 'auto',
    gunzipBackend: options.gunzipBackend ?? 'auto',
  };
}

async function verifyJoseText(token, options, now) {
  if (token.includes('~')) {
    // An SD-JWT VC (a JWS, '~', its Disclosures): jose/sd-jwt-vc.js, a chunk of its own.
    const { verifySdJwt } = await import('./jose/sd-jwt-vc.js');
    return verifySdJwt(token.replace(/^\uFEFF/, '').trim(), { fetchJson: options.fetchJson, now, ed25519Backend: options.ed25519Backend });
  }
  const { verifyJose } = await import('./jose/index.js');
  const ctx = {
    ...verificationContext(options, now),
    // A JWT credential's endorsements, verified as a JSON one's are (their own not followed).
    endorsements: options.endorsements !== false,
    verifyEndorsement: (item) => verifyCredential(item, { ...options, now, endorsements: false }),
  };
  return verifyJose(token.replace(/^\uFEFF/, '').trim(), ctx, STEPS);
}

/** The result: the verdict of the checks (the rulebook's rules), and its sentence with the date that decided it. */
function finish(checks, extra) {
  const state = verdictOf(checks);
  const decidedBy = { expired: extra.validUntil, 'not-yet-valid': extra.validFrom }[state];
  const moment = decidedBy ? parseDateTime(decidedBy) : null;
  return {
    state,
    summary: verdictText(state, moment === null ? {} : { date: humanDate(moment) }),
    checks,
    issuer: extra.issuer,
    verificationMethod: extra.verificationMethod ?? null,
    credential: extra.credential ?? null,
    status: extra.status ?? [],
    validFrom: extra.validFrom ?? null,
    validUntil: extra.validUntil ?? null,
    endorsements: extra.endorsements ?? [],
    checkedAt: isoString(extra.now),
  };
}
