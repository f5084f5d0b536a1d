/**
 * Public API of credsite's in-browser verifier, for callers that bring their own context map
 * (Node tests and tools). The browser bundle (bundle-entry.js) re-exports the same functions with
 * the project's contexts embedded.
 */
export { verifyCredential, STATES } from './verifier.js';
export { createDocumentLoader, knownContextUrls, UnknownContextError } from './document-loader.js';
export { verifyDataIntegrityProof, createVerifyData } from './data-integrity.js';
export { registerCryptosuite, unregisterCryptosuite, cryptosuiteFor, cryptosuiteNames } from './cryptosuites/index.js';
export { resolveVerificationMethod, didWebToUrl, KeyResolutionError } from './key-resolution.js';
export { decodeEd25519Multikey } from './multikey.js';
export { verifyEd25519, selectEd25519Backend, webCryptoHasEd25519 } from './ed25519.js';
export { decodeEncodedList, readStatus, MIN_STATUS_LIST_ENTRIES } from './bitstring.js';
export {
  parseCredentialJson,
  readCredentialText,
  extractCredential,
  extractCredentialFromPng,
  extractCredentialFromSvg,
  extractTextFromPng,
  extractTextFromSvg,
  CredentialInputError,
} from './extract.js';
