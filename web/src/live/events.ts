// The signed-in user's live feed (GET /v1/events, server-sent events): one EventSource per page, shared by the views
// that listen. EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed across a drop.

export interface LiveEvent { id: string; type: string; timestamp: string; data: Record<string, unknown> }
type Listener = (event: LiveEvent) => void;

let source: EventSource | null = null;
const listeners = new Map<string, Set<Listener>>();

/** Calls listener for each event whose type starts with prefix (e.g. "message."); returns the unsubscribe. */
export function onLiveEvent(prefix: string, listener: Listener): () => void {
  if (!listeners.has(prefix)) listeners.set(prefix, new Set());
  listeners.get(prefix)!.add(listener);
  ensureOpen();
  return () => listeners.get(prefix)?.delete(listener);
}

/** Closes the feed on sign-out. */
export function closeLiveEvents(): void {
  source?.close();
  source = null;
  listeners.clear();
}

/** A listener that unsubscribes itself once its view is no longer on the page. */
export function whileOnPage(element: Element, prefix: string, listener: Listener): void {
  const stop = onLiveEvent(prefix, (event) => {
    if (!element.isConnected) { stop(); return; }
    listener(event);
  });
}

function ensureOpen(): void {
  if (source) return;
  source = new EventSource("/v1/events");
  source.onmessage = (e) => dispatch(e);
  for (const type of ["message.received", "message.sent", "message.delivered", "message.failed", "call.ringing", "call.answered",
    "call.completed", "call.missed", "call.recording.completed", "call.voicemail.completed"]) {
    source.addEventListener(type, (e) => dispatch(e as MessageEvent<string>));
  }
}

function dispatch(e: MessageEvent<string>): void {
  let event: LiveEvent;
  try {
    event = JSON.parse(e.data) as LiveEvent;
  } catch {
    return;
  }
  for (const [prefix, set] of listeners) {
    if (event.type.startsWith(prefix)) set.forEach((listener) => listener(event));
  }
}
