#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
//
// autobahn-client.js URL REALM ACTION [TARGET] [options]
//
// A real Autobahn|JS (npm `autobahn`) peer for the interop tests. Prints one JSON object per line:
//   {"welcome": {session, authid, authrole, authmethod, roles}}   once joined (every action)
//   join                         leave right after the welcome
//   subscribe TOPIC [--count N] [--match M]
//                                {"subscribed": TOPIC}, then {"event": {args, kwargs, details}} per
//                                event; leaves after N events (default: runs until stopped)
//   publish TOPIC [--args J] [--kwargs J] [--ack] [--exclude-me false]
//                                {"published": ID or null}
//   call PROC [--args J] [--kwargs J] [--progress] [--timeout MS]
//                                {"progress": {args, kwargs}}..., then {"result": {args, kwargs}}
//                                or {"error": URI, "args": [...], "kwargs": {...}} (exit 1)
//   register PROC [--mode echo|add|fail|progress|bytes]
//                                {"registered": PROC}, then {"invocation": {args, kwargs, details}}
//                                per call; runs until stopped
// Options: --authid ID, --ticket T (ticket auth), --secret S (wampcra, salted if challenged so),
// --private-key HEX (cryptosign with this 32-byte seed),
// --stay (keep the session after the action is done, until stopped), --serializer json|msgpack|cbor
// (offer only that one; default: Autobahn's own offer, JSON and MessagePack).
// Binary values: with MessagePack or CBOR, a string "\u0000" + base64 in --args/--kwargs goes out
// as binary (as Autobahn's JSON serializer does by itself), and binary received is printed in that
// form, so every serializer prints the same JSON.
// URL: ws:// or wss://, or rs://HOST:PORT and unix:///PATH for Autobahn's Node RawSocket transport
// (which speaks JSON only).
// A failure to join prints {"closed": REASON, "details": {...}} and exits 3. Stops on SIGTERM,
// SIGINT or when stdin closes, so a test that dies leaves no node process behind.

'use strict';

const autobahn = require('autobahn');

function usage () {
  process.stderr.write('usage: autobahn-client.js URL REALM join|subscribe|publish|call|register [TARGET] [options]\n');
  process.exit(2);
}

function parseOptions (argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (!key.startsWith('--'))
      usage();
    if (key === '--ack' || key === '--progress' || key === '--stay')
      options[key.slice(2)] = true;
    else if (i + 1 < argv.length)
      options[key.slice(2)] = argv[++i];
    else
      usage();
  }
  return options;
}

const [url, realm, action, target, ...rest] = process.argv.slice(2);
if (!url || !realm || !action)
  usage();
const options = parseOptions(action === 'join' && target ? [target, ...rest] : rest);

function emit (object) {
  process.stdout.write(JSON.stringify(fromBinary(object)) + '\n');
}

// "\u0000" + base64 <-> Buffer, deep (WAMP's JSON form of binary).
function toBinary (value) {
  if (typeof value === 'string' && value.charCodeAt(0) === 0)
    return Buffer.from(value.slice(1), 'base64');
  if (Array.isArray(value))
    return value.map(toBinary);
  if (value && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value))
      out[key] = toBinary(value[key]);
    return out;
  }
  return value;
}

function fromBinary (value) {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array)
    return '\u0000' + Buffer.from(value).toString('base64');
  if (Array.isArray(value))
    return value.map(fromBinary);
  if (value && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value))
      out[key] = fromBinary(value[key]);
    return out;
  }
  return value;
}

function json (text, fallback) {
  return text === undefined ? fallback : toBinary(JSON.parse(text));
}

function serializerOptions () {
  const classes = { json: 'JSONSerializer', msgpack: 'MsgpackSerializer', cbor: 'CBORSerializer' };
  if (options.serializer === undefined)
    return {};
  const Klass = autobahn.serializer[classes[options.serializer]];
  if (!Klass) {
    process.stderr.write(`autobahn-client.js: serializer ${options.serializer} not available\n`);
    process.exit(2);
  }
  return { serializers: [new Klass()] };
}

function transportOptions () {
  if (url.startsWith('rs://')) {
    const { hostname, port } = new URL(url.replace(/^rs:/, 'http:'));
    return { transports: [{ type: 'rawsocket', host: hostname, port: Number(port) }] };
  }
  if (url.startsWith('unix://'))
    return { transports: [{ type: 'rawsocket', path: url.slice('unix://'.length) }] };
  return {};
}

function authOptions () {
  const auth = {};
  if (options.authid)
    auth.authid = options.authid;
  if (options.ticket !== undefined) {
    auth.authmethods = ['ticket'];
    auth.onchallenge = (session, method) => options.ticket;
  } else if (options['private-key'] !== undefined) {
    // WAMP-Cryptosign with Autobahn's own signer (tweetnacl): the key is a 64-hex-digit seed
    const nacl = require('tweetnacl');
    const pkey = nacl.sign.keyPair.fromSeed(Buffer.from(options['private-key'], 'hex'));
    auth.authmethods = ['cryptosign'];
    auth.authextra = { pubkey: autobahn.auth_cryptosign.public_key(pkey) };
    auth.onchallenge = (session, method, extra) => autobahn.auth_cryptosign.sign_challenge(pkey, extra);
  } else if (options.secret !== undefined) {
    auth.authmethods = ['wampcra'];
    auth.onchallenge = (session, method, extra) => {
      let key = options.secret;
      // Salted WAMP-CRA: the key is PBKDF2(secret, salt, iterations, keylen), as the spec says.
      if (extra.salt)
        key = autobahn.auth_cra.derive_key(options.secret, extra.salt, extra.iterations, extra.keylen);
      return autobahn.auth_cra.sign(key, extra.challenge);
    };
  }
  return auth;
}

