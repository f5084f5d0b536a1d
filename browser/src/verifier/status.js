/**
 * Credential status through Bitstring Status List v1.0 (W3C REC §3.2 "Validate Algorithm") and its
 * predecessor Status List 2021 (the same bits; the rulebook's status.methods).
 *
 * The list is a credential of its own; we only read it when it is validly signed by the issuer it
 * names and is within its validity period: a list signed before a later revocation still has a
 * good signature, and its `validUntil` is what stops an old copy from being served for ever (a
 * replay). A list without dates is accepted, as the spec makes them optional; credsite's own lists
 * always have both (docs/verification.md). Anything that stops us from reading a trustworthy bit
 * is reported as 'unknown', which the verifier turns into `status-unknown`: a list we cannot read
 * must never look like "not revoked".
 *
 * A list that cannot show it is the one the credential names can withdraw the credential, but
 * cannot vouch for it: signed by someone other than the credential's issuer (LIST_ISSUER_MISMATCH;
 * for an issuer that can publish no key, a urn: by another key than the credential's),
 * a set bit revokes or suspends, naming who signed it, and a clear bit leaves the status unknown;
 * the issuer's list with an `id` other than the address it was fetched from (LIST_ID_MISMATCH:
 * third-party verifiers do not compare them, and real lists have moved), a set bit revokes or
 * suspends and a clear bit passes with a warning naming both addresses, since the host could be
 * serving another of the issuer's lists there.
 *
 * A list shorter than Bitstring Status List's minimum (herd privacy; DCC's lists hold 100,000
 * entries) is still read: a set bit still revokes, since refusing the list would make a revoked
 * credential look merely unknown, and a clear bit is reported with a warning naming the privacy
 * risk. The 1EdTech Revocation List (status.unreadEntryTypes) is not read, and says why. The same
 * rules as the Python verifier (credsite/standards/statuscheck.py).
 */
import { decodeEncodedList, readStatus, StatusListError } from './bitstring.js';
import { isKeylessIssuer, verifyDataIntegrityProof } from './data-integrity.js';
import { RULES, suspensionCompanion as companionUrl } from './rulebook.js';
import { issuerIdOf, typesOf, validityDate, VC_CONTEXTS } from './structure.js';

/** Purposes whose set bit changes the verdict. Others ('refresh', 'message', …) are reported only. */
export const UNDERSTOOD_PURPOSES = Object.freeze([...RULES.status.understoodPurposes]);
const METHODS = RULES.status.methods;
const V11_DATES = Object.entries(RULES.credential.v11Dates);
const UNREAD_TYPES = RULES.status.unreadEntryTypes;
const MIN_ENTRIES = RULES.status.minEntries;
const MAX_STATUS_SIZE = RULES.status.maxStatusSize;
const ABSENT_HTTP_STATUS = RULES.status.absentHttpStatus;

const INDEX = /^(0|[1-9][0-9]*)$/;

function parseIndex(value) {
  if (typeof value === 'string' && INDEX.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : null;
  }
  if (Number.isSafeInteger(value) && value >= 0) return value;
  return null;
}

function parseStatusSize(value) {
  if (value === undefined) return 1;
  const n = typeof value === 'string' && INDEX.test(value) ? Number(value) : value;
  return Number.isInteger(n) && n >= 1 && n <= MAX_STATUS_SIZE ? n : null;
}

/**
 * Why the list's JSON keys might not mean what they say, or null. We read its dates, id, purpose
 * and bits as plain JSON keys, but its signature covers the JSON-LD meaning: an inline context
 * aliasing `validUntil`, an `@nest` or `@id` key, or a full IRI as a key keep the meaning (and the
 * signature) while hiding the key from us, which would undo the list's end date (a replay of an
 * old list) or the id check. The known contexts protect their terms, so only these shapes need
 * refusing. Same rule as the Python verifier (credsite/standards/statuslist.py list_shape_problem).
 * `context` is the list's @context as an array, `list` one whose subject is an object (listMethod).
 */
