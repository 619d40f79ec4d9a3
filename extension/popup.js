// The popup asks the background worker for everything; it never calls the companion itself.
import { offerAdding } from "./lib/addperson.js";
import { showDue } from "./lib/due.js";
import { localize, t } from "./lib/i18n.js";
import { onLinkedIn, refused } from "./lib/linkedin.js";
import { render, summary } from "./lib/results.js";
import { $, ask, el, ext, setStatus } from "./lib/ui.js";

localize();

let tab = null;
let noteLimit = 200;
let clicked = false; // once the user captures, what the popup found on opening is stale

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

function showOutcome(outcome) {
  if (outcome.error) {
    setStatus(outcome.error, true);
  } else {
    render(outcome.reply, noteLimit);
    offerAdding(outcome.reply.event, noteLimit);
    $("due").hidden = true;
    setStatus(summary(outcome.reply));
  }
}

async function refreshQueue() {
  const { items, warning } = await ask({ type: "queue" });
  $("queue").hidden = !items.length && !warning;
  $("queue-notice").hidden = !warning;
  $("queue-warning").textContent = warning;
  $("retry").hidden = !items.length;
  $("queue-items").replaceChildren(
    ...items.map((item) => {
      const when = item.queued_at ? new Date(item.queued_at).toLocaleString() : "";
      const li = el("li", item.title || item.url);
      li.append(el("span", ` · ${when}`, "when"));
      return li;
    }),
  );
}

function busy(isBusy) {
  $("capture").disabled = isBusy;
  $("capture-all").disabled = isBusy;
}

async function onCapture(all) {
  clicked = true;
  busy(true);
  setStatus(all ? t("collectingEvery") : t("capturing"));
  $("progress").hidden = !all;
  try {
    await found; // a click can come before the popup has finished opening
    if (!tab) throw new Error(t("openEventFirst"));
    showOutcome(await ask({ type: all ? "captureAll" : "capture", tabId: tab.id }));
  } catch (error) {
    setStatus(error.message, true);
  } finally {
    busy(false);
    $("progress").hidden = true;
    await refreshQueue();
  }
}

async function onRetry() {
  $("retry").disabled = true;
  try {
    await ask({ type: "retryQueue" });
    setStatus(t("queueSent"));
  } catch (error) {
    setStatus(error.message, true);
  } finally {
    $("retry").disabled = false;
    await refreshQueue();
  }
}

ext.runtime.onMessage.addListener((message, sender) => {
  if (message?.type !== "harvest-progress" || sender.tab?.id !== tab?.id) return;
  $("progress").hidden = message.done;
  $("progress-text").textContent = t("rowsCollected", message.rows);
});

$("capture").addEventListener("click", () => onCapture(false));
$("capture-all").addEventListener("click", () => onCapture(true));
$("stop").addEventListener("click", () => ask({ type: "stopList", tabId: tab?.id }));
$("retry").addEventListener("click", onRetry);
$("dismiss").addEventListener("click", () => ask({ type: "dismissWarning" }).then(refreshQueue));

const found = targetTab().then((target) => {
  tab = target;
});

async function start() {
  await found;
  if (onLinkedIn(tab?.url)) {
    busy(true); // Capture and Capture all stay off on LinkedIn
    setStatus(refused(), true);
    await refreshQueue();
    return;
  }
  noteLimit = await ask({ type: "noteLimit" }).catch(() => noteLimit); // the companion's
  const connected = ask({ type: "status" }).then(
    () => clicked || setStatus(t("companionConnected")),
    (error) => clicked || setStatus(error.message, true),
  );
  await refreshQueue();
  // A capture started from the context menu or the shortcut, or before the popup closed.
  const last = tab ? await ask({ type: "lastResult", tabId: tab.id }) : null;
  await connected;
  if (clicked) return;
  if (last) showOutcome(last);
  else await showDue().catch(() => {}); // nothing captured here: what is due instead
  await refreshQueue();
}

start().catch((error) => setStatus(error.message, true));
