import { api, ApiError, type Trunk, type TrunkInput, type TrunkNumberFormat, type TrunkState, type TrunkTransport } from "../api";
import { formatTime, h, replace, status } from "../dom";

// While the screen is open the health is re-read this often (the gateway checks each trunk by OPTIONS every 30 s).
const healthRefreshMs = 15_000;

/** The workspace's own carrier trunks (bring your own carrier): add, edit, delete, and their live health. */
export function trunksView(): HTMLElement {
  const line = status();
  const list = h("div", { "aria-live": "polite" });
  const form = trunkForm(async () => { await refresh(); });
  const report = (err: unknown) => { line.textContent = err instanceof ApiError ? err.message : "Something went wrong."; };

  const refresh = async () => {
    const trunks = await api.trunks();
    replace(list, trunks.length === 0 ? h("p", { class: "muted" }, "No trunks yet: calls go out over the platform's carriers.") : h("div", {}, ...trunks.map(card)));
  };

  const card = (t: Trunk) => h("section", { class: "card", "data-trunk": t.name, "aria-label": `Trunk ${t.name}` },
    h("h2", {}, t.name, t.enabled ? null : h("span", { class: "muted" }, " (disabled)")),
    h("p", {}, `${t.transport.toUpperCase()} ${t.host}:${t.port} · priority ${t.priority} · ${t.costPerMinute} per minute`),
    h("p", { class: "muted" }, `Destinations: ${t.prefixes.length ? t.prefixes.join(", ") : "all"} · numbers sent as ${formatLabels[t.numberFormat]} (country ${t.countryCode})`,
      ` · inbound from ${t.allowedSources.length ? t.allowedSources.join(", ") : "no address"}`, t.hasCredentials ? " · digest credentials set" : ""),
    health(t.state),
    h("div", { class: "row" },
      h("button", { type: "button", class: "secondary", "aria-label": `Edit ${t.name}`, onclick: () => form.edit(t) }, "Edit"),
      h("button", { type: "button", class: "danger", "aria-label": `Delete ${t.name}`, onclick: async () => {
        if (!confirm(`Delete the trunk ${t.name}? Calls stop using it at once.`)) return;
        try { await api.deleteTrunk(t.id); line.textContent = `Trunk ${t.name} deleted.`; await refresh(); } catch (err) { report(err); }
      } }, "Delete")));

  const main = h("main", { id: "main" }, h("h1", {}, "Trunks"),
    h("p", { class: "muted" }, "Your own SIP carriers. Outbound calls try the matching trunks by priority (lower first), healthy ones before others."),
    line,
    h("div", { class: "row" }, h("button", { type: "button", class: "secondary", onclick: () => void refresh().then(() => { line.textContent = "Health refreshed."; }).catch(report) }, "Refresh health")),
    list, form.element);
  const timer = window.setInterval(() => {
    if (!main.isConnected) { window.clearInterval(timer); return; }
    void refresh().catch(report);
  }, healthRefreshMs);
  void refresh().catch(report);
  return main;
}

const formatLabels: Record<TrunkNumberFormat, string> = { e164: "+E.164", e164WithoutPlus: "E.164 without +", national: "national" };

function health(state: TrunkState | null): HTMLElement {
  if (!state) return h("p", { class: "muted", "data-testid": "trunk-health" }, "Health: not known (no gateway is reporting).");
  const reach = state.reachability === "unknown" ? "not checked yet"
    : `${state.reachability}${state.optionsStatusCode ? ` (OPTIONS ${state.optionsStatusCode}${state.optionsRoundTripMs !== null ? ` in ${Math.round(state.optionsRoundTripMs)} ms` : ""})` : ""}`;
  const calls = state.recentAttempts === 0 ? "no recent calls"
    : `${state.recentAttempts} recent calls, ${Math.round((state.answerSeizureRatio ?? 0) * 100)}% answered` +
      (state.postDialDelayMs !== null ? `, post-dial delay ${(state.postDialDelayMs / 1000).toFixed(1)} s` : "");
  return h("p", { "data-testid": "trunk-health", "data-reachability": state.reachability, "data-healthy": String(state.healthy) },
    h("strong", { class: state.healthy ? "ok" : "error" }, state.healthy ? "Healthy" : "Unhealthy"),
    ` · reachability ${reach} · ${calls}`, state.lastCheckedAt ? ` · checked ${formatTime(state.lastCheckedAt)}` : "");
}

