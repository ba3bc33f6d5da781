// The API client. The session lives in the HttpOnly, SameSite=Strict pp_session cookie set by POST /v1/sessions,
// so the token never touches script; every call is same-origin.

export interface Problem { type: string; title: string; detail?: string; status: number; errors?: Record<string, string[]> }

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    // Validation problems carry the useful text in errors; others in detail.
    super(problem.errors ? Object.values(problem.errors).flat().join(" ") : problem.detail ?? problem.title);
  }

  /** The short problem code, e.g. "two-factor-required" or "step-up-required". */
  get code(): string {
    return this.problem.type.split(/[/:#]/).pop() ?? "";
  }
}

export interface Page<T> { items: T[]; nextCursor: string | null }
export interface Me {
  workspaceId: string; workspaceName: string; userId: string | null; email: string | null; role: string | null;
  permissions: string[]; twoFactorEnabled: boolean; twoFactorEnrollmentRequired: boolean;
}
export type Role = "viewer" | "member" | "admin" | "owner";
export interface Member { id: string; userId: string; email: string; role: Role; billing: boolean; createdAt: string }
export interface PhoneNumber { id: string; e164: string; label: string; createdAt: string }
export interface NumberAccess { membershipId: string; level: "view" | "use"; createdAt: string }
export interface ApiKey { id: string; name: string; prefix: string; permissions: string[]; createdAt: string; revokedAt: string | null; lastUsedAt: string | null }
export interface AuditEntry {
  id: string; sequence: number; occurredAt: string; action: string; actorUserId: string | null; actorApiKeyId: string | null;
  actorIp: string | null; targetType: string | null; targetId: string | null; details: string | null; hash: string;
}
export interface AuditVerify { intact: boolean; entriesChecked: number; brokenAtSequence: number | null; reason: string | null }
export interface Workspace { id: string; name: string; createdAt: string; requireTwoFactorForAdmins: boolean; billingPlan?: string | null }
export interface SipCredentials { username: string; password: string; ha1: string; realm: string; uri: string; expiresAt: string; webSocketUrl: string }
export interface Contact { id: string; name: string; phones: string[]; emails: string[]; company: string | null }
export interface Conversation { id: string; numberId: string; participant: string; contactName: string | null; lastMessageAt: string; lastMessagePreview: string | null; unreadCount: number }
export interface Message {
  id: string; conversationId: string; numberId: string; direction: "inbound" | "outbound"; from: string; to: string; body: string; segments: number;
  status: "queued" | "sent" | "delivered" | "failed" | "received"; createdAt: string; sentAt: string | null; deliveredAt: string | null;
  failedAt: string | null; failureReason: string | null; readAt: string | null;
}
export interface MessagePreview { encoding: string; segments: number; characters: number; charactersPerSegment: number; remainingInSegment: number }
export interface CallRecord {
  id: string; direction: "inbound" | "outbound"; numberId: string | null; number: string; remoteNumber: string | null; answeredBy: string | null;
  startedAt: string; answeredAt: string | null; endedAt: string | null; endReason: string | null; missed: boolean; recordingId: string | null; voicemailId: string | null;
}
export interface Voicemail { id: string; callId: string | null; numberId: string | null; number: string; callerNumber: string | null; durationSeconds: number; receivedAt: string; listened: boolean; audioUrl: string }
export interface Recording { id: string; callId: string; durationSeconds: number; createdAt: string; audioUrl: string }

export interface Webhook { id: string; url: string; eventTypes: string[]; description: string | null; enabled: boolean; disabledReason: string | null; createdAt: string }
export interface WebhookDelivery { id: string; messageId: string; eventType: string; status: string; attempts: number; createdAt: string; nextAttemptAt: string | null; completedAt: string | null }
export interface WebhookAttempt { id: string; attemptedAt: string; statusCode: number | null; durationMs: number; error: string | null }
export interface OpeningHours { day: string; opens: string; closes: string }
export interface CallSettings {
  numberId: string; businessHours: { timeZone: string; weekly: OpeningHours[]; holidays?: string[] | null } | null; ringTimeoutSeconds: number;
  recordingPolicy: string; recordingAnnouncement: boolean; hasGreeting: boolean; menu: unknown[]; openNow: boolean;
}
export interface Retention { recordingsDays: number | null; voicemailDays: number | null; messagesMonths: number | null }
export type TrunkTransport = "udp" | "tcp";
export type TrunkNumberFormat = "e164" | "e164WithoutPlus" | "national";
export interface TrunkInput {
  name: string; host: string; port: number; transport: TrunkTransport; authUsername?: string; authPassword?: string; allowedSources: string[];
  numberFormat: TrunkNumberFormat; countryCode: string; prefixes: string[]; priority: number; costPerMinute: number; enabled: boolean;
}
export interface TrunkState {
  reachability: "unknown" | "up" | "down"; optionsStatusCode: number | null; optionsRoundTripMs: number | null; lastCheckedAt: string | null;
  recentAttempts: number; answerSeizureRatio: number | null; postDialDelayMs: number | null; healthy: boolean;
}
export interface Trunk extends Omit<TrunkInput, "authUsername" | "authPassword"> {
  id: string; hasCredentials: boolean; createdAt: string; updatedAt: string; state: TrunkState | null;
}
export type ExportStatus = "queued" | "running" | "completed" | "failed" | "expired";
export interface DataExport {
  id: string; scope: "workspace" | "member"; status: ExportStatus; progress: { stage: string; stepsDone: number; stepsTotal: number; percent: number };
  requestedAt: string; startedAt: string | null; completedAt: string | null; expiresAt: string | null; size: number | null; downloads: number;
  lastDownloadedAt: string | null; error: string | null;
}
/** Workspace exports (/v1/exports) or the member's own (/v1/me/exports). */
export type ExportScope = "workspace" | "mine";
const exportsPath = (scope: ExportScope) => (scope === "workspace" ? "/v1/exports" : "/v1/me/exports");
export interface Billing { plan: string | null; status: string; seats: number; members: number; currentPeriodEnd: string | null; warning: string | null; plans: { name: string; seatPriceMinor: number; currency: string }[] }

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, "Content-Type": "application/json" };
  }
  // Requests belong to the session they were made in: sign-out cancels those still in flight (see session.end).
  const signal = scope.signal;
  init.signal = signal;
  let response: Response;
  let text: string;
  try {
    response = await fetch(path, init);
    text = response.status === 204 ? "" : await response.text();
  } catch (err) {
    if (signal.aborted) return ended<T>();
    throw err;
  }
  if (signal.aborted) return ended<T>();
  if (response.status === 204) return undefined as T;
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (data ?? {}) as Partial<Problem>;
    throw new ApiError({ type: problem.type ?? `http-${response.status}`, title: problem.title ?? response.statusText, detail: problem.detail, status: response.status, errors: problem.errors });
  }
  return data as T;
}

