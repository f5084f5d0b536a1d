/**
 * The texts a page has at hand in each language: the interface labels (credsite/catalogue/labels.py)
 * and the verifier's sentences (../verifier/messages.js, in the groups of ../verifier/message-groups.js).
 *
 * The page scripts carry them per language and per group, in modules build.mjs writes
 * (`credsite:language-<lang>`: a language's labels, its `core` sentences and the other languages'
 * names; `credsite:messages-<group>-<lang>`: another group's sentences). Each registers its texts
 * here when it runs. A credential page's script, credential-page-<lang>.js, brings its own
 * language's module, so a credential page of our own site holds the sentences of its usual
 * verdicts in its own language and loads nothing more for them; ensureTexts loads the rest when a
 * result or a language switch needs it: a failing check's sentences, a JWT's, an endorsement's,
 * another language's labels.
 */
import loaders from 'credsite:text-loaders';
import { messageGroup } from '../verifier/message-groups.js';
import { messageKeys, registerMessages } from '../verifier/messages.js';

/** The labels at hand: {lang: {key: text}}, filled in as modules of texts run. */
export const LABELS = {};

/** The text modules that ran, by name (`language-nl`, `messages-other-en`). */
const loaded = new Set();

/**
 * Take in the texts of one module of texts (called by the module when it runs).
 * @param {string} name the module's name, as in `credsite:text-loaders`
 * @param {string} lang the language of its sentences
 * @param {{messages?: Record<string, string>, labels?: Record<string, Record<string, string>>}} texts
 */
export function registerTexts(name, lang, { messages = {}, labels = {} }) {
  registerMessages(lang, messages);
  for (const [labelLang, table] of Object.entries(labels)) LABELS[labelLang] = { ...LABELS[labelLang], ...table };
  loaded.add(name);
}

/** Whether the page can show itself in `lang` (its texts exist, loaded or not). */
export function canShow(lang) {
  return Object.hasOwn(loaders, `language-${lang}`);
}

/** Whether the labels and core sentences of `lang` are at hand. */
export function hasTexts(lang) {
  return loaded.has(`language-${lang}`);
}

/** The module of texts that holds a message group in `lang`. */
function moduleOf(group, lang) {
  return group === 'core' ? `language-${lang}` : `messages-${group}-${lang}`;
}

/**
 * Load the texts that showing `value` (a result, a text) in `lang` needs and that are not here
 * yet: the language's labels and core sentences, and the groups of the messages in `value`, and
 * of `groups`. Never rejects: a module that cannot be loaded (the connection dropped) leaves its
 * texts out, and the page shows what it has (a message falls back to English, then to nothing).
 * @param {string} lang
 * @param {unknown} [value]
 * @param {string[]} [groups] message groups to load besides those of `value`
 * @returns {Promise<void>}
 */
export async function ensureTexts(lang, value = null, groups = []) {
  const wanted = new Set([moduleOf('core', lang), ...groups.map((group) => moduleOf(group, lang))]);
  for (const key of messageKeys(value)) wanted.add(moduleOf(messageGroup(key), lang));
  const missing = [...wanted].filter((name) => !loaded.has(name) && Object.hasOwn(loaders, name));
  await Promise.all(missing.map((name) => loaders[name]().catch(() => {})));
}
