/**
 * Baking a credential into a badge image (Open Badges 3.0 §Baked Badge; standards brief (e)), so a
 * learner can download one file that is both a picture and the signed credential:
 *
 * - PNG: one uncompressed `iTXt` chunk, keyword `openbadgecredential`, empty language tag and
 *   translated keyword, the credential's UTF-8 text, placed right after `IHDR`, with its CRC-32.
 *   Any earlier `openbadgecredential` iTXt chunk is dropped; every other chunk is copied byte
 *   for byte.
 * - SVG: `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` on the root `<svg>` and, directly
 *   after its opening tag, `<openbadges:credential><![CDATA[…]]></openbadges:credential>`; a `]]>`
 *   in the text is split across two CDATA sections.
 *
 * The text baked in is the credential exactly as signed (the page's `#credential-json`), not a
 * re-serialisation. credsite/standards/baking.py does the same in Python; extract.js reads both back.
 */
import { crc32 } from '../verifier/bytes.js';

export const OB_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const KEYWORD = 'openbadgecredential';

function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('expected PNG bytes (ArrayBuffer or Uint8Array)');
}

function ascii(text) {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** One PNG chunk: length, type, data, CRC-32 over type and data. */
function chunk(type, data) {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * The iTXt chunk data: keyword NUL, compression flag 0, method 0, language "" NUL, translated
 * keyword "" NUL, text.
 * @param {string} credentialText
 * @returns {Uint8Array}
 */
export function credentialChunkData(credentialText) {
  const text = new TextEncoder().encode(credentialText);
  const head = ascii(`${KEYWORD}\0\0\0\0\0`);
  const data = new Uint8Array(head.length + text.length);
  data.set(head, 0);
  data.set(text, head.length);
  return data;
}

/**
 * A copy of the PNG with the credential baked in.
 * @param {ArrayBuffer|Uint8Array} png the badge image
 * @param {string} credentialText the credential, as signed
 * @returns {Uint8Array}
 * @throws {Error} when the input is not a well-formed PNG starting with IHDR
 */
export function bakePng(png, credentialText) {
  if (typeof credentialText !== 'string') throw new TypeError('credentialText must be a string');
  const bytes = toBytes(png);
  if (bytes.length < 8 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('not a PNG image');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = [PNG_SIGNATURE];
  let offset = 8;
  let sawEnd = false;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw new Error(`truncated PNG chunk at byte ${offset}`);
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw new Error(`PNG chunk at byte ${offset} runs past the end`);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw new Error(`invalid PNG chunk type at byte ${offset}`);
    if (offset === 8 && type !== 'IHDR') throw new Error('a PNG must start with IHDR');
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const isCredential = type === 'iTXt' && data.length > KEYWORD.length && String.fromCharCode(...data.subarray(0, KEYWORD.length + 1)) === `${KEYWORD}\0`;
    if (!isCredential) parts.push(bytes.subarray(offset, end));
    if (type === 'IHDR' && offset === 8) parts.push(chunk('iTXt', credentialChunkData(credentialText)));
    offset = end;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (parts.length < 3) throw new Error('a PNG must start with IHDR');
  if (!sawEnd) throw new Error('the PNG has no IEND chunk');
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Index just past the '>' that ends the tag starting at `start`, honouring quoted attributes. */
function endOfTag(svg, start) {
  let quote = null;
  for (let i = start; i < svg.length; i++) {
    const ch = svg[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '>') {
      return i + 1;
    }
  }
  throw new Error('unterminated tag in the SVG');
}

function after(svg, from, marker) {
  const i = svg.indexOf(marker, from);
  if (i === -1) throw new Error(`unterminated ${marker === '-->' ? 'comment' : 'declaration'} in the SVG`);
  return i + marker.length;
}

/** Start and end of the root `<svg …>` start tag, skipping the prolog (XML declaration, comments, DOCTYPE). */
function rootTag(svg) {
  let i = 0;
  for (;;) {
    const lt = svg.indexOf('<', i);
    if (lt === -1) throw new Error('not an SVG image (no <svg> element)');
    if (svg.startsWith('<!--', lt)) i = after(svg, lt + 4, '-->');
    else if (svg.startsWith('<?', lt)) i = after(svg, lt + 2, '?>');
    else if (svg.startsWith('<!', lt)) {
      const bracket = svg.indexOf('[', lt);
      const close = svg.indexOf('>', lt);
      i = bracket !== -1 && bracket < close ? after(svg, after(svg, bracket, ']'), '>') : after(svg, lt, '>');
    } else if (/^<svg[\s/>]/.test(svg.slice(lt, lt + 5))) {
      return { start: lt, end: endOfTag(svg, lt) };
    } else {
      throw new Error('not an SVG image (the root element is not <svg>)');
    }
  }
}

/**
 * The credential as CDATA, with every `]]>` split so that no section ends early.
 * @param {string} text
 * @returns {string}
 */
export function cdata(text) {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/**
 * A copy of the SVG with the credential baked in.
 * @param {string} svg the badge image's text
 * @param {string} credentialText the credential, as signed
 * @returns {string}
 * @throws {Error} when there is no root <svg> element, or `openbadges` is bound to another namespace
 */
export function bakeSvg(svg, credentialText) {
  if (typeof svg !== 'string') throw new TypeError('expected SVG text');
  if (typeof credentialText !== 'string') throw new TypeError('credentialText must be a string');
  const { start, end } = rootTag(svg);
  let opening = svg.slice(start, end);
  const selfClosing = /\/\s*>$/.test(opening);
  const bound = /\sxmlns:openbadges\s*=\s*(["'])(.*?)\1/.exec(opening);
  if (bound && bound[2] !== OB_NAMESPACE) throw new Error('the SVG binds the prefix "openbadges" to another namespace');
  const body = selfClosing ? opening.replace(/\s*\/\s*>$/, '') : opening.slice(0, -1);
  opening = `${body}${bound ? '' : ` xmlns:openbadges="${OB_NAMESPACE}"`}>`;
  const element = `<openbadges:credential>${cdata(credentialText)}</openbadges:credential>`;
  return svg.slice(0, start) + opening + element + (selfClosing ? '</svg>' : '') + svg.slice(end);
}
