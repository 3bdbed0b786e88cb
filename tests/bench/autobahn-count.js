// SPDX-License-Identifier: GPL-3.0-or-later
// Counts `total` EVENTs of the bench flood with Autobahn|JS and prints events/s on stdout.
const autobahn = require('autobahn');

const [url, totalText] = process.argv.slice(2);
const total = Number(totalText);
let received = 0;
let first = 0n;

const connection = new autobahn.Connection({ url, realm: 'bench', max_retries: 0 });
connection.onopen = (session) => {
  session.subscribe('bench.flood', () => {
    if (received++ === 0)
      first = process.hrtime.bigint();
    if (received === total) {
      const seconds = Number(process.hrtime.bigint() - first) / 1e9;
      process.stdout.write(`${(total - 1) / seconds}\n`);
      connection.close();
    }
  });
};
connection.onclose = () => { if (received < total) process.exit(1); };
connection.open();
