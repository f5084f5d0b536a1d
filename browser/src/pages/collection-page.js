/**
 * The script of a learner's collection page (/l/<id>/, bundled by build.mjs as collection-page.js),
 * and of a private site's collection router (/l/#<id>: templates/collection-router.html,
 * #collection-pack), which first opens the collection's page from its pack (pack.js), as a credential
 * router does. The DOM contract of the page is written by templates/collection.html:
 *
 *   #collection[data-state]        checking → checked
 *   #collection-data               the page's data (JSON): the language, each credential's token, page
 *                                  and file (null on a packed site: then `router`, the packs' router
 *                                  page, says where its pack is), the tracks' file, the texts it writes
 *   #collection-credentials > li[data-token][data-state]  checking → the credential's verdict
 *   #collection-total[data-ec]     the EC earned
 *   #collection-tracks > li[data-track]  each track with an earned module: its progress
 *
 * It fetches each credential's file from this site and verifies it with the verifier of the
 * credential pages (the same fetchJson and local DID document as theirs: page-fetch.js), one after
 * the other, sharing the fetches of the DID document and the status lists. What counts, and how,
 * is collection-progress.js: only what the verified credentials' signed views say, and the tracks'
 * file of the catalogue. A credential's name is shown once it is authentic, read from its view.
 * Nothing from a credential or the tracks' file is ever parsed as HTML.
 */
import { verifyCredential } from '../verifier/bundled-verifier.js';
import { webCryptoHasEd25519 } from '../verifier/ed25519.js';
import { stateTitle } from '../verifier/rulebook.js';
import { issuerIdOf } from '../verifier/structure.js';
import { credentialFields } from './credential-fields.js';
import { countsTowardsCredits, earnedBy, fill, formatEc, summarize } from './collection-progress.js';
import { createFetchJson, documentsToPrefetch, localDidFor, memoizeFetch, siteContext } from './page-fetch.js';

const byId = (id) => document.getElementById(id);

/** The page's data island, or null when the page has none (not a collection page). */
function readData() {
  const island = byId('collection-data');
  try {
    return island ? JSON.parse(island.textContent) : null;
  } catch {
    return null;
  }
}

/**
 * A packed site has no credential files: each credential is read from its page in its pack, where
 * the router page (c/index.html) says the packs are. The page is parsed inert; only the text of
 * its #credential-json is used.
 */
async function packedReader(routerUrl) {
  const response = await fetch(routerUrl, { credentials: 'omit', redirect: 'error' });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${routerUrl}`);
  const router = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('credential-pack');
  if (!router) throw new Error(`${routerUrl} is not the packs' router page`);
  const where = { packs: new URL(router.dataset.packs, routerUrl).href, digits: Number(router.dataset.digits) };
  const { openPack } = await import('./pack.js');
  return async (token) => {
    const page = await openPack(token, where);
    const body = new DOMParser().parseFromString(`<!doctype html><body>${page.body}`, 'text/html');
    const json = body.getElementById('credential-json');
    if (!json) throw new Error('the page in the pack carries no credential');
    return JSON.parse(json.textContent);
  };
}

/** A result for a credential that could not be fetched or checked (the verdict "could not check"). */
function failed(e) {
  const message = `${e && e.message ? e.message : e}`;
  return { state: 'error', checks: [{ id: 'internal', outcome: 'failed', message: { nl: message, en: message } }], credential: null };
}

/** Fetch and verify one credential of the collection. */
async function check(entry, read, network, site) {
  try {
    const credential = await read(entry);
    const localDid = localDidFor(issuerIdOf(credential), site);
    network.prefetch(documentsToPrefetch(credential, localDid, site.base));
    return await verifyCredential(credential, { fetchJson: network.fetchJson, localDid });
  } catch (e) {
    return failed(e);
  }
}

/** Show one credential's verdict, and once it is authentic its name and, when it counts, its EC. */
function showCredential(item, result, counted, lang, texts) {
  item.dataset.state = result.state;
  item.querySelector('.collection-verdict').textContent = stateTitle(result.state, lang) || result.state;
  const view = result.credential;
  if (!view) return;
  const name = credentialFields(view, lang).name;
  const link = item.querySelector('.collection-name');
  if (name) link.textContent = name;
  const credentialLang = credentialLanguage(view);
  if (credentialLang && credentialLang !== lang) link.lang = credentialLang;
  const earned = counted ? earnedBy(view) : null;
  item.querySelector('.collection-ec').textContent = earned && earned.ec ? fill(texts.ec, { ec: formatEc(earned.ec, lang) }) : '';
}

