// Injected into the page the user asked to capture, only on their click. It reads; it
// changes nothing and sends nothing: its value goes back to the background worker.
(() => ({
  url: location.href,
  title: document.title,
  html: document.documentElement.outerHTML,
  fragments: [],
  payloads: [],
}))();
