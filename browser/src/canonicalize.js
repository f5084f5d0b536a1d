/**
 * RDFC-1.0 canonicalization through jsonld.js in safe mode, with the failures that matter to a
 * verifier turned into named causes. Safe mode is essential: without it, a property that no
 * context defines is silently dropped from the signed data, so it could be added or changed
 * without breaking the signature while the page still showed it.
 */
import jsonld from 'jsonld';
import { UnknownContextError } from './document-loader.js';

/** Why canonicalization failed; `code` is one of the constants below, `detail` names the culprit. */
export class CanonicalizationError extends Error {
  /**
   * @param {'UNKNOWN_CONTEXT'|'UNDEFINED_TERM'|'UNDEFINED_TYPE'|'RELATIVE_IRI'|'LOSSY_DATA'|'JSONLD_INVALID'} code
   * @param {string} message
   * @param {object} [detail]
   */
  constructor(code, message, detail = {}) {
    super(message);
    this.name = 'CanonicalizationError';
    this.code = code;
    this.detail = detail;
  }
}

function findCause(error, type) {
  for (let e = error, depth = 0; e && depth < 8; depth++) {
    if (e instanceof type) return e;
    e = (e.details && e.details.cause) || e.cause;
  }
  return null;
}

// A jsonld.js error about the document itself (its name starts with "jsonld.") is a finding about
// the credential. Anything else (a TypeError, or a loader that failed for another reason than an
// unknown URL) is a fault on our side and must surface as such, not as "invalid credential".
function isJsonLdError(error) {
  if (!error || typeof error.name !== 'string' || !error.name.startsWith('jsonld.')) return false;
  const cause = error.details && error.details.cause;
  return !cause || isJsonLdError(cause);
}

function classify(error) {
  const unknown = findCause(error, UnknownContextError);
  if (unknown) {
    return new CanonicalizationError('UNKNOWN_CONTEXT', unknown.message, { url: unknown.url });
  }
  const event = error && error.details && error.details.event;
  if (error && error.name === 'jsonld.ValidationError' && event) {
    const d = event.details || {};
    switch (event.code) {
      case 'invalid property':
        return new CanonicalizationError('UNDEFINED_TERM', `property "${d.property}" is not defined by any context`, { term: d.property });
      case 'relative @type reference':
        return new CanonicalizationError('UNDEFINED_TYPE', `type "${d.type}" is not defined by any context`, { term: d.type });
      case 'relative @id reference':
      case 'relative @vocab reference':
        return new CanonicalizationError('RELATIVE_IRI', `"${d.id ?? d.vocab ?? ''}" is not an absolute URL`, { value: d.id ?? d.vocab ?? null });
      default:
        return new CanonicalizationError('LOSSY_DATA', `some data would be lost in canonicalization (${event.code})`, { event: event.code });
    }
  }
  const code = error && error.details && error.details.code;
  return new CanonicalizationError('JSONLD_INVALID', `not valid JSON-LD${code ? ` (${code})` : ''}: ${error && error.message}`, {
    jsonldCode: code ?? null,
  });
}

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document, contexts resolved only by `documentLoader`.
 * @param {object} document
 * @param {(url: string) => Promise<object>} documentLoader
 * @returns {Promise<string>}
 * @throws {CanonicalizationError}
 */
export async function canonicalize(document, documentLoader) {
  try {
    return await jsonld.canonize(document, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      safe: true,
      base: null,
      documentLoader,
    });
  } catch (e) {
    throw findCause(e, UnknownContextError) || isJsonLdError(e) ? classify(e) : e;
  }
}
