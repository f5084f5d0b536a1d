// The printout's QR code: decoded by an independent reader (jsQR), it gives back the address.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import jsQR from 'jsqr';
import { modulesPath, qrMatrix } from '../src/pages/qr.js';

/** Paint a matrix as RGBA pixels (quiet zone of 4 modules, 4 px each), as a camera would see it. */
function pixels(matrix, scale = 4, border = 4) {
  const side = (matrix.length + 2 * border) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + border) * scale + dy) * side + (x + border) * scale + dx) * 4;
          data.fill(0, at, at + 3);
        }
      }
    }),
  );
  return { data, side };
}

for (const url of [
  'https://www.hogeschool-voorbeeld.nl/c/ab2cd3ef4gh5ij6kl7mn2op3qr/',
  'https://xn--voorbeld-7ya.example/sub/path/c/abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwxyz/',
]) {
  test(`the QR code decodes to the page address (${url.length} characters)`, () => {
    const matrix = qrMatrix(url);
    assert.equal((matrix.length - 17) % 4, 0, 'a QR code is 17 + 4 × version modules wide');
    const { data, side } = pixels(matrix);
    const decoded = jsQR(data, side, side);
    assert.ok(decoded, 'jsQR found no code');
    assert.equal(decoded.data, url);
  });
}

test('addresses that are not plain ASCII are refused rather than garbled', () => {
  assert.throws(() => qrMatrix('https://voorbeeld.nl/ë/'), /ASCII/);
});

test('the SVG path has one rectangle per horizontal run of dark modules', () => {
  assert.equal(modulesPath([[true, true, false, true]], 2), 'M2 2h2v1h-2zM5 2h1v1h-1z');
  assert.equal(modulesPath([[false]]), '');
});
