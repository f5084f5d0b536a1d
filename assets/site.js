// Remembers the language a visitor chose with the language switch, so the root page can send
// them there next time. Nothing else is stored, and nothing leaves the browser.
const KEY = "credsite-language";

for (const link of document.querySelectorAll("a[data-lang]")) {
  link.addEventListener("click", () => {
    try {
      localStorage.setItem(KEY, link.dataset.lang);
    } catch {
      // Storage may be disabled (private mode); the choice simply is not remembered.
    }
  });
}

// A link in another mode's form than this site's ends here, on the 404 page, which sends it on
// (a site switched to or from private mode keeps its old links: docs/publishing.md). The body
// says this site's form (data-link-form): path, a file per page (/c/<id>/, /l/<id>/); query, a
// packed site's router (/c/?id=<id>); fragment, private mode (/c/#<id>, /l/#<id>), where the id
// never reaches the host again. A link already in this site's form whose page is missing stays here.
function forwardTo(href, { credentialRouter, collectionRouter, linkForm = "query" }) {
  const url = new URL(href);
  const id = "([a-z2-7]{26,64})";
  const routers = [["c", credentialRouter], ["l", collectionRouter]];
  for (const [folder, router] of routers) {
    if (!router) continue;
    const inPath = new RegExp(`/${folder}/${id}/?(?:index\\.html)?$`).exec(url.pathname);
    const atRouter = new RegExp(`/${folder}/(?:index\\.html)?$`).test(url.pathname);
    const asked = atRouter && (new RegExp(`^#${id}$`).exec(url.hash) || new RegExp(`^${id}$`).exec(url.searchParams.get("id") || ""));
    const found = inPath || asked;
    if (!found) continue;
    const forms = { path: `${router}${found[1]}/`, query: folder === "c" ? `${router}?id=${found[1]}` : null, fragment: `${router}#${found[1]}` };
    const target = forms[linkForm] ?? null;
    return target && new URL(target, url).href !== url.href ? target : null;
  }
  return null;
}

const target = forwardTo(location.href, document.body.dataset);
if (target) location.replace(target);
