import { api, ApiError, type DataExport, type ExportScope, type Me } from "../api";
import { formatTime, h, replace, status } from "../dom";
import { withStepUp } from "../stepup";

// How often a running export's progress is re-read while the screen is open.
const progressRefreshMs = 2_000;

/** Data exports as background jobs: the workspace's (Owners/Admins) and the member's own, each with step-up 2FA. */
export function exportsView(me: Me): HTMLElement {
  const sections = [
    me.permissions.includes("data:export")
      ? exportSection("workspace", "Workspace data", "Everything of this workspace: members, numbers, calls, messages, contacts, voicemail and recordings, as a ZIP of JSON and audio files.")
      : null,
    exportSection("mine", "Your own data", "Your personal data in this workspace (GDPR Art. 15 and 20), as a ZIP."),
  ];
  return h("main", { id: "main" }, h("h1", {}, "Data export"),
    h("p", { class: "muted" }, "Exports are prepared in the background. Confirming with your authenticator is needed to start one and to get its download link, which works once."),
    ...sections);
}

function exportSection(scope: ExportScope, title: string, description: string): HTMLElement {
  const line = status();
  const list = h("div", {}, h("p", { class: "muted" }, "Loading…"));
  const download = h("div", {});
  const report = (err: unknown) => { line.textContent = err instanceof ApiError ? err.message : "Something went wrong."; };
  let timer = 0;

  const refresh = async () => {
    const exports = (await api.exports(scope)).items;
    replace(list, exports.length === 0 ? h("p", { class: "muted" }, "No exports yet.") : h("div", { class: "scroll" }, h("table", {},
      h("caption", { class: "sr-only" }, `${title}: exports`),
      h("thead", {}, h("tr", {}, ...["Requested", "Progress", "Size", ""].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...exports.map(row)))));
    window.clearTimeout(timer);
    if (exports.some((e) => e.status === "queued" || e.status === "running")) {
      timer = window.setTimeout(() => { if (section.isConnected) void refresh().catch(report); }, progressRefreshMs);
    }
  };

  const row = (e: DataExport) => h("tr", { "data-export": e.id, "data-status": e.status },
    h("td", {}, formatTime(e.requestedAt)),
    h("td", {}, progress(e)),
    h("td", {}, e.size === null ? "" : size(e.size)),
    h("td", {}, e.status === "completed"
      ? h("button", { type: "button", class: "secondary", onclick: () => void link(e).catch(report) }, "Get download link")
      : null));

  const link = async (e: DataExport) => {
    const issued = await withStepUp(() => api.exportLink(scope, e.id));
    if (!issued) return;
    replace(download, h("p", { role: "alert" },
      h("a", { href: issued.url, download: "", "data-testid": `${scope}-export-download` }, "Download the export (ZIP)"),
      h("span", { class: "muted" }, ` · works once, until ${formatTime(issued.expiresAt)}`)));
    download.querySelector("a")?.focus();
  };

  const section: HTMLElement = h("section", { class: "card", "aria-labelledby": `${scope}-export-title`, "data-testid": `${scope}-exports` },
    h("h2", { id: `${scope}-export-title` }, title),
    h("p", {}, description),
    h("button", { type: "button", onclick: async () => {
      line.textContent = "";
      try {
        const started = await withStepUp(() => api.requestExport(scope));
        if (!started) return;
        line.textContent = "Export started.";
        await refresh();
      } catch (err) { report(err); }
    } }, scope === "workspace" ? "Export workspace data" : "Export my data"),
    line, download, list);
  void refresh().catch(report);
  return section;
}

function progress(e: DataExport): Node {
  switch (e.status) {
    case "completed": return h("span", { class: "ok" }, `Ready${e.completedAt ? ` (${formatTime(e.completedAt)})` : ""}`);
    case "failed": return h("span", { class: "error" }, `Failed${e.error ? `: ${e.error}` : ""}`);
    case "expired": return h("span", { class: "muted" }, "Expired");
    default: return h("span", {},
      h("progress", { max: 100, value: e.progress.percent, "aria-label": `Export progress, ${e.progress.percent}%` }),
      ` ${e.status === "queued" ? "Queued" : e.progress.stage || "Running"} · ${e.progress.percent}%`);
  }
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
