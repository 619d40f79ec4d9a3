// Captures made while the companion is down wait in storage.local, oldest first, and are
// retried on an alarm. The queue is bounded: storage.local is small (10 MB in Chromium),
// so the oldest captures are dropped, with a warning the popup shows.

import { ext } from "./companion.js";
import { t } from "./i18n.js";

export const RETRY_ALARM = "hallway-retry";
const KEY = "queue";
const WARNING_KEY = "queueWarning";
export const MAX_ITEMS = 20;
export const MAX_CHARS = 4_000_000;

export async function waiting() {
  return (await ext.storage.local.get(KEY))[KEY] ?? [];
}

// Each change reads, changes and writes the whole list: one at a time, in order, so a
// capture queued while a sent one is taken out is never written over.
let changes = Promise.resolve();
function serially(change) {
  const done = changes.then(change, change);
  changes = done.catch(() => {});
  return done;
}

// How often the waiting captures are tried again (tests make it shorter).
async function retryMinutes() {
  return (await ext.storage.local.get("retryMinutes")).retryMinutes ?? 1;
}

export const enqueue = (body) => serially(() => add(body));

async function add(body) {
  const items = await waiting();
  items.push({ id: body.capture_id, title: body.title || body.url, url: body.url, queued_at: body.captured_at, body });
  const dropped = [];
  while (items.length > 1 && (items.length > MAX_ITEMS || JSON.stringify(items).length > MAX_CHARS)) {
    dropped.push(items.shift());
  }
  await ext.storage.local.set({ [KEY]: items });
  if (dropped.length) {
    const titles = dropped.map((item) => `"${item.title}"`).join(t("listSeparator"));
    await warn(t("queueFull", titles));
  }
  // Chromium fires alarms at most every 30 seconds; one minute is plenty for a person.
  const every = await retryMinutes();
  await ext.alarms.create(RETRY_ALARM, { delayInMinutes: every, periodInMinutes: every });
}

export const remove = (id) =>
  serially(async () => {
    const items = (await waiting()).filter((item) => item.id !== id);
    await ext.storage.local.set({ [KEY]: items });
    if (!items.length) await ext.alarms.clear(RETRY_ALARM);
  });

export async function warn(text) {
  await ext.storage.local.set({ [WARNING_KEY]: text });
}

// What the popup lists: no page bodies, they can be large.
export async function summary() {
  const stored = await ext.storage.local.get([KEY, WARNING_KEY]);
  const items = (stored[KEY] ?? []).map(({ id, title, url, queued_at }) => ({ id, title, url, queued_at }));
  return { items, warning: stored[WARNING_KEY] ?? "" };
}

export async function dismissWarning() {
  await ext.storage.local.remove(WARNING_KEY);
}
