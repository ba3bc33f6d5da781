// The browser softphone under test: JsSIP driven by PhonePlatform.Gateway.BrowserTests through Playwright.
// The test calls window.softphone.register(config), call(target), hangup(), hold(), unhold(), transfer(target), dtmf(tones),
// stats() and polls window.softphone.state.
import * as JsSIP from 'jssip';

const state = { registered: false, failed: null, events: [], call: null, incoming: [] };
let session = null;

// No STUN/TURN: the gateway is ICE-lite with a host candidate, so gathering finishes at once.
const rtc = { mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } };

function register(config) {
  const socket = new JsSIP.WebSocketInterface(config.webSocketUrl);
  const ua = new JsSIP.UA({
    sockets: [socket],
    uri: config.uri,
    authorization_user: config.username,
    password: config.password,
    realm: config.realm,
    register: true,
    register_expires: 600,
    session_timers: true,
  });
  ua.on('connected', () => state.events.push('connected'));
  ua.on('registered', (e) => {
    state.registered = true;
    state.events.push('registered');
    state.contact = e.response.getHeader('Contact');
    state.expires = e.response.getHeader('Expires');
  });
  ua.on('registrationFailed', (e) => {
    state.failed = e.cause;
    state.events.push('registrationFailed:' + e.cause);
  });
  ua.on('newRTCSession', (e) => {
    if (e.originator !== 'remote') {
      return;
    }

    state.incoming.push({ displayName: e.session.remote_identity.display_name || null, user: e.session.remote_identity.uri.user });
    track(e.session);
    if (config.autoAnswer) {
      try {
        // The gateway's INVITE carries no SDP (the browser offers in its 200 OK): without offerToReceiveAudio JsSIP
        // sees no audio line, skips getUserMedia and offers nothing.
        e.session.answer({ ...rtc, rtcOfferConstraints: { offerToReceiveAudio: true } });
        state.call.events.push('answering');
      } catch (error) {
        state.call.events.push('answer threw: ' + error);
      }
    }
  });
  ua.start();
  window.softphone.ua = ua;
}

// Follows one session: progress (with or without SDP), confirmed, ended/failed with who ended it and why.
function track(s) {
  session = s;
  state.call = { progress: [], confirmed: false, held: false, ended: null, failed: null, statusCode: null, events: [] };
  const remoteAudio = new Audio();
  remoteAudio.autoplay = true;
  const attach = (pc) => pc.addEventListener('track', (ev) => { remoteAudio.srcObject = ev.streams[0] || new MediaStream([ev.track]); });
  if (s.connection) {
    attach(s.connection);
  } else {
    s.on('peerconnection', (e) => attach(e.peerconnection));
  }

  s.on('progress', (e) => state.call.progress.push({ status: e.response ? e.response.status_code : null, sdp: !!(e.response && e.response.body) }));
  s.on('confirmed', () => { state.call.confirmed = true; });
  s.on('hold', () => { state.call.held = true; });
  s.on('unhold', () => { state.call.held = false; });
  for (const name of ['accepted', 'getusermediafailed', 'peerconnection:createofferfailed', 'peerconnection:createanswerfailed',
    'peerconnection:setlocaldescriptionfailed', 'peerconnection:setremotedescriptionfailed']) {
    s.on(name, (e) => state.call.events.push(name + (e && e.error ? ': ' + e.error : '') + (e && e.message && e.message.toString ? ' ' + String(e.message).slice(0, 200) : '')));
  }
  s.on('ended', (e) => { state.call.ended = { originator: e.originator, cause: e.cause }; });
  s.on('failed', (e) => {
    state.call.failed = { originator: e.originator, cause: e.cause };
    state.call.statusCode = e.message && e.message.status_code ? e.message.status_code : null;
  });
}

function call(target, extraHeaders) {
  track(window.softphone.ua.call(target, { ...rtc, extraHeaders: extraHeaders || [] }));
}

function hangup() {
  if (session) {
    session.terminate();
  }
}

// Hold and resume: re-INVITEs with a=sendonly, then a=sendrecv (RFC 3264 §8.4). JsSIP raises 'hold' as soon as it
// sends the re-INVITE and ignores an unhold() until that re-INVITE has completed, so each resolves only on its 2xx
// (a caller awaiting hold() can resume at once) and rejects when JsSIP refuses to re-offer.
function reoffer(method) {
  return new Promise((resolve, reject) => {
    if (!session[method]({}, resolve)) {
      reject(new Error(`${method}() refused: a re-offer is still in progress or the call is not confirmed`));
    }
  });
}

function hold() {
  return reoffer('hold');
}

function unhold() {
  return reoffer('unhold');
}

// Blind transfer (RFC 3515): REFER the other party to target; the NOTIFY progress lands in state.call.transfer.
function transfer(target) {
  state.call.transfer = [];
  const subscriber = session.refer(target);
  for (const name of ['requestSucceeded', 'requestFailed', 'trying', 'progress', 'accepted', 'failed']) {
    subscriber.on(name, () => state.call.transfer.push(name));
  }
}

function dtmf(tones) {
  if (session) {
    session.sendDTMF(tones);
  }
}

// What getStats says about the call's audio: received packets and level (the echo), sent packets.
async function stats() {
  const result = { packetsReceived: 0, totalAudioEnergy: 0, audioLevel: 0, packetsSent: 0, dtlsState: null, codec: null };
  if (!session || !session.connection) {
    return result;
  }

  const report = await session.connection.getStats();
  report.forEach((r) => {
    if (r.type === 'inbound-rtp' && r.kind === 'audio') {
      result.packetsReceived = r.packetsReceived || 0;
      result.totalAudioEnergy = r.totalAudioEnergy || 0;
      result.audioLevel = r.audioLevel || 0;
    } else if (r.type === 'outbound-rtp' && r.kind === 'audio') {
      result.packetsSent = r.packetsSent || 0;
    } else if (r.type === 'transport') {
      result.dtlsState = r.dtlsState;
    } else if (r.type === 'codec' && r.mimeType && r.mimeType.startsWith('audio/PCM')) {
      result.codec = r.mimeType;
    }
  });
  return result;
}

window.softphone = { state, register, call, hangup, hold, unhold, transfer, dtmf, stats };
