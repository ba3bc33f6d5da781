import * as JsSIP from "jssip";
import type { RTCSession } from "jssip/lib/RTCSession";
import type { IncomingRTCSessionEvent, OutgoingRTCSessionEvent } from "jssip/lib/UA";
import { api, type SipCredentials } from "../api";
import { openMicrophone, MicrophoneError } from "./microphone";

export type Registration = "offline" | "connecting" | "registered" | "failed";
export type Phase = "ringing" | "calling" | "active" | "ended";

/** One call as the UI shows it. */
export interface CallState {
  phase: Phase;
  direction: "inbound" | "outbound";
  remoteNumber: string;
  remoteName: string | null;
  muted: boolean;
  held: boolean;
  /** A hold or resume re-INVITE awaits its 2xx: JsSIP ignores another one until then. */
  reoffering: boolean;
  connectedAt: number | null;
  endReason: string | null;
  transfer: string | null;
}

export interface AudioStats { packetsSent: number; packetsReceived: number; audioEnergy: number }

// No STUN/TURN: the gateway is ICE-lite with a host candidate, so ICE gathering finishes at once (webrtc-interop notes).
const pcConfig: RTCConfiguration = { iceServers: [] };

/**
 * The browser softphone: a JsSIP user agent registered over the gateway's WebSocket with short-lived credentials
 * from POST /v1/sip/credentials (refreshed before they expire), one call at a time. Lives for the whole signed-in
 * page, so a call survives moving between screens; views subscribe to "change".
 */
export class Softphone extends EventTarget {
  registration: Registration = "offline";
  registrationError: string | null = null;
  call: CallState | null = null;
  microphoneId = "";
  speakerId = "";

  private ua: JsSIP.UA | null = null;
  private session: RTCSession | null = null;
  private localStream: MediaStream | null = null;
  private refreshTimer = 0;
  private realm = "";
  readonly remoteAudio = new Audio();

  constructor() {
    super();
    this.remoteAudio.autoplay = true;
  }

  async start(): Promise<void> {
    if (this.ua) return;
    this.set({ registration: "connecting" });
    let credentials: SipCredentials;
    try {
      credentials = await api.sipCredentials();
    } catch {
      this.set({ registration: "failed", registrationError: "Could not get calling credentials from the server." });
      return;
    }
    this.realm = credentials.realm;
    const ua = new JsSIP.UA({
      sockets: [new JsSIP.WebSocketInterface(credentials.webSocketUrl)],
      uri: credentials.uri,
      authorization_user: credentials.username,
      password: credentials.password,
      realm: credentials.realm,
      register: true,
      session_timers: true,
    });
    ua.on("registered", () => this.set({ registration: "registered", registrationError: null }));
    ua.on("unregistered", () => this.set({ registration: "offline" }));
    ua.on("registrationFailed", (e) => this.set({ registration: "failed", registrationError: `Registration failed: ${e.cause}.` }));
    ua.on("disconnected", () => { if (this.registration === "registered") this.set({ registration: "connecting" }); });
    ua.on("newRTCSession", (e: IncomingRTCSessionEvent | OutgoingRTCSessionEvent) => {
      if (e.originator === "remote") this.incoming(e.session);
    });
    this.ua = ua;
    ua.start();
    this.scheduleRefresh(credentials.expiresAt);
  }

  stop(): void {
    window.clearTimeout(this.refreshTimer);
    this.session?.terminate();
    this.ua?.stop();
    this.ua = null;
    this.set({ registration: "offline", call: null });
  }

  /** Dials an E.164 number (or extension) from one of the user's workspace numbers (RFC 3325 P-Preferred-Identity). */
  async dial(target: string, fromE164: string): Promise<void> {
    if (!this.ua || this.session) return;
    const stream = await this.microphone();
    const extraHeaders = fromE164 ? [`P-Preferred-Identity: <sip:${fromE164}@${this.realm}>`] : [];
    this.set({ call: this.newCall("outbound", "calling", target, null) });
    const session = this.ua.call(`sip:${target}@${this.realm}`, { mediaStream: stream, pcConfig, extraHeaders });
    this.follow(session);
  }

