// Drives firefox-esr over WebDriver BiDi (puppeteer-core): installs the extension, pairs it
// in its options page, captures an event page from its popup, then a participant list
// with Capture all, and prints what the popup showed as JSON. Called by
// test_extension_firefox.py with one JSON argument:
// {firefox, extension, uuid, page, list, blank, companion, token}.
import puppeteer from "puppeteer-core";

const args = JSON.parse(process.argv[2]);
const TIMEOUT = 60_000;

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: args.firefox,
  headless: true,
  // Pins the extension's internal UUID, so the test knows its moz-extension:// address.
  extraPrefsFirefox: {
    "extensions.webextensions.uuids": JSON.stringify({ "hallway@hallway.invalid": args.uuid }),
  },
});
try {
  await browser.installExtension(args.extension);
  const event = await browser.newPage();
  await event.goto(args.page);

  // Firefox refuses to open moz-extension:// URLs from outside; a 127.0.0.1 page may
  // navigate itself there (the test manifest lists these pages as web-accessible).
  const tab = await browser.newPage();
  await tab.goto(args.blank);
  const base = `moz-extension://${args.uuid}`;
  await tab.evaluate((url) => { location.href = url; }, `${base}/options.html`);
  await tab.waitForSelector("#companion", { timeout: TIMEOUT });
  await tab.waitForFunction(() => document.querySelector("#companion").value, { timeout: TIMEOUT });
  await tab.evaluate(({ companion, token }) => {
    document.querySelector("#companion").value = companion;
    document.querySelector("#token").value = token;
    document.querySelector("#form").requestSubmit();
  }, args);
  await tab.waitForFunction(() => document.querySelector("#status").textContent.includes("Connected"), { timeout: TIMEOUT });
  const paired = await tab.evaluate(() => document.querySelector("#status").textContent);

  // The popup, opened in a tab, captures the most recently used web page: the event.
  await tab.evaluate((url) => { location.href = url; }, `${base}/popup.html`);
  await tab.waitForFunction(() => document.querySelector("#status")?.textContent === "Companion connected.", { timeout: TIMEOUT });
  await tab.evaluate(() => document.querySelector("#capture").click());
  await tab.waitForFunction(
    () => !document.querySelector("#result").hidden || document.querySelector("#status.error"),
    { timeout: TIMEOUT },
  );
  const shown = await tab.evaluate(() => ({
    title: document.querySelector("#event-title").textContent,
    facts: document.querySelector("#event-facts").innerText,
    notes: [...document.querySelectorAll("#notes textarea")].map((t) => t.value),
    status: document.querySelector("#status").textContent,
  }));

  // Capture all on a participant panel; the page being scrolled is the one in view.
  const list = await browser.newPage();
  await list.goto(args.list);
  await tab.bringToFront();
  await tab.evaluate((url) => { location.href = url; }, `${base}/popup.html`);
  await tab.waitForFunction(() => document.querySelector("#status")?.textContent === "Companion connected.", { timeout: TIMEOUT });
  await tab.evaluate(() => document.querySelector("#capture-all").click());
  await list.bringToFront();
  await tab.waitForFunction(() => !document.querySelector("#capture-all").disabled, { timeout: 3 * TIMEOUT });
  const listStatus = await tab.evaluate(() => document.querySelector("#status").textContent);

  console.log(JSON.stringify({ paired, ...shown, listStatus }));
} finally {
  await browser.close();
}
