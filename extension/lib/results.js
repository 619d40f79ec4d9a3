// The companion's reply to a capture, shown in the popup: the event, people already known,
// a connection note per host or speaker (editable, counted, copyable, with buttons that
// record the invite or the talk), and the prep notes.

import { t } from "./i18n.js";
import { $, ask, button, el, safeLink, setStatus } from "./ui.js";

// The companion sends roles as codes; those it knows are said in the user's language, any
// other is shown as it came.
const ROLES = {
  host: () => t("roleHost"),
  organizer: () => t("roleOrganizer"),
  speaker: () => t("roleSpeaker"),
  attendee: () => t("roleAttendee"),
  member: () => t("roleMember"),
};
const roleLabel = (role) => ROLES[role]?.() ?? role;

// The languages a note can be drafted in, each named in itself (not translated).
const NOTE_LANGUAGES = { en: "English", zh: "中文" };

function eventFacts(event, when, suggestions) {
  const facts = [];
  if (when) facts.push([t("factWhen"), when]);
  if (event.group?.name) facts.push([t("factGroup"), event.group.name]);
  const venue = [event.venue?.name, event.venue?.address].filter(Boolean).join(", ");
  if (venue) facts.push([t("factWhere"), venue]);
  if (event.online) facts.push([t("factOnline"), t("yes")]);
  const named = (roles) => suggestions.filter((s) => roles.includes(s.role)).map((s) => s.person.name);
  if (named(["host", "organizer"]).length) facts.push([t("factHosts"), named(["host", "organizer"]).join(t("listSeparator"))]);
  if (named(["speaker"]).length) facts.push([t("factSpeakers"), named(["speaker"]).join(t("listSeparator"))]);
  if (event.sponsors?.length) facts.push([t("factSponsor"), event.sponsors.join(t("listSeparator"))]);
  if (event.topics?.length) facts.push([t("factTopics"), event.topics.join(t("listSeparator"))]);
  facts.push([t("factGoing"), event.attendee_count ?? t("notShown")]);
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
  who.append(el("span", t("inParens", roleLabel(role)), "role"));
  const text = el("textarea", null, "text");
  text.value = note.text;
  text.rows = 4;
  text.setAttribute("aria-label", t("connectionNoteFor", person.name));
  const count = el("span", null, "count");
  const recount = () => {
    count.textContent = `${length(text.value)}/${limit}`;
    count.classList.toggle("over", length(text.value) > limit);
  };
  text.addEventListener("input", recount);
  recount();
  text.lang = notes.language ?? "";

  const copy = button(t("copy"), "secondary", async () => {
    await navigator.clipboard.writeText(text.value);
    copy.textContent = t("copied");
    setStatus(t("noteCopiedPaste", person.name));
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
        setStatus(t("recordedFor", person.name, done.toLowerCase()));
      } catch (error) {
        node.disabled = false;
        setStatus(t("couldNotRecord", person.name, error.message), true);
      }
    });
    return node;
  };
  const actions = el("div", null, "actions");
  actions.append(count, copy, record(t("inviteSent"), "invite_sent", t("inviteSent")), record(t("weTalked"), "talked", t("talked")));
  li.append(who, languageSwitch(suggestion, event, limit, text, recount), text, actions);
  return li;
}

// Redraft this one note in another language, whatever the notes' setting says.
function languageSwitch({ person, notes }, event, limit, text, recount) {
  const group = el("div", null, "languages");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", t("noteLanguage", person.name));
  const choices = Object.entries(NOTE_LANGUAGES).map(([code, name]) => {
    const choice = button(name, "secondary small", async () => {
      try {
        const drafted = await ask({ type: "notesIn", personId: person.id, eventId: event?.id, language: code });
        text.value = ((limit > 200 && drafted.linkedin_long) || drafted.linkedin).text;
        text.lang = drafted.language;
        recount();
        for (const other of choices) other.setAttribute("aria-pressed", String(other === choice));
      } catch (error) {
        setStatus(error.message, true);
      }
    });
    choice.lang = code;
    choice.setAttribute("aria-pressed", String(code === notes.language));
    return choice;
  });
  group.append(...choices);
  return group;
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
  if (more > 0) list.append(el("li", t("knownMore", more), "more"));
  if (!count) list.append(el("li", t("knownNone"), "empty"));
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
  $("event-title").textContent = event?.title ?? t("captured");
  const facts = $("event-facts");
  facts.replaceChildren();
  for (const [label, value] of event ? eventFacts(event, reply.when, suggestions) : []) {
    facts.append(el("dt", label), el("dd", value));
  }
  renderKnown(known, knownCount(reply));
  $("notes").replaceChildren(...suggestions.map((s) => renderNote(s, event, limit)));
  if (!suggestions.length) $("notes").append(el("li", t("noHostsSpeakers"), "empty"));
  renderPrep(prep);
  $("result").hidden = false;
}

export function summary(reply) {
  const parts = [];
  if (reply.people_added) parts.push(t("newPeople", reply.people_added));
  if (reply.people_updated) parts.push(t("peopleUpdated", reply.people_updated));
  if (knownCount(reply)) parts.push(t("alreadyKnow", knownCount(reply)));
  // A page's sample of those going is not the list: say how much of it was seen.
  if (reply.sample) parts.push(t("attendeesSample", reply.sample.shown, reply.sample.of));
  return parts.length ? t("savedWith", parts.join(t("listSeparator"))) : t("saved");
}
