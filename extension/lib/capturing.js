// A capture from the user's click to the companion's reply: read the page (and, for
// Capture all, the rows of its list), send it, or keep it in the queue when the companion
// is down. The last result per tab is kept for the session so the popup can show it again.

import { CompanionError, Unauthorized, Unreachable, callCompanion, ext } from "./companion.js";
import { t } from "./i18n.js";
import * as linkedin from "./linkedin.js";
import * as queue from "./queue.js";

const running = new Map(); // tabId -> promise of the capture in progress

async function inject(tabId, file) {
  // However the capture was asked for (popup, menu, shortcut), no script runs on LinkedIn.
  const tab = await ext.tabs.get(tabId).catch(() => null);
  if (linkedin.onLinkedIn(tab?.url)) throw new CompanionError(linkedin.refused());
  let results;
  try {
    results = await ext.scripting.executeScript({ target: { tabId }, files: [file] });
  } catch {
    throw new CompanionError(t("mayNotRead"));
  }
  const value = results?.[0]?.result;
  if (!value) throw new CompanionError(t("couldNotRead"));
  if (value.error) throw new CompanionError(value.error);
  return value;
}

function captureBody(page, source) {
  return {
    capture_id: crypto.randomUUID(),
    captured_at: new Date().toISOString(),
    source: { kind: "extension", browser: navigator.userAgent, ...source },
    ...page,
  };
}

function post(body) {
  return callCompanion("/api/captures", { method: "POST", body });
}

// Sends now, or queues when nothing answers; either way the page is not lost.
export async function send(body) {
  try {
    return await post(body);
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    await queue.enqueue(body);
    throw new Unreachable(t("captureKept", error.message));
  }
}

async function capturePage(tabId) {
  const page = await inject(tabId, "capture.js");
  return send(captureBody(page, { mode: "page" }));
}

async function captureList(tabId) {
  const page = await inject(tabId, "capture.js");
  const list = await inject(tabId, "harvest.js");
  const body = captureBody(
    { ...page, fragments: list.fragments },
    { mode: "list", list: list.kind, rows: list.fragments.length, stopped: list.stopped },
  );
  return send(body);
}

function resultKey(tabId) {
  return `result:${tabId}`;
}

// One capture per tab at a time; its outcome is stored for the popup, success or not.
export function start(tabId, all) {
  if (running.has(tabId)) throw new CompanionError(t("alreadyCapturing"));
  const work = (all ? captureList(tabId) : capturePage(tabId))
    .then((reply) => ({ reply }), (error) => ({ error: message(error), queued: error instanceof Unreachable }))
    .then(async (outcome) => {
      // A queued capture is listed in the popup's waiting list instead, until it is sent.
      if (outcome.queued) await ext.storage.session.remove(resultKey(tabId));
      else await ext.storage.session.set({ [resultKey(tabId)]: { ...outcome, at: Date.now() } });
      return outcome;
    })
    .finally(() => running.delete(tabId));
  running.set(tabId, work);
  return work;
}

export async function lastResult(tabId) {
  if (running.has(tabId)) return running.get(tabId);
  return (await ext.storage.session.get(resultKey(tabId)))[resultKey(tabId)] ?? null;
}

export function stopList(tabId) {
  return ext.tabs.sendMessage(tabId, { type: "harvest-stop" }).catch(() => undefined);
}

let flushing = null;

// Sends the waiting captures, oldest first, each with its own capture_id: the companion
// stores a capture_id once, so a retry after a lost reply cannot duplicate it.
export function flushQueue() {
  flushing ??= flush().finally(() => {
    flushing = null;
  });
  return flushing;
}

async function flush() {
  for (const item of await queue.waiting()) {
    try {
      await post(item.body);
    } catch (error) {
      if (error instanceof Unreachable || error instanceof Unauthorized) break;
      await queue.warn(t("captureRefused", item.title, error.message));
    }
    await queue.remove(item.id);
  }
}

export function message(error) {
  return error instanceof CompanionError ? error.message : t("hallwayFailed", error.message);
}