function shapeProblem(list, context) {
  if (!context.every((c) => typeof c === 'string')) return 'an inline @context';
  const odd = (node, allowed) => Object.keys(node).filter((k) => !allowed.includes(k) && (k.startsWith('@') || k.includes(':')));
  const keys = [...odd(list, ['@context']), ...odd(list.credentialSubject, [])];
  return keys.length ? `JSON-LD keywords or IRIs as keys (${keys.sort().join(', ')})` : null;
}

function unknown(code, detail = {}) {
  return { ok: false, code, detail };
}

/**
 * The status method whose list this is: its list credential type, and a subject of the method's
 * subject type with an encodedList that is text; null for none.
 */
function listMethod(list) {
  const subject = list.credentialSubject;
  if (!subject || Array.isArray(subject) || typeof subject.encodedList !== 'string') return null;
  const types = typesOf(list);
  const subjectTypes = typesOf(subject);
  return METHODS.find((m) => types.includes(m.listType) && subjectTypes.includes(m.subjectType)) ?? null;
}

/**
 * Fetch, check and decode one status list credential. Cached per URL by the caller, because two
 * entries (revocation and suspension) often point at lists that share a key document.
 */
async function loadList(url, issuerId, ctx) {
  let list;
  try {
    list = await ctx.fetchJson(url);
  } catch (e) {
    const status = e && typeof e.status === 'number' ? e.status : null;
    return unknown('LIST_UNREACHABLE', { url, status, error: e && e.message ? e.message : String(e) });
  }
  if (!list || typeof list !== 'object' || Array.isArray(list)) return unknown('LIST_MALFORMED', { url, problem: 'not a JSON object' });
  const context = Array.isArray(list['@context']) ? list['@context'] : [list['@context']];
  const subject = list.credentialSubject;
  const method = listMethod(list);
  if (typeof context[0] !== 'string' || !Object.hasOwn(VC_CONTEXTS, context[0]) || !typesOf(list).includes(RULES.credential.requiredType) || method === null) {
    return unknown('LIST_MALFORMED', { url, problem: `not a ${METHODS.map((m) => m.listType).join(' or ')}` });
  }
  const shape = shapeProblem(list, context);
  if (shape !== null) return unknown('LIST_MALFORMED', { url, problem: shape });
  const listIssuer = issuerIdOf(list);
  if (listIssuer === null) return unknown('LIST_MALFORMED', { url, problem: 'it names no issuer' });

  // Signed by the issuer it names; whether that is the credential's issuer is checkEntry's.
  const proof = await verifyDataIntegrityProof(list, { ...ctx, issuerId: listIssuer });
  if (!proof.passed) {
    if (proof.key.retryable) return unknown('LIST_KEY_UNAVAILABLE', { url, key: proof.key.error });
    const failed = ['format', 'canonical', 'key', 'controller', 'keyStatus', 'signature'].filter((p) => !['passed', 'warning'].includes(proof[p].outcome));
    return unknown('LIST_PROOF_INVALID', { url, failed });
  }

  // Its validFrom and validUntil, or in a VC 1.1 list their names issuanceDate and expirationDate.
  const dateProblems = [];
  const [from, until] = V11_DATES.map(([name, legacy]) => validityDate(list, name, legacy, dateProblems));
  if (dateProblems.length > 0) return unknown('LIST_MALFORMED', { url, problem: `validity dates are malformed (${dateProblems.join(', ')})` });
  if (from.instant !== null && ctx.now < from.instant) return unknown('LIST_NOT_YET_VALID', { url, validFrom: from.text, ms: from.instant });
  if (until.instant !== null && ctx.now >= until.instant) return unknown('LIST_EXPIRED', { url, validUntil: until.text, ms: until.instant });

  let bits;
  try {
    // As the list's method says: with the prefix 'u', or (Status List 2021) with or without it.
    bits = await decodeEncodedList(subject.encodedList, { gunzipBackend: ctx.gunzipBackend, prefixRequired: method.multibasePrefix === 'required' });
  } catch (e) {
    if (!(e instanceof StatusListError)) throw e;
    return unknown(e.code, { url, error: e.message });
  }
  const purposes = Array.isArray(subject.statusPurpose) ? subject.statusPurpose : [subject.statusPurpose];
  const moved = list.id !== undefined && list.id !== url ? list.id : null;
  const signer = foreignSigner(listIssuer, proof.key.vm, issuerId, ctx.signingKey);
  return { ok: true, method, bits, purposes, moved, signer, verificationMethod: proof.key.vm.id };
}

