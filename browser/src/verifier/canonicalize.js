/**
 * RDFC-1.0 canonicalization through jsonld.js in safe mode, with the failures that matter to a
 * verifier turned into named causes. Safe mode is essential: without it, a property that no
 * context defines is silently dropped from the signed data, so it could be added or changed
 * without breaking the signature while the page still showed it.
 */
import jsonld from 'jsonld';
import './jsonld-contexts.js'; // shares contexts jsonld.js would copy: the same results, sooner
import { UnknownContextError } from './document-loader.js';
import { urlContexts } from './added-terms.js';
import SIGNED_VIEW from '../../../credsite/data/signed-view.json' with { type: 'json' };

const REFUSED_KEYWORDS = new Set(SIGNED_VIEW.refusedKeywords);

// Safe mode, but for one event: a text's @direction, which RDFC-1.0 over JSON-LD's RDF drops when
// rdfDirection is unset (as the VC 2.0 suites leave it; pyld drops it silently). The signature then
// covers the text and its language, not its direction: the check signed-data says so by name
// (structure.js, unsignedNotes), as the Python verifier does.
const DIRECTION_DROPPED = 'rdfDirection not set';
const SAFE = Object.freeze({
  safe: false,
  eventHandler: ({ event, next }) => (event.code === DIRECTION_DROPPED ? undefined : jsonld.safeEventHandler({ event, next })),
});

/** Why canonicalization failed; `code` is one of the constants below, `detail` names the culprit. */
export class CanonicalizationError extends Error {
  /**
   * @param {'UNKNOWN_CONTEXT'|'INLINE_CONTEXT'|'KEYWORD_REFUSED'|'NODE_TWICE'|'UNDEFINED_TERM'|'UNDEFINED_TYPE'|'RELATIVE_IRI'|'LOSSY_DATA'|'JSONLD_INVALID'|'TEXT_BOOLEAN'} code
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
 * Every JSON object in `root`, each with the key it stands under (`where` for the root), without
 * recursion: documents come from anywhere, and their depth is not ours to choose. The value of a
 * key for which `skip(key)` is true is not entered.
 * @param {unknown} root
 * @param {string} where
 * @param {(key: string) => boolean} skip
 * @returns {Generator<[object, string]>}
 */
function* objectsIn(root, where, skip) {
  const stack = [[root, where]];
  while (stack.length > 0) {
    const [value, key] = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, key]);
    } else if (value && typeof value === 'object') {
      yield [value, key];
      for (const [inner, item] of Object.entries(value)) if (!skip(inner)) stack.push([item, inner]);
    }
  }
}

/**
 * Refuse a document whose JSON could say something where a JSON reader does not look:
 *
 * - an `@context` that is not a URL (or a list of URLs) the loader knows, at any depth: an inline
 *   context can add a term for a property the verifier checks, or make a property "nest" under
 *   a key of its choice, without changing the signed meaning (VC 2.0 asks JSON processors to
 *   accept only contexts they know). The one exception is an inline context that only adds
 *   terms, after every URL of the top-level list (inline-context.js);
 * - the keywords of credsite/data/signed-view.json (`@included`, `@reverse`, `@nest`, `@graph`,
 *   `@set`): with them, a statement about the credential can be written inside another node.
 *
 * The Python verifier and signer refuse the same documents (credsite/standards/jsonld.py), so both reach
 * one verdict.
 * @param {unknown} document
 * @throws {CanonicalizationError}
 */
