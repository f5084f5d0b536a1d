/**
 * Which vocabularies a credential names that this verifier does not carry: what turns the
 * `contexts` check from 'failed' into 'unsupported'.
 *
 * A credential whose `@context` names a URL the document loader does not serve cannot be read at
 * all, so nothing else about its data can be judged: that is a format this verifier does not know,
 * not a fault of the credential. A credential that also defines a context inline or uses a refused
 * keyword (credsite/data/signed-view.json refusedKeywords) shows a fault in its JSON alone, and stays
 * 'failed'. The Python verifier applies the same rule (credsite/standards/contextscan.py) over the
 * same walk: every JSON object outside `@context` values, at any depth.
 */
import { UnknownContextError } from './document-loader.js';
import SIGNED_VIEW from '../../../credsite/data/signed-view.json' with { type: 'json' };

const REFUSED_KEYWORDS = new Set(SIGNED_VIEW.refusedKeywords);

/**
 * The @context URLs of `document` that the loader does not serve, each once in document order;
 * empty when there are none, or when the document has an inline (or null) context or a refused
 * keyword anywhere.
 * @param {unknown} document
 * @param {(url: string) => Promise<object>} documentLoader
 * @returns {Promise<string[]>}
 */
export async function unbundledContexts(document, documentLoader) {
  const urls = [];
  const stack = [document];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
    } else if (value && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.some((key) => REFUSED_KEYWORDS.has(key))) return [];
      if (Object.hasOwn(value, '@context')) {
        const context = value['@context'];
        const entries = Array.isArray(context) ? context : [context];
        if (!entries.every((entry) => typeof entry === 'string')) return [];
        urls.push(...entries);
      }
      const inner = keys.filter((key) => key !== '@context').map((key) => value[key]);
      for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
    }
  }
  const unknown = [];
  for (const url of new Set(urls)) {
    if (!(await serves(documentLoader, url))) unknown.push(url);
  }
  return unknown;
}

async function serves(documentLoader, url) {
  try {
    await documentLoader(url);
    return true;
  } catch (e) {
    if (e instanceof UnknownContextError) return false;
    throw e;
  }
}