/**
 * Who signed a list, when that is not the credential's issuer; null when it is. An issuer that can
 * publish no key (isKeylessIssuer: a urn, a name anyone can write into a list) has as its own only a
 * list signed by the key that signed the credential (as Python's _Owner.foreign_signer).
 */
function foreignSigner(listIssuer, listKey, issuerId, signingKey) {
  if (listIssuer !== issuerId) return listIssuer;
  if (isKeylessIssuer(issuerId) && !sameKey(listKey, signingKey)) return listKey.id;
  return null;
}

function sameKey(a, b) {
  if (!a || !b || !a.publicKey || !b.publicKey || a.keyType !== b.keyType || a.publicKey.length !== b.publicKey.length) return false;
  return a.publicKey.every((byte, i) => byte === b.publicKey[i]);
}

function findStatusMessage(entry, value) {
  if (!Array.isArray(entry.statusMessage)) return null;
  const hex = `0x${value.toString(16)}`;
  const found = entry.statusMessage.find((m) => m && typeof m.status === 'string' && m.status.toLowerCase() === hex);
  return found && typeof found.message === 'string' ? found.message : null;
}

/**
 * Check one credentialStatus entry.
 * @returns {Promise<{purpose: string|null, index: number|null, listUrl: string|null,
 *   result: 'clear'|'set'|'unknown'|'not-understood', code?: string, detail: object}>}
 */
async function checkEntry(entry, issuerId, ctx) {
  const base = { purpose: null, index: null, listUrl: null };
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    return { ...base, result: 'unknown', code: 'MALFORMED_ENTRY', detail: {} };
  }
  const purpose = typeof entry.statusPurpose === 'string' ? entry.statusPurpose : null;
  base.purpose = purpose;
  const method = METHODS.find((m) => typesOf(entry).includes(m.entryType));
  if (method === undefined) {
    const unread = UNREAD_TYPES.filter((t) => typesOf(entry).includes(t)).sort()[0];
    if (unread !== undefined) return { ...base, result: 'unknown', code: 'UNREAD_STATUS_TYPE', detail: { type: unread } };
    return { ...base, result: 'unknown', code: 'UNSUPPORTED_STATUS_TYPE', detail: { type: entry.type ?? null } };
  }
  if (purpose === null) return { ...base, result: 'unknown', code: 'MALFORMED_ENTRY', detail: { problem: 'statusPurpose' } };
  if (!UNDERSTOOD_PURPOSES.includes(purpose)) return { ...base, result: 'not-understood', detail: { purpose } };

  const index = parseIndex(entry.statusListIndex);
  const statusSize = parseStatusSize(entry.statusSize);
  const url = entry.statusListCredential;
  base.index = index;
  base.listUrl = typeof url === 'string' ? url : null;
  let urlOk = false;
  try {
    urlOk = typeof url === 'string' && Boolean(new URL(url));
  } catch {
    // not a URL: urlOk stays false
  }
  if (index === null || statusSize === null || !urlOk || entry.id === url) {
    return { ...base, result: 'unknown', code: 'MALFORMED_ENTRY', detail: { problem: 'index, size or list URL' } };
  }

  if (!ctx.lists.has(url)) ctx.lists.set(url, loadList(url, issuerId, ctx));
  const list = await ctx.lists.get(url);
  if (!list.ok) return { ...base, result: 'unknown', code: list.code, detail: list.detail };
  if (list.method !== method) {
    return { ...base, result: 'unknown', code: 'LIST_METHOD_MISMATCH', detail: { url, expected: method.listType, actual: list.method.listType } };
  }
  if (!list.purposes.includes(purpose)) {
    return { ...base, result: 'unknown', code: 'LIST_PURPOSE_MISMATCH', detail: { url, expected: purpose, actual: list.purposes } };
  }
  const entries = Math.floor((list.bits.length * 8) / statusSize);
  let value;
  try {
    value = readStatus(list.bits, index, statusSize, 0); // a short list is read, with a warning
  } catch (e) {
    if (!(e instanceof StatusListError)) throw e;
    return { ...base, result: 'unknown', code: e.code, detail: { url, index, entries, error: e.message } };
  }
  const detail = { url, index, statusSize, value, listVerificationMethod: list.verificationMethod };
  if (entries < MIN_ENTRIES) detail.shortList = entries;
  const message = findStatusMessage(entry, value);
  if (message !== null) detail.statusMessage = message;
  return standing(base, list, value === 0 ? 'clear' : 'set', detail);
}

