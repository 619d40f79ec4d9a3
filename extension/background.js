// The only part of the extension that talks to the companion. The popup and the options
// page send it messages; the toolbar button, the context menu and the keyboard shortcut
// start captures; an alarm retries the captures that waited while the companion was down.

import * as capturing from "./lib/capturing.js";
import {
  DEFAULTS,
  CompanionError,
  callCompanion,
  checkCompanion,
  ext,
  settings,
} from "./lib/companion.js";
import { t } from "./lib/i18n.js";
import { requestPairing } from "./lib/pairing.js";
import * as queue from "./lib/queue.js";
import * as nudge from "./lib/nudge.js";
import * as reminders from "./lib/reminders.js";

const MENU_ID = "hallway-capture";
const INTERACTION_KINDS = new Set(["invite_sent", "talked", "follow_up"]);

async function status() {
  const health = await checkCompanion();
  capturing.flushQueue().catch(() => {}); // it answers: a good moment to send what waited
  return health;
}

async function saveSettings(message) {
  await ext.storage.local.set({
    companion: String(message.companion || DEFAULTS.companion).trim(),
    token: String(message.token ?? "").trim(),
  });
  return settings();
}

// The LinkedIn note length is the companion's setting (one source for the popup, the
// options and the review pages); the options page reads and changes it there.
const noteLimit = () => callCompanion("/api/settings").then((s) => s.note_limit);
const setNoteLimit = (limit) =>
  callCompanion("/api/settings", { method: "POST", body: { note_limit: Number(limit) } }).then(
    (s) => s.note_limit,
  );

async function recordInteraction({ personId, kind, date, eventId, note }) {
  if (!INTERACTION_KINDS.has(kind)) throw new CompanionError(t("unknownInteraction"));
  const stored = await callCompanion(`/api/people/${encodeURIComponent(personId)}/interactions`, {
    method: "POST",
    body: { kind, date, event_id: eventId ?? null, note: note ?? "" },
  });
  reminders.refresh();
  return stored;
}

// One person's notes again, in the language asked for (the popup's per-note switch).
function notesIn({ personId, eventId, language }) {
  const query = new URLSearchParams({ language });
  if (eventId != null) query.set("event", eventId);
  return callCompanion(`/api/people/${encodeURIComponent(personId)}/notes?${query}`);
}

// A capture may bring people whose follow-up is due: the badge counts them afterwards.
const thenRefresh = (promise) => promise.finally(() => reminders.refresh());

const handlers = {
  capture: (m) => thenRefresh(capturing.start(m.tabId, false)),
  captureAll: (m) => thenRefresh(capturing.start(m.tabId, true)),
  stopList: (m) => capturing.stopList(m.tabId),
  lastResult: (m) => capturing.lastResult(m.tabId),
  status: () => status(),
  queue: () => queue.summary(),
  retryQueue: async () => {
    await checkCompanion();
    await capturing.flushQueue();
    return queue.summary();
  },
  dismissWarning: () => queue.dismissWarning(),
  interaction: (m) => recordInteraction(m),
  notesIn: (m) => notesIn(m),
  due: () => reminders.dueNow(),
  today: () => reminders.today(),
  refreshBadge: () => reminders.refresh(),
  nudge: () => nudge.choice(),
  setNudge: async (m) => {
    await ext.storage.local.set({ nudge: { ...(await nudge.choice()), on: Boolean(m.on), time: m.time || nudge.DEFAULT_TIME } });
    await nudge.schedule();
    return nudge.choice();
  },
  addPerson: (m) => callCompanion("/api/people", { method: "POST", body: m.person }),
  settings: () => settings(),
  noteLimit: () => noteLimit(),
  setNoteLimit: (m) => setNoteLimit(m.limit),
  saveSettings: (m) => saveSettings(m),
  unpair: () => ext.storage.local.set({ token: "" }),
  requestPairing: () =>
    requestPairing((code, approveAt) =>
      ext.runtime.sendMessage({ type: "pairing-code", code, approveAt }).catch(() => {}),
    ),
};

ext.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  const handler = handlers[message?.type];
  if (!handler) return false; // progress reports from the page are for the popup
  Promise.resolve()
    .then(() => handler(message))
    .then((data) => sendResponse({ ok: true, data: data ?? null }))
    .catch((error) => sendResponse({ ok: false, error: capturing.message(error) }));
  return true; // the answer comes asynchronously
});

// Context menu and shortcut: the user's gesture grants activeTab for this tab. The popup,
// opened when the browser allows it, shows the result (it waits for the capture).
function captureFromGesture(tab) {
  if (!tab?.id) return;
  ext.action.openPopup?.().catch(() => {});
  try {
    thenRefresh(capturing.start(tab.id, false)).catch(() => {});
  } catch {
    // already capturing this tab: the popup shows that capture
  }
}

ext.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID) captureFromGesture(tab);
});
ext.commands.onCommand.addListener((command, tab) => {
  if (command === "capture-page") captureFromGesture(tab);
});

ext.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === queue.RETRY_ALARM) capturing.flushQueue().catch(() => {});
  if (alarm.name === reminders.ALARM) reminders.refresh();
  if (alarm.name === nudge.ALARM) nudge.nudge().catch(() => {});
});
ext.notifications?.onClicked.addListener((id) => {
  if (id.startsWith("hallway-nudge-")) nudge.opened();
});

function setUp() {
  ext.contextMenus.removeAll().then(() =>
    ext.contextMenus.create({ id: MENU_ID, title: t("contextMenuCapture"), contexts: ["page", "selection", "link"] }),
  );
  ext.alarms.create(reminders.ALARM, { periodInMinutes: 60 });
  nudge.schedule();
  checkCompanion().then(() => Promise.all([capturing.flushQueue(), reminders.refresh()]), () => {});
}
ext.runtime.onInstalled.addListener(setUp);
ext.runtime.onStartup.addListener(setUp);
