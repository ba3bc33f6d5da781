import "./styles.css";
import { api, ApiError, session, type Me } from "./api";
import { h, replace } from "./dom";
import { apiKeysView } from "./views/apikeys";
import { auditView } from "./views/audit";
import { callsView } from "./views/calls";
import { exportsView } from "./views/exports";
import { membersView } from "./views/members";
import { messagesView } from "./views/messages";
import { numbersView } from "./views/numbers";
import { closeLiveEvents } from "./live/events";
import { callPanel } from "./phone/callPanel";
import { softphone, stopSoftphone } from "./phone/softphone";
import { phoneView } from "./views/phone";
import { signInView } from "./views/signin";
import { trunksView } from "./views/trunks";
import { twoFactorView } from "./views/twofactor";
import { webhooksView } from "./views/webhooks";
import { workspaceView } from "./views/workspace";

const base = "/app/";
const root = document.getElementById("root")!;
// Created once per signed-in page and kept across screens, so a call (or an incoming one) survives navigation.
let panel: HTMLElement | null = null;

interface Route { path: string; title: string; permission?: string; view: (me: Me) => HTMLElement }
const routes: Route[] = [
  { path: "", title: "Phone", view: phoneView },
  { path: "messages", title: "Messages", permission: "numbers:read", view: messagesView },
  { path: "calls", title: "Calls", permission: "numbers:read", view: callsView },
  { path: "members", title: "Members", permission: "members:manage", view: membersView },
  { path: "numbers", title: "Numbers", permission: "number-access:manage", view: (me) => numbersView(me.permissions.includes("numbers:manage")) },
  { path: "trunks", title: "Trunks", permission: "trunks:manage", view: () => trunksView() },
  { path: "api-keys", title: "API keys", permission: "api-keys:manage", view: apiKeysView },
  { path: "webhooks", title: "Webhooks", permission: "webhooks:manage", view: () => webhooksView() },
  { path: "workspace", title: "Workspace", permission: "security:manage", view: workspaceView },
  { path: "audit", title: "Audit log", permission: "audit:read", view: () => auditView() },
  { path: "exports", title: "Data export", view: exportsView },
  { path: "security", title: "Security", view: (me) => twoFactorView(me, () => navigate("")) },
];

export function navigate(path: string): void {
  history.pushState(null, "", base + path);
  void render();
}

function current(): string {
  return location.pathname.startsWith(base) ? location.pathname.slice(base.length).replace(/\/$/, "") : "";
}

async function render(): Promise<void> {
  const signIn = () => replace(root, signInView(() => void render()));
  if (!session.probablySignedIn()) {
    signIn();
    return;
  }
  let me: Me;
  try {
    me = await api.me();
  } catch (err) {
    if (err instanceof ApiError && err.problem.status === 401) {
      session.remember(false);
      signIn();
      return;
    }
    replace(root, h("main", { id: "main" }, h("p", { class: "error" }, "The server is not reachable. Try again shortly.")));
    return;
  }
  const allowed = routes.filter((r) => !r.permission || me.permissions.includes(r.permission));
  const path = me.twoFactorEnrollmentRequired ? "security" : current();
  const route = allowed.find((r) => r.path === path) ?? allowed[0];
  document.title = `${route.title} · PhonePlatform`;
  const nav = h("nav", { "aria-label": "Main" }, h("ul", {}, ...allowed.map((r) => h("li", {}, h("a", {
    href: base + r.path,
    "aria-current": r === route ? "page" : undefined,
    onclick: (e: Event) => { e.preventDefault(); navigate(r.path); },
  }, r.title)))));
  const header = h("header", {},
    h("span", { class: "brand" }, me.workspaceName),
    nav,
    h("span", { class: "who" }, me.email ?? "", " ", h("button", {
      type: "button", class: "secondary",
      onclick: async () => {
        session.end();
        stopSoftphone();
        closeLiveEvents();
        panel = null;
        await api.signOut().catch(() => undefined);
        session.remember(false);
        history.pushState(null, "", base);
        void render();
      },
    }, "Sign out")));
  // Incoming calls ring on every screen for anyone who may place calls.
  if (me.permissions.includes("numbers:use") && !me.twoFactorEnrollmentRequired) void softphone().start();
  panel ??= callPanel(me);
  replace(root, header, panel, route.view(me));
  root.querySelector<HTMLElement>("h1")?.setAttribute("tabindex", "-1");
}

window.addEventListener("popstate", () => void render());
void render();
