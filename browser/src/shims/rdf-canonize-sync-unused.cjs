// Replaces rdf-canonize's synchronous RDFC-1.0 canonizer (lib/RDFC10Sync.js) in the bundles (see
// build.mjs): jsonld.js's canonize, the only way the verifier canonizes, runs the asynchronous one,
// and the synchronous copy of the algorithm would add its bytes to every page. A call fails loudly.
'use strict';

module.exports = class RDFC10Sync {
  constructor() {
    throw new Error("rdf-canonize's synchronous canonizer is not bundled with credsite's verifier");
  }
};
