// Getting credentials out of pasted text and baked badge images (PNG iTXt, SVG CDATA), with
// clear refusals for files that carry none. The test images are built here, byte by byte.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import {
  CredentialInputError,
  extractCredential,
  extractCredentialFromPng,
  extractCredentialFromSvg,
  extractTextFromPng,
  parseCredentialJson,
  verifyCredential,
} from '../src/verifier/index.js';
import { documentLoader } from './helpers/contexts.js';
import { NOW, network, signBadge } from './helpers/fixtures.js';

const SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type, data, { badCrc = false } = {}) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data)]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((zlibCrc32(body) ^ (badCrc ? 1 : 0)) >>> 0);
  return Buffer.concat([len, body, crc]);
}

function itxt(keyword, textValue, { compressed = false, language = '', translated = '' } = {}) {
  return chunk(
    'iTXt',
    Buffer.concat([
      Buffer.from(keyword, 'latin1'),
      Buffer.from([0, compressed ? 1 : 0, 0]),
      Buffer.from(language, 'latin1'),
      Buffer.from([0]),
      Buffer.from(translated, 'utf8'),
      Buffer.from([0]),
      Buffer.from(textValue, 'utf8'),
    ]),
  );
}

function png(...extra) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth; colour type 0 (grey), no interlace
  const idat = deflateSync(Buffer.from([0, 0x7f]));
  return new Uint8Array(Buffer.concat([SIG, chunk('IHDR', ihdr), ...extra, chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]));
}

function svg(inner, { ns = 'openbadges', declareNs = true } = {}) {
  const xmlns = declareNs ? ` xmlns:${ns}="https://purl.imsglobal.org/ob/v3p0"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"${xmlns} width="10" height="10">${inner}<circle r="4"/></svg>\n`;
}

function code(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CredentialInputError, `expected CredentialInputError, got ${e}`);
    assert.ok(e.messages.nl && e.messages.en, 'both languages');
    assert.doesNotMatch(e.messages.en + e.messages.nl, /\{\w+\}/);
    return e.code;
  }
  return 'no error';
}

test('PNG: the baked credential is found, parsed and verifies', async () => {
  const signed = await signBadge();
  const text = JSON.stringify(signed, null, 2);
  const image = png(chunk('tEXt', Buffer.from('Software\0credsite')), itxt('openbadgecredential', text));
  assert.equal(extractTextFromPng(image), text);
  assert.equal(extractTextFromPng(image.buffer), text, 'an ArrayBuffer works too');
  const credential = extractCredentialFromPng(image);
  const result = await verifyCredential(credential, { documentLoader, fetchJson: (await network()).fetchJson, now: NOW });
  assert.equal(result.state, 'verified');
  assert.deepEqual(extractCredential(image), { credential, format: 'png' });
});

test('PNG: the first openbadgecredential chunk wins; UTF-8 text survives; language tags are skipped', () => {
  const first = { '@context': ['https://www.w3.org/ns/credentials/v2'], name: 'Eerste — één' };
  const image = png(itxt('openbadgecredential', JSON.stringify(first), { language: 'nl', translated: 'credential' }), itxt('openbadgecredential', '{"name":"second"}'));
  assert.deepEqual(extractCredentialFromPng(image), first);
});

