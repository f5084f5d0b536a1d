// Catalogue filters. The page is a complete list without JavaScript; this script reveals the
// filter form, filters the list as the visitor types or ticks, and keeps the filter state in the
// URL (?eqf=6&participation=online…) so a filtered view can be shared and bookmarked.

const form = document.getElementById("filters");
const list = document.getElementById("modules");
const count = document.getElementById("result-count");
const empty = document.getElementById("no-results");
const cards = list ? [...list.querySelectorAll(":scope > .card")] : [];
const MULTI = ["eqf", "language", "participation", "assessment", "field", "faculty"];
const today = new Date().toISOString().slice(0, 10);

function isoDaysFromNow(days) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toISOString().slice(0, 10);
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
  };
  for (const name of MULTI) result[name] = data.getAll(name).map(String);
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
  if (s.eqf.length && !s.eqf.includes(d.eqf)) return false;
  if (s.field.length && !s.field.includes(d.iscedField)) return false; // ?field=: the ISCED-F broad field
  if (s.faculty.length && !s.faculty.includes(d.faculty)) return false;
  for (const name of ["language", "participation", "assessment"]) {
    if (s[name].length && !words(d[name]).some((code) => s[name].includes(code))) return false;
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
