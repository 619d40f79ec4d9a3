// Every sentence the user reads comes from _locales/<language>/messages.json, so a language
// is a folder, not new code. chrome.i18n follows the browser's language and is synchronous,
// in pages and in the background worker alike; Firefox provides the same API.

const i18n = (globalThis.browser ?? globalThis.chrome).i18n;

// Substitutions fill the message's placeholders ($1, $2… in messages.json), so each language
// puts them where its sentence needs them.
export function t(key, ...substitutions) {
  // A missing message would show nothing at all: the key at least shows where the gap is.
  return i18n.getMessage(key, substitutions.map(String)) || key;
}

// data-i18n-<attribute>="key" -> the attribute, and its dataset name.
const ATTRIBUTES = [
  ["title", "i18nTitle"],
  ["placeholder", "i18nPlaceholder"],
  ["aria-label", "i18nAriaLabel"],
];

// The pages keep their English in the HTML (readable, and what shows should a key be
// missing); this replaces it with the browser's language before the user reads it.
export function localize(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const [attribute, data] of ATTRIBUTES) {
    for (const node of root.querySelectorAll(`[data-i18n-${attribute}]`)) {
      node.setAttribute(attribute, t(node.dataset[data]));
    }
  }
  // Screen readers and fonts pick the language from here (Chinese glyphs differ by lang).
  document.documentElement.lang = i18n.getUILanguage();
}
