/**
 * Getting a credential out of what a visitor pastes or drops: JSON text, or a "baked" badge image
 * (Open Badges 3.0 §Baked Badge, standards brief (e)): a PNG with an iTXt chunk keyed
 * `openbadgecredential`, or an SVG with an `<openbadges:credential>` element holding the JSON in
 * CDATA. Every failure says in plain words why the file carries no usable credential.
 *
 * A credential signed as a JWT (OB 3.0 §5.3) is read as its compact JWS text: pasted, in a file, in
 * the PNG chunk, or in the SVG element's `verify` attribute; verifyCredential takes that text as it is.
 *
 * Nothing here judges the credential; it only finds the JSON or the token. verifyCredential does the rest.
 */
import { crc32 } from './bytes.js';
import { looksLikeJose } from './jose/compact.js';
import { looksLikeSdJwt } from './jose/sd-jwt-text.js';
import { checkJsonSize, checkJsonStructure } from './limits.js';
import { text } from './messages.js';

export { crc32 };

/**
 * The input carries no credential we can read; `messages` is {nl, en} for the page. The error's own
 * message is the English text, or the code on a page that has not loaded the English texts.
 */
export class CredentialInputError extends Error {
  /**
   * @param {string} code
   * @param {Record<string, string|number>} [params]
   */
  constructor(code, params = {}) {
    const messages = text(`input.${code}`, params);
    super(messages.en ?? code);
    this.name = 'CredentialInputError';
    this.code = code;
    this.messages = messages;
  }
}

const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';

/**
 * A credential as pasted or read from a file: the text of a JOSE token (a JWT credential) as it is,
 * trimmed, or the JSON credential parsed by parseCredentialJson.
 * @param {string} input
 * @returns {object|string}
 * @throws {CredentialInputError}
 */
export function readCredentialText(input) {
  if (typeof input !== 'string') throw new CredentialInputError('NOT_OBJECT');
  const trimmed = input.replace(/^\uFEFF/, '').trim();
  return looksLikeJose(trimmed) || looksLikeSdJwt(trimmed) ? trimmed : parseCredentialJson(trimmed);
}

/**
 * Parse credential JSON as pasted or read from a file. Refuses an Open Badges 2.0
 * assertion with a message saying so, rather than letting it fail later as "malformed"; and,
 * before any expensive work, JSON beyond the limits of limits.js (size, nesting, number of
 * values, list length) or with a key given twice in one object.
 * @param {string} input
 * @returns {object}
 * @throws {CredentialInputError}
 */
export function parseCredentialJson(input) {
  if (typeof input !== 'string') throw new CredentialInputError('NOT_OBJECT');
  const trimmed = input.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new CredentialInputError('EMPTY');
  refuseIf(checkJsonSize(trimmed));
  let value;
  try {
    value = JSON.parse(trimmed);
  } catch (e) {
    throw new CredentialInputError('NOT_JSON', { reason: e.message });
  }
  refuseIf(checkJsonStructure(trimmed)); // limits.js: depth, values, list length, duplicate keys
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new CredentialInputError('NOT_OBJECT');
  const ctx = value['@context'];
  if (ctx === OB2_CONTEXT || (Array.isArray(ctx) && ctx.includes(OB2_CONTEXT))) throw new CredentialInputError('OB2');
  return value;
}

/** Throw the refusal checkJsonSize or checkJsonStructure found, if any. */
function refuseIf(problem) {
  if (problem) throw new CredentialInputError(problem.code, problem.params);
}

// --- PNG -----------------------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('expected an ArrayBuffer or Uint8Array');
}

/**
 * Whether bytes start with the PNG signature.
 * @param {ArrayBuffer|Uint8Array} input
 * @returns {boolean}
 */
export function isPng(input) {
  const bytes = toBytes(input);
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function latin1(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function decodeUtf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CredentialInputError('NOT_UTF8');
  }
}

/**
 * The credential text from the first iTXt chunk with keyword `openbadgecredential`, walking the
 * chunks ourselves (no image decoding). The text may be JSON or a compact JWS; the caller decides.
 * @param {ArrayBuffer|Uint8Array} input
 * @returns {string}
 * @throws {CredentialInputError}
 */
