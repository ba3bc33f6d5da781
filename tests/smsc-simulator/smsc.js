'use strict';
// SMSC simulator for PhonePlatform.Smpp integration tests, built on the npm `smpp` package (server side).
// Usage: node smsc.js [--host 127.0.0.1] [--port 0] [--control-port 0] [--system-id test] [--password secret]
//                     [--tls-key k.pem --tls-cert c.pem] [--keep-running]
// Prints one line `LISTENING smpp=<port> control=<port>` when ready. SMPP on --host; control over HTTP on 127.0.0.1
// (each submit_sm in /stats names the ESME address it came from, `remote`). The simulator exits when its stdin
// closes (the test process went away) unless --keep-running (a script starts it in the background).
//   GET  /stats                         counts and every submit_sm received (JSON)
//   POST /throttle?count=N              answer ESME_RTHROTTLED to the next N submit_sm
//   POST /drop?answer=A&hold=H          answer A more submit_sm, withhold the responses of the next H, then drop every connection
//   POST /deliver?from=&to=&text=&coding=0|8[&part=ref,total,n]   send a mobile-originated deliver_sm to every bound
//                                       session (part: one part of a concatenated message, UDH 05 00 03 ref total n)
//   POST /raw?hex=...                   write raw octets to every session (hostile input from the SMSC side)
//   POST /unbind                        send unbind to every session
//   POST /receipts?enabled=0|1&stat=DELIVRD    receipts on/off and their stat word
//   POST /silence?enabled=0|1           stop answering everything (enquire_link included): a dead but open link
//   POST /record?enabled=0|1            keep (default) or stop keeping every submit_sm in /stats (benchmarks)
//   POST /credentials?system-id=&password=   change the account the SMSC accepts (binds after this use it)
//
// Client references: a submit_sm carrying the vendor TLV 0x1500 (the ESME's stable reference of the message, a
// C-octet string) that repeats the reference of a submission already accepted (or received but left unanswered) is
// answered with the first message_id and not counted, recorded or receipted again (`duplicates` counts them). This is
// how carriers that take a client reference behave, and what makes an ESME's retry after an unknown outcome safe.
const smpp = require('smpp');
const defs = require('smpp/lib/defs');
const http = require('http');
const fs = require('fs');

// Keep the raw short_message octets next to the library's decoded form, for byte-exact assertions.
const originalDecode = defs.filters.message.decode;
defs.filters.message.decode = function (value, skipUdh) {
  const decoded = originalDecode.call(this, value, skipUdh);
  if (decoded && typeof decoded === 'object' && Buffer.isBuffer(value)) {
    decoded.raw = Buffer.from(value);
  }
  return decoded;
};

function arg(name, fallback) {
  const index = process.argv.indexOf('--' + name);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const config = {
  host: arg('host', '127.0.0.1'),
  port: Number(arg('port', '0')),
  controlPort: Number(arg('control-port', '0')),
  systemId: arg('system-id', 'test'),
  password: arg('password', 'secret'),
  tlsKey: arg('tls-key', null),
  tlsCert: arg('tls-cert', null),
};

const stats = {
  connections: 0, bindAttempts: 0, binds: 0, bindFailures: 0, submits: 0, accepted: 0, throttled: 0, withheld: 0,
  drops: 0, receiptsSent: 0, deliverSent: 0, deliverResps: 0, deliverRespStatuses: [], enquireLinks: 0,
  enquireLinkResps: 0, unbinds: 0, genericNacks: [], messages: [], duplicates: 0,
};
const byReference = new Map();
const control = { throttle: 0, answer: null, hold: 0, receipts: true, stat: 'DELIVRD', silent: false, record: true };
const sessions = new Set();
let nextMessageId = 1;

function timestamp() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return p(d.getUTCFullYear() % 100) + p(d.getUTCMonth() + 1) + p(d.getUTCDate()) + p(d.getUTCHours()) + p(d.getUTCMinutes());
}

function dropAll() {
  stats.drops++;
  control.answer = null;
  control.hold = 0;
  for (const session of sessions) session.destroy();
}

