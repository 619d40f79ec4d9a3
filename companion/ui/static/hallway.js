// Copy buttons and live character counts on the review pages. Text only: nothing here
// builds HTML, so captured strings stay inert.
"use strict";

document.querySelectorAll("button[data-copy]").forEach((button) => {
  button.addEventListener("click", async () => {
    const box = document.getElementById(button.dataset.copy);
    const said = button.parentElement.querySelector(".copied");
    try {
      await navigator.clipboard.writeText(box.value);
      said.textContent = said.dataset.copied;
    } catch {
      box.select();
      said.textContent = said.dataset.fallback;
    }
  });
});

// `length` counts UTF-16 code units, as LinkedIn's box does (and notes.note_length), so a
// Chinese note and an English one are counted alike.
const counted = (box) => {
  const count = document.getElementById(`${box.id}-count`);
  const limit = Number(box.dataset.limit);
  count.textContent = `${box.value.length} / ${limit}`;
  count.classList.toggle("over", box.value.length > limit);
};
document.querySelectorAll("textarea[data-limit]").forEach((box) => {
  box.addEventListener("input", () => counted(box));
  counted(box);
});

// A person's notes in another language, in place: the link reloads the page without scripts.
document.querySelectorAll("a[data-note-language]").forEach((link) => {
  link.addEventListener("click", async (click) => {
    click.preventDefault();
    const answer = await fetch(link.dataset.notesUrl, { headers: { Accept: "application/json" } });
    if (!answer.ok) {
      window.location.assign(link.href);
      return;
    }
    const notes = await answer.json();
    document.querySelectorAll("textarea[data-note]").forEach((box) => {
      box.value = notes[box.dataset.note].text;
      box.lang = notes.language;
      if (box.dataset.limit) counted(box);
    });
    document.querySelectorAll("a[data-note-language]").forEach((other) => {
      other.setAttribute("aria-current", String(other === link));
    });
  });
});
