import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { colorIcon, ICON_FILES, outlineIcon } from '../../manifest/icons';

const read = (file: string) => readFileSync(join(__dirname, '..', '..', 'manifest', file));

/** The fields of a PNG's IHDR chunk, read from the raw bytes. */
function pngHeader(png: Buffer) {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.toString('latin1', 12, 16), 'IHDR', 'IHDR is the first chunk');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24], colorType: png[25] };
}

const COLOR_TYPE_RGBA = 6;

describe('app icons', () => {
  it('color.png is a 192×192 opaque PNG', () => {
    const file = read(ICON_FILES.color);
    assert.deepEqual(pngHeader(file), { width: 192, height: 192, bitDepth: 8, colorType: COLOR_TYPE_RGBA });
    const { data } = PNG.sync.read(file);
    for (let i = 3; i < data.length; i += 4) assert.equal(data[i], 255, 'no transparent pixel');
  });

  it('outline.png is a 32×32 PNG with alpha, only white on transparent', () => {
    const file = read(ICON_FILES.outline);
    assert.deepEqual(pngHeader(file), { width: 32, height: 32, bitDepth: 8, colorType: COLOR_TYPE_RGBA });
    const { data } = PNG.sync.read(file);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < data.length; i += 4) {
      const alpha = data[i + 3];
      if (alpha > 0) assert.deepEqual([...data.subarray(i, i + 3)], [255, 255, 255], `pixel ${i / 4} is white`);
      if (alpha === 255) opaque++;
      if (alpha === 0) transparent++;
    }
    assert.ok(opaque > 50, 'the symbol is visible');
    assert.ok(transparent > 32 * 32 * 0.5, 'the background is transparent');
  });

  it('the committed icons are what manifest/icons.ts draws', () => {
    const pixels = (png: Buffer) => PNG.sync.read(png).data;
    assert.deepEqual(pixels(read(ICON_FILES.color)), pixels(colorIcon()));
    assert.deepEqual(pixels(read(ICON_FILES.outline)), pixels(outlineIcon()));
  });
});
