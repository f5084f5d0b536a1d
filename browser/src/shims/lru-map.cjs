// Replaces the `lru-cache` package (version 6, with `yallist`) for jsonld.js in the bundles (see
// build.mjs). jsonld.js keeps its processed contexts in two such caches and calls only
// `new LRU({max})`, `get` and `set`; a Map, which iterates in insertion order, gives the same
// eviction (the least recently used entry goes first) in a few lines instead of two packages on
// every page.
'use strict';

class LruMap {
  /** @param {{max?: number}} [options] */
  constructor(options) {
    this.max = (options && options.max) || Infinity;
    this.map = new Map();
  }

  /** The value, now the most recently used; undefined if absent. */
  get(key) {
    if (!this.map.has(key)) return undefined;
    const value = this.map.get(key);
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  /** Store `value` as the most recently used; drop the least recently used beyond `max`. */
  set(key, value) {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value);
    return true;
  }

  has(key) {
    return this.map.has(key);
  }
}

module.exports = LruMap;
