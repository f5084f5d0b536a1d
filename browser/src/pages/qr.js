/**
 * The QR code on a credential's printout: the page's own address, drawn in the browser.
 *
 * It used to be drawn by the build, which made the QR code (its mask search) the most expensive
 * part of every credential page: 12 ms each, over 20 minutes of a 100,000-credential build.
 * The printout is made from the page in a browser, so the browser draws it, in well under a
 * millisecond (qrcode-generator, error correction M: readable with a tenth of the code damaged).
 */
import qrcode from 'qrcode-generator';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The QR code of `text` as rows of booleans (true: dark), without the quiet zone.
 * `text` is sent as bytes: an address is ASCII once it has gone through `new URL(...).href`.
 * @param {string} text
 * @returns {boolean[][]}
 */
export function qrMatrix(text) {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new TypeError('qrMatrix: expected printable ASCII');
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)));
}

/**
 * An SVG element drawing `text` as a QR code: one path, `scale` pixels per module, a quiet zone
 * of `border` modules. Made with DOM calls, never from markup. With `title`, the code is an image
 * of that name (`role="img"` and a `<title>`, its first child), for a code that stands on its own
 * (the wallet's); without, it is left to the text around it (the printout's address).
 * @param {Document} doc
 * @param {string} text
 * @param {{scale?: number, border?: number, title?: string}} [options]
 * @returns {SVGSVGElement}
 */
export function qrSvg(doc, text, { scale = 4, border = 2, title = null } = {}) {
  const matrix = qrMatrix(text);
  const side = matrix.length + 2 * border;
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${side} ${side}`);
  svg.setAttribute('width', String(side * scale));
  svg.setAttribute('height', String(side * scale));
  svg.setAttribute('class', 'qr');
  const background = doc.createElementNS(SVG, 'rect');
  background.setAttribute('width', String(side));
  background.setAttribute('height', String(side));
  background.setAttribute('fill', '#fff');
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', modulesPath(matrix, border));
  path.setAttribute('fill', '#000');
  svg.append(background, path);
  if (title !== null) {
    const name = doc.createElementNS(SVG, 'title');
    name.textContent = title;
    svg.setAttribute('role', 'img');
    svg.prepend(name);
  }
  return svg;
}

/** One horizontal run of dark modules per `M x y h n v 1 h -n z` segment. */
export function modulesPath(matrix, border = 0) {
  const parts = [];
  matrix.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      let end = x;
      while (end + 1 < row.length && row[end + 1]) end++;
      parts.push(`M${x + border} ${y + border}h${end - x + 1}v1h${x - end - 1}z`);
      x = end;
    }
  });
  return parts.join('');
}
