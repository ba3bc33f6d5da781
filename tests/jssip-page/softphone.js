// The browser softphone under test: JsSIP driven by PhonePlatform.Gateway.BrowserTests through Playwright.
// The test calls window.softphone.register(config) and polls window.softphone.state.
import * as JsSIP from 'jssip';

const state = { registered: false, failed: null, events: [] };

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
  ua.start();
  window.softphone.ua = ua;
}

window.softphone = { state, register };