  async answer(): Promise<void> {
    const session = this.session;
    if (!session || this.call?.phase !== "ringing") return;
    let stream: MediaStream;
    try {
      stream = await this.microphone();
    } catch (err) {
      session.terminate({ status_code: 480 });
      throw err;
    }
    // The gateway's INVITE has no SDP (the browser offers in its 200): without offerToReceiveAudio JsSIP offers nothing.
    session.answer({ mediaStream: stream, pcConfig, rtcOfferConstraints: { offerToReceiveAudio: true } });
  }

  decline(): void {
    if (this.call?.phase === "ringing") this.session?.terminate({ status_code: 603, reason_phrase: "Decline" });
  }

  hangUp(): void {
    this.session?.terminate();
  }

  toggleMute(): void {
    if (!this.session || !this.call) return;
    if (this.call.muted) this.session.unmute({ audio: true });
    else this.session.mute({ audio: true });
  }

  /**
   * Hold and resume are re-INVITEs with a=sendonly then a=sendrecv (RFC 3264 §8.4). JsSIP raises 'hold' as soon as it
   * sends the re-INVITE but silently ignores unhold() until that transaction completes, so the call stays
   * "reoffering" (the button disabled) until the 2xx: a quick second click is then never dropped unseen.
   */
  toggleHold(): void {
    const session = this.session;
    if (!session || this.call?.phase !== "active" || this.call.reoffering) return;
    this.update({ reoffering: true });
    const done = () => { if (this.session === session) this.update({ reoffering: false }); };
    const sent = this.call.held ? session.unhold({}, done) : session.hold({}, done);
    if (!sent) this.update({ reoffering: false });
  }

  /** SIP INFO application/dtmf-relay, JsSIP's default; the gateway turns it into RFC 4733 toward the carrier. */
  sendDtmf(tone: string): void {
    if (this.call?.phase === "active") this.session?.sendDTMF(tone);
  }

  /** Blind transfer (RFC 3515 REFER): the gateway calls the target and this leg ends once it is accepted. */
  transfer(target: string, shownAs = target): void {
    if (!this.session || this.call?.phase !== "active") return;
    this.update({ transfer: `Transferring to ${shownAs}…` });
    this.session.refer(`sip:${target}@${this.realm}`, {
      eventHandlers: {
        requestSucceeded: () => this.update({ transfer: `Transfer to ${shownAs} accepted.` }),
        requestFailed: () => this.update({ transfer: `Transfer to ${shownAs} was refused.` }),
        failed: () => this.update({ transfer: `Transfer to ${shownAs} failed.` }),
      },
    });
  }

  async setMicrophone(deviceId: string): Promise<void> {
    this.microphoneId = deviceId;
    const sender = this.session?.connection?.getSenders().find((s) => s.track?.kind === "audio");
    if (!sender) return;
    const stream = await this.microphone();
    await sender.replaceTrack(stream.getAudioTracks()[0]);
  }

  async setSpeaker(deviceId: string): Promise<void> {
    this.speakerId = deviceId;
    const audio = this.remoteAudio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    await audio.setSinkId?.(deviceId);
  }

  /** What the browser's RTCPeerConnection reports about the call's audio (RTCStatsReport). */
  async stats(): Promise<AudioStats> {
    const result: AudioStats = { packetsSent: 0, packetsReceived: 0, audioEnergy: 0 };
    const report = await this.session?.connection?.getStats();
    report?.forEach((r: { type: string; kind?: string; packetsSent?: number; packetsReceived?: number; totalAudioEnergy?: number }) => {
      if (r.type === "outbound-rtp" && r.kind === "audio") result.packetsSent = r.packetsSent ?? 0;
      if (r.type === "inbound-rtp" && r.kind === "audio") {
        result.packetsReceived = r.packetsReceived ?? 0;
        result.audioEnergy = r.totalAudioEnergy ?? 0;
      }
    });
    return result;
  }

