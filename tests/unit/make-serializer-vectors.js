// SPDX-License-Identifier: GPL-3.0-or-later
//
// Writes tests/unit/wamp-serializer-vectors.txt: WAMP v2 messages encoded by
// independent encoders, @msgpack/msgpack 3.1.3 and cbor (node-cbor) 10.0.12,
// so that test-wamp-serializer checks our codec against them without node.
//   mkdir /tmp/v && cd /tmp/v && npm install @msgpack/msgpack@3.1.3 cbor@10.0.12
//   NODE_PATH=/tmp/v/node_modules node tests/unit/make-serializer-vectors.js > tests/unit/wamp-serializer-vectors.txt
// Each line: name, mode, JSON, MessagePack hex, CBOR hex (tab-separated; "-" = none).
// mode "rt": our encoder must write the same bytes; "dec": we only decode them.
// A float32 reads as the double it widens to; CBOR bignums (tags 2, 3) as exact integers.

'use strict';

const msgpack = require('@msgpack/msgpack');
const cbor = require('cbor');

// Compact JSON as Sockscope writes it: binary as "\u0000" + base64, BigInt as digits.
function json(v) {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return JSON.stringify('\u0000' + Buffer.from(v).toString('base64'));
  if (Array.isArray(v)) return '[' + v.map(json).join(',') + ']';
  if (v instanceof Map) return '{' + [...v].map(([k, x]) => JSON.stringify(k instanceof Uint8Array ? JSON.parse(json(k)) : String(k)) + ':' + json(x)).join(',') + '}';
  if (typeof v === 'object') return '{' + Object.keys(v).map((k) => JSON.stringify(k) + ':' + json(v[k])).join(',') + '}';
  return JSON.stringify(v);
}

// @msgpack/msgpack writes a Number integer beyond 32 bits as a float64 when useBigInt64 is on:
// give it such integers as BigInts, as WAMP ids are integers.
const big = (v) => (typeof v === 'number' && Number.isSafeInteger(v) && (v >= 2 ** 32 || v < -(2 ** 31))) ? BigInt(v)
  : Array.isArray(v) ? v.map(big)
  : (v && v.constructor === Object) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, big(x)])) : v;
const mp = (v, o) => Buffer.from(msgpack.encode(big(v), { useBigInt64: true, maxDepth: 200, ...o })).toString('hex');
// node-cbor tags a Uint8Array (tag 64) but not a Buffer: plain byte strings, as WAMP peers send.
const buf = (v) => (v instanceof Uint8Array) ? Buffer.from(v)
  : Array.isArray(v) ? v.map(buf)
  : (v instanceof Map) ? new Map([...v].map(([k, x]) => [buf(k), buf(x)]))
  : (v && v.constructor === Object) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, buf(x)])) : v;
const cb = (v, o) => cbor.encodeOne(buf(v), { collapseBigIntegers: true, ...o }).toString('hex');

