import { api, ApiError, type Me, type Retention } from "../api";
import { field, formatTime, h, replace, status } from "../dom";
import { withStepUp } from "../stepup";

/** Workspace data: retention periods, billing plan and portal (exports have their own screen). */
export function workspaceView(me: Me): HTMLElement {
  const line = status();
  const report = (err: unknown) => { line.textContent = err instanceof ApiError ? err.message : "Something went wrong."; };
  const sections: HTMLElement[] = [];

  if (me.permissions.includes("security:manage")) {
    const recordings = field("Recordings (days)", { name: "recordingsDays", type: "number", min: 1, inputmode: "numeric" });
    const voicemail = field("Voicemail (days)", { name: "voicemailDays", type: "number", min: 1, inputmode: "numeric" });
    const messages = field("Messages (months)", { name: "messagesMonths", type: "number", min: 1, inputmode: "numeric" });
    const fill = (r: Retention) => {
      recordings.input.value = r.recordingsDays?.toString() ?? "";
      voicemail.input.value = r.voicemailDays?.toString() ?? "";
      messages.input.value = r.messagesMonths?.toString() ?? "";
    };
    const value = (input: HTMLInputElement) => (input.value ? Number(input.value) : null);
    // Editable only once the saved periods are shown, so an early edit is not overwritten when they arrive.
    const inputs = [recordings.input, voicemail.input, messages.input];
    inputs.forEach((input) => { input.disabled = true; });
    void api.retention().then(fill).catch(report).finally(() => inputs.forEach((input) => { input.disabled = false; }));
    sections.push(h("form", {
      class: "card",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          fill(await api.setRetention({ recordingsDays: value(recordings.input), voicemailDays: value(voicemail.input), messagesMonths: value(messages.input) }));
          line.textContent = "Retention saved.";
        } catch (err) { report(err); }
      },
    }, h("h2", {}, "Retention"), h("p", { class: "muted" }, "Older data is deleted automatically; leave a field empty to keep that data."),
    recordings.wrap, voicemail.wrap, messages.wrap, h("button", { type: "submit" }, "Save retention")));
  }

  if (me.permissions.includes("billing:read")) {
    const billing = h("section", { class: "card" }, h("h2", {}, "Billing"), h("p", { class: "muted" }, "Loading…"));
    sections.push(billing);
    void api.billing().then((b) => {
      const manage = me.permissions.includes("billing:manage");
      const go = async (action: () => Promise<{ url: string }>) => {
        try {
          const target = await withStepUp(action);
          if (target) location.assign(target.url);
        } catch (err) { report(err); }
      };
      replace(billing, h("h2", {}, "Billing"),
        b.warning ? h("p", { class: "warn", role: "alert" }, b.warning) : null,
        h("p", { "data-testid": "billing-plan" }, `Plan: ${b.plan ?? "none"} · status ${b.status} · ${b.members} members, ${b.seats} seats`,
          b.currentPeriodEnd ? ` · renews ${formatTime(b.currentPeriodEnd)}` : ""),
        manage ? h("div", { class: "row" },
          ...b.plans.map((p) => h("button", { type: "button", class: "secondary", onclick: () => void go(() => api.checkout(p.name)) },
            `Choose ${p.name} (${(p.seatPriceMinor / 100).toFixed(2)} ${p.currency.toUpperCase()}/seat)`)),
          h("button", { type: "button", class: "secondary", onclick: () => void go(() => api.billingPortal()) }, "Billing portal")) : null);
    }).catch((err) => { replace(billing, h("h2", {}, "Billing"), h("p", { class: "muted" }, err instanceof ApiError ? err.message : "Billing is not available.")); });
  }

  return h("main", { id: "main" }, h("h1", {}, "Workspace"), line, ...sections);
}
