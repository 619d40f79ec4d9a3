// LinkedIn's terms forbid reading its pages: Hallway never captures one. The English
// sentence is the companion's own (companion/parsers/refused.py), word for word.

import { t } from "./i18n.js";

export const refused = () => t("linkedinRefused");

const HOSTS = ["linkedin.com", "lnkd.in", "linkedin.cn"];

export function onLinkedIn(url) {
  let host;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return false;
  }
  return HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}
