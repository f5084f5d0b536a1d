/**
 * GZIP decompression for Bitstring Status Lists, with a size cap. Uses the platform's
 * DecompressionStream('gzip') where it exists and fflate otherwise; the back end can be forced so
 * tests show both give the same bits, and refuse the same data. The cap stops a tiny "status list" from expanding into
 * gigabytes in the visitor's browser.
 */
import { Gunzip } from 'fflate';
import { crc32 } from './bytes.js';

/** Largest decompressed list we accept: 16 MiB = 134,217,728 one-bit entries. */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

export class GunzipError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'GunzipError';
  }
}

function join(chunks, total) {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

async function gunzipStream(bytes, maxBytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new GunzipError(`decompressed data exceeds ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof GunzipError) throw e;
    throw new GunzipError(`not valid gzip data: ${e && e.message ? e.message : e}`);
  }
  return join(chunks, total);
}

// One GZIP member and nothing after it, as the Python verifier's zlib reads it
// (credsite/standards/statuslist.py _gunzip): a list of two members, or with bytes after its
// trailer, is not valid data. The platform decoders disagree there (Node's DecompressionStream reads
// on into a second member and skips trailing bytes; browsers refuse both), and only an inflater
// that reports where a member ends can tell, so fflate decides it for both back ends: behind the
// data we put an empty member, and fflate's onmember reports where the member after the first one
// starts. The first one ends exactly at the end of the data, or the data is refused. fflate neither
// checks the header's reserved flags and checksum nor the trailer, so we check those ourselves.
const EMPTY_MEMBER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0);
const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
const FRESERVED = 0xe0;

function bad(reason) {
  return new GunzipError(`not valid gzip data: ${reason}`);
}

/** The header's length; throws unless it is a GZIP header zlib accepts. */
function checkHeader(bytes) {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8) throw bad('bad header');
  const flags = bytes[3];
  if (flags & FRESERVED) throw bad('unknown header flags set');
  let end = 10;
  if (flags & FEXTRA) end += 2 + (bytes[10] | (bytes[11] << 8));
  for (const flag of [FNAME, FCOMMENT]) {
    if (flags & flag) end = bytes.indexOf(0, end) + 1 || bytes.length + 1;
  }
  if (flags & FHCRC) {
    if (end + 2 > bytes.length || (crc32(bytes.subarray(0, end)) & 0xffff) !== (bytes[end] | (bytes[end + 1] << 8))) {
      throw bad('header checksum does not match');
    }
    end += 2;
  }
  if (end > bytes.length) throw bad('header runs past the end');
  return end;
}

/** The first member's output (when keep) after checking that it ends where the data ends. */
function inflateOneMember(bytes, maxBytes, keep) {
  const chunks = [];
  let total = 0;
  let memberEnd = null;
  const inflater = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new GunzipError(`decompressed data exceeds ${maxBytes} bytes`);
    if (keep) chunks.push(chunk);
  });
  inflater.onmember = (offset) => {
    memberEnd ??= offset;
  };
  const padded = new Uint8Array(bytes.length + EMPTY_MEMBER.length);
  padded.set(bytes);
  padded.set(EMPTY_MEMBER, bytes.length);
  try {
    inflater.push(padded, true);
  } catch (e) {
    if (e instanceof GunzipError) throw e;
    throw bad(e && e.message ? e.message : e);
  }
  if (memberEnd === null) throw bad('stream ended early');
  if (memberEnd !== bytes.length) throw bad('data after the end of the member');
  return keep ? join(chunks, total) : null;
}

function checkTrailer(bytes, out) {
  const trailer = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 8, 8);
  if (trailer.getUint32(0, true) !== crc32(out) || trailer.getUint32(4, true) !== out.length % 2 ** 32) {
    throw bad('checksum or length does not match');
  }
}

/**
 * Decompress one GZIP member, refusing anything after it. With the 'stream' back end fflate
 * first finds where the member ends (see above) and the platform decodes it.
 * @param {Uint8Array} bytes
 * @param {{backend?: 'auto'|'stream'|'fflate', maxBytes?: number}} [options]
 * @returns {Promise<{bytes: Uint8Array, backend: 'stream'|'fflate'}>}
 */
export async function gunzip(bytes, options = {}) {
  const maxBytes = options.maxBytes ?? MAX_STATUS_LIST_BYTES;
  let backend = options.backend ?? 'auto';
  if (backend === 'auto') backend = typeof globalThis.DecompressionStream === 'function' ? 'stream' : 'fflate';
  if (backend !== 'stream' && backend !== 'fflate') throw new TypeError(`unknown gunzip back end ${JSON.stringify(backend)}`);
  checkHeader(bytes);
  const kept = inflateOneMember(bytes, maxBytes, backend === 'fflate');
  const out = kept ?? (await gunzipStream(bytes, maxBytes));
  checkTrailer(bytes, out);
  return { bytes: out, backend };
}
