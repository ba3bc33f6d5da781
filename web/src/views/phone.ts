import { api, ApiError, type Contact, type Me, type PhoneNumber } from "../api";
import { h, replace, status } from "../dom";
import { audioDevices, MicrophoneError } from "../phone/microphone";
import { softphone } from "../phone/softphone";

const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
const registrationText = { offline: "Calling is off.", connecting: "Connecting…", registered: "Ready to call.", failed: "Calling is unavailable." };

/** The dialler: which number to call from, dial pad and contact search, audio devices. The call itself is the call panel. */
export function phoneView(me: Me): HTMLElement {
  const body = h("div", {}, h("p", { class: "muted" }, "Loading…"));
  const main = h("main", { id: "main" }, h("h1", {}, "Phone"), body);
  void load(me, body);
  return main;
}

async function load(me: Me, body: HTMLElement): Promise<void> {
  let numbers: PhoneNumber[];
  let contacts: Contact[];
  try {
    [numbers, contacts] = await Promise.all([
      me.permissions.includes("numbers:read") ? api.numbers().then((p) => p.items) : Promise.resolve([] as PhoneNumber[]),
      me.permissions.includes("contacts:read") ? api.contacts().then((p) => p.items).catch(() => [] as Contact[]) : Promise.resolve([] as Contact[]),
    ]);
  } catch (err) {
    replace(body, h("p", { class: "error", role: "alert" }, err instanceof ApiError ? err.message : "Your numbers could not be loaded. Try again shortly."));
    return;
  }
  const phone = softphone();
  const canCall = me.permissions.includes("numbers:use") && numbers.length > 0;
  if (canCall) void phone.start();

  const line = status();
  const registration = h("p", { class: "muted", "data-testid": "registration" });
  const picker = h("select", { id: "from-number", name: "from" }, ...numbers.map((n) => h("option", { value: n.e164 }, `${n.e164} — ${n.label}`)));
  const dialled = h("input", { id: "dial", name: "dial", type: "tel", autocomplete: "off", inputmode: "tel", "aria-label": "Number to call" });
  const callButton = h("button", { type: "submit", class: "call" }, "Call");
  const pad = h("div", { class: "pad", role: "group", "aria-label": "Dial pad" },
    ...keys.map((k) => h("button", { type: "button", onclick: () => { dialled.value += k; dialled.focus(); } }, k)));

  const search = h("input", { type: "search", name: "contact", autocomplete: "off", "aria-label": "Search contacts", placeholder: "Search contacts" });
  const matches = h("ul", { class: "plain matches", "aria-label": "Matching contacts" });
  search.addEventListener("input", () => {
    const term = search.value.trim().toLowerCase();
    const found = term ? contacts.filter((c) => c.name.toLowerCase().includes(term) || c.phones.some((p) => p.includes(term))).slice(0, 8) : [];
    replace(matches, ...found.flatMap((c) => c.phones.map((p) => h("li", {}, h("button", {
      type: "button", class: "link", onclick: () => { dialled.value = p; search.value = ""; replace(matches); dialled.focus(); },
    }, `${c.name} · ${p}`)))));
  });

  const microphones = h("select", { name: "microphone", "aria-label": "Microphone" });
  const speakers = h("select", { name: "speaker", "aria-label": "Speaker" });
  const listDevices = async () => {
    const devices = await audioDevices();
    const options = (list: MediaDeviceInfo[], chosen: string, kind: string) =>
      [h("option", { value: "" }, `Default ${kind}`), ...list.filter((d) => d.deviceId && d.deviceId !== "default")
        .map((d, i) => h("option", { value: d.deviceId, selected: d.deviceId === chosen }, d.label || `${kind} ${i + 1}`))];
    replace(microphones, ...options(devices.microphones, phone.microphoneId, "microphone"));
    replace(speakers, ...options(devices.speakers, phone.speakerId, "speaker"));
  };
  microphones.addEventListener("change", () => void phone.setMicrophone(microphones.value).catch(report));
  speakers.addEventListener("change", () => void phone.setSpeaker(speakers.value).catch(report));
  function report(err: unknown) { line.textContent = err instanceof MicrophoneError ? err.message : "That did not work."; }

  const showState = () => {
    registration.textContent = phone.registrationError ?? registrationText[phone.registration];
    registration.dataset.state = phone.registration;
    callButton.disabled = phone.registration !== "registered" || phone.call !== null && phone.call.phase !== "ended";
  };
  phone.addEventListener("change", showState);
  // The view is replaced on navigation: stop listening once it has left the page.
  const observer = new MutationObserver(() => { if (!body.isConnected) { phone.removeEventListener("change", showState); observer.disconnect(); } });
  observer.observe(document.body, { childList: true, subtree: true });
  showState();

  const form = h("form", {
    class: "card narrow", "aria-label": "Dialler",
    onsubmit: async (e: Event) => {
      e.preventDefault();
      line.textContent = "";
      const target = dialled.value.replace(/[\s().-]/g, "");
      if (!/^\+?[0-9*#]{2,16}$/.test(target)) { line.textContent = "Enter a number, e.g. +14155550100."; return; }
      if (phone.call?.phase === "ended") phone.call = null;
      try {
        await phone.dial(target, picker.value);
        void listDevices();
      } catch (err) { report(err); }
    },
  }, dialled, pad, callButton);

  if (!canCall) {
    replace(body, numbers.length === 0
      ? h("p", { class: "warn", "data-testid": "no-numbers" }, "No phone numbers are assigned to you yet. Ask an admin for access.")
      : h("p", { class: "notice", role: "note", "data-testid": "calling-unavailable" }, "Your role may not place calls."),
    h("ul", { class: "plain", "aria-label": "Your numbers", "data-testid": "my-numbers" }, ...numbers.map((n) => h("li", {}, h("strong", {}, n.e164), " ", n.label))));
    return;
  }
  void listDevices();
  replace(body,
    registration,
    h("label", { class: "field" }, h("span", {}, "Call from"), picker),
    h("ul", { class: "plain", "aria-label": "Your numbers", "data-testid": "my-numbers" }, ...numbers.map((n) => h("li", {}, h("strong", {}, n.e164), " ", n.label))),
    line,
    h("div", { class: "card narrow" }, search, matches),
    form,
    h("details", { class: "card narrow" }, h("summary", {}, "Audio devices"),
      h("label", { class: "field" }, h("span", {}, "Microphone"), microphones),
      h("label", { class: "field" }, h("span", {}, "Speaker"), speakers)));
}
