"use strict";

const ext = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

async function ask(message) {
  const answer = await ext.runtime.sendMessage(message);
  if (!answer?.ok) throw new Error(answer?.error ?? "The background worker did not answer.");
  return answer.data;
}

function show(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

ask({ type: "settings" }).then((current) => {
  $("companion").value = current.companion;
  $("token").value = current.token;
});

$("form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await ask({ type: "saveSettings", companion: $("companion").value, token: $("token").value });
    const health = await ask({ type: "status" });
    show(`Saved. Connected to Hallway ${health.version}.`);
  } catch (error) {
    show(error.message, true);
  }
});
