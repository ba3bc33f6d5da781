import { api, ApiError, session } from "../api";
import { field, h, status } from "../dom";

/** Sign in with password, then (when the account has 2FA) the authenticator code; or create a workspace. */
export function signInView(onSignedIn: () => void): HTMLElement {
  const email = field("E-mail", { type: "email", name: "email", autocomplete: "username", required: true });
  const password = field("Password", { type: "password", name: "password", autocomplete: "current-password", required: true, minlength: 8 });
  const code = field("Authenticator code (if two-factor is on)", { name: "totp", inputmode: "numeric", autocomplete: "one-time-code", pattern: "[0-9]{6}" });
  const workspace = field("Workspace name", { name: "workspace", autocomplete: "organization" });
  workspace.wrap.hidden = true;
  const line = status();
  let signingUp = false;
  const submit = h("button", { type: "submit" }, "Sign in");
  const toggle = h("button", {
    type: "button", class: "link",
    onclick: () => {
      signingUp = !signingUp;
      workspace.wrap.hidden = !signingUp;
      workspace.input.required = signingUp;
      code.wrap.hidden = signingUp;
      password.input.autocomplete = signingUp ? "new-password" : "current-password";
      submit.textContent = signingUp ? "Create workspace" : "Sign in";
      toggle.textContent = signingUp ? "I already have an account" : "Create a workspace";
      line.textContent = "";
    },
  }, "Create a workspace");

  const form = h("form", {
    class: "card narrow",
    onsubmit: async (e: Event) => {
      e.preventDefault();
      line.textContent = "";
      session.end(); // whatever an earlier session still had in flight is not this one's
      try {
        if (signingUp) {
          await api.signUp(email.input.value, password.input.value, workspace.input.value);
        }
        await api.signIn(email.input.value, password.input.value, code.wrap.hidden ? undefined : code.input.value || undefined);
        session.remember(true);
        onSignedIn();
      } catch (err) {
        if (err instanceof ApiError && err.code === "two-factor-required") {
          code.input.required = true;
          code.input.focus();
          line.textContent = "Enter the 6-digit code from your authenticator app.";
        } else {
          line.textContent = err instanceof ApiError ? err.message : "Could not reach the server.";
        }
      }
    },
  }, h("h1", {}, "PhonePlatform"), email.wrap, password.wrap, code.wrap, workspace.wrap, line, h("div", { class: "row" }, submit, toggle));
  return h("main", { id: "main", class: "center" }, form);
}
