import { api, ApiError } from "./api";
import { field, h, status } from "./dom";

// When the session was last stepped up (server's answer), so the dialog comes first instead of a refused request.
let stepUpUntil = 0;

/** Asks for password and TOTP in a modal dialog; resolves true once the session is stepped up, false on cancel. */
function askStepUp(): Promise<boolean> {
  return new Promise((resolve) => {
    const password = field("Password", { type: "password", name: "password", autocomplete: "current-password", required: true });
    const code = field("Authenticator code", { name: "totp", inputmode: "numeric", autocomplete: "one-time-code", pattern: "[0-9]{6}", required: true });
    const line = status();
    const dialog = h("dialog", { "aria-labelledby": "stepup-title" });
    const close = (ok: boolean) => { dialog.close(); dialog.remove(); resolve(ok); };
    const form = h("form", {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          const confirmed = await api.stepUp(password.input.value, code.input.value);
          stepUpUntil = Date.parse(confirmed.stepUpUntil);
          close(true);
        } catch (err) {
          line.textContent = err instanceof ApiError ? err.message : "Could not confirm.";
        }
      },
    },
    h("h2", { id: "stepup-title" }, "Confirm it's you"),
    h("p", {}, "This action needs your password and a fresh two-factor code."),
    password.wrap, code.wrap, line,
    h("div", { class: "row" }, h("button", { type: "submit" }, "Confirm"), h("button", { type: "button", class: "secondary", onclick: () => close(false) }, "Cancel")));
    dialog.addEventListener("cancel", () => resolve(false));
    dialog.append(form);
    document.body.append(dialog);
    dialog.showModal();
    password.input.focus();
  });
}

/**
 * Runs a sensitive action: confirms the user first unless this session stepped up recently (with a minute's margin
 * for clock skew), and again should the server still ask for it.
 */
export async function withStepUp<T>(action: () => Promise<T>): Promise<T | undefined> {
  if (stepUpUntil - 60_000 < Date.now() && !(await askStepUp())) return undefined;
  try {
    return await action();
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== "step-up-required") throw err;
    return (await askStepUp()) ? await action() : undefined;
  }
}