test('PNG: clear errors for images without a credential, OB 2.0, compression, damage and JWTs', () => {
  assert.equal(code(() => extractCredentialFromPng(png())), 'PNG_NO_CREDENTIAL');
  assert.equal(code(() => extractCredentialFromPng(png(itxt('openbadge', '{}')))), 'PNG_NO_CREDENTIAL');
  assert.equal(code(() => extractCredentialFromPng(png(chunk('tEXt', Buffer.from('openbadges\0{"@context":"https://w3id.org/openbadges/v2"}'))))), 'OB2');
  assert.equal(code(() => extractCredentialFromPng(png(itxt('openbadgecredential', 'x', { compressed: true })))), 'PNG_COMPRESSED');
  const damaged = png(chunk('iTXt', Buffer.from('openbadgecredential\0\0\0\0\0{}'), { badCrc: true }));
  assert.equal(code(() => extractCredentialFromPng(damaged)), 'PNG_DAMAGED');
  const full = png(itxt('openbadgecredential', '{"a":1}'));
  assert.equal(code(() => extractCredentialFromPng(full.subarray(0, 40))), 'PNG_DAMAGED');
  assert.equal(code(() => extractCredentialFromPng(new Uint8Array([1, 2, 3]))), 'PNG_DAMAGED');
  // A VC-JWT (OB 3.0 §5.3) is the token's text, for verifyCredential (jose/).
  assert.equal(extractCredentialFromPng(png(itxt('openbadgecredential', 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln'))), 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln');
  assert.equal(code(() => extractCredentialFromPng(png(itxt('openbadgecredential', '{"a":')))), 'NOT_JSON');
  const badUtf8 = png(chunk('iTXt', Buffer.concat([Buffer.from('openbadgecredential\0\0\0\0\0'), Buffer.from([0xff, 0xfe])])));
  assert.equal(code(() => extractCredentialFromPng(badUtf8)), 'NOT_UTF8');
});

test('SVG: CDATA credential directly after <svg>, with the standard or another prefix', async () => {
  const signed = await signBadge();
  const json = JSON.stringify(signed);
  const standard = svg(`<openbadges:credential><![CDATA[${json}]]></openbadges:credential>`);
  assert.deepEqual(extractCredentialFromSvg(standard), signed);
  const other = svg(`\n  <ob:credential>\n<![CDATA[${json}]]>\n  </ob:credential>`, { ns: 'ob' });
  assert.deepEqual(extractCredentialFromSvg(other), signed);
  const result = await verifyCredential(extractCredential(Buffer.from(standard)).credential, {
    documentLoader,
    fetchJson: (await network()).fetchJson,
    now: NOW,
  });
  assert.equal(result.state, 'verified');
});

test('SVG: escaped text, split CDATA sections and comments are handled', () => {
  const value = { name: 'A <b> & "c" ]]> d' };
  const json = JSON.stringify(value);
  const escaped = json.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  assert.deepEqual(extractCredentialFromSvg(svg(`<openbadges:credential>${escaped}</openbadges:credential>`)), value);
  const split = json.replace(']]>', ']]]]><![CDATA[>');
  assert.deepEqual(extractCredentialFromSvg(svg(`<openbadges:credential><![CDATA[${split}]]><!-- note --></openbadges:credential>`)), value);
  assert.deepEqual(extractCredentialFromSvg(svg(`<openbadges:credential>&#123;"name":"&#x41;"&#125;</openbadges:credential>`)), { name: 'A' });
});

test('SVG: clear errors for no credential, a commented-out one, VC-JWT, OB 2.0 and broken markup', () => {
  assert.equal(code(() => extractCredentialFromSvg(svg(''))), 'SVG_NO_CREDENTIAL');
  assert.equal(code(() => extractCredentialFromSvg(svg('<!-- <openbadges:credential><![CDATA[{}]]></openbadges:credential> -->'))), 'SVG_NO_CREDENTIAL');
  assert.equal(code(() => extractCredentialFromSvg(svg('<openbadges:credential/>'))), 'SVG_NO_CREDENTIAL');
  assert.equal(extractCredentialFromSvg(svg('<openbadges:credential verify="eyJ.eyJ.sig"></openbadges:credential>')), 'eyJ.eyJ.sig');
  const ob2 = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://x.example/a.json"/></svg>';
  assert.equal(code(() => extractCredentialFromSvg(ob2)), 'OB2');
  assert.equal(code(() => extractCredentialFromSvg(svg('<openbadges:credential><![CDATA[{}'))), 'SVG_MALFORMED');
  assert.equal(code(() => extractCredentialFromSvg(svg('<openbadges:credential><g/>{}</openbadges:credential>'))), 'SVG_MALFORMED');
  assert.equal(code(() => extractCredentialFromSvg(svg('<openbadges:credential><![CDATA[[1,2]]]></openbadges:credential>'))), 'NOT_OBJECT');
});

test('pasted text: JSON with BOM and whitespace, JWT, OB 2.0, arrays, garbage', () => {
  assert.deepEqual(parseCredentialJson('\uFEFF  {"a": 1}\n'), { a: 1 });
  assert.equal(code(() => parseCredentialJson('   ')), 'EMPTY');
  assert.equal(code(() => parseCredentialJson('eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln')), 'NOT_JSON'); // readCredentialText takes a JWT
  assert.equal(code(() => parseCredentialJson('{"@context": "https://w3id.org/openbadges/v2", "type": "Assertion"}')), 'OB2');
  assert.equal(code(() => parseCredentialJson('[{}]')), 'NOT_OBJECT');
  assert.equal(code(() => parseCredentialJson('{"a":')), 'NOT_JSON');
  assert.match(code(() => parseCredentialJson('nope')), /NOT_JSON/);
});

test('dropped files are recognised by their bytes, not their names', () => {
  const json = '{"name":"x"}';
  assert.deepEqual(extractCredential(new TextEncoder().encode(json)), { credential: { name: 'x' }, format: 'json' });
  assert.deepEqual(extractCredential(json), { credential: { name: 'x' }, format: 'json' });
  assert.equal(extractCredential(png(itxt('openbadgecredential', json))).format, 'png');
  assert.equal(extractCredential(new TextEncoder().encode(svg(`<openbadges:credential><![CDATA[${json}]]></openbadges:credential>`))).format, 'svg');
  assert.equal(code(() => extractCredential(new Uint8Array(0))), 'EMPTY');
  assert.equal(code(() => extractCredential(new TextEncoder().encode('hello'))), 'UNKNOWN_FORMAT');
  assert.equal(code(() => extractCredential(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))), 'UNKNOWN_FORMAT');
});
