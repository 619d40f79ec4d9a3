// The follow-ups due, in the popup when there is no capture to show: each with its note to
// copy, and the button that says it is done ("Invite sent" for an invitation, else "Done",
// logged as a follow-up). The list empties as the user works through it.

import { t } from "./i18n.js";
import { $, ask, button, el, setStatus } from "./ui.js";

const doneAs = (kind) => (kind === "invite" ? [t("inviteSent"), "invite_sent"] : [t("done"), "follow_up"]);

function item(due, day) {
  const li = el("li");
  const who = el("div", `${due.person.name} `, "who");
  who.append(el("span", t("inParens", due.reason), "role"));
  li.append(who);
  const text = el("textarea", null, "text");
  text.value = due.note ?? "";
  text.rows = 3;
  text.readOnly = true;
  text.setAttribute("aria-label", t("noteFor", due.person.name));
  const copy = button(t("copy"), "secondary", async () => {
    await navigator.clipboard.writeText(text.value);
    copy.textContent = t("copied");
    setStatus(t("noteCopied", due.person.name));
  });
  const [label, kind] = doneAs(due.kind);
  const done = button(label, "secondary", async () => {
    done.disabled = true;
    try {
      await ask({ type: "interaction", personId: due.person.id, kind, date: day, eventId: due.event_id, note: kind === "invite_sent" ? text.value : "" });
      li.remove();
      setStatus(t("recordedFor", due.person.name, label.toLowerCase()));
      if (!$("due-items").children.length) $("due-items").append(el("li", t("nothingElseDue"), "empty"));
    } catch (error) {
      done.disabled = false;
      setStatus(t("couldNotRecord", due.person.name, error.message), true);
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
  if (!due.length) $("due-items").append(el("li", t("noFollowUpDue"), "empty"));
}
