// Small progressive enhancements; the pages work without them.
document.addEventListener("DOMContentLoaded", () => {
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
  const groups = document.querySelectorAll("details[data-nav-group]");
  for (const group of groups) {
    group.addEventListener("toggle", () => {
      if (!group.open) return;
      for (const other of groups) if (other !== group) other.open = false;
    });
  }
  document.addEventListener("click", (event) => {
    for (const group of groups) if (!group.contains(event.target)) group.open = false;
  });
  // Pickers: Enter or the down arrow in the search field moves to the list it filled
  // (Enter would otherwise submit the form half-filled).
  document.addEventListener("keydown", (event) => {
    const search = event.target.closest && event.target.closest("[data-picker-search]");
    if (!search || (event.key !== "Enter" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    const list = document.getElementById(search.getAttribute("aria-controls"));
    if (list) list.focus();
  });
  const toggle = document.querySelector("[data-nav-toggle]");
  if (toggle) {
    toggle.addEventListener("click", () => {
      const open = document.body.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
});
