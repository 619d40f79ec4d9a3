// Options: where the companion is, the pairing token, and the note length.
import { localize, t } from "./lib/i18n.js";
import { $, ask, ext, setStatus } from "./lib/ui.js";

localize();

const form = $("form");

function values() {
  return { companion: $("companion").value, token: $("token").value };
}

function fill(current) {
  $("companion").value = current.companion;
  $("token").value = current.token;
}

// The note length is the companion's setting, shown here as it is there.
async function showNoteLimit() {
  form.elements.noteLimit.value = String(await ask({ type: "noteLimit" }));
}

async function saveAndTest() {
  fill(await ask({ type: "saveSettings", ...values() }));
  const health = await ask({ type: "status" });
  setStatus(t("savedConnected", health.version));
  await showNoteLimit();
}

// Only 127.0.0.1 is granted at install; another loopback name is asked for now, while the
// user's click allows the browser to ask (it must be the first thing the handler does).
function askForAddress() {
  let origin;
  try {
    const url = new URL($("companion").value);
    origin = `${url.protocol}//${url.hostname}/*`;
  } catch {
    return Promise.resolve(true);
  }
  if (origin === "http://127.0.0.1/*") return Promise.resolve(true);
  return ext.permissions.request({ origins: [origin] }).catch(() => false);
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const allowed = askForAddress();
  try {
    if (!(await allowed)) throw new Error(t("onlyLoopback"));
    await saveAndTest();
  } catch (error) {
    setStatus(error.message, true);
  }
});

form.addEventListener("change", async (event) => {
  if (event.target.name !== "noteLimit") return;
  try {
    const limit = await ask({ type: "setNoteLimit", limit: event.target.value });
    setStatus(t("noteLimitSet", limit));
  } catch (error) {
    setStatus(t("noteLimitNeedsCompanion", error.message), true);
  }
});

$("unpair").addEventListener("click", async () => {
  await ask({ type: "unpair" });
  $("token").value = "";
  setStatus(t("unpaired"));
});

$("pair").addEventListener("click", async () => {
  $("pair").disabled = true;
  setStatus(t("asking"));
  try {
    await ask({ type: "saveSettings", ...values() });
    await ask({ type: "requestPairing" });
    fill(await ask({ type: "settings" }));
    await saveAndTest();
  } catch (error) {
    setStatus(error.message, true);
  } finally {
    $("pair").disabled = false;
    $("pair-code").hidden = true;
  }
});

ext.runtime.onMessage.addListener((message) => {
  if (message?.type !== "pairing-code") return;
  $("pair-code").hidden = false;
  $("pair-code").textContent = t("pairCode", message.approveAt, message.code);
});

// The daily nudge: the browser asks for the notifications permission when it is turned on
// (the request must come first in the click's handler).
async function saveNudge(event) {
  const on = $("nudge-on").checked;
  const allowed = on && event.target.id === "nudge-on"
    ? ext.permissions.request({ permissions: ["notifications"] }).catch(() => false)
    : Promise.resolve(true);
  if (!(await allowed)) {
    $("nudge-on").checked = false;
    setStatus(t("noNotificationPermission"), true);
    return;
  }
  const saved = await ask({ type: "setNudge", on, time: $("nudge-time").value });
  setStatus(saved.on ? t("nudgeAt", saved.time) : t("noNudge"));
}
$("nudge-on").addEventListener("change", saveNudge);
$("nudge-time").addEventListener("change", saveNudge);
ask({ type: "nudge" }).then((current) => {
  $("nudge-on").checked = current.on;
  $("nudge-time").value = current.time;
});

ask({ type: "settings" }).then(fill, (error) => setStatus(error.message, true));
showNoteLimit().catch(() => {}); // until the companion answers, no length is shown