export function extractTextFromPng(input) {
  const bytes = toBytes(input);
  if (!isPng(bytes)) throw new CredentialInputError('PNG_DAMAGED', { reason: 'no PNG signature' });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let sawOb2 = false;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw new CredentialInputError('PNG_DAMAGED', { reason: `truncated chunk header at byte ${offset}` });
    const length = view.getUint32(offset);
    const type = latin1(bytes.subarray(offset + 4, offset + 8));
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    if (length > 0x7fffffff || dataEnd + 4 > bytes.length) {
      throw new CredentialInputError('PNG_DAMAGED', { reason: `chunk ${JSON.stringify(type)} runs past the end of the file` });
    }
    if (!/^[A-Za-z]{4}$/.test(type)) throw new CredentialInputError('PNG_DAMAGED', { reason: `invalid chunk type at byte ${offset}` });
    const data = bytes.subarray(dataStart, dataEnd);
    if (type === 'iTXt' || type === 'tEXt' || type === 'zTXt') {
      const nul = data.indexOf(0);
      const keyword = nul > 0 ? latin1(data.subarray(0, nul)) : '';
      if (keyword === 'openbadges') sawOb2 = true;
      if (type === 'iTXt' && keyword === 'openbadgecredential') {
        if (view.getUint32(dataEnd) !== crc32(bytes.subarray(offset + 4, dataEnd))) {
          throw new CredentialInputError('PNG_DAMAGED', { reason: 'checksum of the credential chunk does not match' });
        }
        const flag = data[nul + 1];
        if (flag !== 0) throw new CredentialInputError('PNG_COMPRESSED');
        const langEnd = data.indexOf(0, nul + 3);
        const transEnd = langEnd === -1 ? -1 : data.indexOf(0, langEnd + 1);
        if (nul + 3 > data.length || langEnd === -1 || transEnd === -1) {
          throw new CredentialInputError('PNG_DAMAGED', { reason: 'the credential chunk is malformed' });
        }
        return decodeUtf8(data.subarray(transEnd + 1));
      }
    }
    if (type === 'IEND') break;
    offset = dataEnd + 4;
  }
  throw new CredentialInputError(sawOb2 ? 'OB2' : 'PNG_NO_CREDENTIAL');
}

// --- SVG -----------------------------------------------------------------------------------------


function decodeXmlText(s) {
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, e) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (cp > 0x10ffff) throw new CredentialInputError('SVG_MALFORMED', { reason: `invalid character reference &${e};` });
    return String.fromCodePoint(cp);
  });
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
  throw new CredentialInputError('SVG_MALFORMED', { reason: 'unterminated tag' });
}

function skipTo(svg, from, marker, what) {
  const i = svg.indexOf(marker, from);
  if (i === -1) throw new CredentialInputError('SVG_MALFORMED', { reason: `unterminated ${what}` });
  return i + marker.length;
}

/**
 * The credential text from an SVG badge: the content of the first `<prefix:credential>` element,
 * where `prefix` is bound to the OB 3.0 namespace (normally "openbadges"). CDATA and character
 * references are decoded; comments and other elements are skipped, so a "credential" inside a
 * comment does not count. A `verify` attribute holds a VC-JWT: its value (the compact JWS) is the text.
 * @param {string} svg
 * @returns {string}
 * @throws {CredentialInputError}
 */
