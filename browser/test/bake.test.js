// bake.js: a credential baked into a PNG or SVG badge comes back out, byte for byte, through the
// extractors the /verify/ page uses (extract.js) and through credsite's Python reader; the images
// stay valid (every PNG chunk's CRC, the SVG still one <svg> element), and `]]>` cannot end the
// SVG's CDATA early.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import { bakePng, bakeSvg, cdata, credentialChunkData } from '../src/pages/bake.js';
import { extractCredential, extractTextFromPng, extractTextFromSvg } from '../src/verifier/extract.js';
import { ROOT } from './helpers/contexts.js';

const SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Any example credential: the first by name (tokens are random, regenerated with the examples).
const EXAMPLE = readdirSync(join(ROOT, 'content', 'credentials')).filter((n) => n.endsWith('.json')).sort()[0];
const CREDENTIAL_TEXT = readFileSync(join(ROOT, 'content', 'credentials', EXAMPLE), 'utf8');

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data)]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlibCrc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

function png(...extra) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  const idat = deflateSync(Buffer.from([0, 0x10, 0xf0]));
  return new Uint8Array(Buffer.concat([SIG, chunk('IHDR', ihdr), ...extra, chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]));
}

/** [type, data] of every chunk, checking each CRC and that the file ends with IEND. */
function chunks(bytes) {
  const buf = Buffer.from(bytes);
  assert.deepEqual(buf.subarray(0, 8), SIG);
  const out = [];
  let at = 8;
  while (at < buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    assert.equal(buf.readUInt32BE(at + 8 + length), zlibCrc32(buf.subarray(at + 4, at + 8 + length)) >>> 0, `CRC of ${type}`);
    out.push([type, data]);
    at += 12 + length;
  }
  assert.equal(at, buf.length);
  assert.equal(out.at(-1)[0], 'IEND');
  return out;
}

const withBrackets = (() => {
  const doc = JSON.parse(CREDENTIAL_TEXT);
  doc.credentialSubject.identifier[0].identityHash = 'Anouk ]]> de Vries <![CDATA[ & </openbadges:credential>';
  return JSON.stringify(doc, null, 2);
})();

test('PNG: one uncompressed iTXt chunk right after IHDR, every chunk CRC-valid, the text back byte for byte', () => {
  const original = png();
  const baked = bakePng(original, CREDENTIAL_TEXT);
  const list = chunks(baked);
  assert.deepEqual(list.map(([t]) => t), ['IHDR', 'iTXt', 'IDAT', 'IEND']);
  const data = list[1][1];
  assert.deepEqual(data.subarray(0, 24), Buffer.from('openbadgecredential\0\0\0\0\0', 'latin1'));
  assert.deepEqual(Buffer.from(data), Buffer.from(credentialChunkData(CREDENTIAL_TEXT)));
  assert.equal(extractTextFromPng(baked), CREDENTIAL_TEXT);
  const { credential, format } = extractCredential(baked);
  assert.equal(format, 'png');
  assert.deepEqual(credential, JSON.parse(CREDENTIAL_TEXT));
  // The image itself is untouched: every other chunk is copied byte for byte.
  const before = chunks(original);
  assert.deepEqual(list.filter(([t]) => t !== 'iTXt'), before);
});

test('PNG: baking again replaces the credential instead of adding a second one; other text chunks stay', () => {
  const comment = chunk('tEXt', Buffer.from('Comment\0made by a test', 'latin1'));
  const once = bakePng(png(comment), 'first');
  const twice = bakePng(once, withBrackets);
  const types = chunks(twice).map(([t]) => t);
  assert.deepEqual(types, ['IHDR', 'iTXt', 'tEXt', 'IDAT', 'IEND']);
  assert.equal(extractTextFromPng(twice), withBrackets);
});