interface TrunkForm { element: HTMLFormElement; edit: (t: Trunk) => void }

/** Add or edit a trunk; the server's validation problems are shown next to the fields they name. */
function trunkForm(saved: () => Promise<void>): TrunkForm {
  let editing: Trunk | null = null;
  const errors = new Map<string, HTMLElement>();
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  const fieldOf = (name: string, label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string) => {
    // The error and hint sit outside the label: they describe the field (aria-describedby) without renaming it.
    const error = h("span", { class: "error", id: `trunk-${name}-error` });
    control.id = `trunk-${name}`;
    control.setAttribute("name", name);
    control.setAttribute("aria-describedby", `trunk-${name}-error${hint ? ` trunk-${name}-hint` : ""}`);
    errors.set(name, error);
    inputs.set(name, control);
    return h("div", { class: "field" }, h("label", { for: control.id }, label), control, hint ? h("span", { class: "muted small", id: `trunk-${name}-hint` }, hint) : null, error);
  };
  const input = (attrs: Record<string, string | number | boolean>) => h("input", attrs);
  const select = (options: [string, string][]) => h("select", {}, ...options.map(([value, text]) => h("option", { value }, text)));
  const value = (name: string) => inputs.get(name)!.value.trim();
  const list = (name: string) => value(name).split(/[\s,]+/).filter(Boolean);
  const enabled = h("input", { type: "checkbox", name: "enabled", checked: true });
  const removeCredentials = h("input", { type: "checkbox", name: "removeCredentials" });
  const removeWrap = h("label", { class: "check", hidden: true }, removeCredentials, "Remove the stored credentials");
  const title = h("h2", {}, "Add a trunk");
  const submit = h("button", { type: "submit" }, "Add trunk");
  const cancel = h("button", { type: "button", class: "secondary", hidden: true, onclick: () => reset() }, "Cancel editing");
  const line = status();

  const fields = [
    fieldOf("name", "Name", input({ required: true, maxlength: 100, autocomplete: "off" })),
    fieldOf("host", "SIP server (host or IP address)", input({ required: true, autocomplete: "off", spellcheck: false })),
    fieldOf("port", "Port", input({ type: "number", min: 1, max: 65535, value: "5060", inputmode: "numeric" })),
    fieldOf("transport", "Transport", select([["udp", "UDP"], ["tcp", "TCP"]])),
    fieldOf("authUsername", "Digest user name (optional)", input({ autocomplete: "off", spellcheck: false })),
    fieldOf("authPassword", "Digest password (optional)", input({ type: "password", autocomplete: "new-password" }), "Never shown again; leave both empty to keep the stored ones."),
    fieldOf("allowedSources", "Carrier addresses allowed to call in (CIDR)", h("textarea", { rows: 2, spellcheck: false }), "e.g. 203.0.113.10/32, one or more separated by commas or spaces."),
    fieldOf("numberFormat", "Number format", select(Object.entries(formatLabels))),
    fieldOf("countryCode", "Country calling code", input({ value: "1", inputmode: "numeric", maxlength: 3 })),
    fieldOf("prefixes", "Destination prefixes", input({ autocomplete: "off", placeholder: "+1, +4930" }), "Empty: every destination."),
    fieldOf("priority", "Priority (0–1000, lower first)", input({ type: "number", min: 0, max: 1000, value: "0", inputmode: "numeric" })),
    fieldOf("costPerMinute", "Cost per minute", input({ type: "number", min: 0, step: "any", value: "0", inputmode: "decimal" })),
  ];

  const clearErrors = () => {
    line.textContent = "";
    for (const [name, error] of errors) { error.textContent = ""; inputs.get(name)!.removeAttribute("aria-invalid"); }
  };

  const showProblem = (err: unknown) => {
    if (!(err instanceof ApiError)) { line.textContent = "Could not reach the server."; return; }
    const fieldErrors = err.problem.errors ?? (err.problem.status === 409 ? { name: [err.problem.detail ?? err.message] } : {});
    const unplaced: string[] = [];
    let first: HTMLElement | null = null;
    for (const [key, messages] of Object.entries(fieldErrors)) {
      const name = key.replace(/^\$\./, "").replace(/^./, (c) => c.toLowerCase());
      const error = errors.get(name);
      if (!error) { unplaced.push(...messages); continue; }
      error.textContent = messages.join(" ");
      inputs.get(name)!.setAttribute("aria-invalid", "true");
      first ??= inputs.get(name)!;
    }
    line.textContent = unplaced.length ? unplaced.join(" ") : Object.keys(fieldErrors).length ? "Check the highlighted fields." : err.message;
    first?.focus();
  };

  const reset = () => {
    editing = null;
    element.reset();
    clearErrors();
    title.textContent = "Add a trunk";
    submit.textContent = "Add trunk";
    cancel.hidden = true;
    removeWrap.hidden = true;
  };

  const element = h("form", {
    class: "card narrow", "aria-labelledby": "trunk-form-title", novalidate: true,
    onsubmit: async (e: Event) => {
      e.preventDefault();
      clearErrors();
      const request: TrunkInput = {
        name: value("name"), host: value("host"), port: value("port") ? Number(value("port")) : 5060, transport: value("transport") as TrunkTransport,
        allowedSources: list("allowedSources"), numberFormat: value("numberFormat") as TrunkNumberFormat, countryCode: value("countryCode"),
        prefixes: list("prefixes"), priority: value("priority") ? Number(value("priority")) : 0,
        costPerMinute: value("costPerMinute") ? Number(value("costPerMinute")) : 0, enabled: enabled.checked,
      };
      const username = value("authUsername");
      const password = inputs.get("authPassword")!.value;
      if (removeCredentials.checked) Object.assign(request, { authUsername: "", authPassword: "" });
      else if (username || password) Object.assign(request, { authUsername: username, authPassword: password });
      try {
        const wasEditing = editing;
        const trunk = wasEditing ? await api.replaceTrunk(wasEditing.id, request) : await api.createTrunk(request);
        reset();
        line.textContent = wasEditing ? `Trunk ${trunk.name} saved.` : `Trunk ${trunk.name} added.`;
        await saved();
      } catch (err) { showProblem(err); }
    },
  }, title, ...fields, h("label", { class: "check" }, enabled, "Enabled"), removeWrap, line, h("div", { class: "row" }, submit, cancel));
  title.id = "trunk-form-title";

  const edit = (t: Trunk) => {
    reset();
    editing = t;
    const set = (name: string, v: string) => { inputs.get(name)!.value = v; };
    set("name", t.name); set("host", t.host); set("port", String(t.port)); set("transport", t.transport);
    set("allowedSources", t.allowedSources.join(", ")); set("numberFormat", t.numberFormat); set("countryCode", t.countryCode);
    set("prefixes", t.prefixes.join(", ")); set("priority", String(t.priority)); set("costPerMinute", String(t.costPerMinute));
    enabled.checked = t.enabled;
    removeWrap.hidden = !t.hasCredentials;
    title.textContent = `Edit ${t.name}`;
    submit.textContent = "Save trunk";
    cancel.hidden = false;
    inputs.get("name")!.focus();
  };

  return { element, edit };
}
