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
