/**
 * The app's two Teams icons, drawn by code so they can be regenerated and checked:
 *   color.png   192×192, the accent colour filling the square, a white minutes page with a
 *               green "approved" badge;
 *   outline.png  32×32, the same page as a white outline on transparent (Teams tints it).
 * `npx tsx manifest/icons.ts` rewrites both files next to this one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import template from './manifest.json';

/** The manifest's accentColor is the background of the colour icon. */
const ACCENT = template.accentColor;

type Rgba = readonly [number, number, number, number];
/** Whether a point (in pixels of the target image, y down) is inside the shape. */
type Shape = (x: number, y: number) => boolean;
interface Layer {
  shape: Shape;
  color: Rgba;
}

const hex = (h: string, alpha = 255): Rgba => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), alpha];
const WHITE: Rgba = [255, 255, 255, 255];

const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x < x1 && y >= y0 && y < y1;

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** Even-odd point-in-polygon test. */
const polygon =
  (points: readonly (readonly [number, number])[]): Shape =>
  (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };

/** A stroke of the given width along a polyline, with round joins. */
const polyline =
  (points: readonly (readonly [number, number])[], width: number): Shape =>
  (x, y) =>
    points.slice(1).some(([bx, by], i) => {
      const [ax, ay] = points[i];
      const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
      return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= (width / 2) ** 2;
    });

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

/** A page with its top-right corner folded over, inset by `inset` on every side. */
function page(left: number, top: number, right: number, bottom: number, fold: number, inset = 0): Shape {
  const l = left + inset;
  const t = top + inset;
  const r = right - inset;
  const b = bottom - inset;
  // Moving the diagonal edge in by `inset` shortens the fold by inset·(√2 − 1).
  const f = fold - inset * (Math.SQRT2 - 1);
  return polygon([
    [l, t],
    [r - f, t],
    [r, t + f],
    [r, b],
    [l, b],
  ]);
}

/**
 * Paints the layers in order onto a size×size canvas, 4×4 samples per pixel for smooth
 * edges. Colours are blended in straight alpha; uncovered pixels are transparent white
 * so that scaled-down icons get no dark fringes.
 */
export function draw(size: number, layers: readonly Layer[]): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = px + (sx + 0.5) / n;
          const y = py + (sy + 0.5) / n;
          let c: Rgba = [255, 255, 255, 0];
          for (const layer of layers) if (layer.shape(x, y)) c = layer.color;
          // Premultiply while averaging so that colour follows coverage.
          sum[0] += c[0] * c[3];
          sum[1] += c[1] * c[3];
          sum[2] += c[2] * c[3];
          sum[3] += c[3];
        }
      }
      const i = (py * size + px) * 4;
      const alpha = sum[3] / (n * n);
      png.data[i] = alpha ? Math.round(sum[0] / sum[3]) : 255;
      png.data[i + 1] = alpha ? Math.round(sum[1] / sum[3]) : 255;
      png.data[i + 2] = alpha ? Math.round(sum[2] / sum[3]) : 255;
      png.data[i + 3] = Math.round(alpha);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

export function colorIcon(): Buffer {
  const size = 192;
  const line = (y: number, right = 118) => rect(62, y, right, y + 8);
  return draw(size, [
    { shape: rect(0, 0, size, size), color: hex(ACCENT) },
    { shape: page(52, 32, 140, 152, 26), color: WHITE },
    { shape: polygon([[114, 32], [114, 58], [140, 58]]), color: hex('#B9D3E6') },
    { shape: union(line(72, 104), line(90), line(108), line(126, 100)), color: hex('#7FA7C4') },
    { shape: circle(134, 140, 30), color: WHITE },
    { shape: circle(134, 140, 25), color: hex('#2E8B57') },
    { shape: polyline([[121, 141], [130, 150], [147, 131]], 7), color: WHITE },
  ]);
}

export function outlineIcon(): Buffer {
  const outer = page(6, 3, 26, 29, 6);
  const stroke = minus(outer, page(6, 3, 26, 29, 6, 2));
  const lines = union(rect(10, 11, 20, 13), rect(10, 16, 22, 18), rect(10, 21, 18, 23));
  const dogEar = polygon([[20, 3], [20, 9], [26, 9]]);
  return draw(32, [{ shape: union(stroke, lines, dogEar), color: WHITE }]);
}

export const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;

if (require.main === module) {
  writeFileSync(join(__dirname, ICON_FILES.color), colorIcon());
  writeFileSync(join(__dirname, ICON_FILES.outline), outlineIcon());
}
