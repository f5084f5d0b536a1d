/**
 * Which group of message-table.js a message belongs to: the one rule by which the page scripts
 * carry the verifier's texts (build.mjs writes one module per group and language,
 * `credsite:messages-<group>-<lang>`; src/pages/page-language.js loads a group when a result holds
 * one of its keys).
 *
 * The groups follow what a page needs before its verdict. `core` is what a credential of our own
 * site is told in its usual verdicts (verified, revoked, suspended, expired, not yet valid): every
 * check passing, and the validity and status sentences; a credential page carries its language's
 * `core` in its own script. The feature groups are the texts of what only other issuers'
 * credentials or /verify/ have (a JWT, an SD-JWT, endorsements, an inline context, a refused
 * input), named by their keys' first part. `other` is the rest: why a check failed or could not
 * be done, warnings, other proof formats; one more request, for a verdict that needs it.
 */

/** Groups named by the first part of their keys. */
export const FEATURE_GROUPS = Object.freeze(['endorsement', 'input', 'inline-context', 'jose', 'sd-jwt']);

/** Every group, `core` first. */
export const MESSAGE_GROUPS = Object.freeze(['core', ...FEATURE_GROUPS, 'other']);

/** A passed check's message (`<check>.passed`, `<check>.passed.<variant>`), or a validity or status sentence. */
const CORE = /^[a-z-]+\.passed(\.|$)|^(valid-from|valid-until|status)\./;

/**
 * The group of a message key.
 * @param {string} key
 * @returns {string} one of MESSAGE_GROUPS
 */
export function messageGroup(key) {
  const first = key.split('.', 1)[0];
  if (FEATURE_GROUPS.includes(first)) return first;
  return CORE.test(key) ? 'core' : 'other';
}
