// The daily nudge (opt-in, off by default): once a day at the time the user chose, one
// desktop notification when follow-ups are due or a captured event starts tomorrow; none
// when nothing is. Clicking it opens Hallway's review page (the event's prep notes for an
// event). It needs the optional "notifications" permission, asked when the user turns it on.

import { callCompanion, ext, settings } from "./companion.js";
import { t } from "./i18n.js";
import { dueNow, today } from "./reminders.js";

export const ALARM = "hallway-nudge";
export const DEFAULT_TIME = "09:00";
const DAY_MS = 24 * 60 * 60 * 1000;

export async function choice() {
  const { nudge } = await ext.storage.local.get("nudge");
  return { on: false, time: DEFAULT_TIME, ...nudge };
}

// The alarm at the chosen time, every day; cleared when the nudge is off.
export async function schedule() {
  const { on, time } = await choice();
  await ext.alarms.clear(ALARM);
  if (!on) return;
  const [hours, minutes] = time.split(":").map(Number);
  const next = new Date();
  next.setHours(hours, minutes, 0, 0);
  if (next <= new Date()) next.setTime(next.getTime() + DAY_MS);
  await ext.alarms.create(ALARM, { when: next.getTime(), periodInMinutes: 24 * 60 });
}

function tomorrowOf(day) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

async function message(day) {
  const due = await dueNow();
  const { events } = await callCompanion("/api/events");
  const tomorrow = events.filter((e) => (e.start ?? "").slice(0, 10) === tomorrowOf(day));
  const lines = [];
  if (due.length) {
    const names = due.slice(0, 3).map((d) => d.person.name).join(t("listSeparator"));
    const what = due.length === 1 ? t("followUpDueOne") : t("followUpsDue", due.length);
    lines.push(t("nudgeDue", what, `${names}${due.length > 3 ? "…" : ""}`));
  }
  if (tomorrow.length) lines.push(t("nudgeTomorrow", tomorrow[0].title));
  return { lines, event: !due.length && tomorrow.length ? tomorrow[0] : null };
}

// At most one a day, and only with the permission granted.
export async function nudge() {
  const [{ on, last }, day] = await Promise.all([choice(), today()]);
  if (!on || last === day || !ext.notifications) return;
  const { lines, event } = await message(day);
  if (!lines.length) return;
  await ext.notifications.create(`hallway-nudge-${day}`, {
    type: "basic",
    iconUrl: "icons/hallway-128.png",
    title: t("extName"),
    message: lines.join("\n"),
  });
  await ext.storage.local.set({
    nudge: { ...(await choice()), last: day, said: lines },
    nudgeOpens: event ? `/events/${event.id}` : "/",
  });
}

export async function opened() {
  const [{ companion }, { nudgeOpens }] = await Promise.all([settings(), ext.storage.local.get("nudgeOpens")]);
  await ext.tabs.create({ url: new URL(nudgeOpens ?? "/", companion).href });
}
