// Options: where the companion is, the pairing token, and the note length.
import { $, ask, ext, setStatus } from "./lib/ui.js";

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
  setStatus(`Saved. Connected to Hallway ${health.version}.`);
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
    if (!(await allowed)) throw new Error("Hallway may only reach the companion at 127.0.0.1, localhost or [::1].");
    await saveAndTest();
  } catch (error) {
    setStatus(error.message, true);
  }
});

form.addEventListener("change", async (event) => {
  if (event.target.name !== "noteLimit") return;
  try {
    const limit = await ask({ type: "setNoteLimit", limit: event.target.value });
    setStatus(`Connection notes will be at most ${limit} characters, here and in Hallway's pages.`);
  } catch (error) {
    setStatus(`${error.message} The note length is kept by the companion: connect first.`, true);
  }
});

$("unpair").addEventListener("click", async () => {
  await ask({ type: "unpair" });
  $("token").value = "";
  setStatus("Unpaired: this browser no longer sends a token to the companion.");
});

$("pair").addEventListener("click", async () => {
  $("pair").disabled = true;
  setStatus("Asking the companion…");
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
  $("pair-code").textContent =
    `Open ${message.approveAt} (or answer in the terminal running Hallway) and approve ` +
    `the request showing the code ${message.code}.`;
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
    setStatus("Without the notifications permission there is no daily reminder.", true);
    return;
  }
  const saved = await ask({ type: "setNudge", on, time: $("nudge-time").value });
  setStatus(saved.on ? `Hallway will remind you at ${saved.time} when something is due.` : "No daily reminder.");
}
$("nudge-on").addEventListener("change", saveNudge);
$("nudge-time").addEventListener("change", saveNudge);
ask({ type: "nudge" }).then((current) => {
  $("nudge-on").checked = current.on;
  $("nudge-time").value = current.time;
});

ask({ type: "settings" }).then(fill, (error) => setStatus(error.message, true));
showNoteLimit().catch(() => {}); // until the companion answers, no length is shown
