import { api, ApiError, type Conversation, type Me, type Message, type PhoneNumber } from "../api";
import { formatTime, h, replace, status } from "../dom";
import { whileOnPage } from "../live/events";

const ticks: Record<Message["status"], { mark: string; label: string }> = {
  queued: { mark: "🕓", label: "Queued" },
  sent: { mark: "✓", label: "Sent" },
  delivered: { mark: "✓✓", label: "Delivered" },
  failed: { mark: "!", label: "Not delivered" },
  received: { mark: "", label: "Received" },
};

/** Conversations: the list, one thread with delivery ticks, sending with a segment counter; new messages arrive live. */
export function messagesView(me: Me): HTMLElement {
  const line = status();
  const list = h("nav", { class: "conversations", "aria-label": "Conversations" });
  const thread = h("section", { class: "thread", "aria-label": "Thread" }, h("p", { class: "muted" }, "Choose a conversation or start a new one."));
  const main = h("main", { id: "main" }, h("h1", {}, "Messages"), line, h("div", { class: "split" }, list, thread));
  const report = (err: unknown) => { line.textContent = err instanceof ApiError ? err.message : "Something went wrong."; };
  let openId: string | null = null;
  let numbers: PhoneNumber[] = [];
  const mayUse = me.permissions.includes("numbers:use");

  const refreshList = async () => {
    const conversations = (await api.conversations()).items;
    replace(list,
      mayUse ? h("button", { type: "button", class: "secondary", onclick: () => { openId = null; replace(thread, newMessage()); } }, "New message") : null,
      conversations.length === 0 ? h("p", { class: "muted" }, "No conversations yet.") : null,
      h("ul", { class: "plain" }, ...conversations.map((c) => h("li", {}, h("button", {
        type: "button", class: "conversation", "aria-current": c.id === openId ? "true" : undefined, "data-participant": c.participant,
        onclick: () => void open(c).catch(report),
      }, h("strong", {}, c.contactName ?? c.participant), c.unreadCount > 0 ? h("span", { class: "badge", "aria-label": `${c.unreadCount} unread` }, String(c.unreadCount)) : null,
      h("span", { class: "preview" }, c.lastMessagePreview ?? ""))))));
  };

  const bubble = (m: Message) => h("li", { class: `bubble ${m.direction}`, "data-status": m.status },
    h("p", {}, m.body),
    h("p", { class: "meta" }, formatTime(m.createdAt), " ",
      m.direction === "outbound" ? h("span", { class: `tick ${m.status}`, "aria-label": ticks[m.status].label, title: m.failureReason ?? ticks[m.status].label }, ticks[m.status].mark) : null));

  const open = async (c: Conversation) => {
    openId = c.id;
    const messages = (await api.conversationMessages(c.id)).items.slice().reverse();
    const number = numbers.find((n) => n.id === c.numberId);
    replace(thread,
      h("h2", {}, c.contactName ?? c.participant, c.contactName ? h("span", { class: "muted" }, " ", c.participant) : null),
      h("p", { class: "muted" }, "On ", number ? `${number.e164} — ${number.label}` : "your number"),
      h("ol", { class: "plain messages", "aria-label": "Messages", "data-testid": "thread" }, ...messages.map(bubble)),
      mayUse ? composer(() => c.numberId, () => c.participant) : null);
    if (c.unreadCount > 0) await api.markRead(c.id).then(refreshList);
    else await refreshList();
  };

  // The sender and recipient are read when the form is sent (the new-message form lets the user pick them).
  const composer = (from: () => string, to: () => string) => {
    const body = h("textarea", { name: "body", rows: 3, required: true, "aria-label": "Message", maxlength: 1600 });
    const counter = h("p", { class: "muted counter", "aria-live": "polite", "data-testid": "segments" });
    let pending = 0;
    body.addEventListener("input", () => {
      window.clearTimeout(pending);
      pending = window.setTimeout(async () => {
        if (!body.value) { counter.textContent = ""; return; }
        const preview = await api.previewMessage(body.value).catch(() => null);
        if (preview) counter.textContent = `${preview.segments} ${preview.segments === 1 ? "segment" : "segments"} · ${preview.remainingInSegment} characters left · ${preview.encoding}`;
      }, 250);
    });
    return h("form", {
      class: "composer",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          const sent = await api.sendMessage(from(), to(), body.value);
          body.value = "";
          counter.textContent = "";
          const conversation = (await api.conversations()).items.find((c) => c.id === sent.conversationId);
          if (conversation) await open(conversation);
        } catch (err) { report(err); }
      },
    }, body, counter, h("button", { type: "submit" }, "Send"));
  };

  const newMessage = () => {
    const from = h("select", { name: "from", "aria-label": "From" }, ...numbers.map((n) => h("option", { value: n.id }, `${n.e164} — ${n.label}`)));
    const to = h("input", { name: "to", type: "tel", required: true, "aria-label": "To", placeholder: "+14155550100", autocomplete: "off" });
    return h("div", {}, h("h2", {}, "New message"), from, to, composer(() => from.value, () => to.value.trim()));
  };

  whileOnPage(main, "message.", () => {
    void refreshList().catch(report);
    const current = openId;
    if (current) void api.conversations().then((p) => p.items.find((c) => c.id === current)).then((c) => (c && openId === current ? open(c) : undefined)).catch(report);
  });
  void api.numbers().then((p) => { numbers = p.items; }).then(refreshList).catch(report);
  return main;
}