function clientReference(pdu) {
  const value = pdu[0x1500];
  return Buffer.isBuffer(value) ? value.toString('latin1').replace(/\0$/, '') : null;
}

// A resubmission of a reference the SMSC already holds: answer with the first id (accepting a withheld one now).
function onResubmit(session, pdu, held) {
  if (control.silent) return true;
  if (held.status === 'withheld') {
    held.messageId = 'M' + String(nextMessageId++).padStart(8, '0');
    held.status = 'accepted';
    stats.accepted++;
    session.send(pdu.response({ message_id: held.messageId }));
    sendReceipt(session, pdu, held);
    return true;
  }
  stats.duplicates++;
  session.send(pdu.response({ message_id: held.messageId }));
  return true;
}

function sendReceipt(session, pdu, record) {
  if (!control.receipts || (pdu.registered_delivery & 0x03) !== 1) return;
  const messageId = record.messageId;
  const now = timestamp();
  const text = 'id:' + messageId + ' sub:001 dlvr:001 submit date:' + now + ' done date:' + now + ' stat:' + control.stat +
    ' err:000 text:' + (record.text || '').substring(0, 20);
  setImmediate(() => {
    stats.receiptsSent++;
    session.deliver_sm({
      source_addr: pdu.destination_addr, source_addr_ton: pdu.dest_addr_ton, source_addr_npi: pdu.dest_addr_npi,
      destination_addr: pdu.source_addr, dest_addr_ton: pdu.source_addr_ton, dest_addr_npi: pdu.source_addr_npi,
      esm_class: 0x04, short_message: Buffer.from(text, 'latin1'),
      receipted_message_id: messageId, message_state: control.stat === 'DELIVRD' ? 2 : 5,
    });
  });
}

function onSubmit(session, pdu) {
  stats.submits++;
  const reference = clientReference(pdu);
  const held = reference === null ? undefined : byReference.get(reference);
  if (held && (held.status === 'accepted' || held.status === 'withheld') && onResubmit(session, pdu, held)) return;
  const sm = pdu.short_message || {};
  const raw = sm.raw || Buffer.alloc(0);
  const record = {
    sequence: pdu.sequence_number, source: pdu.source_addr, sourceTon: pdu.source_addr_ton, sourceNpi: pdu.source_addr_npi,
    destination: pdu.destination_addr, destinationTon: pdu.dest_addr_ton, destinationNpi: pdu.dest_addr_npi,
    esmClass: pdu.esm_class, dataCoding: pdu.data_coding, registeredDelivery: pdu.registered_delivery,
    shortMessageHex: raw.toString('hex'), text: typeof sm.message === 'string' ? sm.message : null, messageId: null, status: 'pending',
    clientReference: reference, remote: session.socket ? session.socket.remoteAddress : null,
  };
  if (control.record) stats.messages.push(record);
  if (reference !== null) byReference.set(reference, record);
  if (control.silent) { record.status = 'silent'; return; }
  if (control.throttle > 0) {
    control.throttle--;
    stats.throttled++;
    record.status = 'throttled';
    session.send(pdu.response({ command_status: defs.errors.ESME_RTHROTTLED }));
    return;
  }
  if (control.answer !== null) {
    if (control.answer > 0) {
      control.answer--;
    } else {
      // Received (and so, for the carrier, possibly delivered) but never answered: the ESME cannot know.
      stats.withheld++;
      record.status = 'withheld';
      if (--control.hold <= 0) setImmediate(dropAll);
      return;
    }
  }
  const messageId = 'M' + String(nextMessageId++).padStart(8, '0');
  record.messageId = messageId;
  record.status = 'accepted';
  stats.accepted++;
  session.send(pdu.response({ message_id: messageId }));
  sendReceipt(session, pdu, record);
}

