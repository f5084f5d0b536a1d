// gunzip.js reads exactly one GZIP member, as the Python verifier's zlib does
// (credsite/standards/statuslist.py _gunzip), and both back ends agree: the platform's
// DecompressionStream in Node reads on into a second member and skips trailing bytes, so without
// the member check a list with either would decode here and be refused by Python.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { gunzip } from '../src/verifier/gunzip.js';
import { crc32 } from '../src/verifier/bytes.js';

const BACKENDS = ['stream', 'fflate'];
const DATA = Buffer.from('status list '.repeat(50));

/** A GZIP member with the given header flags and fields; headerCrc overrides a correct FHCRC. */
function member(data, { flags = 0, fields = [], headerCrc } = {}) {
  let header = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 3]), ...fields]);
  if (flags & 2) {
    const crc = Buffer.alloc(2);
    crc.writeUInt16LE(headerCrc ?? crc32(header) & 0xffff);
    header = Buffer.concat([header, crc]);
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, deflateRawSync(data), trailer]);
}

const one = gzipSync(DATA);
const accepted = {
  'one member': one,
  'a name, comment, extra field and header checksum': member(DATA, {
    flags: 2 | 4 | 8 | 16,
    fields: [Buffer.from([2, 0, 120, 121]), Buffer.from('name\0comment\0')],
  }),
};
const refused = {
  'two members': Buffer.concat([gzipSync(DATA.subarray(0, 100)), gzipSync(DATA.subarray(100))]),
  'an empty member before the data': Buffer.concat([gzipSync(Buffer.alloc(0)), one]),
  'the same member twice': Buffer.concat([one, one]),
  'one trailing byte': Buffer.concat([one, Buffer.from([0])]),
  'two trailing bytes': Buffer.concat([one, Buffer.from([0, 0])]),
  'the start of a header after it': Buffer.concat([one, Buffer.from([0x1f, 0x8b, 8])]),
  'a truncated trailer': one.subarray(0, one.length - 1),
  'a truncated body': one.subarray(0, 20),
  'reserved header flags': member(DATA, { flags: 0x20 }),
  'a wrong header checksum': member(DATA, { flags: 2, headerCrc: 1 }),
  'a name without its end': Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3]), Buffer.alloc(20, 65)]),
  'a wrong data checksum': Buffer.concat([one.subarray(0, one.length - 8), Buffer.alloc(8)]),
};

for (const backend of BACKENDS) {
  test(`gunzip (${backend}): one member is read, with any header fields`, async () => {
    for (const [name, bytes] of Object.entries(accepted)) {
      const out = await gunzip(new Uint8Array(bytes), { backend });
      assert.deepEqual(Buffer.from(out.bytes), DATA, name);
      assert.equal(out.backend, backend);
    }
  });

  test(`gunzip (${backend}): more than one member, bytes after it or a damaged member are refused`, async () => {
    for (const [name, bytes] of Object.entries(refused)) {
      await assert.rejects(gunzip(new Uint8Array(bytes), { backend }), { name: 'GunzipError' }, name);
    }
  });
}
