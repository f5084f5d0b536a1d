// Module page: mark start dates that have passed, using the visitor's own date (the static page
// cannot know it when it is built).
const today = new Date().toISOString().slice(0, 10);

for (const offering of document.querySelectorAll(".offering[data-end]")) {
  if (offering.dataset.end < today) {
    offering.classList.add("past");
    offering.querySelector(".past-note")?.removeAttribute("hidden");
    offering.querySelector(".enrol")?.parentElement?.setAttribute("hidden", "");
  }
}
