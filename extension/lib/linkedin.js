// LinkedIn's terms forbid reading its pages: Hallway never captures one. The sentence is the
// companion's own (companion/parsers/refused.py), word for word.

export const REFUSED =
  "Hallway never reads LinkedIn pages: LinkedIn's terms forbid it. To bring in your " +
  "LinkedIn contacts, download Connections.csv (LinkedIn: Settings > Data privacy > Get a " +
  "copy of your data > Connections) and import it on Hallway's Settings page or with " +
  "`hallway import-linkedin Connections.csv`.";

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
