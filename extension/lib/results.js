// The companion's reply to a capture, shown in the popup: the event, people already known,
// a connection note per host or speaker (editable, counted, copyable, with buttons that
// record the invite or the talk), and the prep notes.

import { $, ask, button, el, safeLink, setStatus } from "./ui.js";

function eventFacts(event, when, suggestions) {
  const facts = [];
  if (when) facts.push(["When", when]);
  if (event.group?.name) facts.push(["Group", event.group.name]);
  const venue = [event.venue?.name, event.venue?.address].filter(Boolean).join(", ");
  if (venue) facts.push(["Where", venue]);
  if (event.online) facts.push(["Online", "yes"]);
  const named = (roles) => suggestions.filter((s) => roles.includes(s.role)).map((s) => s.person.name);
  if (named(["host", "organizer"]).length) facts.push(["Hosts", named(["host", "organizer"]).join(", ")]);
  if (named(["speaker"]).length) facts.push(["Speakers", named(["speaker"]).join(", ")]);
  if (event.sponsors?.length) facts.push(["Sponsor", event.sponsors.join(", ")]);
  if (event.topics?.length) facts.push(["Topics", event.topics.join(", ")]);
  facts.push(["Going", event.attendee_count ?? "not shown"]);
  return facts;
}

// The user's local date: an interaction happens on the day the user sees.
function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// As LinkedIn's box counts (UTF-16 code units: an emoji is two); the companion's
// notes.note_length and the review pages count the same way.
const length = (text) => text.length;

export function renderNote(suggestion, event, limit) {
  const { person, role, notes } = suggestion;
  const note = (limit > 200 && notes.linkedin_long) || notes.linkedin;
  const li = el("li");
  const who = el("div", `${person.name} `, "who");
  who.dir = "auto"; // a Hebrew or Arabic name reads right to left
  who.append(el("span", `(${role})`, "role"));
  const text = el("textarea", null, "text");
  text.value = note.text;
  text.rows = 4;
  text.setAttribute("aria-label", `Connection note for ${person.name}`);
  const count = el("span", null, "count");
  const recount = () => {
    count.textContent = `${length(text.value)}/${limit}`;
    count.classList.toggle("over", length(text.value) > limit);
  };
  text.addEventListener("input", recount);
  recount();

  const copy = button("Copy", "secondary", async () => {
    await navigator.clipboard.writeText(text.value);
    copy.textContent = "Copied";
    setStatus(`Note for ${person.name} copied: paste it into LinkedIn.`);
  });
  const record = (label, kind, done) => {
    const node = button(label, "secondary", async () => {
      node.disabled = true;
      try {
        await ask({
          type: "interaction",
          personId: person.id,
          kind,
          date: today(),
          eventId: event?.id,
          note: kind === "invite_sent" ? text.value : "",
        });
        node.textContent = `${done} ✓`;
        setStatus(`Recorded for ${person.name}: ${done.toLowerCase()}.`);
      } catch (error) {
        node.disabled = false;
        setStatus(`Could not record that for ${person.name}: ${error.message}`, true);
      }
    });
    return node;
  };
  const actions = el("div", null, "actions");
  actions.append(count, copy, record("Invite sent", "invite_sent", "Invite sent"), record("We talked", "talked", "Talked"));
  li.append(who, text, actions);
  return li;
}

// The companion names the people you know best and counts the rest (a large list may hold
// hundreds): the event's page in Hallway lists everyone.
function renderKnown(people, count) {
  const list = $("known");
  list.replaceChildren();
  for (const person of people) {
    const li = el("li");
    const name = person.profile_url ? safeLink(person.name, person.profile_url) : el("span", person.name);
    name.dir = "auto";
    li.append(name);
    if (person.headline) li.append(el("span", ` · ${person.headline}`, "headline"));
    list.append(li);
  }
  const more = count - people.length;
  if (more > 0) list.append(el("li", `And ${more} more you have met before: see the event in Hallway.`, "more"));
  if (!count) list.append(el("li", "Nobody you have met before, as far as Hallway knows.", "empty"));
}

const knownCount = (reply) => reply.known_count ?? reply.known_people?.length ?? 0;

function renderPrep(sections) {
  const container = $("prep");
  container.replaceChildren();
  sections.forEach((section, index) => {
    const details = el("details");
    details.open = index === 0;
    details.append(el("summary", section.title));
    const list = el("ul");
    for (const item of section.items) {
      const li = el("li");
      li.append(item.link ? safeLink(item.text, item.link) : el("span", item.text));
      list.append(li);
    }
    for (const question of section.questions ?? []) list.append(el("li", question, "questions"));
    details.append(list);
    container.append(details);
  });
}

export function render(reply, limit) {
  const { event, suggestions = [], prep_notes: prep = [], known_people: known = [] } = reply;
  $("event-title").textContent = event?.title ?? "Captured";
  const facts = $("event-facts");
  facts.replaceChildren();
  for (const [label, value] of event ? eventFacts(event, reply.when, suggestions) : []) {
    facts.append(el("dt", label), el("dd", value));
  }
  renderKnown(known, knownCount(reply));
  $("notes").replaceChildren(...suggestions.map((s) => renderNote(s, event, limit)));
  if (!suggestions.length) $("notes").append(el("li", "No hosts or speakers named on this page.", "empty"));
  renderPrep(prep);
  $("result").hidden = false;
}

export function summary(reply) {
  const parts = [];
  if (reply.people_added) parts.push(`${reply.people_added} new people`);
  if (reply.people_updated) parts.push(`${reply.people_updated} updated`);
  if (knownCount(reply)) parts.push(`${knownCount(reply)} you already know`);
  // A page's sample of those going is not the list: say how much of it was seen.
  if (reply.sample) parts.push(`attendees ${reply.sample.shown} of ${reply.sample.of} shown (Capture all on the attendee list reads them all)`);
  return `Saved${parts.length ? `: ${parts.join(", ")}` : ""}.`;
}
