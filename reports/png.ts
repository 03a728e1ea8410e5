/**
 * Minimal PNG chunk handling (PNG spec, ISO/IEC 15948 §5): read the IHDR header and add a pHYs
 * chunk so that viewers and typesetters see the intended print resolution.
 */
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Image header of a PNG (IHDR) and its resolution from pHYs, when present. */
export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** Dots per inch from pHYs (unit = metre), or undefined without one. */
  dpi?: number;
}

/** Split a PNG buffer into its chunks; throws if the signature or a chunk length is wrong. */
function chunks(png: Buffer): { type: string; start: number; data: Buffer }[] {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  const out: { type: string; start: number; data: Buffer }[] = [];
  let pos = 8;
  while (pos + 12 <= png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + length > png.length) throw new Error(`not a PNG: chunk ${type} runs past the end`);
    out.push({ type, start: pos, data: png.subarray(pos + 8, pos + 8 + length) });
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  if (out[0]?.type !== 'IHDR') throw new Error('not a PNG: first chunk is not IHDR');
  return out;
}

/** Read IHDR (width, height, bit depth, colour type) and pHYs of a PNG. */
export function readPngInfo(png: Buffer): PngInfo {
  const list = chunks(png);
  const ihdr = list[0].data;
  const info: PngInfo = {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8],
    colourType: ihdr[9],
  };
  const phys = list.find((c) => c.type === 'pHYs');
  if (phys && phys.data[8] === 1) info.dpi = Math.round(phys.data.readUInt32BE(0) * 0.0254);
  return info;
}

/**
 * Return a copy of `png` whose pHYs chunk says `dpi` (pixels per metre = dpi / 0.0254, rounded),
 * placed right after IHDR; an existing pHYs chunk is replaced.
 */
export function withDpi(png: Buffer, dpi: number): Buffer {
  const list = chunks(png);
  const perMetre = Math.round(dpi / 0.0254);
  const body = Buffer.alloc(4 + 9);
  body.write('pHYs', 0, 'latin1');
  body.writeUInt32BE(perMetre, 4);
  body.writeUInt32BE(perMetre, 8);
  body[12] = 1;
  const chunk = Buffer.alloc(12 + 9);
  chunk.writeUInt32BE(9, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body) >>> 0, 17);
  const parts: Buffer[] = [SIGNATURE];
  for (const c of list) {
    if (c.type === 'pHYs') continue;
    parts.push(png.subarray(c.start, c.start + 12 + c.data.length));
    if (c.type === 'IHDR') parts.push(chunk);
  }
  return Buffer.concat(parts);
}