export async function refuseHiddenShapes(document, documentLoader) {
  for (const [object] of objectsIn(document, '(document)', (key) => key === '@context')) {
    for (const [key, item] of Object.entries(object)) {
      if (REFUSED_KEYWORDS.has(key)) {
        throw new CanonicalizationError('KEYWORD_REFUSED', `the keyword ${key} is not accepted`, { term: key });
      }
      if (key === '@context' && !(typeof item === 'string' || (Array.isArray(item) && item.every((c) => typeof c === 'string')))) {
        const additive = object === document && Array.isArray(item) && item.every((c) => typeof c === 'string' || (c !== null && typeof c === 'object' && !Array.isArray(c)));
        if (!additive) {
          throw new CanonicalizationError('INLINE_CONTEXT', 'an @context that is not a URL', { value: shorten(JSON.stringify(item)), rule: object === document ? 'not-object' : 'nested' });
        }
        const { inlineProblems } = await import('./inline-context.js'); // only for a credential with one
        const [problem] = await inlineProblems(item, document, documentLoader);
        if (problem) {
          const shown = problem.term === null ? item[problem.index] : { [problem.term]: item[problem.index][problem.term] };
          throw new CanonicalizationError('INLINE_CONTEXT', `@context[${problem.index}]: ${problem.message}`, { value: shorten(JSON.stringify(shown)), rule: problem.rule, term: problem.term ?? undefined });
        }
      }
    }
  }
}

