import { api, type Me, type PhoneNumber } from "../api";
import { h, replace } from "../dom";

const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

/**
 * The softphone. Calling needs the SIP credentials endpoint of the calls API; until the server offers it, the page
 * says so plainly (capability checked against the server's OpenAPI document) instead of showing a dial pad that fails.
 */
export function phoneView(me: Me): HTMLElement {
  const body = h("div", {}, h("p", { class: "muted" }, "Loading…"));
  const main = h("main", { id: "main" }, h("h1", {}, "Phone"), body);
  void load(me, body);
  return main;
}

async function load(me: Me, body: HTMLElement): Promise<void> {
  const [numbers, spec] = await Promise.all([
    me.permissions.includes("numbers:read") ? api.numbers().then((p) => p.items) : Promise.resolve([] as PhoneNumber[]),
    api.openApi().catch(() => ({ paths: {} })),
  ]);
  // The server side of browser calling (SIP credentials, gateway, calls API) is there; this page's JsSIP softphone is
  // not built yet, so it says so plainly instead of showing a dial pad that cannot place a call.
  const softphoneInThisBuild = false;
  const callingAvailable = softphoneInThisBuild && "/v1/sip/credentials" in spec.paths && "/v1/calls" in spec.paths;
  const picker = h("select", { id: "from-number", name: "from" }, ...numbers.map((n) => h("option", { value: n.id }, `${n.e164} — ${n.label}`)));
  const dialled = h("input", { id: "dial", name: "dial", type: "tel", autocomplete: "off", inputmode: "tel", "aria-label": "Number to call" });
  const pad = h("div", { class: "pad", role: "group", "aria-label": "Dial pad" },
    ...keys.map((k) => h("button", { type: "button", disabled: !callingAvailable, onclick: () => { dialled.value += k; } }, k)));
  replace(body,
    numbers.length === 0
      ? h("p", { class: "warn", "data-testid": "no-numbers" }, "No phone numbers are assigned to you yet. Ask an admin for access.")
      : h("label", { class: "field" }, h("span", {}, "Call from"), picker),
    h("ul", { class: "plain", "aria-label": "Your numbers", "data-testid": "my-numbers" }, ...numbers.map((n) => h("li", {}, h("strong", {}, n.e164), " ", n.label))),
    callingAvailable ? null : h("p", { class: "notice", role: "note", "data-testid": "calling-unavailable" }, "Calling is not available on this server yet."),
    h("div", { class: "card narrow" }, dialled, pad, h("button", { type: "button", disabled: true, class: "call" }, "Call")));
}