function onSession(session) {
  stats.connections++;
  session.on('error', () => {});
  session.on('close', () => sessions.delete(session));
  session.on('bind_transceiver', (pdu) => {
    stats.bindAttempts++;
    if (pdu.system_id !== config.systemId || pdu.password !== config.password) {
      stats.bindFailures++;
      session.send(pdu.response({ command_status: defs.errors.ESME_RBINDFAIL }));
      setTimeout(() => session.close(), 50);
      return;
    }
    stats.binds++;
    sessions.add(session);
    session.send(pdu.response({ system_id: 'SMSCSIM' }));
  });
  session.on('submit_sm', (pdu) => onSubmit(session, pdu));
  session.on('deliver_sm_resp', (pdu) => { stats.deliverResps++; stats.deliverRespStatuses.push(pdu.command_status); });
  session.on('enquire_link', (pdu) => { stats.enquireLinks++; if (!control.silent) session.send(pdu.response()); });
  session.on('enquire_link_resp', () => { stats.enquireLinkResps++; });
  session.on('generic_nack', (pdu) => { stats.genericNacks.push({ sequence: pdu.sequence_number, status: pdu.command_status }); });
  session.on('unbind', (pdu) => { stats.unbinds++; session.send(pdu.response()); setTimeout(() => session.close(), 20); });
}

const serverOptions = config.tlsKey ? { key: fs.readFileSync(config.tlsKey), cert: fs.readFileSync(config.tlsCert) } : {};
const server = smpp.createServer(serverOptions, onSession);
server.on('error', (e) => { console.error('server error', e.message); });

function handleControl(request, response) {
  const url = new URL(request.url, 'http://127.0.0.1');
  const q = url.searchParams;
  const reply = (body) => { response.writeHead(200, { 'content-type': 'application/json' }); response.end(JSON.stringify(body)); };
  switch (url.pathname) {
    case '/stats': return reply(Object.assign({ boundSessions: sessions.size }, stats));
    case '/throttle': control.throttle = Number(q.get('count') || '1'); return reply({ ok: true });
    case '/drop': control.answer = Number(q.get('answer') || '0'); control.hold = Number(q.get('hold') || '1'); return reply({ ok: true });
    case '/receipts': control.receipts = q.get('enabled') !== '0'; control.stat = q.get('stat') || 'DELIVRD'; return reply({ ok: true });
    case '/credentials':
      config.systemId = q.get('system-id') || config.systemId;
      config.password = q.get('password') || config.password;
      return reply({ ok: true });
    case '/record': control.record = q.get('enabled') !== '0'; return reply({ ok: true });
    case '/silence': control.silent = q.get('enabled') !== '0'; return reply({ ok: true });
    case '/unbind': for (const s of sessions) s.unbind(); return reply({ ok: true, sessions: sessions.size });
    case '/raw': {
      const bytes = Buffer.from(q.get('hex') || '', 'hex');
      for (const s of sessions) s.socket.write(bytes);
      return reply({ ok: true, sessions: sessions.size });
    }
    case '/deliver': {
      const coding = Number(q.get('coding') || '0');
      const text = q.get('text') || '';
      const body = coding === 8 ? Buffer.from(text, 'utf16le').swap16() : Buffer.from(text, 'latin1');
      const part = q.get('part') ? q.get('part').split(',').map(Number) : null;
      const message = part ? Buffer.concat([Buffer.from([5, 0, 3, part[0], part[1], part[2]]), body]) : body;
      for (const s of sessions) {
        stats.deliverSent++;
        s.deliver_sm({
          source_addr: q.get('from') || '15550001111', source_addr_ton: 1, source_addr_npi: 1,
          destination_addr: q.get('to') || '15550002222', dest_addr_ton: 1, dest_addr_npi: 1,
          esm_class: part ? 0x40 : 0, data_coding: coding, short_message: message,
        });
      }
      return reply({ ok: true, sessions: sessions.size });
    }
    default:
      response.writeHead(404);
      return response.end();
  }
}

const controlServer = http.createServer(handleControl);
server.listen(config.port, config.host, () => {
  controlServer.listen(config.controlPort, '127.0.0.1', () => {
    console.log('LISTENING smpp=' + server.address().port + ' control=' + controlServer.address().port);
  });
});

function shutdown() { for (const s of sessions) s.destroy(); process.exit(0); }
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
if (!process.argv.includes('--keep-running')) process.stdin.on('end', shutdown); // the test process went away
process.stdin.resume();