function shorten(text) {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * The credential, or a node under its status or subject (credsite/data/signed-view.json,
 * describedOnce), if the expanded document describes it in two places differently; else null.
 * A reader of the JSON (or of the compacted view) looks at one place only, so a statement about
 * the credential written at a second place that names its id would be signed but not seen.
 * Other nodes may be described twice (an image with two captions), and any node twice
 * identically is fine. The Python verifier applies the same rule (credsite/standards/signedview.py).
 * @param {unknown} expanded
 * @returns {string|null}
 */
function nodeDescribedTwice(expanded) {
  const protectedIds = protectedNodeIds(expanded);
  if (protectedIds.size === 0) return null;
  const seen = new Map();
  const selfIssued = issuerAsSubject(expanded);
  for (const [node] of objectsIn(expanded, '(document)', (key) => key === '@value')) {
    const id = node['@id'];
    if (node !== selfIssued && protectedIds.has(id) && Object.keys(node).some((k) => k !== '@id') && !isEndorsementSubject(node)) {
      const text = stableJson(node);
      if (seen.has(id) && seen.get(id) !== text) return id;
      seen.set(id, text);
    }
  }
  return null;
}

/**
 * Whether a node says only what an Open Badges endorsement says of what it endorses (its type
 * EndorsementSubject and a comment; signed-view.json, endorsementSubject): an endorsement of the
 * credential names the credential's id there, and says nothing a verdict reads. The Python
 * verifier allows the same (credsite/standards/signedview.py).
 * @param {object} node an expanded node object
 * @returns {boolean}
 */
function isEndorsementSubject(node) {
  const { types, properties } = SIGNED_VIEW.endorsementSubject;
  const nodeTypes = node['@type'];
  return (
    Array.isArray(nodeTypes) &&
    nodeTypes.length > 0 &&
    nodeTypes.every((t) => types.includes(t)) &&
    Object.keys(node).every((k) => k === '@id' || k === '@type' || properties.includes(k))
  );
}

/**
 * The issuer's node object when the credential is self-issued (its issuer is its subject) and that
 * description shares no property but @id and @type with the subject's (signed-view.json,
 * selfIssued): a second description nodeDescribedTwice allows, since no property of the subject
 * is then split over two places. The Python verifier allows the same (signedview.py).
 * @param {unknown} expanded
 * @returns {object|null}
 */
function issuerAsSubject(expanded) {
  const top = Array.isArray(expanded) && expanded.length === 1 ? expanded[0] : null;
  const names = SIGNED_VIEW.selfIssued;
  if (!top || typeof top !== 'object') return null;
  const [issuers, subjects] = [top[names.issuer], top[names.subject]];
  if (!(Array.isArray(issuers) && issuers.length === 1 && Array.isArray(subjects))) return null;
  const issuer = issuers[0];
  if (!issuer || typeof issuer !== 'object' || typeof issuer['@id'] !== 'string') return null;
  const own = Object.keys(issuer).filter((k) => k !== '@id' && k !== '@type');
  const same = subjects.filter((s) => s && typeof s === 'object' && s['@id'] === issuer['@id']);
  if (same.length === 0 || same.some((s) => own.some((k) => Object.hasOwn(s, k)))) return null;
  return issuer;
}

function protectedNodeIds(expanded) {
  const top = Array.isArray(expanded) && expanded.length === 1 ? expanded[0] : null;
  const ids = new Set();
  if (!top || typeof top !== 'object') return ids;
  if (typeof top['@id'] === 'string') ids.add(top['@id']);
  for (const prop of SIGNED_VIEW.describedOnce) {
    for (const node of Array.isArray(top[prop]) ? top[prop] : []) {
      if (node && typeof node['@id'] === 'string') ids.add(node['@id']);
    }
  }
  return ids;
}

function stableJson(value) {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document, contexts resolved only by `documentLoader`.
 * @param {object} document
 * @param {(url: string) => Promise<object>} documentLoader
 * @returns {Promise<string>}
 * @throws {CanonicalizationError}
 */
export async function canonicalize(document, documentLoader) {
  await refuseHiddenShapes(document, documentLoader);
  try {
    return await jsonld.canonize(document, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      ...SAFE,
      base: null,
      documentLoader,
    });
  } catch (e) {
    throw findCause(e, UnknownContextError) || isJsonLdError(e) ? classify(e) : e;
  }
}

// OB context 3.0.2 and later spell xsd:boolean with https (their mistake, kept by every
// implementation since it is what they sign), earlier ones with http: both mean a boolean here.
const BOOLEAN_TYPES = ['http://www.w3.org/2001/XMLSchema#boolean', 'https://www.w3.org/2001/XMLSchema#boolean'];

// A boolean written as JSON text ("false") means the same to RDF as the JSON boolean, so the
// signature covers it either way; but a reader of the JSON takes the text "false" for true. The
// Open Badges schema says booleans are JSON booleans, so such a credential is refused.
function findTextBoolean(expanded) {
  for (const [value, where] of objectsIn(expanded, '(document)', (key) => key === '@value')) {
    if (BOOLEAN_TYPES.includes(value['@type']) && typeof value['@value'] === 'string') return where;
  }
  return null;
}

/**
 * What in an expanded document a reader of its JSON (or of its view) would miss or misread: a node
 * described twice differently, or a yes/no value written as text; null when there is nothing.
 * @param {unknown} expanded
 * @returns {{code: string, message: string, detail: object}|null}
 */
function readerProblem(expanded) {
  const twice = nodeDescribedTwice(expanded);
  if (twice !== null) return { code: 'NODE_TWICE', message: `${twice} is described in two places, differently`, detail: { value: twice } };
  const textBoolean = findTextBoolean(expanded);
  if (textBoolean !== null) {
    return { code: 'TEXT_BOOLEAN', message: `a true/false value is written as text (${textBoolean})`, detail: { term: textBoolean } };
  }
  return null;
}

/**
 * The view with each property under its own term where a context gives a property and a type one
 * IRI (signed-view.json, propertyTerms): compaction picks the shorter, then the alphabetically
 * first term, so the OB 3.0.0 context writes `achievement` as `Achievement`. Both spellings and
 * the full IRI expand to the one IRI, so they are one list here, and a second achievement stays a
 * second value of the one key. The Python verifier renames the same (signedview.py).
 * A node with both keys (reachable only by mixing contexts) is a view problem, as in Python.
 * @param {object} view
 * @param {unknown} context the document's @context
 * @returns {{view: object, problem: {code: 'NODE_TWICE', message: string, detail: object}|null}}
 */
function propertyTerms(view, context) {
  const urls = urlContexts(context);
  const names = new Set(Array.isArray(urls) ? urls : [urls]);
  const renames = new Map();
  for (const [url, table] of Object.entries(SIGNED_VIEW.propertyTerms.contexts)) {
    if (names.has(url)) for (const [written, term] of Object.entries(table)) renames.set(written, term);
  }
  if (renames.size === 0) return { view, problem: null };
  for (const [node] of objectsIn(view, '(document)', (key) => key === '@value')) {
    for (const [written, term] of renames) {
      if (!Object.hasOwn(node, written)) continue;
      if (Object.hasOwn(node, term)) {
        return { view, problem: { code: 'NODE_TWICE', message: `its data names both ${written} and ${term}, which its vocabulary writes alike`, detail: { value: term } } };
      }
      const entries = Object.entries(node).map(([key, value]) => [key === written ? term : key, value]);
      for (const key of Object.keys(node)) delete node[key];
      Object.assign(node, Object.fromEntries(entries));
    }
  }
  return { view, problem: null };
}

/**
 * A subject that says nothing but its id, written as {id} again, as the JSON writes it:
 * `credentialSubject` is an @id-typed term, so compaction writes such a subject as the bare
 * identifier, which the shape rules (and a page) would take for no subject at all. The Python
 * verifier writes it back the same (signedview.py).
 * @param {object} view changed in place
 */
function subjectObjects(view) {
  const subject = view.credentialSubject;
  if (typeof subject === 'string') view.credentialSubject = { id: subject };
  else if (Array.isArray(subject)) view.credentialSubject = subject.map((s) => (typeof s === 'string' ? { id: s } : s));
}

/**
 * The canonical N-Quads of a document, and its signed view: what the signature means, in the
 * shape a JSON reader expects. Both come from one expansion (the document's contexts resolved by
 * `documentLoader` only, safe mode): the N-Quads are what is signed, the view is that expansion
 * compacted again under the same contexts. Every verdict and every shown field is read from the
 * view, never from the JSON as written: a credential can rename a property (an absolute IRI as
 * key, a keyword alias) or wrap it in a value object without changing what is signed, and a
 * reader of the raw JSON would then miss its revocation entry or its end date. Compaction puts
 * each property back under the one term the contexts define for it.
 *
 * What the view cannot make plain is `viewProblem` (null when there is none), not a failure to
 * canonicalize: the signature still covers the data, but a reader of the JSON would miss or misread
 * part of it (the check signed-data).
 *
 * @param {object} document the document without `proof`
 * @param {(url: string) => Promise<object>} documentLoader
 * @returns {Promise<{nquads: string, view: object, viewProblem: {code: 'NODE_TWICE'|'TEXT_BOOLEAN', message: string,
 *   detail: object}|null}>}
 * @throws {CanonicalizationError}
 */
export async function canonicalizeWithView(document, documentLoader) {
  await refuseHiddenShapes(document, documentLoader);
  try {
    const options = { ...SAFE, base: null, documentLoader };
    const expanded = await jsonld.expand(document, options);
    const viewProblem = readerProblem(expanded);
    // Compaction gets a copy, so that nothing it does can touch what is canonicalized.
    // Under the context URLs alone: a term an inline context adds shows as its full IRI, so the
    // verdict reads only what the bundled vocabularies name.
    const compacted = await jsonld.compact(structuredClone(expanded), { '@context': urlContexts(document['@context']) }, {
      ...options,
      skipExpansion: true,
      compactToRelative: false,
    });
    const { view, problem } = propertyTerms(compacted, document['@context']);
    subjectObjects(view);
    const nquads = await jsonld.canonize(expanded, { ...options, algorithm: 'RDFC-1.0', format: 'application/n-quads', skipExpansion: true });
    return { nquads, view, viewProblem: viewProblem ?? problem };
  } catch (e) {
    if (e instanceof CanonicalizationError) throw e;
    throw findCause(e, UnknownContextError) || isJsonLdError(e) ? classify(e) : e;
  }
}