// The requests of the current session. Ending it aborts them, so a screen that was loading when the user signed out
// never gets the 401 the server would give it once the session is gone.
let scope = new AbortController();

/** A request of an ended session neither resolves nor rejects: the screen that made it is gone. */
function ended<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

// Whether this browser holds a session, so a signed-out visit shows the sign-in form without a refused request.
const hintKey = "pp-signed-in";
export const session = {
  probablySignedIn: () => localStorage.getItem(hintKey) === "1",
  remember: (signedIn: boolean) => (signedIn ? localStorage.setItem(hintKey, "1") : localStorage.removeItem(hintKey)),
  /** Cancels every request still in flight for the session that ends now (sign-out); later requests start afresh. */
  end: () => {
    scope.abort();
    scope = new AbortController();
  },
};

export const api = {
  signUp: (email: string, password: string, workspaceName: string) => call<unknown>("POST", "/v1/signup", { email, password, workspaceName }),
  signIn: (email: string, password: string, totpCode?: string) =>
    call<unknown>("POST", "/v1/sessions", totpCode ? { email, password, totpCode } : { email, password }),
  signOut: () => call<void>("DELETE", "/v1/sessions/current"),
  stepUp: (password: string, totpCode: string) => call<{ stepUpUntil: string }>("POST", "/v1/sessions/current/step-up", { password, totpCode }),
  me: () => call<Me>("GET", "/v1/me"),
  beginTwoFactor: () => call<{ secret: string; otpauthUri: string }>("POST", "/v1/me/two-factor"),
  confirmTwoFactor: (code: string) => call<{ recoveryCodes: string[] }>("POST", "/v1/me/two-factor/confirm", { code }),
  workspace: () => call<Workspace>("GET", "/v1/workspace"),
  setSecurity: (requireTwoFactorForAdmins: boolean) => call<Workspace>("PUT", "/v1/workspace/security", { requireTwoFactorForAdmins }),
  members: () => call<Page<Member>>("GET", "/v1/members?limit=100"),
  addMember: (email: string, role: Role, initialPassword?: string) =>
    call<Member>("POST", "/v1/members", initialPassword ? { email, role, initialPassword } : { email, role }),
  changeMember: (id: string, role: Role) => call<Member>("PATCH", `/v1/members/${id}`, { role }),
  removeMember: (id: string) => call<void>("DELETE", `/v1/members/${id}`),
  numbers: () => call<Page<PhoneNumber>>("GET", "/v1/numbers?limit=100"),
  addNumber: (e164: string, label: string) => call<PhoneNumber>("POST", "/v1/numbers", { e164, label }),
  numberAccess: (id: string) => call<NumberAccess[]>("GET", `/v1/numbers/${id}/access`),
  grantAccess: (id: string, membershipId: string, level: "view" | "use") => call<NumberAccess>("PUT", `/v1/numbers/${id}/access/${membershipId}`, { level }),
  revokeAccess: (id: string, membershipId: string) => call<void>("DELETE", `/v1/numbers/${id}/access/${membershipId}`),
  apiKeys: () => call<Page<ApiKey>>("GET", "/v1/api-keys?limit=100"),
  createApiKey: (name: string, permissions: string[]) => call<{ key: ApiKey; token: string }>("POST", "/v1/api-keys", { name, permissions }),
  revokeApiKey: (id: string) => call<void>("DELETE", `/v1/api-keys/${id}`),
  auditLog: (query: URLSearchParams) => call<Page<AuditEntry>>("GET", `/v1/audit-log?${query}`),
  verifyAudit: () => call<AuditVerify>("GET", "/v1/audit-log/verify"),
  sipCredentials: () => call<SipCredentials>("POST", "/v1/sip/credentials"),
  contacts: () => call<Page<Contact>>("GET", "/v1/contacts?limit=200"),
  conversations: () => call<Page<Conversation>>("GET", "/v1/conversations?limit=100"),
  conversationMessages: (id: string) => call<Page<Message>>("GET", `/v1/conversations/${id}/messages?limit=100`),
  markRead: (id: string) => call<unknown>("POST", `/v1/conversations/${id}/read`),
  sendMessage: (from: string, to: string, body: string) => call<{ id: string; conversationId: string; status: string; segments: number }>("POST", "/v1/messages", { from, to, body }),
  previewMessage: (body: string) => call<MessagePreview>("POST", "/v1/messages/preview", { body }),
  calls: () => call<Page<CallRecord>>("GET", "/v1/calls?limit=50"),
  voicemails: () => call<Page<Voicemail>>("GET", "/v1/voicemails?limit=50"),
  markListened: (id: string) => call<unknown>("POST", `/v1/voicemails/${id}/listened`),
  webhooks: () => call<Page<Webhook>>("GET", "/v1/webhooks?limit=100"),
  createWebhook: (url: string, eventTypes: string[], description: string) => call<{ webhook: Webhook; secret: string }>("POST", "/v1/webhooks", { url, eventTypes, description }),
  deleteWebhook: (id: string) => call<void>("DELETE", `/v1/webhooks/${id}`),
  testWebhook: (id: string) => call<unknown>("POST", `/v1/webhooks/${id}/test`),
  deliveries: (id: string) => call<Page<WebhookDelivery>>("GET", `/v1/webhooks/${id}/deliveries?limit=20`),
  attempts: (id: string, deliveryId: string) => call<WebhookAttempt[]>("GET", `/v1/webhooks/${id}/deliveries/${deliveryId}/attempts`),
  retryDelivery: (id: string, deliveryId: string) => call<unknown>("POST", `/v1/webhooks/${id}/deliveries/${deliveryId}/retry`),
  callSettings: (id: string) => call<CallSettings>("GET", `/v1/numbers/${id}/call-settings`),
  saveCallSettings: (id: string, settings: Partial<CallSettings>) => call<CallSettings>("PUT", `/v1/numbers/${id}/call-settings`, settings),
  uploadGreeting: async (id: string, wav: File) => {
    const response = await fetch(`/v1/numbers/${id}/greeting`, { method: "PUT", credentials: "same-origin", headers: { "Content-Type": "audio/wav" }, body: wav });
    if (!response.ok) throw new ApiError({ type: `http-${response.status}`, title: "The greeting was not accepted (a WAV file up to 8 MB).", status: response.status });
  },
  removeGreeting: (id: string) => call<void>("DELETE", `/v1/numbers/${id}/greeting`),
  retention: () => call<Retention>("GET", "/v1/workspace/retention"),
  setRetention: (policy: Retention) => call<Retention>("PUT", "/v1/workspace/retention", policy),
  exports: (scope: ExportScope) => call<Page<DataExport>>("GET", exportsPath(scope)),
  requestExport: (scope: ExportScope) => call<DataExport>("POST", exportsPath(scope)),
  exportLink: (scope: ExportScope, id: string) => call<{ url: string; expiresAt: string }>("POST", `${exportsPath(scope)}/${id}/link`),
  trunks: () => call<Trunk[]>("GET", "/v1/trunks"),
  createTrunk: (trunk: TrunkInput) => call<Trunk>("POST", "/v1/trunks", trunk),
  replaceTrunk: (id: string, trunk: TrunkInput) => call<Trunk>("PUT", `/v1/trunks/${id}`, trunk),
  deleteTrunk: (id: string) => call<void>("DELETE", `/v1/trunks/${id}`),
  billing: () => call<Billing>("GET", "/v1/billing"),
  checkout: (plan: string) => call<{ url: string }>("POST", "/v1/billing/checkout", { plan }),
  billingPortal: () => call<{ url: string }>("POST", "/v1/billing/portal"),
  openApi: () => call<{ paths: Record<string, unknown> }>("GET", "/openapi/v1.json"),
};
