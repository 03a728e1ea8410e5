import test from 'ava';
import { readPngInfo, withDpi } from '../../reports/png.ts';

/** Bitwise CRC-32 (ISO 3309, reflected polynomial 0xEDB88320), written out as the PNG spec gives it. */
function crc32Reference(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

// A 1×1 RGBA PNG (IHDR, IDAT, IEND), as written by libpng.
const tiny = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('IHDR is read: 1×1, 8-bit RGBA, no pHYs', (t) => {
  t.deepEqual(readPngInfo(tiny), { width: 1, height: 1, bitDepth: 8, colourType: 6 });
});

test('withDpi adds a pHYs chunk after IHDR with a correct CRC, and replaces an existing one', (t) => {
  const png = withDpi(tiny, 300);
  t.is(readPngInfo(png).dpi, 300);
  // Chunk after the 8-byte signature and the 25-byte IHDR.
  const at = 8 + 25;
  t.is(png.toString('latin1', at + 4, at + 8), 'pHYs');
  t.is(png.readUInt32BE(at + 8), 11811); // 300 / 0.0254 = 11811.02 pixels per metre
  t.is(png.readUInt32BE(at + 17), crc32Reference(png.subarray(at + 4, at + 17)));
  const again = withDpi(png, 150);
  t.is(again.length, png.length);
  t.is(readPngInfo(again).dpi, 150);
});

test('a buffer that is not a PNG is refused', (t) => {
  t.throws(() => readPngInfo(Buffer.from('GIF89a')), { message: /signature/ });
});
