// Copy buttons and live character counts on the review pages. Text only: nothing here
// builds HTML, so captured strings stay inert.
"use strict";

document.querySelectorAll("button[data-copy]").forEach((button) => {
  button.addEventListener("click", async () => {
    const box = document.getElementById(button.dataset.copy);
    const said = button.parentElement.querySelector(".copied");
    try {
      await navigator.clipboard.writeText(box.value);
      said.textContent = "Copied";
    } catch {
      box.select();
      said.textContent = "Select and copy with Ctrl+C";
    }
  });
});

// `length` counts UTF-16 code units, as LinkedIn's box does (and notes.note_length).
document.querySelectorAll("textarea[data-limit]").forEach((box) => {
  const count = document.getElementById(`${box.id}-count`);
  const limit = Number(box.dataset.limit);
  const update = () => {
    count.textContent = `${box.value.length} / ${limit}`;
    count.classList.toggle("over", box.value.length > limit);
  };
  box.addEventListener("input", update);
  update();
});
