// Catalogue filters. The page is a complete list without JavaScript; this script reveals the
// filter form, filters the list as the visitor types or ticks, and keeps the filter state in the
// URL (?eqf=6&participation=online…) so a filtered view can be shared and bookmarked.
//
// Checkbox groups are generic: each <fieldset data-filter="NAME"> holds checkboxes named NAME,
// and each card lists its values in data-filter-NAME (a JSON list); a card matches a group when
// one of its values is ticked. The groups are defined in credsite/catalogue/filters.py. Search,
// the EC range, "stackable" and "starts soon" are not groups of values and are matched by name.

const form = document.getElementById("filters");
const list = document.getElementById("modules");
const count = document.getElementById("result-count");
const empty = document.getElementById("no-results");
const cards = list ? [...list.querySelectorAll(":scope > .card")] : [];
const groups = form
  ? [...form.querySelectorAll("fieldset[data-filter]")].map((fieldset) => fieldset.dataset.filter)
  : [];
const cardValues = new Map(cards.map((card) => [card, valuesOf(card)]));
const today = new Date().toISOString().slice(0, 10);

function isoDaysFromNow(days) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The card's values for every checkbox group, read once. */
function valuesOf(card) {
  const values = {};
  for (const name of groups) {
    values[name] = JSON.parse(card.getAttribute(`data-filter-${name}`) || "[]");
  }
  return values;
}

function words(value) {
  return value ? value.split(" ").filter(Boolean) : [];
}

function state() {
  const data = new FormData(form);
  const result = {
    q: String(data.get("q") || "").trim().toLowerCase(),
    ecMin: parseFloat(String(data.get("ec_min") || "").replace(",", ".")),
    ecMax: parseFloat(String(data.get("ec_max") || "").replace(",", ".")),
    stackable: data.has("stackable"),
    soon: data.has("soon"),
    ticked: {},
  };
  for (const name of groups) result.ticked[name] = data.getAll(name).map(String);
  return result;
}

function upcoming(card) {
  return words(card.dataset.starts).filter((start) => start >= today);
}

function matches(card, s, soonLimit) {
  const d = card.dataset;
  if (s.q && !s.q.split(/\s+/).every((word) => d.search.includes(word))) return false;
  const ec = d.ec === "" ? NaN : parseFloat(d.ec);
  if (!Number.isNaN(s.ecMin) && !(ec >= s.ecMin)) return false;
  if (!Number.isNaN(s.ecMax) && !(ec <= s.ecMax)) return false;
  const values = cardValues.get(card);
  for (const name of groups) {
    const ticked = s.ticked[name];
    if (ticked.length && !values[name].some((value) => ticked.includes(value))) return false;
  }
  if (s.stackable && d.stackable !== "true") return false;
  if (s.soon && !upcoming(card).some((start) => start <= soonLimit)) return false;
  return true;
}

function apply() {
  const s = state();
  const soonLimit = isoDaysFromNow(Number(form.dataset.soonDays || 90));
  let shown = 0;
  for (const card of cards) {
    const visible = matches(card, s, soonLimit);
    card.hidden = !visible;
    if (visible) shown += 1;
  }
  count.textContent = form.dataset.countTemplate
    .replace("{n}", String(shown))
    .replace("{total}", String(cards.length));
  empty.hidden = shown > 0;
  writeUrl();
}

function writeUrl() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (String(value).trim() !== "") params.append(name, String(value).trim());
  }
  const query = params.toString();
  const url = query ? `${location.pathname}?${query}` : location.pathname;
  history.replaceState(null, "", url + location.hash);
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  for (const element of form.elements) {
    if (!element.name) continue;
    const values = params.getAll(element.name);
    if (element.type === "checkbox") element.checked = values.includes(element.value);
    else if (values.length) element.value = values[0];
  }
}

/** Show only the start dates still to come; past ones stay in the static page for no-JS users. */
function markPastStarts() {
  for (const card of cards) {
    const items = [...card.querySelectorAll(".start-dates > li")];
    let left = 0;
    for (const item of items) {
      const past = item.dataset.start < today;
      item.hidden = past;
      if (!past) left += 1;
    }
    const none = card.querySelector(".no-start");
    if (none && items.length) none.hidden = left > 0;
  }
}

if (form && list) {
  readUrl();
  markPastStarts();
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(apply, 0));
  apply();
}
