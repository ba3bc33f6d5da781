// Tiny element builder: everything goes through createElement/textContent, never innerHTML, so server data
// cannot inject markup and the CSP needs no 'unsafe-inline'.
export type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A labelled input; the label wraps it so screen readers and clicks both work. */
export function field(label: string, attrs: Attrs): { wrap: HTMLLabelElement; input: HTMLInputElement } {
  const input = h("input", attrs);
  return { wrap: h("label", { class: "field" }, h("span", {}, label), input), input };
}

/** A status line for errors and confirmations, announced to screen readers. */
export function status(): HTMLParagraphElement {
  return h("p", { class: "status", role: "status", "aria-live": "polite" });
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString();
}
