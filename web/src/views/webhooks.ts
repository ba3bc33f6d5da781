import { api, ApiError, type Webhook } from "../api";
import { field, formatTime, h, replace, status } from "../dom";

const eventTypes = [
  "call.ringing", "call.answered", "call.completed", "call.missed", "call.recording.completed", "call.voicemail.completed",
  "message.received", "message.sent", "message.delivered", "message.failed", "contact.created", "contact.updated", "contact.deleted",
];

/** Webhooks: URL and events, the signing secret shown once, the delivery log with attempts and retry. */
export function webhooksView(): HTMLElement {
  const line = status();
  const list = h("div", {});
  const secret = h("div", {});
  const url = field("Endpoint URL (HTTPS)", { name: "url", type: "url", required: true, placeholder: "https://example.com/hooks/phone" });
  const description = field("Description", { name: "description" });
  const boxes = eventTypes.map((t) => h("input", { type: "checkbox", name: "event", value: t, checked: t.startsWith("message.") }));
  const report = (err: unknown) => { line.textContent = err instanceof ApiError ? err.message : "Something went wrong."; };

  const refresh = async () => {
    const hooks = (await api.webhooks()).items;
    replace(list, hooks.length === 0 ? h("p", { class: "muted" }, "No webhooks yet.") : h("div", {}, ...hooks.map(card)));
  };

  const card = (w: Webhook) => {
    const log = h("div", {});
    const showLog = async () => {
      const deliveries = (await api.deliveries(w.id)).items;
      replace(log, deliveries.length === 0 ? h("p", { class: "muted" }, "No deliveries yet.") : h("div", { class: "scroll" }, h("table", {},
        h("caption", {}, "Delivery log"),
        h("thead", {}, h("tr", {}, ...["Event", "Status", "Attempts", "Created", ""].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...deliveries.map((d) => h("tr", { "data-delivery": d.id },
          h("td", {}, d.eventType), h("td", {}, d.status), h("td", {}, String(d.attempts)), h("td", {}, formatTime(d.createdAt)),
          h("td", {}, h("div", { class: "row" },
            h("button", { type: "button", class: "secondary", onclick: async () => {
              try {
                const attempts = await api.attempts(w.id, d.id);
                line.textContent = attempts.length === 0 ? "No attempts yet." : attempts.map((a) =>
                  `${formatTime(a.attemptedAt)}: ${a.statusCode ?? "no response"}${a.error ? ` (${a.error})` : ""}, ${a.durationMs} ms`).join("; ");
              } catch (err) { report(err); }
            } }, "Attempts"),
            d.status === "succeeded" ? null : h("button", { type: "button", class: "secondary", onclick: async () => {
              try { await api.retryDelivery(w.id, d.id); line.textContent = "Retry queued."; await showLog(); } catch (err) { report(err); }
            } }, "Retry")))))))));
    };
    return h("section", { class: "card", "data-webhook": w.url },
      h("h2", {}, w.url),
      h("p", { class: "muted" }, w.description ?? "", " ", w.enabled ? "Enabled" : `Disabled${w.disabledReason ? `: ${w.disabledReason}` : ""}`),
      h("p", {}, w.eventTypes.join(", ")),
      h("div", { class: "row" },
        h("button", { type: "button", class: "secondary", onclick: async () => {
          try { await api.testWebhook(w.id); line.textContent = "Test event queued."; await showLog(); } catch (err) { report(err); }
        } }, "Send test event"),
        h("button", { type: "button", class: "secondary", onclick: () => void showLog().catch(report) }, "Delivery log"),
        h("button", { type: "button", class: "danger", onclick: async () => {
          if (!confirm(`Delete the webhook to ${w.url}?`)) return;
          try { await api.deleteWebhook(w.id); await refresh(); } catch (err) { report(err); }
        } }, "Delete")),
      log);
  };

  const form = h("form", {
    class: "card",
    onsubmit: async (e: Event) => {
      e.preventDefault();
      try {
        const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
        const created = await api.createWebhook(url.input.value, chosen, description.input.value);
        replace(secret, h("div", { class: "card", role: "alert" },
          h("p", {}, "Signing secret — copy it now, it is not shown again:"), h("code", { class: "secret", "data-testid": "webhook-secret" }, created.secret),
          h("button", { type: "button", class: "secondary", onclick: () => replace(secret) }, "Done")));
        form.reset();
        await refresh();
      } catch (err) { report(err); }
    },
  }, h("h2", {}, "Add a webhook"), url.wrap, description.wrap,
  h("fieldset", {}, h("legend", {}, "Events"), ...boxes.map((b) => h("label", { class: "check" }, b, b.value))),
  h("button", { type: "submit" }, "Add webhook"));

  void refresh().catch(report);
  return h("main", { id: "main" }, h("h1", {}, "Webhooks"), line, secret, form, list);
}