let connection = null;
let finishing = false;

function finish (code) {
  if (finishing)
    return;
  finishing = true;
  process.exitCode = code;
  if (connection && connection.isOpen && !options.stay)
    connection.close();
  // Some routers never answer GOODBYE: do not wait for them.
  setTimeout(() => process.exit(code), 300).unref();
}

function done (code) {
  if (options.stay && code === 0)
    return;
  finish(code);
}

function stop () {
  options.stay = false;
  finishing = false;
  finish(process.exitCode || 0);
}

const handlers = {
  echo: (args, kwargs) => new autobahn.Result(args, kwargs),
  add: (args) => args.reduce((a, b) => a + b, 0),
  fail: (args) => {
    throw new autobahn.Error('org.example.interop.failed', ['failed on purpose', ...args], { code: 7 });
  },
  // Binary and the largest integer JavaScript holds exactly, whatever the call carried.
  bytes: () => new autobahn.Result([Buffer.from([1, 2, 3, 255]), 9007199254740991], { b: Buffer.from([0]) }),
  // Two progress results, then the final one; progress goes out only if the caller asked for it.
  progress: (args, kwargs, details) => new Promise((resolve) => {
    if (details.progress) {
      details.progress([1]);
      details.progress([2]);
    }
    setTimeout(() => resolve(new autobahn.Result(['done', ...args])), 50);
  }),
};

// Autobahn hands a result with one positional argument and no kwargs over as that bare value.
function plain (res) {
  if (res instanceof autobahn.Result)
    return { args: res.args || [], kwargs: res.kwargs || {} };
  return { args: res === undefined ? [] : [res], kwargs: {} };
}

function runAction (session) {
  switch (action) {
    case 'join':
      done(0);
      break;
    case 'subscribe': {
      const count = Number(options.count || 0);
      let seen = 0;
      const subscribeOptions = options.match ? { match: options.match } : {};
      session.subscribe(target, (args, kwargs, details) => {
        emit({ event: { args, kwargs, details: { topic: details.topic, publication: details.publication } } });
        if (count && ++seen === count)
          done(0);
      }, subscribeOptions).then(
        () => emit({ subscribed: target }),
        (e) => { emit({ error: e.error, args: e.args }); finish(1); });
      break;
    }
    case 'publish': {
      const publishOptions = { acknowledge: !!options.ack };
      if (options['exclude-me'] !== undefined)
        publishOptions.exclude_me = options['exclude-me'] !== 'false';
      const p = session.publish(target, json(options.args, []), json(options.kwargs, {}), publishOptions);
      if (!options.ack) {
        emit({ published: null });
        // Give the router the frame before leaving.
        setTimeout(() => done(0), 200);
      } else {
        p.then((pub) => { emit({ published: pub.id }); done(0); },
               (e) => { emit({ error: e.error, args: e.args }); finish(1); });
      }
      break;
    }
    case 'call': {
      const callOptions = {};
      if (options.progress)
        callOptions.receive_progress = true;
      if (options.timeout)
        callOptions.timeout = Number(options.timeout);
      session.call(target, json(options.args, []), json(options.kwargs, {}), callOptions).then(
        (res) => { emit({ result: plain(res) }); done(0); },
        (e) => { emit({ error: e.error, args: e.args, kwargs: e.kwargs }); finish(1); },
        (progress) => emit({ progress: plain(progress) }));
      break;
    }
    case 'register': {
      const handler = handlers[options.mode || 'echo'];
      if (!handler)
        usage();
      session.register(target, (args, kwargs, details) => {
        emit({ invocation: { args, kwargs, details: { progress: !!details.progress } } });
        return handler(args, kwargs, details);
      }).then(
        () => emit({ registered: target }),
        (e) => { emit({ error: e.error, args: e.args }); finish(1); });
      options.stay = true;
      break;
    }
    default:
      usage();
  }
}

connection = new autobahn.Connection({
  url,
  realm,
  max_retries: 0,
  retry_if_unreachable: false,
  ...authOptions(),
  ...serializerOptions(),
  ...transportOptions(),
});

connection.onopen = (session, details) => {
  emit({
    welcome: {
      protocol: details.transport ? details.transport.protocol : null,
      session: session.id,
      authid: details.authid,
      authrole: details.authrole,
      authmethod: details.authmethod,
      roles: Object.keys(details.roles || {}),
    },
  });
  runAction(session);
};

connection.onclose = (reason, details) => {
  if (!finishing) {
    emit({ closed: reason, details: { reason: details.reason, message: details.message } });
    finish(3);
  }
  return true; // no reconnection
};

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
connection.open();
