import { api, type Me, type Member } from "../api";
import { h, replace, type Child } from "../dom";
import { MicrophoneError } from "./microphone";
import { softphone, type CallState } from "./softphone";

const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

/**
 * The call in progress, shown above every screen so a call survives navigation: the incoming-call notification
 * (caller's contact name, answer/decline), then timer, mute, hold, keypad (DTMF), transfer, hang up and what the
 * browser measures of the call's audio.
 */
export function callPanel(me: Me): HTMLElement {
  const panel = h("section", { class: "call-panel", "aria-label": "Call", "data-testid": "call-panel", hidden: true });
  const phone = softphone();
  let ticker = 0;
  let keypadOpen = false;
  let lastPhase: string | null = null;
  const error = h("p", { class: "error", role: "alert" });
  // Colleagues a call can be transferred to, offered by e-mail (read once the first call connects).
  let colleagues: Member[] | null = null;
  const colleagueList = h("datalist", { id: "transfer-colleagues" });
  const loadColleagues = async () => {
    if (colleagues || !me.permissions.includes("members:read")) return;
    colleagues = (await api.members().catch(() => ({ items: [] as Member[] }))).items.filter((m) => m.userId !== me.userId);
    replace(colleagueList, ...colleagues.map((m) => h("option", { value: m.email })));
  };
  const transfer = (value: string) => {
    const colleague = colleagues?.find((m) => m.email.toLowerCase() === value.toLowerCase());
    phone.transfer(colleague ? memberSipUser(me.workspaceId, colleague.userId) : value.replace(/[\s().-]/g, ""), colleague?.email ?? value);
  };

  const render = () => {
    const call = phone.call;
    panel.hidden = call === null;
    window.clearInterval(ticker);
    if (!call) return;
    const phaseChanged = call.phase !== lastPhase;
    lastPhase = call.phase;
    replace(panel, ...view(call), error);
    if (call.phase === "active") {
      void loadColleagues();
      ticker = window.setInterval(() => void tick(call), 1000);
      void tick(call);
    }
    if (phaseChanged) panel.querySelector<HTMLButtonElement>("button")?.focus();
  };

  const tick = async (call: CallState) => {
    const timer = panel.querySelector("[data-testid=call-timer]");
    if (timer && call.connectedAt) timer.textContent = duration(Date.now() - call.connectedAt);
    const audio = panel.querySelector<HTMLElement>("[data-testid=call-audio]");
    if (!audio) return;
    const stats = await phone.stats();
    audio.dataset.sent = String(stats.packetsSent);
    audio.dataset.received = String(stats.packetsReceived);
    audio.dataset.energy = String(stats.audioEnergy);
    audio.textContent = `Audio: ${stats.packetsSent} packets sent, ${stats.packetsReceived} received`;
  };

  const run = async (action: () => Promise<void> | void) => {
    error.textContent = "";
    try {
      await action();
    } catch (err) {
      error.textContent = err instanceof MicrophoneError ? err.message : "Something went wrong with the call.";
    }
  };

  const view = (call: CallState): Child[] => {
    const who = h("p", { class: "caller" },
      h("strong", { "data-testid": "call-remote-name" }, call.remoteName ?? call.remoteNumber),
      call.remoteName ? h("span", { class: "muted" }, " ", call.remoteNumber) : null);
    if (call.phase === "ringing") {
      return [h("div", { role: "alertdialog", "aria-label": `Incoming call from ${call.remoteName ?? call.remoteNumber}`, "data-testid": "incoming-call" },
        h("h2", {}, "Incoming call"), who,
        h("div", { class: "row" },
          h("button", { type: "button", class: "answer", onclick: () => void run(() => phone.answer()) }, "Answer"),
          h("button", { type: "button", class: "danger", onclick: () => phone.decline() }, "Decline")))];
    }
    if (call.phase === "ended") {
      return [h("h2", {}, "Call ended"), who, h("p", { role: "status", "data-testid": "call-ended" }, call.endReason ?? ""),
        call.transfer ? h("p", { "data-testid": "call-transfer" }, call.transfer) : null,
        h("button", { type: "button", class: "secondary", onclick: () => { phone.call = null; render(); } }, "Dismiss")];
    }
    const transferTo = h("input", { type: "text", name: "transfer", "aria-label": "Transfer to (a colleague's e-mail or a number)", placeholder: "colleague@example.com", autocomplete: "off", list: "transfer-colleagues" });
    const active = call.phase === "active";
    return [
      h("h2", {}, call.phase === "calling" ? "Calling…" : call.held ? "On hold" : "In call"),
      who,
      h("p", { class: "timer", "data-testid": "call-timer", "aria-live": "off" }, active ? "0:00" : ""),
      h("div", { class: "row controls" },
        h("button", { type: "button", "aria-pressed": call.muted ? "true" : "false", disabled: !active, onclick: () => phone.toggleMute() }, call.muted ? "Unmute" : "Mute"),
        h("button", { type: "button", "aria-pressed": call.held ? "true" : "false", disabled: !active || call.reoffering, "aria-busy": call.reoffering ? "true" : undefined, onclick: () => phone.toggleHold() }, call.held ? "Resume" : "Hold"),
        h("button", { type: "button", "aria-expanded": keypadOpen ? "true" : "false", disabled: !active, onclick: () => { keypadOpen = !keypadOpen; render(); } }, "Keypad"),
        h("button", { type: "button", class: "danger", onclick: () => phone.hangUp() }, "Hang up")),
      keypadOpen && active ? h("div", { class: "pad", role: "group", "aria-label": "Keypad (sends tones)" },
        ...keys.map((k) => h("button", { type: "button", onclick: () => phone.sendDtmf(k) }, k))) : null,
      active ? h("form", { class: "row transfer", onsubmit: (e: Event) => { e.preventDefault(); if (transferTo.value.trim()) transfer(transferTo.value.trim()); } },
        transferTo, colleagueList, h("button", { type: "submit", class: "secondary" }, "Transfer")) : null,
      call.transfer ? h("p", { role: "status" }, call.transfer) : null,
      active ? h("p", { class: "muted", "data-testid": "call-audio" }, "Audio: measuring…") : null,
    ];
  };

  phone.addEventListener("change", render);
  return panel;
}

function duration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return minutes >= 60 ? `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** How the gateway addresses a member's devices: w<workspace>.u<user>, GUIDs without dashes (SipUsernames on the server). */
function memberSipUser(workspaceId: string, userId: string): string {
  return `w${workspaceId.replaceAll("-", "")}.u${userId.replaceAll("-", "")}`;
}
