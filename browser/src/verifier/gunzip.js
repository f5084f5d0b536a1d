/**
 * GZIP decompression for Bitstring Status Lists, with a size cap. Uses the platform's
 * DecompressionStream('gzip') where it exists and fflate otherwise; the back end can be forced so
 * tests show both give the same bits. The cap stops a tiny "status list" from expanding into
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

// fflate's streaming Gunzip neither insists on the GZIP magic nor checks the trailer, so a few
// junk bytes "decompress" to nothing. DecompressionStream rejects those; to give the same answer
// we check the header and the trailer (CRC-32 and length of the output) ourselves.
function gunzipFflate(bytes, maxBytes) {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8) {
    throw new GunzipError('not valid gzip data: bad header');
  }
  const chunks = [];
  let total = 0;
  let finished = false;
  const inflater = new Gunzip((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) throw new GunzipError(`decompressed data exceeds ${maxBytes} bytes`);
    chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    inflater.push(bytes, true);
  } catch (e) {
    if (e instanceof GunzipError) throw e;
    throw new GunzipError(`not valid gzip data: ${e && e.message ? e.message : e}`);
  }
  if (!finished) throw new GunzipError('not valid gzip data: stream ended early');
  const out = join(chunks, total);
  const trailer = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 8, 8);
  if (trailer.getUint32(0, true) !== crc32(out) || trailer.getUint32(4, true) !== out.length % 2 ** 32) {
    throw new GunzipError('not valid gzip data: checksum or length does not match');
  }
  return out;
}

/**
 * Decompress one GZIP member.
 * @param {Uint8Array} bytes
 * @param {{backend?: 'auto'|'stream'|'fflate', maxBytes?: number}} [options]
 * @returns {Promise<{bytes: Uint8Array, backend: 'stream'|'fflate'}>}
 */
export async function gunzip(bytes, options = {}) {
  const maxBytes = options.maxBytes ?? MAX_STATUS_LIST_BYTES;
  let backend = options.backend ?? 'auto';
  if (backend === 'auto') backend = typeof globalThis.DecompressionStream === 'function' ? 'stream' : 'fflate';
  if (backend === 'stream') return { bytes: await gunzipStream(bytes, maxBytes), backend };
  if (backend === 'fflate') return { bytes: gunzipFflate(bytes, maxBytes), backend };
  throw new TypeError(`unknown gunzip back end ${JSON.stringify(backend)}`);
}
