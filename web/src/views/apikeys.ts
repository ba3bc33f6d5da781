import { api, ApiError, type Me } from "../api";
import { field, formatTime, h, replace, status } from "../dom";
import { withStepUp } from "../stepup";

/** API keys: created with step-up, the token shown once; listed by prefix afterwards. */
export function apiKeysView(me: Me): HTMLElement {
  const line = status();
  const list = h("div", {});
  const reveal = h("div", {});
  const name = field("Name", { name: "name", required: true, maxlength: 100 });
  const grantable = me.permissions.filter((p) => p !== "api-keys:manage");
  const boxes = grantable.map((p) => h("input", { type: "checkbox", value: p, name: "permissions" }));
  const report = (err: unknown) => { line.textContent = err instanceof ApiError ? err.message : "Something went wrong."; };

  const refresh = async () => {
    const keys = (await api.apiKeys()).items;
    replace(list, keys.length === 0 ? h("p", { class: "muted" }, "No API keys yet.") : h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Key"), h("th", { scope: "col" }, "Created"), h("th", { scope: "col" }, "Status"))),
      h("tbody", {}, ...keys.map((k) => h("tr", {}, h("td", {}, k.name), h("td", {}, h("code", {}, `${k.prefix}…`)), h("td", {}, formatTime(k.createdAt)),
        h("td", {}, k.revokedAt ? "revoked" : h("button", {
          type: "button", class: "danger",
          onclick: async () => { try { await api.revokeApiKey(k.id); await refresh(); } catch (err) { report(err); } },
        }, "Revoke")))))));
  };

  const form = h("form", {
    class: "card",
    onsubmit: async (e: Event) => {
      e.preventDefault();
      const permissions = boxes.filter((b) => b.checked).map((b) => b.value);
      try {
        const created = await withStepUp(() => api.createApiKey(name.input.value, permissions));
        if (!created) return;
        form.reset();
        replace(reveal, h("div", { class: "card reveal", role: "alert" },
          h("p", {}, "Copy this key now. It will not be shown again."),
          h("code", { class: "secret", "data-testid": "new-api-key" }, created.token),
          h("div", { class: "row" },
            h("button", { type: "button", onclick: () => void navigator.clipboard?.writeText(created.token).catch(() => undefined) }, "Copy"),
            h("button", { type: "button", class: "secondary", onclick: () => replace(reveal) }, "Done"))));
        await refresh();
      } catch (err) { report(err); }
    },
  }, h("h2", {}, "Create an API key"), name.wrap,
  h("fieldset", {}, h("legend", {}, "Permissions"), ...boxes.map((b) => h("label", { class: "check" }, b, b.value))),
  h("button", { type: "submit" }, "Create key"));
  void refresh().catch(report);
  return h("main", { id: "main" }, h("h1", {}, "API keys"), line, reveal, form, list);
}
