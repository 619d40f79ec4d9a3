// The follow-ups due, in the popup when there is no capture to show: each with its note to
// copy, and the button that says it is done ("Invite sent" for an invitation, else "Done",
// logged as a follow-up). The list empties as the user works through it.

import { $, ask, button, el, setStatus } from "./ui.js";

const DONE_AS = { invite: ["Invite sent", "invite_sent"] };
const OTHERWISE = ["Done", "follow_up"];

function item(due, day) {
  const li = el("li");
  const who = el("div", `${due.person.name} `, "who");
  who.append(el("span", `(${due.reason})`, "role"));
  li.append(who);
  const text = el("textarea", null, "text");
  text.value = due.note ?? "";
  text.rows = 3;
  text.readOnly = true;
  text.setAttribute("aria-label", `Note for ${due.person.name}`);
  const copy = button("Copy", "secondary", async () => {
    await navigator.clipboard.writeText(text.value);
    copy.textContent = "Copied";
    setStatus(`Note for ${due.person.name} copied.`);
  });
  const [label, kind] = DONE_AS[due.kind] ?? OTHERWISE;
  const done = button(label, "secondary", async () => {
    done.disabled = true;
    try {
      await ask({ type: "interaction", personId: due.person.id, kind, date: day, eventId: due.event_id, note: kind === "invite_sent" ? text.value : "" });
      li.remove();
      setStatus(`Recorded for ${due.person.name}: ${label.toLowerCase()}.`);
      if (!$("due-items").children.length) $("due-items").append(el("li", "Nothing else is due.", "empty"));
    } catch (error) {
      done.disabled = false;
      setStatus(`Could not record that for ${due.person.name}: ${error.message}`, true);
    }
  });
  const actions = el("div", null, "actions");
  if (due.note) actions.append(copy);
  actions.append(done);
  li.append(...(due.note ? [text] : []), actions);
  return li;
}

export async function showDue() {
  const [due, day] = await Promise.all([ask({ type: "due" }), ask({ type: "today" })]);
  $("due").hidden = false;
  $("due-items").replaceChildren(...due.map((d) => item(d, day)));
  if (!due.length) $("due-items").append(el("li", "No follow-up is due: well done.", "empty"));
}