/** The language of a credential's achievement, when it says one. */
function credentialLanguage(view) {
  const achievement = view.credentialSubject && view.credentialSubject.achievement;
  const lang = achievement && !Array.isArray(achievement) ? achievement.inLanguage : null;
  return typeof lang === 'string' ? lang : null;
}

/** Each track with an earned module: its title (a link to its page), its progress in words and as a bar. */
function showTracks(progress, lang, texts, rootUrl) {
  const list = byId('collection-tracks');
  if (!list) return;
  list.replaceChildren(
    ...progress.map((track) => {
      const item = document.createElement('li');
      Object.assign(item.dataset, { track: track.slug, modules: track.modules, totalModules: track.totalModules, ec: track.ec, totalEc: track.totalEc ?? '' });
      const title = document.createElement('a');
      title.className = 'collection-track-title';
      title.id = `collection-track-${track.slug}`;
      title.href = new URL(track.url, rootUrl).href;
      title.textContent = track.title;
      const words = document.createElement('span');
      words.className = 'collection-track-progress';
      words.textContent = fill(texts.track_progress, { modules: track.modules, total_modules: track.totalModules, ec: formatEc(track.ec, lang), total_ec: formatEc(track.totalEc ?? 0, lang) });
      const bar = document.createElement('progress');
      bar.max = track.totalModules;
      bar.value = track.modules;
      bar.setAttribute('aria-labelledby', title.id);
      item.append(title, ' ', words, bar);
      return item;
    }),
  );
  byId('collection-tracks-section').hidden = progress.length === 0;
}

/** The tracks' file: the catalogue's tracks; none when it cannot be read (the total still shows). */
async function readTracks(data, network) {
  try {
    const file = await network.fetchJson(new URL(data.tracks, location.href).href);
    return file && Array.isArray(file.tracks) ? file.tracks : [];
  } catch {
    return [];
  }
}

/**
 * A private site's collection router: its page is in l/packs/, sealed under the collection's id in
 * the fragment; pack.js puts it in place (parsed inert, its data island kept) or says why not.
 */
async function unpack(router) {
  try {
    return await (await import('./pack.js')).showPacked(router, 'l');
  } catch {
    router.dataset.state = 'error'; // pack.js could not be loaded
    return false;
  }
}

async function main() {
  const router = byId('collection-pack');
  if (router && !(await unpack(router))) return;
  const section = byId('collection');
  const data = readData();
  if (!section || !data) return;
  const { lang, texts } = data;
  const site = siteContext(section.dataset, location.href);
  webCryptoHasEd25519(); // the one-time probe, beside the first canonicalization
  const network = memoizeFetch(createFetchJson(site));
  let packed = null;
  const read = async (entry) => {
    if (entry.json) return network.fetchJson(new URL(entry.json, location.href).href);
    packed ??= packedReader(new URL(data.router, location.href).href);
    return (await packed)(entry.token);
  };
  const tracks = readTracks(data, network);
  const earned = [];
  let counted = 0;
  for (const entry of data.credentials) {
    const item = document.querySelector(`#collection-credentials > li[data-token="${entry.token}"]`);
    const result = await check(entry, read, network, site);
    const counts = countsTowardsCredits(result, site.did);
    const what = counts ? earnedBy(result.credential) : null;
    if (counts) counted += 1;
    if (what) earned.push(what);
    if (item) showCredential(item, result, counts, lang, texts);
  }
  const summary = summarize(earned, await tracks);
  const total = byId('collection-total');
  total.textContent = fill(texts.ec, { ec: formatEc(summary.total, lang) });
  total.dataset.ec = String(summary.total);
  showTracks(summary.tracks, lang, texts, site.rootUrl);
  byId('collection-status').textContent = fill(texts.checked, { counted, count: data.credentials.length });
  section.dataset.state = 'checked';
}

main();
