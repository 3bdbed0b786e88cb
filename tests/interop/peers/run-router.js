#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
//
// run-router.js NAME [PORT]
//
// Starts one of the npm WAMP routers/servers on 127.0.0.1 only and prints "ready PORT" when it
// accepts connections (PORT 0 or none: the kernel picks one). NAME is wamp.rt, wamp-server,
// fox-wamp (WAMP v2 routers, path /) or wamp.io (a WAMP v1 server, path /, with RPC handlers
// written here). Every router is handed an http.Server that this script binds itself, so none
// of them ever listens on another interface (wamp-server alone would bind all of them).
// Runs until SIGTERM/SIGINT or until stdin closes (so a crashed test leaves nothing behind).

'use strict';

const http = require('http');
const path = require('path');

const name = process.argv[2];
const port = Number(process.argv[3] || 0);
const HOST = '127.0.0.1';
const REALM = 'realm1';

function die (message) {
  process.stderr.write(`run-router: ${message}\n`);
  process.exit(2);
}

// wamp.rt 0.2.0 uses ws 0.8.0, which takes {server} like every later ws.
function startWampRt (server) {
  const Router = require('wamp.rt');
  return new Router({ server });
}

// wamp-server 0.0.9's constructor only takes a port and binds every interface; build the same
// object around a ws server attached to our own http.Server instead (what the constructor does,
// with the host passed through).
function startWampServer (server) {
  const WampServer = require('wamp-server');
  const SessionManager = require('wamp-server/release/session-manager').default;
  const WebSocket = require(require.resolve('ws', { paths: [path.dirname(require.resolve('wamp-server'))] }));
  const router = Object.create(WampServer.prototype);

  router.options = { realms: [REALM] };
  router.wss = new WebSocket.Server({ server });
  SessionManager.registerRealms([REALM]);
  router.listen();
  return router;
}

// fox-wamp accepts any realm; its sqlite store is never loaded by the in-memory router.
function startFoxWamp (server) {
  const FoxRouter = require('fox-wamp');
  const router = new FoxRouter();
  router.listenWAMP({ server });
  return router;
}

// wamp.io 0.0.4 predates process.EventEmitter's removal; it attaches to any server emitting
// 'connection' with a socket that has send()/on('message').
function startWampIo (server) {
  process.EventEmitter = process.EventEmitter || require('events');
  const WebSocket = require('ws');
  const wamp = require('wamp.io');
  // Only "wamp" (v1) is accepted; a client offering just wamp.2.json gets no subprotocol.
  const wss = new WebSocket.Server({
    server,
    handleProtocols: (protocols) => (protocols.has('wamp') ? 'wamp' : false),
  });
  const app = wamp.attach(wss);

  app.on('call', (procUri, args, cb) => {
    switch (procUri) {
      case 'http://example.com/rpc#add':
        cb(null, args.reduce((a, b) => a + b, 0));
        break;
      case 'http://example.com/rpc#echo':
        cb(null, args);
        break;
      case 'http://example.com/rpc#fail':
        cb(new Error('failed on purpose'));
        break;
      default:
        cb(new Error(`no such procedure ${procUri}`));
    }
  });
  return app;
}

const starters = {
  'wamp.rt': startWampRt,
  'wamp-server': startWampServer,
  'fox-wamp': startFoxWamp,
  'wamp.io': startWampIo,
};

if (!starters[name])
  die(`usage: run-router.js ${Object.keys(starters).join('|')} [PORT]`);

const server = http.createServer((req, res) => {
  res.writeHead(426, { 'Content-Type': 'text/plain' });
  res.end('WebSocket only\n');
});
server.on('error', (e) => die(e.message));
starters[name](server);
server.listen(port, HOST, () => {
  process.stdout.write(`ready ${server.address().port}\n`);
});

function stop () {
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
