// The only part of the extension that talks to the companion. The popup and the options
// page send it messages; it injects the capture script, calls the companion's API with the
// token, and answers.
"use strict";

const ext = globalThis.browser ?? globalThis.chrome;

const DEFAULTS = { companion: "http://127.0.0.1:5474", token: "" };

async function settings() {
  const stored = await ext.storage.local.get(Object.keys(DEFAULTS));
  return { ...DEFAULTS, ...stored };
}

// Plain sentences for the popup: the user should know what to do next.
class CompanionError extends Error {}

async function callCompanion(path, { method = "GET", body } = {}) {
  const { companion, token } = await settings();
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(new URL(path, companion), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    throw new CompanionError(
      `The Hallway companion is not answering at ${companion}. Start it with "make run" (or "hallway serve").`,
    );
  }
  const data = await response.json().catch(() => ({}));
  if (response.status === 401) {
    throw new CompanionError("The companion refused the token: paste it again in Hallway's options (run \"hallway token\").");
  }
  if (!response.ok) {
    throw new CompanionError(data.error || `The companion answered with status ${response.status}.`);
  }
  return data;
}

async function readPage(tabId) {
  const [result] = await ext.scripting.executeScript({
    target: { tabId },
    files: ["capture.js"],
  });
  if (!result || !result.result) {
    throw new CompanionError("Hallway could not read this page. Reload it and try again.");
  }
  return result.result;
}

async function capture(tabId) {
  const page = await readPage(tabId);
  return callCompanion("/api/captures", {
    method: "POST",
    body: {
      capture_id: crypto.randomUUID(),
      captured_at: new Date().toISOString(),
      source: { kind: "extension", browser: navigator.userAgent },
      ...page,
    },
  });
}

async function status() {
  const health = await callCompanion("/api/health");
  if (health.app !== "hallway") {
    throw new CompanionError("Another program answers on the companion's address, not Hallway.");
  }
  await callCompanion("/api/session"); // proves the token is right
  return health;
}

const handlers = {
  capture: (message) => capture(message.tabId),
  status: () => status(),
  settings: () => settings(),
  saveSettings: async (message) => {
    await ext.storage.local.set({
      companion: String(message.companion || DEFAULTS.companion).trim(),
      token: String(message.token || "").trim(),
    });
    return settings();
  },
};

ext.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  const handler = handlers[message?.type];
  if (!handler) return false;
  handler(message)
    .then((data) => sendResponse({ ok: true, data }))
    .catch((error) => {
      const text = error instanceof CompanionError ? error.message : `Hallway failed: ${error.message}`;
      sendResponse({ ok: false, error: text });
    });
  return true; // the answer comes asynchronously
});