export function extractTextFromSvg(svg) {
  if (typeof svg !== 'string') throw new TypeError('expected SVG text');
  const ns = /xmlns:([A-Za-z_][\w.-]*)\s*=\s*(["'])https:\/\/purl\.imsglobal\.org\/ob\/v3p0\2/.exec(svg);
  const prefix = ns ? ns[1] : 'openbadges';
  const wanted = `${prefix}:credential`;
  let i = 0;
  let sawOb2 = false;
  while (i < svg.length) {
    const lt = svg.indexOf('<', i);
    if (lt === -1) break;
    if (svg.startsWith('<!--', lt)) {
      i = skipTo(svg, lt + 4, '-->', 'comment');
      continue;
    }
    if (svg.startsWith('<![CDATA[', lt)) {
      i = skipTo(svg, lt + 9, ']]>', 'CDATA section');
      continue;
    }
    if (svg.startsWith('<?', lt)) {
      i = skipTo(svg, lt + 2, '?>', 'processing instruction');
      continue;
    }
    if (svg.startsWith('<!', lt)) {
      const bracket = svg.indexOf('[', lt);
      const close = svg.indexOf('>', lt);
      i = bracket !== -1 && bracket < close ? skipTo(svg, skipTo(svg, bracket, ']', 'DOCTYPE'), '>', 'DOCTYPE') : skipTo(svg, lt, '>', 'declaration');
      continue;
    }
    const tagEnd = endOfTag(svg, lt);
    const m = /^<([A-Za-z_][\w.:-]*)/.exec(svg.slice(lt, Math.min(tagEnd, lt + 200)));
    if (m && m[1].endsWith(':assertion')) sawOb2 = true;
    if (!m || m[1] !== wanted) {
      i = tagEnd;
      continue;
    }
    const startTag = svg.slice(lt, tagEnd);
    const verify = /\sverify\s*=\s*(["'])([^]*?)\1/.exec(startTag);
    if (verify) return decodeXmlText(verify[2]);
    if (/\/\s*>$/.test(startTag)) throw new CredentialInputError('SVG_NO_CREDENTIAL');
    let out = '';
    let j = tagEnd;
    for (;;) {
      const next = svg.indexOf('<', j);
      if (next === -1) throw new CredentialInputError('SVG_MALFORMED', { reason: `<${wanted}> is not closed` });
      out += decodeXmlText(svg.slice(j, next));
      if (svg.startsWith('<![CDATA[', next)) {
        const end = svg.indexOf(']]>', next + 9);
        if (end === -1) throw new CredentialInputError('SVG_MALFORMED', { reason: 'unterminated CDATA section' });
        out += svg.slice(next + 9, end);
        j = end + 3;
      } else if (svg.startsWith('<!--', next)) {
        j = skipTo(svg, next + 4, '-->', 'comment');
      } else if (svg.startsWith(`</${wanted}`, next)) {
        return out;
      } else {
        throw new CredentialInputError('SVG_MALFORMED', { reason: `unexpected element inside <${wanted}>` });
      }
    }
  }
  if (sawOb2 && !ns) throw new CredentialInputError('OB2');
  throw new CredentialInputError('SVG_NO_CREDENTIAL');
}

/**
 * The credential in a baked PNG: parsed JSON, or a JWT credential's token text.
 * @param {ArrayBuffer|Uint8Array} input
 * @returns {object|string}
 */
export function extractCredentialFromPng(input) {
  return readCredentialText(extractTextFromPng(input));
}

/**
 * The credential in a baked SVG: parsed JSON, or a JWT credential's token text.
 * @param {string} svg
 * @returns {object|string}
 */
export function extractCredentialFromSvg(svg) {
  return readCredentialText(extractTextFromSvg(svg));
}

/**
 * A credential from a dropped or chosen file, whatever its kind: the bytes decide (PNG signature,
 * then SVG/XML or JSON text), not the file name, which visitors and mail clients change freely.
 * @param {ArrayBuffer|Uint8Array|string} input
 * @returns {{credential: object|string, format: 'json'|'jwt'|'sd-jwt'|'png'|'svg'}} a JWT or SD-JWT credential as its text
 * @throws {CredentialInputError}
 */
export function extractCredential(input) {
  if (typeof input !== 'string') {
    const bytes = toBytes(input);
    if (bytes.length === 0) throw new CredentialInputError('EMPTY');
    if (isPng(bytes)) return { credential: extractCredentialFromPng(bytes), format: 'png' };
    try {
      input = decodeUtf8(bytes);
    } catch {
      throw new CredentialInputError('UNKNOWN_FORMAT'); // a JPEG, a PDF, …: not text, not PNG
    }
  }
  const trimmed = input.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') throw new CredentialInputError('EMPTY');
  if (trimmed[0] === '<') return { credential: extractCredentialFromSvg(trimmed), format: 'svg' };
  if (looksLikeJose(trimmed.trim())) return { credential: trimmed.trim(), format: 'jwt' };
  if (looksLikeSdJwt(trimmed)) return { credential: trimmed.trim(), format: 'sd-jwt' };
  if (trimmed[0] === '{') return { credential: parseCredentialJson(trimmed), format: 'json' };
  if (trimmed[0] === '[') throw new CredentialInputError('NOT_OBJECT');
  throw new CredentialInputError('UNKNOWN_FORMAT');
}