/**
 * A read bit, as far as the list can show it is the one the credential names: a set bit always
 * withdraws the credential; a clear one of a list signed by someone else cannot vouch for it
 * (unknown), and one of the issuer's list under another id passes with a warning.
 */
function standing(base, list, result, detail) {
  if (list.signer !== null) {
    return { ...base, result: result === 'set' ? 'set' : 'unknown', code: 'LIST_ISSUER_MISMATCH', detail: { ...detail, actual: list.signer } };
  }
  if (list.moved !== null) return { ...base, result, code: 'LIST_ID_MISMATCH', detail: { ...detail, actual: list.moved } };
  return { ...base, result, detail };
}

/**
 * Check every status entry of a credential whose own proof has already passed.
 * @param {unknown} credentialStatus one entry or an array
 * @param {string} issuerId the verified credential's issuer
 * @param {object} ctx shared verification context (fetchJson, documentLoader, now, caches, back ends)
 * @param {{keyType: string, publicKey: Uint8Array|null}|null} [signingKey] the key that signed the
 *   credential: what ties a list to an issuer that can publish no key
 */
export async function checkCredentialStatus(credentialStatus, issuerId, ctx, signingKey = null) {
  const entries = Array.isArray(credentialStatus) ? credentialStatus : [credentialStatus];
  const lists = ctx.lists || new Map();
  const results = [];
  // Every list is fetched and checked at the same time: they are independent.
  const companion = suspensionCompanion(entries);
  const pending = entries.map((entry) => {
    if (typeof ctx.fetchJson !== 'function') {
      const purpose = entry && typeof entry.statusPurpose === 'string' ? entry.statusPurpose : null;
      return Promise.resolve({ purpose, index: null, listUrl: null, result: 'unknown', code: 'LIST_UNREACHABLE', detail: { url: null } });
    }
    return checkEntry(entry, issuerId, { ...ctx, lists, signingKey });
  });
  const companionPending = companion && typeof ctx.fetchJson === 'function' ? checkEntry(companion, issuerId, { ...ctx, lists, signingKey }) : null;
  results.push(...(await Promise.all(pending)));
  if (companionPending) {
    const result = await companionPending;
    // No companion list published (the server says 404 or 410): this issuer does not suspend,
    // so nothing is suspended. Any other failure (a 500, a timeout, a damaged list) leaves the
    // suspension unknown, as the Python verifier does.
    const absent = result.code === 'LIST_UNREACHABLE' && ABSENT_HTTP_STATUS.includes(result.detail && result.detail.status);
    if (absent) {
      results.push({ ...result, result: 'clear', code: undefined, detail: { ...result.detail, companion: 'absent' } });
    } else {
      results.push({ ...result, detail: { ...result.detail, companion: 'present' } });
    }
  }
  return results;
}

/**
 * Open Badges 3.0 allows one credentialStatus, which credsite uses for revocation; it publishes
 * suspension in a companion list beside it (the rulebook's status.companion: `status/suspension-<n>.json`,
 * same index, same issuer). Other verifiers do not know the companion; ours checks it when a
 * credential has a single revocation entry pointing at such a list (docs/credential-mapping.md).
 * @returns {object|null} a suspension entry for the companion list, or null
 */
export function suspensionCompanion(entries) {
  if (entries.length !== 1) return null;
  const entry = entries[0];
  if (!entry || entry.statusPurpose !== 'revocation' || typeof entry.statusListCredential !== 'string') return null;
  const url = companionUrl(entry.statusListCredential);
  if (url === null) return null;
  return { ...entry, id: undefined, statusPurpose: 'suspension', statusListCredential: url };
}
