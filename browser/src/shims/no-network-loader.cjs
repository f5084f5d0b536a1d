// Replaces jsonld.js's XHR and Node document loaders in the browser bundle (see build.mjs). The
// verifier always passes its static loader; if some caller forgot, this makes jsonld.js fail
// closed instead of fetching a context from the network.
'use strict';

module.exports = function noNetworkDocumentLoaderFactory() {
  return async function noNetworkDocumentLoader(url) {
    throw new Error(`network document loading is disabled in credsite's verifier: ${url}`);
  };
};
