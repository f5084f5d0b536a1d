/**
 * Where an Open Badges credential carries endorsements (endorsements.js verifies them), apart from
 * their verification: the verifier asks carriesEndorsements() of every authentic credential, and
 * loads endorsements.js (a chunk of the page bundles) only for one that carries any.
 */

/** Where endorsements are attached: the name reported, and the path from the credential. */
export const PLACES = Object.freeze([
  ['credential', []],
  ['issuer', ['issuer']],
  ['achievement', ['credentialSubject', 'achievement']],
]);
export const KEYS = Object.freeze(['endorsement', 'endorsementJwt']);

export function isObject(value) {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

export function asList(value) {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The objects at `path` (a list on the way counts as each of its objects). */
export function nodesAt(root, path) {
  let nodes = [root];
  for (const key of path) nodes = nodes.flatMap((node) => asList(node[key]));
  return nodes.filter(isObject);
}

/**
 * Whether a credential's signed view carries any endorsement at one of the PLACES.
 * @param {object} view
 */
export function carriesEndorsements(view) {
  return PLACES.some(([, path]) => nodesAt(view, path).some((node) => KEYS.some((key) => asList(node[key]).length > 0)));
}
