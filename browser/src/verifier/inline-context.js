/**
 * The one kind of inline `@context` a credential may carry: terms it adds, and nothing else.
 *
 * An inline context can change what a credential's words mean: redefine `validUntil`, alias the
 * IRI of `credentialStatus` under a name a reader of the JSON does not look at, set a `@vocab`
 * that turns any unknown word into a property, coerce a value's type. So the verifier refuses
 * inline contexts, with one exception that issuers do write (DCC's test credentials add a term
 * for a field their vocabularies lack): an object in the credential's top-level `@context` list,
 * after every context URL, whose every member is `"term": "absolute IRI"`, where
 *
 * - the term is a plain name (letters, digits, `_`, `-`, `.`): not a keyword, nothing that looks
 *   like one, not a compact IRI or an IRI;
 * - no context before it defines the term, at any scope (type- and property-scoped contexts
 *   included: the VC 2.0 context defines `validUntil` only inside `VerifiableCredential`);
 * - the IRI is absolute, its scheme is not a term (else JSON-LD would read it as a compact IRI),
 *   and no bundled context maps a term to it, so it cannot alias a known property or type;
 * - the term is used nowhere as a prefix (`term:…` as a key or a value), which would change what
 *   other keys and values mean.
 *
 * What is added this way is signed like any other data, but the signed view is compacted under the
 * context URLs alone (canonicalize.js), so an added term never reads as a property a verdict
 * depends on (added-terms.js). The Python verifier applies the same rule, with the same rule names
 * (credsite/standards/inlinecontext.py).
 *
 * Only a credential with an inline context needs these rules: canonicalize.js imports this module
 * when it meets one, and a page loads it then.
 */
import { inlineTerms } from './added-terms.js';
import { UnknownContextError } from './document-loader.js';

const PLAIN_TERM = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+\-.]*:[^\s<>"{}|^`\\]*$/;
const MAX_REFERENCE_DEPTH = 8;

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Why each inline object in the top-level @context list `context` of `document` is not purely
 * additive; empty when every one is. `documentLoader.contextUrls` (createDocumentLoader) names
 * every context it serves, whose term IRIs no added term may take; a loader without it protects
 * the IRIs of the contexts the document names.
 * @param {unknown[]} context
 * @param {unknown} document
 * @param {(url: string) => Promise<{document: object}>} documentLoader
 * @returns {Promise<{index: number, term: string|null, rule: string, message: string}[]>}
 */
export async function inlineProblems(context, document, documentLoader) {
  let lastUrl = -1;
  context.forEach((entry, i) => {
    if (typeof entry === 'string') lastUrl = i;
  });
  const urls = context.filter((entry) => typeof entry === 'string');
  const before = new Set((await definitions(urls, documentLoader)).map(([term]) => term));
  const known = await knownIris(documentLoader.contextUrls ?? urls, documentLoader);
  const added = inlineTerms(context);
  const problems = [];
  const seen = new Set();
  context.forEach((entry, index) => {
    if (!isObject(entry)) return;
    if (index < lastUrl) {
      problems.push({ index, term: null, rule: 'position', message: 'an inline context must come after every context URL, so that it can only add terms' });
      return;
    }
    for (const [term, value] of Object.entries(entry)) {
      const reason = memberProblem(term, value, (t) => before.has(t) || seen.has(t), added, known);
      if (reason !== null) problems.push({ index, term, ...reason });
      seen.add(term);
    }
  });
  const used = prefixesUsed(document, added);
  context.forEach((entry, index) => {
    if (!isObject(entry)) return;
    for (const term of Object.keys(entry)) {
      if (used.has(term)) {
        problems.push({ index, term, rule: 'prefix', message: `the term "${term}" is used as a prefix (${term}:…), which would change what other keys or values mean` });
      }
    }
  });
  return problems;
}

/** {rule, message} for one member of an inline context, or null when it only adds a term. */
function memberProblem(term, value, definedBefore, added, known) {
  if (term.startsWith('@')) return { rule: 'keyword', message: `the keyword ${term} is not accepted in an inline context` };
  if (!PLAIN_TERM.test(term)) {
    return { rule: 'term-name', message: `"${term}" is not a plain term (letters, digits, _, - and . only): a compact IRI or IRI as a term could stand for another property` };
  }
  if (definedBefore(term)) return { rule: 'defined', message: `"${term}" is already defined by a context before it` };
  if (typeof value !== 'string') {
    const keys = isObject(value) ? Object.keys(value).sort().join(', ') || 'empty' : value === null ? 'null' : typeof value;
    return { rule: 'definition', message: `"${term}" has an expanded definition (${keys}): only "term": "absolute IRI" is accepted` };
  }
  if (value.startsWith('@') || !ABSOLUTE_IRI.test(value) || value.startsWith('_:')) {
    return { rule: 'not-iri', message: `"${term}" must name an absolute IRI, not ${JSON.stringify(value)}` };
  }
  const scheme = value.split(':', 1)[0];
  if (definedBefore(scheme) || added.has(scheme)) {
    return { rule: 'prefix', message: `"${term}" names ${JSON.stringify(value)}, whose "${scheme}:" is a term: it would be read as a compact IRI` };
  }
  if (known.has(value)) {
    return { rule: 'known-iri', message: `"${term}" names ${value}, which a bundled vocabulary defines as "${known.get(value)}": it would be a second name for a known property or type` };
  }
  return null;
}

/** The terms in `terms` that some key or text in `root` uses as a prefix; without recursion. */
function prefixesUsed(root, terms) {
  const used = new Set();
  if (terms.size === 0) return used;
  const note = (text) => {
    const colon = text.indexOf(':');
    if (colon >= 0 && terms.has(text.slice(0, colon))) used.add(text.slice(0, colon));
  };
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') note(value);
    else if (Array.isArray(value)) stack.push(...value);
    else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        note(key);
        stack.push(item);
      }
    }
  }
  return used;
}

