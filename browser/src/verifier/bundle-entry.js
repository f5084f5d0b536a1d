/**
 * Entry point of the library bundle (build.mjs: credsite-verifier.js). Same API as index.js, except
 * that verifyCredential uses the JSON-LD contexts embedded at build time unless the caller passes
 * its own documentLoader (bundled-verifier.js), so the bundle carries exactly the project's contexts.
 */
export * from './index.js';
export { BUNDLED_CONTEXT_URLS, documentLoader, verifyCredential } from './bundled-verifier.js';
