// Loaded with --require into a tool the tests run (Electronegativity): every outgoing connection and DNS lookup
// fails at once, so no request can leave the machine (its translation download then falls back to English).
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const refuse = (what) => () => {
  const error = new Error(`offline: ${what} refused by test/desktop/offline.cjs`);
  error.code = 'ENETUNREACH';
  throw error;
};
net.connect = net.createConnection = refuse('net.connect');
net.Socket.prototype.connect = refuse('socket.connect');
tls.connect = refuse('tls.connect');
dns.lookup = (_host, _options, callback) => (typeof _options === 'function' ? _options : callback)(Object.assign(new Error('offline'), { code: 'ENOTFOUND' }));
