// Replaces the `setimmediate` package in the browser bundle (see build.mjs). rdf-canonize calls
// setImmediate to yield during long canonicalizations. The package's fallback path builds a
// function from a string (`new Function`), which `script-src 'self'` forbids; this shim only ever
// runs real functions, via a MessageChannel (no 4 ms clamping as with setTimeout).
'use strict';

if (typeof globalThis.setImmediate !== 'function') {
  const queue = [];
  const channel = new MessageChannel();
  // Outside browsers (Node, Deno) an open port keeps the process alive; hold it only while work is
  // queued. Browsers have no ref/unref and need none.
  const hold = (on) => {
    const port = channel.port1;
    if (typeof port.ref === 'function') (on ? port.ref : port.unref).call(port);
  };
  channel.port1.onmessage = () => {
    const task = queue.shift();
    if (queue.length === 0) hold(false);
    if (task) task.fn(...task.args);
  };
  hold(false);
  globalThis.setImmediate = function setImmediate(fn, ...args) {
    if (typeof fn !== 'function') throw new TypeError('setImmediate expects a function');
    queue.push({ fn, args });
    hold(true);
    channel.port2.postMessage(0);
  };
}
