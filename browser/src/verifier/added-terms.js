/**
 * What an inline `@context` adds to a credential, read without judging it (inline-context.js
 * judges): the context URLs alone, under which the signed view is compacted, and the added terms,
 * which no verdict may read. Every credential is read through these, so they are a module of their
 * own, apart from the rules that only a credential with an inline context needs.
 */

/**
 * The document's @context without its inline objects: what the signed view is compacted under,
 * so that added terms show as full IRIs and never as a property the verdict reads.
 * @param {unknown} context
 */
export function urlContexts(context) {
  return Array.isArray(context) ? context.filter((entry) => typeof entry === 'string') : context;
}

/**
 * The terms the inline objects of a top-level @context list add.
 * @param {unknown} context
 * @returns {Set<string>}
 */
export function inlineTerms(context) {
  const terms = new Set();
  for (const entry of Array.isArray(context) ? context : []) {
    if (isObject(entry)) for (const term of Object.keys(entry)) terms.add(term);
  }
  return terms;
}

/**
 * The document without the top-level properties its inline context adds: how a verifier that reads
 * a credential as written (a JOSE token's payload, whose every byte is signed) keeps an added
 * `issuanceDate` from feeding the validity checks, as the signed view does.
 * @param {object} document
 * @returns {object}
 */
export function withoutAddedTerms(document) {
  const added = inlineTerms(document['@context']);
  return Object.fromEntries(Object.entries(document).filter(([key]) => !added.has(key)));
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