const pubkey = '545efb0a2192db8d43f118e9bf9aee081466e1ef36c708b96ee6f62dddad9122';
const vectors = [
  // Every message type the builders make, as test-wamp-serializer builds them.
  ['hello', [1, 'realm1', { agent: 'sockscope', roles: { caller: { features: { progressive_call_results: true } }, subscriber: {} }, authmethods: ['cryptosign', 'ticket'], authid: 'joe', authextra: { pubkey } }]],
  ['welcome', [2, 9007199254740991, { authid: 'joe', authrole: 'user', roles: { broker: {}, dealer: {} } }]],
  ['abort', [3, { message: 'no such realm' }, 'wamp.error.no_such_realm', ['x'], { k: 1 }]],
  ['challenge', [4, 'cryptosign', { challenge: 'ff'.repeat(32), channel_binding: null }]],
  ['authenticate', [5, 'ab'.repeat(96), {}]],
  ['goodbye', [6, {}, 'wamp.close.close_realm']],
  ['error', [8, 48, 7, {}, 'wamp.error.invalid_argument', ['bad'], { field: 'x' }]],
  ['publish', [16, 1, { acknowledge: true, exclude_me: false }, 'com.example.topic', ['Hello', 1.5, null, true], { t: -273.15 }]],
  ['published', [17, 1, 4429313566]],
  ['subscribe', [32, 2, { match: 'prefix' }, 'com.example']],
  ['subscribed', [33, 2, 5512315355]],
  ['unsubscribe', [34, 3, 5512315355]],
  ['unsubscribed', [35, 3]],
  ['event', [36, 5512315355, 4429313566, { topic: 'com.myapp.topic1' }, ['Hello!', 42], { color: 'orange', sizes: [23, 42, 7] }]],
  ['call', [48, 4, { timeout: 1000 }, 'com.example.add', [2, 3]]],
  ['cancel', [49, 4, { mode: 'kill' }]],
  ['result', [50, 4, { progress: true }, [5]]],
  ['register', [64, 5, { invoke: 'roundrobin' }, 'com.example.add']],
  ['registered', [65, 5, 2103333224]],
  ['unregister', [66, 6, 2103333224]],
  ['unregistered', [67, 6]],
  ['invocation', [68, 6131533, 2103333224, { caller: 3335656 }, [2, 3], { precise: true }]],
  ['interrupt', [69, 6131533, { mode: 'killnowait' }]],
  ['yield', [70, 6131533, {}, [5], { unicode: 'h\u00e9llo \u2713 \u{1f600}', esc: 'a"b\\c\n\u0001\t' }]],
  // Values.
  ['big-integers', [36, 1, 2, {}, [9007199254740993n, 18446744073709551615n, -9223372036854775808n, 4294967296n, -2147483649n, -33, -32, 127, 128, 255, 256, 65535, 65536, -128, -129, -32768, -32769]]],
  ['binary', [36, 1, 2, {}, [new Uint8Array([0, 1, 2, 255, 254]), new Uint8Array(300).fill(7)], { empty: new Uint8Array(0) }]],
  ['floats', [36, 1, 2, {}, [0.1, -273.15, 3.141592653589793, 1e+300, 2.5e+25, 1.5, -0.75]]],
  ['strings', [36, 1, 2, {}, ['', 'x'.repeat(31), 'y'.repeat(32), 'z'.repeat(255), 'w'.repeat(256)]]],
  ['containers', [36, 1, 2, Object.fromEntries([...Array(16).keys()].map((i) => ['k' + i, i])), [...Array(16).keys()], Object.fromEntries([...Array(15).keys()].map((i) => ['k' + i, [i]]))]],
  ['deep', [36, 1, 2, {}, JSON.parse('['.repeat(100) + ']'.repeat(100))]],
];

const out = [];
for (const [name, v] of vectors)
  out.push([name, 'rt', json(v), mp(v), cb(v)]);

// Decoded only: forms our encoder does not write, or values one format lacks.
// @msgpack/msgpack writes no Map: its maps with such keys are joined from its encodings.
const mpMap = (m) => Buffer.concat([Buffer.from([0x94]), ...[36, 1, 2].map((x) => msgpack.encode(x)),
  Buffer.from([0x80 | m.size]), ...[...m].flat().map((x) => msgpack.encode(x))]).toString('hex');
const keys = new Map([[1, 'a'], [true, 'b'], [null, 'c'], [-2, 'd'], [1.5, 'e']]);
out.push(['map-keys', 'dec', json([36, 1, 2, keys]), mpMap(keys), cb([36, 1, 2, keys])]);
const binkey = new Map([[new Uint8Array([1, 2, 3]), 'bin']]);
out.push(['binary-key', 'dec', json([36, 1, 2, binkey]), mpMap(binkey), cb([36, 1, 2, binkey])]);
const typed = [36, 1, 2, {}, [new Uint8Array([1, 2, 3])]];
out.push(['tagged-bytes', 'dec', json(typed), '-', cbor.encodeOne(typed).toString('hex')]);
out.push(['float32', 'dec', json([36, 1, 2, {}, [Math.fround(0.1), Math.fround(-273.15)]]), mp([36, 1, 2, {}, [0.1, -273.15]], { forceFloat32: true }), '-']);
out.push(['half-float', 'dec', '[36,1,2,{},[1.5,-0.0,65504,5.9604644775390625e-08]]', '-', cb([36, 1, 2, {}, [1.5, -0, 65504, 5.960464477539063e-08]], { canonical: true })]);
const huge = [36, 1, 2, {}, [18446744073709551616n, -18446744073709551617n, 2n ** 200n, -18446744073709551616n]];
out.push(['bignum', 'rt', json(huge), '-', cb(huge)]);
const negmax = [36, 1, 2, {}, [-18446744073709551616n]];
out.push(['negative-2-64', 'rt', json(negmax), '-', cb(negmax)]);

process.stdout.write(out.map((r) => r.join('\t')).join('\n') + '\n');
