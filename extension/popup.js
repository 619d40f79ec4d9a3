// The popup asks the background worker for everything; it never calls the companion itself.
// Every captured string is put on the page with textContent, never as HTML.
"use strict";

const ext = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

function ask(message) {
  return ext.runtime.sendMessage(message).then((answer) => {
    if (!answer) throw new Error("The extension's background worker did not answer.");
    if (!answer.ok) throw new Error(answer.error);
    return answer.data;
  });
}

// The tab to capture: ?tabId=N (tests, or a popup opened in a tab), else the active tab of
// this window (the toolbar popup), else the most recently used web page.
async function targetTab() {
  const wanted = Number(new URLSearchParams(location.search).get("tabId"));
  if (wanted) return ext.tabs.get(wanted);
  const [active] = await ext.tabs.query({ active: true, currentWindow: true });
  if (active && /^https?:/.test(active.url ?? "")) return active;
  const tabs = await ext.tabs.query({});
  return tabs
    .filter((t) => /^https?:/.test(t.url ?? ""))
    .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function safeLink(text, href) {
  try {
    const url = new URL(href);
    if (url.protocol !== "https:" && url.protocol !== "http:") return el("span", text);
    const a = el("a", text);
    a.href = url.href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  } catch {
    return el("span", text);
  }
}

function setStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

function eventFacts(event, when, suggestions) {
  const facts = [];
  if (when) facts.push(["When", when]);
  if (event.group?.name) facts.push(["Group", event.group.name]);
  const venue = [event.venue?.name, event.venue?.address].filter(Boolean).join(", ");
  if (venue) facts.push(["Where", venue]);
  if (event.online) facts.push(["Online", "yes"]);
  const hosts = suggestions.filter((s) => s.role === "host" || s.role === "organizer").map((s) => s.person.name);
  if (hosts.length) facts.push(["Hosts", hosts.join(", ")]);
  const speakers = suggestions.filter((s) => s.role === "speaker").map((s) => s.person.name);
  if (speakers.length) facts.push(["Speakers", speakers.join(", ")]);
  if (event.sponsors?.length) facts.push(["Sponsor", event.sponsors.join(", ")]);
  if (event.topics?.length) facts.push(["Topics", event.topics.join(", ")]);
  facts.push(["Going", event.attendee_count ?? "not shown"]);
  return facts;
}

function renderNote(suggestion) {
  const note = suggestion.notes.linkedin;
  const li = el("li");
  const who = el("div", `${suggestion.person.name} `, "who");
  who.append(el("span", `(${suggestion.role})`, "role"));
  const text = el("p", note.text, "text");
  const copy = el("button", "Copy", "secondary copy");
  copy.type = "button";
  copy.addEventListener("click", async () => {
    await navigator.clipboard.writeText(note.text);
    copy.textContent = "Copied";
    setStatus(`Note for ${suggestion.person.name} copied: paste it into LinkedIn.`);
  });
  const count = el("span", `${note.length}/${note.limit}`, "count");
  li.append(who, text, copy, count);
  return li;
}

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

function render(reply) {
  const { event, suggestions = [], prep_notes: prep = [] } = reply;
  $("event-title").textContent = event?.title ?? "Captured";
  const facts = $("event-facts");
  facts.replaceChildren();
  for (const [label, value] of event ? eventFacts(event, reply.when, suggestions) : []) {
    facts.append(el("dt", label), el("dd", value));
  }
  $("notes").replaceChildren(...suggestions.map(renderNote));
  if (!suggestions.length) $("notes").append(el("li", "No hosts or speakers named on this page."));
  renderPrep(prep);
  $("result").hidden = false;
}

async function onCapture() {
  const button = $("capture");
  button.disabled = true;
  setStatus("Capturing…");
  try {
    const tab = await targetTab();
    if (!tab) throw new Error("Open an event page first, then click Capture.");
    const reply = await ask({ type: "capture", tabId: tab.id });
    render(reply);
    const added = reply.people_added ? `, ${reply.people_added} new people` : "";
    setStatus(`Saved${added}.`);
  } catch (error) {
    setStatus(error.message, true);
  } finally {
    button.disabled = false;
  }
}

$("capture").addEventListener("click", onCapture);
ask({ type: "status" }).then(
  () => setStatus("Companion connected."),
  (error) => setStatus(error.message, true),
);
