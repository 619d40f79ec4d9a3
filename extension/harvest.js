// Capture all: injected on the user's click into the page they are on. It scrolls the
// attendee or participant list to its end and keeps each row's HTML once, as it appears:
// virtualized lists keep only the rows in view in the page. It shows its progress with a
// Stop button, and hands the rows back to the background worker; it sends nothing itself.
(() => {
  const ext = globalThis.browser ?? globalThis.chrome;
  // Injected as a plain script (no imports): lib/i18n.js's t(), restated.
  const t = (key, ...substitutions) => ext.i18n.getMessage(key, substitutions.map(String)) || key;
  const MAX_ROWS = 20000;
  const END_WAIT_MS = 2000; // no new row for this long at the end: the list is complete
  const STEP = 0.8; // of the visible height, so each step overlaps the rows already seen

  const squash = (value) => (value ?? "").replace(/\s+/g, " ").trim();
  const labelAndText = (el) => squash(`${el.getAttribute("aria-label") ?? ""}|${el.textContent}`);
  const link = (a) => a.href.split(/[?#]/)[0];

  // Row kinds, most specific first: the element that marks a row and its stable key.
  // `isRow` kinds mark the row itself; link kinds climb to the row around the link.
  const KINDS = [
    { kind: "members", anchor: 'a[href*="/members/"]', key: (a) => a.href.match(/\/members\/(\d+)/)?.[1] ?? link(a) },
    { kind: "luma-guests", anchor: 'a[href*="/user/"]', key: link },
    { kind: "meet", anchor: "[data-participant-id]", key: (el) => el.dataset.participantId, isRow: true },
    { kind: "teams", anchor: '[data-tid="roster-participant"], [data-tid="roster-item"]', key: labelAndText, isRow: true },
    {
      kind: "zoom",
      anchor: "li.participants-li",
      key: (el) => squash(el.querySelector(".participants-item__name-section")?.textContent) || labelAndText(el),
      isRow: true,
    },
    { kind: "list", anchor: '[role="listitem"]', key: labelAndText, isRow: true },
  ];

  const page = document.scrollingElement ?? document.documentElement;

  function scroller(el) {
    for (let node = el.parentElement; node && node !== document.body && node !== page; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowY;
      if (/auto|scroll|overlay|hidden/.test(overflow) && node.scrollHeight > node.clientHeight + 4) return node;
    }
    return page;
  }

  // The kind and scroll container holding the most rows, trying the specific kinds first.
  function findList() {
    for (const kind of KINDS) {
      const boxes = new Map();
      for (const anchor of document.querySelectorAll(kind.anchor)) {
        const key = kind.key(anchor);
        if (!key) continue;
        const box = scroller(anchor);
        if (!boxes.has(box)) boxes.set(box, new Set());
        boxes.get(box).add(key);
      }
      const [box, keys] = [...boxes].sort((a, b) => b[1].size - a[1].size)[0] ?? [];
      if (keys?.size >= 2) return { kind, box };
    }
    return null;
  }

  function anchorsIn(box, kind) {
    return [...box.querySelectorAll(kind.anchor)].filter((a) => scroller(a) === box);
  }

  // A link's row: the largest ancestor, inside the list, that holds no other row's link.
  function rowOf(anchor, kind, box) {
    if (kind.isRow) return anchor;
    const key = kind.key(anchor);
    let row = anchor;
    for (let up = row.parentElement; up && up !== box && up !== document.body; up = up.parentElement) {
      const others = [...up.querySelectorAll(kind.anchor)].some((a) => kind.key(a) !== key);
      if (others) break;
      row = up;
    }
    return row;
  }

  function settle(box, quietMs, maxMs) {
    return new Promise((resolve) => {
      let quiet;
      const observer = new MutationObserver(() => {
        clearTimeout(quiet);
        quiet = setTimeout(done, quietMs);
      });
      const cap = setTimeout(done, maxMs);
      function done() {
        observer.disconnect();
        clearTimeout(quiet);
        clearTimeout(cap);
        resolve();
      }
      observer.observe(box === page ? document.body : box, { childList: true, subtree: true, characterData: true });
      quiet = setTimeout(done, quietMs);
    });
  }

  // Native scrolling first; a list with its own scroller only listens to the wheel.
  function scrollBy(box, by, kind) {
    const before = box.scrollTop;
    box.scrollTop = before + by;
    if (box.scrollTop !== before) return true;
    const target = anchorsIn(box, kind).at(-1) ?? box; // the wheel goes to the list itself
    target.dispatchEvent(new WheelEvent("wheel", { deltaY: by, bubbles: true, cancelable: true }));
    return false;
  }

  function once(target, type, maxMs) {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        target.removeEventListener(type, done);
        resolve();
      };
      const timer = setTimeout(done, maxMs);
      target.addEventListener(type, done);
    });
  }

  function nextFrame(maxMs) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxMs); // no frames in a hidden tab
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  // One step: the scroll event comes with the next frame, and a list renders its rows in
  // its scroll or frame handler.
  async function step(box, kind, by) {
    const scrolled = once(box === page ? document : box, "scroll", 1000);
    const moved = scrollBy(box, by, kind);
    if (moved) await scrolled;
    await nextFrame(1000);
    return moved;
  }

  // Less than the rows rendered, so no row is skipped between two steps: a virtualized
  // list renders the view and a few rows either side (a list with its own scroller may be
  // shorter than its box). At most two views, so rows filled in only when seen are seen.
  function stepSize(box, kind) {
    const rects = anchorsIn(box, kind).map((a) => a.getBoundingClientRect());
    const span = Math.max(...rects.map((r) => r.bottom)) - Math.min(...rects.map((r) => r.top));
    const view = box === page ? innerHeight : box.clientHeight;
    return Math.max(20, Math.round(STEP * Math.min(2 * view, span > 0 ? span : view)));
  }

  // The page's next change to the list (rows rendered, or more loaded), or maxMs.
  function changed(box, maxMs) {
    return new Promise((resolve) => {
      const observer = new MutationObserver(done);
      const timer = setTimeout(done, maxMs);
      function done() {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      }
      observer.observe(box === page ? document.body : box, { childList: true, subtree: true, characterData: true });
    });
  }

  function progressPanel(onStop) {
    const host = document.createElement("div");
    host.style.cssText = "all: initial; position: fixed; z-index: 2147483647; right: 16px; bottom: 16px;";
    const root = host.attachShadow({ mode: "closed" });
    const style = document.createElement("style");
    style.textContent = `div { font: 14px system-ui, sans-serif; background: #0b6e4f; color: white;
      padding: 8px 12px; border-radius: 8px; display: flex; gap: 12px; align-items: center;
      box-shadow: 0 2px 8px #0005; }
      button { font: inherit; background: white; color: #0b6e4f; border: 0; border-radius: 4px;
      padding: 2px 10px; cursor: pointer; }`;
    const panel = document.createElement("div");
    const label = document.createElement("span");
    const stop = document.createElement("button");
    stop.textContent = t("stop");
    stop.addEventListener("click", onStop);
    panel.append(label, stop);
    root.append(style, panel);
    document.documentElement.append(host);
    return {
      show: (rows) => {
        label.textContent = t("harvestCollecting", rows);
      },
      remove: () => host.remove(),
    };
  }

  async function run() {
    const found = findList();
    if (!found) {
      return { error: t("noListFound") };
    }
    const { kind, box } = found;
    const rows = new Map();
    let stopped = false;
    const onMessage = (message) => {
      if (message?.type === "harvest-stop") stopped = true;
    };
    ext.runtime.onMessage.addListener(onMessage);
    const panel = progressPanel(() => {
      stopped = true;
    });
    const report = (done) => {
      panel.show(rows.size);
      ext.runtime.sendMessage({ type: "harvest-progress", rows: rows.size, done }).catch(() => {});
    };
    const collect = () => {
      let added = 0;
      for (const anchor of anchorsIn(box, kind)) {
        const key = kind.key(anchor);
        if (!key || rows.has(key)) continue;
        rows.set(key, rowOf(anchor, kind, box).outerHTML);
        added += 1;
      }
      return added;
    };
    const startTop = box.scrollTop;
    try {
      box.scrollTop = 0;
      await step(box, kind, -box.scrollHeight * 100); // also rewinds a list with its own scroller
      await settle(box, 150, 1500);
      collect();
      let lastNew = performance.now();
      while (!stopped && rows.size < MAX_ROWS) {
        report(false);
        const moved = await step(box, kind, stepSize(box, kind));
        let added = collect();
        // New rows drawn: on at once (the next step is sized by the rows drawn, so rows
        // drawn in parts are not skipped). None yet: wait for the page's next change, not
        // for a fixed time, so a slow machine skips no row.
        if (!added) {
          await changed(box, moved ? 200 : 500);
          await nextFrame(1000);
          added += collect();
        }
        if (added) lastNew = performance.now();
        else if (!moved && performance.now() - lastNew > END_WAIT_MS) break;
      }
      report(true);
      return { kind: kind.kind, fragments: [...rows.values()], stopped };
    } finally {
      ext.runtime.onMessage.removeListener(onMessage);
      panel.remove();
      box.scrollTop = startTop;
    }
  }

  if (globalThis.hallwayHarvesting) return { error: t("alreadyCollecting") };
  globalThis.hallwayHarvesting = true;
  return run().finally(() => {
    globalThis.hallwayHarvesting = false;
  });
})();
