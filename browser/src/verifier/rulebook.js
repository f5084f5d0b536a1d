/**
 * The verifier rulebook, credsite/data/verifier-rules.json: the check ids in report order (with the
 * checks each one needs), the rules that turn the checks' outcomes into a verdict, each verdict's
 * title and sentence, and the constants both verifiers share. The Python verifier reads the same
 * file (credsite/standards/rulebook.py), so that both reach the same verdict through the same checks.
 * Nothing here names a cryptosuite: the accepted suites are those registered (cryptosuites/).
 */
import RULES from '../../../credsite/data/verifier-rules.json' with { type: 'json' };

export { RULES };

/** Every verdict, in the rulebook's order. */
export const STATES = Object.freeze(RULES.states.map((s) => s.id));

/** The verdicts in which the credential is authentic: its data may be shown as verified. */
export const AUTHENTIC_STATES = Object.freeze(RULES.states.filter((s) => s.authentic).map((s) => s.id));

/** The outcomes under which a check counts as done for the checks that need it. */
const GOOD = ['passed', 'warning'];

const CHECKS = new Map(RULES.checks.map((c) => [c.id, c]));

/**
 * The outcomes found for each check id: an id may occur several times (one status check per entry).
 * @param {{id: string, outcome: string}[]} checks
 * @returns {Map<string, string[]>}
 */
function outcomesById(checks) {
  const found = new Map();
  for (const c of checks) found.set(c.id, [...(found.get(c.id) ?? []), c.outcome]);
  return found;
}

function applies(rule, found) {
  if (rule.match === undefined) return true;
  if (rule.match === 'any') return rule.checks.some((id) => (found.get(id) ?? []).some((o) => rule.outcomes.includes(o)));
  return !rule.checks.every((id) => found.has(id) && found.get(id).every((o) => rule.outcomes.includes(o)));
}

/**
 * The verdict: the first rule of the rulebook that applies to these checks (the twin of
 * rulebook.verdict_of in Python).
 * @param {{id: string, outcome: string}[]} checks
 * @returns {string}
 */
export function verdictOf(checks) {
  const found = outcomesById(checks);
  return RULES.verdict.find((rule) => applies(rule, found)).state;
}

/**
 * Whether each of `ids` is among the checks and passed or only warned, in every occurrence.
 * @param {{id: string, outcome: string}[]} checks
 * @param {string[]} ids
 */
export function allGood(checks, ids) {
  const found = outcomesById(checks);
  return ids.every((id) => found.has(id) && found.get(id).every((o) => GOOD.includes(o)));
}

/**
 * Whether every check `id` needs (rulebook `needs`) is in `checks` and passed or only warned.
 * @param {{id: string, outcome: string}[]} checks
 * @param {string} id
 */
export function needsMet(checks, id) {
  const check = CHECKS.get(id);
  if (!check) throw new Error(`no check ${id} in the rulebook`);
  return allGood(checks, check.needs);
}

/**
 * The check ids one verifier makes, in report order.
 * @param {'python'|'browser'} verifier
 */
export function checkIds(verifier) {
  return RULES.checks.filter((c) => c.by.includes(verifier)).map((c) => c.id);
}

function stateOf(id) {
  const state = RULES.states.find((s) => s.id === id);
  if (!state) throw new Error(`no state ${id} in the rulebook`);
  return state;
}

/**
 * A verdict's title ("Verified", "Ingetrokken").
 * @param {string} state
 * @param {'nl'|'en'} lang
 */
export function stateTitle(state, lang) {
  return stateOf(state).title[lang];
}

/**
 * "Title: sentence" of a verdict in both languages, with {date} filled; a placeholder without a
 * value is a caller's bug, never a '?'.
 * @param {string} state
 * @param {Record<string, string>} [values]
 * @returns {{nl: string, en: string}}
 */
export function verdictText(state, values = {}) {
  const { title, sentence } = stateOf(state);
  const fill = (text) =>
    text.replace(/\{(\w+)\}/g, (whole, name) => {
      if (values[name] === undefined) throw new Error(`the ${state} sentence needs {${name}}`);
      return values[name];
    });
  return { nl: `${title.nl}: ${fill(sentence.nl)}`, en: `${title.en}: ${fill(sentence.en)}` };
}

/** The OB 3.0 context URLs (the second @context of a badge), matched on the whole string. */
export const OB_CONTEXT_PATTERN = new RegExp(RULES.credential.openBadgeContextPattern);

/** xsd:dateTimeStamp as both verifiers read it (the calendar and ranges are checked in dates.js). */
export const DATE_TIME_PATTERN = new RegExp(RULES.dates.pattern);

/** The small-order Ed25519 public keys, in lower-case hex: a signature under them proves nothing. */
export const SMALL_ORDER_KEYS = new Set(RULES.keys.smallOrderEd25519);

/**
 * The address of credsite's companion suspension list beside a revocation list, or null when
 * `listUrl` is not one of credsite's revocation lists (status.companion).
 * @param {string} listUrl
 * @returns {string|null}
 */
export function suspensionCompanion(listUrl) {
  const { pattern, replacement } = RULES.status.companion;
  const found = new RegExp(pattern).exec(listUrl);
  if (!found) return null;
  return listUrl.slice(0, found.index) + replacement.replace('{number}', found[1]);
}
