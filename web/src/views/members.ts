import { api, ApiError, type Me, type Member, type Role } from "../api";
import { field, h, replace, status } from "../dom";
import { withStepUp } from "../stepup";

const roles: Role[] = ["viewer", "member", "admin", "owner"];

function roleSelect(value: Role, label: string): HTMLSelectElement {
  return h("select", { "aria-label": label }, ...roles.map((r) => h("option", { value: r, selected: r === value }, r)));
}

/** Members: invite, change role, remove (the last two need step-up), and the workspace 2FA requirement. */
export function membersView(me: Me): HTMLElement {
  const line = status();
  const list = h("div", {});
  const policy = h("div", {});
  const email = field("E-mail", { type: "email", name: "email", required: true });
  const password = field("Initial password (new users)", { type: "password", name: "initialPassword", autocomplete: "new-password", minlength: 8 });
  const role = roleSelect("member", "Role");
  const report = (err: unknown) => { line.textContent = err instanceof ApiError ? err.message : "Something went wrong."; };

  const refresh = async () => {
    const members = (await api.members()).items;
    replace(list, h("table", {},
      h("caption", { class: "sr-only" }, "Members"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "E-mail"), h("th", { scope: "col" }, "Role"), h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Actions")))),
      h("tbody", {}, ...members.map((m) => row(m)))));
  };
  const row = (m: Member) => {
    const select = roleSelect(m.role, `Role of ${m.email}`);
    const self = m.userId === me.userId;
    select.disabled = self;
    select.addEventListener("change", async () => {
      try {
        const changed = await withStepUp(() => api.changeMember(m.id, select.value as Role));
        line.textContent = changed ? `${m.email} is now ${changed.role}.` : "";
        if (!changed) select.value = m.role;
      } catch (err) { report(err); select.value = m.role; }
    });
    return h("tr", { "data-member": m.email }, h("td", { class: "wrap" }, m.email), h("td", {}, select),
      h("td", {}, self ? "you" : h("button", {
        type: "button", class: "danger",
        onclick: async () => {
          if (!confirm(`Remove ${m.email} from the workspace?`)) return;
          try { await withStepUp(() => api.removeMember(m.id)); await refresh(); } catch (err) { report(err); }
        },
      }, "Remove")));
  };
  const refreshPolicy = async () => {
    if (!me.permissions.includes("security:manage")) return;
    const ws = await api.workspace();
    const box = h("input", { type: "checkbox", id: "require-2fa", checked: ws.requireTwoFactorForAdmins });
    box.addEventListener("change", async () => {
      try {
        const updated = await withStepUp(() => api.setSecurity(box.checked));
        box.checked = updated?.requireTwoFactorForAdmins ?? !box.checked;
      } catch (err) { report(err); box.checked = !box.checked; }
    });
    replace(policy, h("label", { class: "check" }, box, "Require two-factor authentication for owners and admins"));
  };

  const form = h("form", {
    class: "card",
    onsubmit: async (e: Event) => {
      e.preventDefault();
      try {
        const added = await api.addMember(email.input.value, role.value as Role, password.input.value || undefined);
        line.textContent = `Added ${added.email}.`;
        form.reset();
        await refresh();
      } catch (err) { report(err); }
    },
  }, h("h2", {}, "Invite a member"), email.wrap, password.wrap, h("label", { class: "field" }, h("span", {}, "Role"), role), h("button", { type: "submit" }, "Invite"));

  void refresh().catch(report);
  void refreshPolicy().catch(report);
  return h("main", { id: "main" }, h("h1", {}, "Members"), line, list, form, policy);
}