  private incoming(session: RTCSession): void {
    if (this.session) {
      session.terminate({ status_code: 486, reason_phrase: "Busy Here" });
      return;
    }
    const identity = session.remote_identity;
    this.set({ call: this.newCall("inbound", "ringing", identity.uri.user, identity.display_name || null) });
    this.follow(session);
  }

  private follow(session: RTCSession): void {
    this.session = session;
    const attach = (pc: RTCPeerConnection) => pc.addEventListener("track", (ev) => {
      this.remoteAudio.srcObject = ev.streams[0] ?? new MediaStream([ev.track]);
    });
    if (session.connection) attach(session.connection);
    else session.on("peerconnection", (e) => attach(e.peerconnection));
    session.on("confirmed", () => this.update({ phase: "active", connectedAt: Date.now() }));
    session.on("muted", () => this.update({ muted: true }));
    session.on("unmuted", () => this.update({ muted: false }));
    session.on("hold", () => this.update({ held: true }));
    session.on("unhold", () => this.update({ held: false }));
    session.on("ended", (e) => this.finish(e.originator === "remote" ? "The other side hung up." : "Call ended."));
    session.on("failed", (e) => this.finish(failure(e.cause, e.message && "status_code" in e.message ? e.message.status_code : undefined)));
  }

  private finish(reason: string): void {
    this.session = null;
    this.localStream?.getTracks().forEach((t) => t.stop());
    this.localStream = null;
    this.remoteAudio.srcObject = null;
    if (this.call) this.update({ phase: "ended", endReason: reason });
  }

  private async microphone(): Promise<MediaStream> {
    this.localStream?.getTracks().forEach((t) => t.stop());
    this.localStream = await openMicrophone(this.microphoneId);
    return this.localStream;
  }

  private newCall(direction: CallState["direction"], phase: Phase, remoteNumber: string, remoteName: string | null): CallState {
    return { phase, direction, remoteNumber, remoteName, muted: false, held: false, reoffering: false, connectedAt: null, endReason: null, transfer: null };
  }

  /** Credentials are valid for two token windows: fetch fresh ones halfway and give them to the next REGISTER. */
  private scheduleRefresh(expiresAt: string): void {
    const delay = Math.max(30_000, (Date.parse(expiresAt) - Date.now()) / 2);
    this.refreshTimer = window.setTimeout(async () => {
      try {
        const fresh = await api.sipCredentials();
        this.ua?.set("password", fresh.password);
        this.scheduleRefresh(fresh.expiresAt);
      } catch {
        this.scheduleRefresh(new Date(Date.now() + 120_000).toISOString());
      }
    }, delay);
  }

  private update(change: Partial<CallState>): void {
    if (this.call) this.set({ call: { ...this.call, ...change } });
  }

  private set(change: Partial<Pick<Softphone, "registration" | "registrationError" | "call">>): void {
    Object.assign(this, change);
    this.dispatchEvent(new Event("change"));
  }
}

function failure(cause: string, status?: number): string {
  if (status === 403) return "You may not call from this number.";
  if (status === 486 || cause === JsSIP.C.causes.BUSY) return "The line is busy.";
  if (cause === JsSIP.C.causes.REJECTED) return "The call was declined.";
  if (cause === JsSIP.C.causes.CANCELED) return "Call cancelled.";
  if (cause === JsSIP.C.causes.USER_DENIED_MEDIA_ACCESS) return MicrophoneError.refused;
  return `The call failed (${cause}${status ? `, ${status}` : ""}).`;
}

let instance: Softphone | null = null;

/** The page's one softphone. */
export function softphone(): Softphone {
  instance ??= new Softphone();
  return instance;
}

/** Ends calling on sign-out. */
export function stopSoftphone(): void {
  instance?.stop();
  instance = null;
}
