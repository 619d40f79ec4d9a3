// Small helpers for the extension's pages. Captured strings only ever reach the page as
// textContent or a checked http(s) href, never as HTML.

import { t } from "./i18n.js";

export const ext = globalThis.browser ?? globalThis.chrome;
export const $ = (id) => document.getElementById(id);

export async function ask(message) {
  const answer = await ext.runtime.sendMessage(message);
  if (!answer) throw new Error(t("workerSilent"));
  if (!answer.ok) throw new Error(answer.error);
  return answer.data;
}

export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

export function button(text, className, onClick) {
  const node = el("button", text, className);
  node.type = "button";
  node.addEventListener("click", onClick);
  return node;
}

export function safeLink(text, href) {
  try {
    const url = new URL(href);
    if (url.protocol !== "https:" && url.protocol !== "http:") return el("span", text);
    const a = el("a", text);
    a.href = url.href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  } catch {
    return el("span", text);
  }
}

export function setStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}
