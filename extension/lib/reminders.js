// The follow-ups due, where the user already looks: the toolbar badge says how many (red
// when one is overdue, amber when all are due today) and its tooltip names them; the popup
// lists them. Refreshed hourly by an alarm, and after every capture or logged interaction.

import { callCompanion, ext, showReachable } from "./companion.js";
import { t } from "./i18n.js";

export const ALARM = "hallway-followups";
const OVERDUE = "#b3261e";
const DUE_TODAY = "#b26a00";
const NAMED = 3; // names in the tooltip; the rest are counted

// The day the companion answers for: this computer's, unless a test fixed it ("today").
export async function today() {
  const { today: fixed } = await ext.storage.local.get("today");
  if (fixed) return fixed;
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function dueNow() {
  const reply = await callCompanion(`/api/followups?today=${await today()}`);
  return reply.due;
}

export function badgeFor(due, day) {
  if (!due.length) return null;
  const named = due.slice(0, NAMED).map((d) => d.person.name).join(t("listSeparator"));
  const names = due.length > NAMED ? t("namesAndMore", named, due.length - NAMED) : named;
  const what = due.length === 1 ? t("followUpDueOne") : t("followUpsDue", due.length);
  return {
    text: String(due.length),
    color: due.some((d) => d.due_on < day) ? OVERDUE : DUE_TODAY,
    title: t("badgeTitle", what, names),
  };
}

export async function refresh() {
  let due;
  try {
    due = await dueNow();
  } catch {
    return; // not answering: the badge already says "off"
  }
  await ext.storage.local.set({ dueBadge: badgeFor(due, await today()) });
  await showReachable(true);
}
