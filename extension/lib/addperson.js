// "Add someone you met here": a person on no list the page shows, saved at the captured
// event with what you talked about; their connection note comes back at once. When people of
// that name are already saved, the companion asks first, and the user answers here.

import { t } from "./i18n.js";
import { renderNote } from "./results.js";
import { $, ask, button, el, setStatus } from "./ui.js";

let eventId = null;
let limit = 200;

const FIELDS = ["name", "talked_about", "headline", "linkedin_url"];

function typed() {
  const values = Object.fromEntries(FIELDS.map((f) => [f, $(`add-${f}`).value.trim()]));
  // One box for "headline or company": a headline ("Data engineer at Acme") says both.
  return { ...values, headline: values.headline || null, linkedin_url: values.linkedin_url || null };
}

async function send(extra = {}) {
  $("add-save").disabled = true;
  try {
    const reply = await ask({ type: "addPerson", person: { ...typed(), event_id: eventId, ...extra } });
    if (reply.person) shown(reply);
    else offer(reply);
  } catch (error) {
    setStatus(error.message, true);
  } finally {
    $("add-save").disabled = false;
  }
}

function shown(reply) {
  const { person, notes } = reply;
  $("add-choice").replaceChildren();
  $("add-result").replaceChildren(
    notes ? renderNote({ person, role: t("roleMetHere"), notes }, { id: eventId }, limit) : el("li", person.name),
  );
  $("add-form").reset();
  setStatus(t("personSaved", person.name));
}

function offer(reply) {
  const choice = $("add-choice");
  choice.replaceChildren(el("p", reply.question));
  for (const candidate of reply.candidates) {
    const label = candidate.events?.length
      ? t("yesItIsAt", candidate.name, candidate.events.join(t("listSeparator")))
      : t("yesItIs", candidate.name);
    choice.append(button(label, "secondary", () => send({ same_as: candidate.id })));
  }
  choice.append(button(t("saveNewPerson"), "secondary", () => send({ new: true })));
}

// Shown under a captured event's result; hidden for a listing (there is no one event).
export function offerAdding(event, noteLimit) {
  eventId = event?.id ?? null;
  limit = noteLimit;
  $("add").hidden = eventId === null;
  $("add-choice").replaceChildren();
  $("add-result").replaceChildren();
}

$("add-form").addEventListener("submit", (submitted) => {
  submitted.preventDefault();
  send();
});
