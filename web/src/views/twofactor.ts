import { api, ApiError, type Me } from "../api";
import { field, h, replace, status } from "../dom";

/** Enrol an authenticator: show the secret, confirm with a code, show the recovery codes once. */
export function twoFactorView(me: Me, onDone: () => void): HTMLElement {
  const body = h("div", {});
  const main = h("main", { id: "main" }, h("h1", {}, "Two-factor authentication"), body);
  if (me.twoFactorEnabled) {
    replace(body, h("p", { class: "ok" }, "Two-factor authentication is on for your account."));
    return main;
  }
  const line = status();
  const start = h("button", {
    type: "button",
    onclick: async () => {
      try {
        const setup = await api.beginTwoFactor();
        const code = field("Code from the app", { name: "totp", inputmode: "numeric", autocomplete: "one-time-code", pattern: "[0-9]{6}", required: true });
        replace(body,
          h("p", {}, "Add this key to your authenticator app, then enter the code it shows."),
          h("p", {}, "Key: ", h("code", { "data-testid": "totp-secret" }, setup.secret)),
          h("p", { class: "muted small" }, setup.otpauthUri),
          h("form", {
            class: "card narrow",
            onsubmit: async (e: Event) => {
              e.preventDefault();
              try {
                const done = await api.confirmTwoFactor(code.input.value);
                replace(body,
                  h("p", { class: "ok" }, "Two-factor authentication is on."),
                  h("p", {}, "Recovery codes — store them now; they are shown only once:"),
                  h("ul", { class: "codes" }, ...done.recoveryCodes.map((c) => h("li", {}, h("code", {}, c)))),
                  h("button", { type: "button", onclick: onDone }, "Continue"));
              } catch (err) {
                line.textContent = err instanceof ApiError ? err.message : "Could not confirm.";
              }
            },
          }, code.wrap, line, h("button", { type: "submit" }, "Turn on")));
        code.input.focus();
      } catch (err) {
        line.textContent = err instanceof ApiError ? err.message : "Could not start.";
      }
    },
  }, "Set up an authenticator app");
  replace(body,
    me.twoFactorEnrollmentRequired ? h("p", { class: "warn" }, "Your workspace requires two-factor authentication before you continue.") : null,
    h("p", {}, "Protect your account with a code from an authenticator app."), start, line);
  return main;
}
