// Replaces the jsonld.js modules of the operations the verifier never calls (frame, flatten,
// fromRDF) in the bundles (see build.mjs): the verifier needs expand, compact, toRDF and canonize
// only, and these would be about a tenth of jsonld.js on every page. A call fails loudly.
'use strict';

function unused(name) {
  return function notBundled() {
    throw new Error(`jsonld.js ${name} is not bundled with credsite's verifier`);
  };
}

module.exports = {
  flatten: unused('flatten'),
  fromRDF: unused('fromRDF'),
  frameMergedOrDefault: unused('frame'),
  cleanupNull: unused('frame'),
};
