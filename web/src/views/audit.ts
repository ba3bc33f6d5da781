import { api, ApiError, type AuditEntry } from "../api";
import { field, formatTime, h, replace, status } from "../dom";

/** The audit log, newest first, with filters, paging and the result of verifying the hash chain. */
export function auditView(): HTMLElement {
  const line = status();
  const verdict = h("p", { "data-testid": "chain-status", class: "muted" }, "Verifying the chain…");
  const rows = h("tbody", {});
  const more = h("button", { type: "button", class: "secondary", hidden: true }, "Older entries");
  const action = field("Action", { name: "action", placeholder: "e.g. member.added" });
  const since = field("From", { name: "since", type: "date" });
  const until = field("Until", { name: "until", type: "date" });
  let cursor: string | null = null;
  const report = (err: unknown) => { line.textContent = err instanceof ApiError ? err.message : "Something went wrong."; };

  const query = () => {
    const q = new URLSearchParams({ limit: "50" });
    if (action.input.value) q.set("action", action.input.value.trim());
    if (since.input.value) q.set("since", new Date(since.input.value).toISOString());
    if (until.input.value) q.set("until", new Date(new Date(until.input.value).getTime() + 86_400_000).toISOString());
    if (cursor) q.set("cursor", cursor);
    return q;
  };
  const load = async (reset: boolean) => {
    if (reset) { cursor = null; replace(rows); }
    const page = await api.auditLog(query());
    rows.append(...page.items.map(row));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  };
  const row = (e: AuditEntry) => h("tr", { "data-action": e.action },
    h("td", {}, String(e.sequence)), h("td", {}, formatTime(e.occurredAt)), h("td", {}, h("code", {}, e.action)),
    h("td", { class: "wrap" }, [e.targetType, e.targetId].filter(Boolean).join(" ")), h("td", {}, e.actorIp ?? ""));
  more.addEventListener("click", () => void load(false).catch(report));

  void api.verifyAudit().then((v) => {
    verdict.className = v.intact ? "ok" : "error";
    verdict.textContent = v.intact
      ? `Chain verified: ${v.entriesChecked} entries intact.`
      : `Chain broken at entry ${v.brokenAtSequence ?? "?"}: ${v.reason ?? "unknown reason"}.`;
  }).catch(report);
  void load(true).catch(report);

  const filters = h("form", { class: "card filters", onsubmit: (e: Event) => { e.preventDefault(); void load(true).catch(report); } },
    action.wrap, since.wrap, until.wrap, h("button", { type: "submit" }, "Filter"));
  return h("main", { id: "main" }, h("h1", {}, "Audit log"), verdict, line, filters,
    h("div", { class: "scroll" }, h("table", {},
      h("thead", {}, h("tr", {}, ...["#", "When", "Action", "Target", "IP"].map((t) => h("th", { scope: "col" }, t)))), rows)), more);
}