test('PNG: refuses what is not a PNG starting with IHDR and ending with IEND', () => {
  assert.throws(() => bakePng(new TextEncoder().encode('{"not": "png"}'), 'x'), /not a PNG/);
  const noIhdr = Buffer.concat([SIG, chunk('IDAT', Buffer.alloc(2)), chunk('IEND', Buffer.alloc(0))]);
  assert.throws(() => bakePng(noIhdr, 'x'), /IHDR/);
  const full = png();
  assert.throws(() => bakePng(full.subarray(0, full.length - 12), 'x'), /IEND/);
  assert.throws(() => bakePng(full.subarray(0, full.length - 3), 'x'), /truncated|past the end/);
  assert.throws(() => bakePng(png(), 42), TypeError);
});

const SVG = `<?xml version="1.0" encoding="UTF-8"?>
<!-- <svg> in a comment is not the root -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" aria-label="a > b"><title>Badge</title><circle r="4"/></svg>
`;

test('SVG: namespace on <svg>, the credential first inside it, and `]]>` split across CDATA sections', () => {
  const baked = bakeSvg(SVG, withBrackets);
  assert.ok(baked.startsWith(SVG.slice(0, SVG.indexOf('<svg'))), 'prolog unchanged');
  assert.match(baked, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 10 10" aria-label="a > b" xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0"><openbadges:credential><!\[CDATA\[/);
  assert.ok(baked.includes(']]]]><![CDATA[>'));
  assert.ok(baked.endsWith('</openbadges:credential><title>Badge</title><circle r="4"/></svg>\n'));
  assert.equal(extractTextFromSvg(baked), withBrackets);
  const { credential, format } = extractCredential(new TextEncoder().encode(baked));
  assert.equal(format, 'svg');
  assert.equal(credential.credentialSubject.identifier[0].identityHash, 'Anouk ]]> de Vries <![CDATA[ & </openbadges:credential>');
  assert.equal(cdata('a]]>b]]>'), '<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>');
});

test('SVG: an existing openbadges namespace is reused, a self-closing root is opened, a foreign binding is refused', () => {
  const declared = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><g/></svg>';
  const baked = bakeSvg(declared, '{"a": 1}');
  assert.equal(baked.match(/xmlns:openbadges/g).length, 1);
  assert.equal(extractTextFromSvg(baked), '{"a": 1}');
  const empty = bakeSvg("<svg xmlns='http://www.w3.org/2000/svg' />", '{"b": 2}');
  assert.equal(empty, `<svg xmlns='http://www.w3.org/2000/svg' xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential><![CDATA[{"b": 2}]]></openbadges:credential></svg>`);
  assert.equal(extractTextFromSvg(empty), '{"b": 2}');
  assert.throws(() => bakeSvg('<svg xmlns:openbadges="https://example.org/other"/>', '{}'), /another namespace/);
  assert.throws(() => bakeSvg('<html><svg/></html>', '{}'), /not <svg>/);
  assert.throws(() => bakeSvg('just text', '{}'), /no <svg>/);
});

const python = spawnSync('python3', ['-c', 'import credsite.standards.baking'], { cwd: ROOT, encoding: 'utf8' });

test('credsite (Python) reads both baked images, and bakes the same PNG bytes', { skip: python.status !== 0 && 'python3 with credsite is not available' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'credsite-bake-'));
  try {
    const original = png(chunk('tEXt', Buffer.from('Software\0test', 'latin1')));
    writeFileSync(join(dir, 'plain.png'), original);
    writeFileSync(join(dir, 'text.json'), withBrackets);
    writeFileSync(join(dir, 'baked.png'), bakePng(original, withBrackets));
    writeFileSync(join(dir, 'baked.svg'), bakeSvg(SVG, withBrackets));
    const script = `
import json, sys
from pathlib import Path
from credsite.standards import baking
d = Path(sys.argv[1])
text = (d / "text.json").read_text(encoding="utf-8")
print(json.dumps({
    "png": baking.png_credential_text((d / "baked.png").read_bytes()) == text,
    "svg": baking.svg_credential_text((d / "baked.svg").read_bytes()) == text,
    "same_png": baking.bake_png((d / "plain.png").read_bytes(), text) == (d / "baked.png").read_bytes(),
}))
`;
    const run = spawnSync('python3', ['-c', script, dir], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { png: true, svg: true, same_png: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
