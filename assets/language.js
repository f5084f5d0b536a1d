// The root page: send the visitor to the language they chose before, or else the first of their
// browser's preferred languages that the site has. Without JavaScript the page lists both.
const KEY = "credsite-language";
const links = [...document.querySelectorAll(".choices a[data-lang]")];
const available = new Map(links.map((link) => [link.dataset.lang, link.getAttribute("href")]));

function stored() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function preferred() {
  const choice = stored();
  if (choice && available.has(choice)) return choice;
  for (const tag of navigator.languages || [navigator.language]) {
    const lang = String(tag).toLowerCase().split("-")[0];
    if (available.has(lang)) return lang;
  }
  return links.length ? links[0].dataset.lang : null;
}

const lang = preferred();
if (lang) location.replace(available.get(lang));
