import { api, ApiError, type CallSettings } from "../api";
import { h, replace, status } from "../dom";

const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];
const policies = [["never", "Never"], ["always", "Always"], ["onDemand", "On demand"]];

/** One number's call handling: ring timeout, recording policy, weekday business hours, voicemail greeting upload. */
export function callSettingsEditor(numberId: string, e164: string): HTMLElement {
  const body = h("div", {}, h("p", { class: "muted" }, "Loading…"));
  const details = h("details", { class: "settings" }, h("summary", {}, `Call settings of ${e164}`), body);
  details.addEventListener("toggle", () => { if (details.open) void load(); }, { once: true });
  const line = status();
  const report = (err: unknown) => { line.textContent = err instanceof ApiError ? err.message : "Something went wrong."; };

  const load = async () => {
    let settings: CallSettings;
    try { settings = await api.callSettings(numberId); } catch (err) { report(err); replace(body, line); return; }
    const ring = h("input", { type: "number", name: "ringTimeout", min: 5, max: 300, value: settings.ringTimeoutSeconds, "aria-label": `Ring timeout of ${e164} (seconds)` });
    const policy = h("select", { name: "recordingPolicy", "aria-label": `Recording of ${e164}` },
      ...policies.map(([value, label]) => h("option", { value, selected: settings.recordingPolicy === value }, label)));
    const hoursOn = h("input", { type: "checkbox", name: "businessHours", checked: settings.businessHours !== null });
    const first = settings.businessHours?.weekly[0];
    const zone = h("input", { name: "timeZone", value: settings.businessHours?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, "aria-label": "Time zone" });
    const opens = h("input", { type: "time", name: "opens", value: first?.opens.slice(0, 5) ?? "09:00", "aria-label": "Opens" });
    const closes = h("input", { type: "time", name: "closes", value: first?.closes.slice(0, 5) ?? "17:00", "aria-label": "Closes" });
    const greeting = h("input", { type: "file", name: "greeting", accept: "audio/wav,.wav", "aria-label": `Voicemail greeting of ${e164} (WAV)` });
    const greetingState = h("p", { class: "muted", "data-testid": "greeting-state" }, settings.hasGreeting ? "A custom greeting is set." : "The default beep greeting is used.");

    const form = h("form", {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          const saved = await api.saveCallSettings(numberId, {
            ringTimeoutSeconds: Number(ring.value),
            recordingPolicy: policy.value,
            recordingAnnouncement: settings.recordingAnnouncement,
            menu: settings.menu,
            businessHours: hoursOn.checked ? { timeZone: zone.value, weekly: weekdays.map((day) => ({ day, opens: opens.value, closes: closes.value })) } : null,
          });
          settings = saved;
          if (greeting.files?.[0]) {
            await api.uploadGreeting(numberId, greeting.files[0]);
            greeting.value = "";
            greetingState.textContent = "A custom greeting is set.";
          }
          line.textContent = `Saved. ${saved.openNow ? "Open now." : "Closed now: calls go to voicemail."}`;
        } catch (err) { report(err); }
      },
    },
    h("label", { class: "field" }, h("span", {}, "Ring timeout (seconds)"), ring),
    h("label", { class: "field" }, h("span", {}, "Record calls"), policy),
    h("label", { class: "check" }, hoursOn, "Business hours, Monday to Friday (outside them calls go to voicemail)"),
    h("div", { class: "filters" }, h("label", { class: "field" }, h("span", {}, "Time zone"), zone),
      h("label", { class: "field" }, h("span", {}, "Opens"), opens), h("label", { class: "field" }, h("span", {}, "Closes"), closes)),
    h("label", { class: "field" }, h("span", {}, "Voicemail greeting (WAV)"), greeting), greetingState,
    h("div", { class: "row" }, h("button", { type: "submit" }, "Save call settings"),
      h("button", { type: "button", class: "secondary", onclick: async () => {
        try { await api.removeGreeting(numberId); greetingState.textContent = "The default beep greeting is used."; } catch (err) { report(err); }
      } }, "Use the default greeting")),
    line);
    replace(body, form);
  };
  return details;
}