// IRI -> term over every context a loader serves, made once per loader (only credentials with an
// inline context need it).
const KNOWN = new WeakMap();

/**
 * IRI -> the first term that maps to it, over every term the contexts at `urls` define.
 * @param {string[]} urls
 * @param {(url: string) => Promise<{document: object}>} documentLoader
 * @returns {Promise<Map<string, string>>}
 */
export async function knownIris(urls, documentLoader) {
  const key = [...urls].sort();
  const cached = KNOWN.get(documentLoader);
  if (cached && cached.key === key.join('\n')) return cached.iris;
  const iris = new Map();
  for (const [term, definition, scope] of await definitions(key, documentLoader)) {
    const iri = termIri(term, definition, scope, 0);
    if (iri !== null && !iris.has(iri)) iris.set(iri, term);
  }
  KNOWN.set(documentLoader, { key: key.join('\n'), iris });
  return iris;
}

/**
 * [term, definition, scope] of every term definition in `context` and its scoped contexts, in the
 * Python verifier's order; `scope` holds the context objects in effect, innermost last. URLs the
 * loader does not serve (refused elsewhere) define nothing here.
 * @returns {Promise<[string, unknown, object[]][]>}
 */
export async function definitions(context, documentLoader) {
  const found = [];
  const pending = [[context, [], new Set()]];
  while (pending.length > 0) {
    const [value, outer, visited] = pending.shift();
    if (Array.isArray(value)) {
      pending.unshift(...value.map((item) => [item, outer, visited]));
    } else if (typeof value === 'string' && !visited.has(value)) {
      let loaded;
      try {
        loaded = (await documentLoader(value)).document;
      } catch (e) {
        if (e instanceof UnknownContextError) continue;
        throw e;
      }
      pending.unshift([isObject(loaded) ? loaded['@context'] : undefined, outer, new Set([...visited, value])]);
    } else if (isObject(value)) {
      const here = [...outer, value];
      for (const [term, definition] of Object.entries(value)) {
        if (term.startsWith('@')) continue;
        found.push([term, definition, here]);
        if (isObject(definition) && Object.hasOwn(definition, '@context')) pending.push([definition['@context'], here, visited]);
      }
    }
  }
  return found;
}

/**
 * The IRI a term definition maps its term to; null for keywords, null mappings and what cannot be
 * expanded.
 */
export function termIri(term, definition, scope, depth) {
  if (depth > MAX_REFERENCE_DEPTH || definition === null || definition === undefined) return null;
  let target = definition;
  if (isObject(definition)) {
    if (!Object.hasOwn(definition, '@id') && !Object.hasOwn(definition, '@reverse')) return expandTermItself(term, scope, depth);
    target = Object.hasOwn(definition, '@id') ? definition['@id'] : definition['@reverse'];
  }
  if (target === term) return expandTermItself(term, scope, depth);
  return typeof target === 'string' ? expand(target, scope, depth) : null;
}

function expandTermItself(term, scope, depth) {
  if (term.includes(':')) return expand(term, scope, depth);
  const vocab = vocabOf(scope);
  return vocab ? vocab + term : null;
}

function expand(value, scope, depth) {
  if (value.startsWith('@')) return null;
  const colon = value.indexOf(':');
  if (colon >= 0) {
    const [prefix, suffix] = [value.slice(0, colon), value.slice(colon + 1)];
    const definition = lookup(prefix, scope);
    if (prefix !== '_' && !suffix.startsWith('//') && definition !== null && definition !== undefined) {
      const base = termIri(prefix, definition, scope, depth + 1);
      if (base !== null) return base + suffix;
    }
    return value;
  }
  const definition = lookup(value, scope);
  if (definition !== null && definition !== undefined) return termIri(value, definition, scope, depth + 1);
  const vocab = vocabOf(scope);
  return vocab ? vocab + value : null;
}

function lookup(term, scope) {
  for (let i = scope.length - 1; i >= 0; i--) if (Object.hasOwn(scope[i], term)) return scope[i][term];
  return undefined;
}

function vocabOf(scope) {
  for (let i = scope.length - 1; i >= 0; i--) {
    if (Object.hasOwn(scope[i], '@vocab')) {
      const vocab = scope[i]['@vocab'];
      return typeof vocab === 'string' && vocab.includes(':') ? vocab : null;
    }
  }
  return null;
}
