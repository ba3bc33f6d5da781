import { api, ApiError, type Member, type PhoneNumber } from "../api";
import { field, h, replace, status } from "../dom";
import { callSettingsEditor } from "./callSettings";

type Level = "none" | "view" | "use";

/** Numbers and who may see or use each one (need-to-know: members see only numbers granted to them). */
export function numbersView(manageCalls: boolean): HTMLElement {
  const line = status();
  const list = h("div", {});
  const e164 = field("Number (E.164)", { name: "e164", type: "tel", placeholder: "+14155550100", pattern: "\\+[1-9][0-9]{6,14}", required: true });
  const label = field("Label", { name: "label" });
  const report = (err: unknown) => { line.textContent = err instanceof ApiError ? err.message : "Something went wrong."; };

  const refresh = async () => {
    const [numbers, members] = await Promise.all([api.numbers(), api.members()]);
    replace(list, ...await Promise.all(numbers.items.map((n) => card(n, members.items))));
  };
  const card = async (n: PhoneNumber, members: Member[]) => {
    const grants = new Map((await api.numberAccess(n.id)).map((g) => [g.membershipId, g.level]));
    const restricted = members.filter((m) => m.role === "member" || m.role === "viewer");
    return h("section", { class: "card", "data-number": n.e164 },
      h("h2", {}, n.e164, " ", h("span", { class: "muted" }, n.label)),
      restricted.length === 0 ? h("p", { class: "muted" }, "Owners and admins see every number; no members to grant yet.") :
        h("table", {}, h("caption", {}, "Access"), h("tbody", {}, ...restricted.map((m) => {
          const select = h("select", { "aria-label": `Access of ${m.email} to ${n.e164}` },
            ...(["none", "view", "use"] as Level[]).map((l) => h("option", { value: l, selected: (grants.get(m.id) ?? "none") === l }, l)));
          select.addEventListener("change", async () => {
            try {
              if (select.value === "none") await api.revokeAccess(n.id, m.id);
              else await api.grantAccess(n.id, m.id, select.value as "view" | "use");
              line.textContent = `${m.email}: ${select.value} on ${n.e164}.`;
            } catch (err) { report(err); }
          });
          return h("tr", {}, h("td", { class: "wrap" }, m.email), h("td", {}, select));
        }))),
      manageCalls ? callSettingsEditor(n.id, n.e164) : null);
  };

  const form = h("form", {
    class: "card",
    onsubmit: async (e: Event) => {
      e.preventDefault();
      try {
        await api.addNumber(e164.input.value, label.input.value);
        form.reset();
        await refresh();
      } catch (err) { report(err); }
    },
  }, h("h2", {}, "Add a number"), e164.wrap, label.wrap, h("button", { type: "submit" }, "Add number"));
  void refresh().catch(report);
  return h("main", { id: "main" }, h("h1", {}, "Numbers"), line, form, list);
}
