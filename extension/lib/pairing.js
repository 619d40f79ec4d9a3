// Pairing without copy-paste (DESIGN.md section 7): the extension asks the companion, the
// user approves there, the extension collects its own token, pinned to this extension's
// origin. Pasting the token printed by `hallway token` stays the fallback.
//
// Protocol (SECURITY.md): POST /api/pairing {name, browser} -> 202 {request, code, approve_at};
// then GET /api/pairing/<request> -> {status: "pending" | "approved" | "denied", token?}.

import { CompanionError, callCompanion, ext } from "./companion.js";
import { t } from "./i18n.js";

const POLL_MS = 2000;
const GIVE_UP_MS = 3 * 60 * 1000; // within the companion's 5-minute request lifetime

// `onCode(code, approveAt)`: the code the companion shows next to the request, so the user
// can match the two, and the address of the page where they approve it.
export async function requestPairing(onCode) {
  let asked;
  try {
    asked = await callCompanion("/api/pairing", {
      method: "POST",
      body: { name: "Hallway extension", browser: navigator.userAgent },
    });
  } catch (error) {
    if (error.status === 404 || error.status === 405) {
      throw new CompanionError(t("cannotPair"));
    }
    throw error;
  }
  onCode(asked.code, asked.approve_at);
  const deadline = Date.now() + GIVE_UP_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const state = await callCompanion(`/api/pairing/${encodeURIComponent(asked.request)}`);
    if (state.status === "approved" && state.token) {
      await ext.storage.local.set({ token: state.token });
      return;
    }
    if (state.status === "denied") throw new CompanionError(t("pairingRefused"));
  }
  throw new CompanionError(t("pairingTimeout"));
}
