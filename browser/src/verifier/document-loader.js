/**
 * The static JSON-LD document loader. A credential's meaning depends on its @context documents;
 * if a verifier fetched them from the network, whoever controls those URLs (or the network) could
 * change what a signature covers. So the verifier only knows the contexts copied into the project
 * (credsite/data/contexts/index.json) and refuses every other URL.
 *
 * The loader is a pure function of a {url: document} map, so the Node tests (which read the files
 * with fs) and the browser bundle (which embeds them at build time) share exactly this code.
 */

/** Thrown (and wrapped by jsonld.js) when a credential names a context we do not carry. */
export class UnknownContextError extends Error {
  /** @param {string} url */
  constructor(url) {
    super(`JSON-LD context not bundled with this verifier: ${url}`);
    this.name = 'UnknownContextError';
    this.url = url;
  }
}

/**
 * Build a jsonld.js documentLoader over a fixed set of context documents.
 *
 * Each call returns a fresh copy of the document, because jsonld.js may rewrite relative URLs in
 * a context it has loaded and one verification must never affect the next. No `tag: 'static'` is
 * returned, so jsonld.js keeps resolved contexts only for one operation instead of in its
 * process-wide cache, which is keyed by URL alone and would outlive this map.
 *
 * A document may be given as a function that resolves to it: the page bundles carry the contexts
 * only other issuers' credentials name in chunks of their own (build.mjs), imported the first time a
 * credential names one. The URL is known at once (contextUrls); the document is awaited once.
 *
 * @param {Record<string, object|(() => Promise<object>)>} contexts URL -> parsed JSON-LD document,
 *   or a function that loads it
 * @returns {((url: string) => Promise<{contextUrl: null, documentUrl: string, document: object}>) & {contextUrls: readonly string[]}}
 */
export function createDocumentLoader(contexts) {
  if (!contexts || typeof contexts !== 'object') throw new TypeError('contexts must be a {url: document} map');
  const texts = new Map(); // url -> JSON text, or a function that loads the document
  for (const [url, doc] of Object.entries(contexts)) {
    if (typeof doc === 'function') texts.set(url, doc);
    else texts.set(url, contextText(url, doc));
  }
  async function staticDocumentLoader(url) {
    let text = texts.get(url);
    if (text === undefined) throw new UnknownContextError(String(url));
    if (typeof text === 'function') {
      const load = text;
      text = contextText(url, await load());
      if (texts.get(url) === load) texts.set(url, text);
    }
    return { contextUrl: null, documentUrl: url, document: JSON.parse(text) };
  }
  // Every URL it serves: an inline context may not take the IRI of any of their terms
  // (inline-context.js), as in the Python verifier, which knows every bundled context.
  Object.defineProperty(staticDocumentLoader, 'contextUrls', { value: Object.freeze([...texts.keys()]) });
  return staticDocumentLoader;
}

/** A context document's JSON text; a TypeError when it is not a JSON object. */
function contextText(url, doc) {
  if (!doc || typeof doc !== 'object') throw new TypeError(`context ${url} is not a JSON object`);
  return JSON.stringify(doc);
}

/**
 * The list of context URLs a loader map knows, sorted; shown to users when a credential names
 * another one, so that the message says what *would* work.
 * @param {Record<string, object>} contexts
 * @returns {string[]}
 */
export function knownContextUrls(contexts) {
  return Object.keys(contexts).sort();
}
