// Talking to the companion: settings, the authenticated call, and the toolbar badge that
// tells the user whether the companion answers. Only the background worker imports this.

import { t } from "./i18n.js";

export const ext = globalThis.browser ?? globalThis.chrome;

export const DEFAULTS = { companion: "http://127.0.0.1:5474", token: "" };

export async function settings() {
  const stored = await ext.storage.local.get(Object.keys(DEFAULTS));
  return { ...DEFAULTS, ...stored };
}

// Every error carries one plain sentence for the popup: what happened and what to do.
export class CompanionError extends Error {
  constructor(text, status = 0) {
    super(text);
    this.status = status; // the HTTP status when the companion answered
  }
}
// Worth retrying later: nothing answered (or something other than Hallway failed).
export class Unreachable extends CompanionError {}
// The companion answered but refused the token: retrying will not help until re-paired.
export class Unauthorized extends CompanionError {}

// How long a call may take before it is given up (and a capture kept for later): long
// enough for a large list to be read, short enough that a companion that took the
// connection but never answers does not hold the waiting captures back.
export const TIMEOUT_MS = { call: 15_000, capture: 120_000 };

async function timeoutFor(path) {
  const { timeouts } = await ext.storage.local.get("timeouts"); // tests shorten them
  const chosen = { ...TIMEOUT_MS, ...timeouts };
  return path === "/api/captures" ? chosen.capture : chosen.call;
}

export async function callCompanion(path, { method = "GET", body } = {}) {
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
      signal: AbortSignal.timeout(await timeoutFor(path)),
    });
  } catch {
    await showReachable(false);
    throw new Unreachable(t("notAnswering", companion, t("startHint")));
  }
  const data = await response.json().catch(() => ({}));
  await showReachable(response.status < 500);
  if (response.status === 401) {
    throw new Unauthorized(t("tokenRefused"));
  }
  if (response.status >= 500) {
    throw new Unreachable(t("companionFailed", companion, response.status));
  }
  if (!response.ok) {
    // The companion's own sentence is already in the user's language (Accept-Language).
    throw new CompanionError(data.error || t("companionStatus", response.status), response.status);
  }
  return data;
}

// The badge says "off" while the companion does not answer; while it does, how many
// follow-ups are due (reminders.js keeps that in storage), or nothing.
const quiet = () => ({ text: "", color: "#b3261e", title: t("extName") });
const off = () => ({ text: t("badgeOff"), color: "#b3261e", title: t("badgeOffTitle") });

export async function showReachable(answers) {
  const { dueBadge } = answers ? await ext.storage.local.get("dueBadge") : {};
  const badge = answers ? (dueBadge ?? quiet()) : off();
  await ext.action.setBadgeText({ text: badge.text });
  await ext.action.setBadgeBackgroundColor({ color: badge.color });
  await ext.action.setTitle({ title: badge.title });
}

// The companion API this extension speaks (companion/__init__.py's API_VERSION).
export const API_VERSION = 1;

export async function checkCompanion() {
  const health = await callCompanion("/api/health");
  if (health.app !== "hallway") {
    throw new CompanionError(t("notHallway"));
  }
  if (health.api !== API_VERSION) throw new CompanionError(whichToUpdate(health));
  await callCompanion("/api/session"); // proves the token is right
  return health;
}

function whichToUpdate(health) {
  return health.api > API_VERSION
    ? t("companionNewer", health.version)
    : t("extensionNewer", health.version);
}
