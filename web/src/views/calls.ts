import { api, ApiError, type CallRecord, type Me, type Voicemail } from "../api";
import { formatTime, h, replace, status } from "../dom";
import { whileOnPage } from "../live/events";

/** Call history, voicemails and recordings; audio is streamed (with ranges) and decrypted by the server. */
export function callsView(me: Me): HTMLElement {
  const line = status();
  const history = h("div", {});
  const voicemails = h("div", {});
  const recordings = h("div", {});
  const report = (err: unknown) => { line.textContent = err instanceof ApiError ? err.message : "Something went wrong."; };
  const mayUse = me.permissions.includes("numbers:use");

  const refresh = async () => {
    const [calls, mail] = await Promise.all([api.calls(), api.voicemails()]);
    replace(history, calls.items.length === 0 ? h("p", { class: "muted" }, "No calls yet.") : h("table", {},
      h("caption", { class: "sr-only" }, "Call history"),
      h("thead", {}, h("tr", {}, ...["When", "Direction", "Other party", "Number", "Duration", "Outcome"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...calls.items.map(callRow))));
    replace(voicemails, mail.items.length === 0 ? h("p", { class: "muted" }, "No voicemails.") :
      h("ul", { class: "plain" }, ...mail.items.map(voicemailItem)));
    const recorded = calls.items.filter((c) => c.recordingId);
    replace(recordings, recorded.length === 0 ? h("p", { class: "muted" }, "No recordings.") :
      h("ul", { class: "plain" }, ...recorded.map((c) => h("li", { class: "card" },
        h("p", {}, formatTime(c.startedAt), " · ", c.remoteNumber ?? "unknown"),
        h("audio", { controls: true, preload: "none", src: `/v1/recordings/${c.recordingId}/audio`, "aria-label": `Recording of the call with ${c.remoteNumber ?? "unknown"}` })))));
  };

  const voicemailItem = (v: Voicemail) => {
    const audio = h("audio", { controls: true, preload: "none", src: v.audioUrl, "aria-label": `Voicemail from ${v.callerNumber ?? "unknown caller"}`, "data-voicemail": v.id });
    if (!v.listened && mayUse) audio.addEventListener("play", () => void api.markListened(v.id).catch(report), { once: true });
    return h("li", { class: "card", "data-testid": "voicemail" },
      h("p", {}, h("strong", {}, v.callerNumber ?? "Unknown caller"), " → ", v.number, " · ", formatTime(v.receivedAt), " · ",
        `${Math.round(v.durationSeconds)} s`, v.listened ? null : h("span", { class: "badge" }, "new")),
      audio);
  };

  whileOnPage(history, "call.", () => void refresh().catch(report));
  void refresh().catch(report);
  return h("main", { id: "main" }, h("h1", {}, "Calls"), line,
    h("h2", {}, "History"), history, h("h2", {}, "Voicemail"), voicemails, h("h2", {}, "Recordings"), recordings);
}

function callRow(c: CallRecord): HTMLTableRowElement {
  const seconds = c.answeredAt && c.endedAt ? Math.round((Date.parse(c.endedAt) - Date.parse(c.answeredAt)) / 1000) : null;
  const outcome = c.missed ? "Missed" : c.voicemailId ? "Voicemail" : c.answeredAt ? "Answered" : c.endedAt ? (c.endReason ?? "Ended") : "In progress";
  return h("tr", { class: c.missed ? "missed" : undefined },
    h("td", {}, formatTime(c.startedAt)), h("td", {}, c.direction), h("td", {}, c.remoteNumber ?? "unknown"), h("td", {}, c.number),
    h("td", {}, seconds === null ? "—" : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`), h("td", {}, outcome));
}
