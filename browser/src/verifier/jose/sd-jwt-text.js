/**
 * Whether a text is written as an SD-JWT (RFC 9901 compact form: a compact JWS, '~', Disclosures
 * separated by '~', and an optional Key Binding JWT), for dispatch: extract.js keeps such a text as
 * it is and verifyCredential sends it to jose/sd-jwt-vc.js. Kept apart so that the page's reading
 * of its input does not load the SD-JWT code. The Python twin is sd_jwt.looks_like_sd_jwt.
 */
export const SD_JWT_TEXT = /^[A-Za-z0-9_=-]*\.[A-Za-z0-9_=-]*\.[A-Za-z0-9_=-]*~[A-Za-z0-9_=.~-]*$/;

/** @param {unknown} text */
export function looksLikeSdJwt(text) {
  return typeof text === 'string' && SD_JWT_TEXT.test(text.trim());
}
