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

// A packed site (build --pack) has no file per credential: on hosts without a rewrite rule the
// address /c/<id>/ ends here, on the 404 page, which sends it on to the packed pages' router.
const router = document.body.dataset.credentialRouter;
const credentialPath = /\/c\/([a-z2-7]{26,64})\/?(?:index\.html)?$/.exec(location.pathname);
if (router && credentialPath) {
  location.replace(`${router}?id=${credentialPath[1]}`);
}
