import assert from 'node:assert/strict';
import sharp from 'sharp';
import { decodeImage } from '../../src/core/decode.ts';
import { prepareImageBytes } from '../../src/core/bigbrain/prepare-image.ts';
import { cssLength, svgGeometry } from '../../src/core/svg-size.ts';

const svg = (attributes: string, body = '') => `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" ${attributes}>${body}</svg>`;

/** Width and height as decoded (and so as indexed, listed and shown in the detail pane). */
async function decodedSize(text: string): Promise<[number, number]> {
  const image = await decodeImage('drawing.svg', Buffer.from(text));
  return [image.width, image.height];
}

describe('SVG true size: CSS units at 96 px per inch, as a browser shows it', () => {
  // [attributes, expected CSS px] — each unit with and without a viewBox (which must not change the size).
  const units: [string, number, number][] = [
    ['width="100mm" height="50mm"', 377.953, 188.976],
    ['width="10cm" height="5cm"', 377.953, 188.976],
    ['width="2in" height="1in"', 192, 96],
    ['width="72pt" height="36pt"', 96, 48],
    ['width="6pc" height="3pc"', 96, 48],
    ['width="120px" height="80px"', 120, 80],
    ['width="120" height="80"', 120, 80],
    ['width="1.5E2" height="40"', 150, 40],
  ];
  for (const [attributes, width, height] of units) {
    for (const viewBox of ['', ` viewBox="0 0 ${Math.round(width / 3)} ${Math.round(height / 3)}"`]) {
      it(`${attributes}${viewBox ? ' with' : ' without'} a viewBox → ${width.toFixed(1)}×${height.toFixed(1)} px`, async () => {
        const geometry = svgGeometry(svg(attributes + viewBox))!;
        assert.ok(Math.abs(geometry.width - width) < 0.01, `width ${geometry.width}`);
        assert.ok(Math.abs(geometry.height - height) < 0.01, `height ${geometry.height}`);
        assert.deepEqual(await decodedSize(svg(attributes + viewBox)), [Math.round(width), Math.round(height)]);
      });
    }
  }

  it('the issue\'s drawing: 181.77×88.9 mm shows as 687×336, not 515×252', async () => {
    assert.deepEqual(await decodedSize(svg('width="181.77mm" height="88.9mm"')), [687, 336]);
  });

  it('percentages resolve against the viewBox; without one, the browser default 300×150', async () => {
    assert.deepEqual(await decodedSize(svg('width="100%" height="50%" viewBox="0 0 40 20"')), [40, 10]);
    assert.deepEqual(await decodedSize(svg('width="100%" height="100%"')), [300, 150]);
    assert.deepEqual(await decodedSize(svg('width="50%" height="20mm"')), [300, 76]);
  });

  it('a missing side follows the viewBox ratio; no size at all is the viewBox, or 300×150 without one', async () => {
    assert.deepEqual(await decodedSize(svg('width="10cm" viewBox="0 0 200 100"')), [378, 189]);
    assert.deepEqual(await decodedSize(svg('height="2in" viewBox="0 0 50 100"')), [96, 192]);
    assert.deepEqual(await decodedSize(svg('viewBox="0 0 640 480"')), [640, 480]);
    assert.deepEqual(await decodedSize(svg('', '<rect x="10" y="10" width="900" height="40"/>')), [300, 150]);
  });

  it('reads lengths strictly: unknown units, zero and negatives are ignored', () => {
    assert.equal(cssLength('12furlongs', null), null);
    assert.equal(cssLength('0', null), null);
    assert.equal(cssLength('-5mm', null), null);
    assert.equal(cssLength(' 3 mm ', null), (3 * 96) / 25.4);
    assert.equal(cssLength('25%', null), null);
    assert.equal(cssLength('25%', 200), 50);
  });

  /** Share of the raster's width/height covered by red pixels at the right and bottom edges. */
  async function redReach(text: string, render: (b: Buffer) => Promise<{ data: Buffer; width: number; height: number }>) {
    const { data, width, height } = await render(Buffer.from(text));
    let right = 0;
    let bottom = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (data[i]! > 200 && data[i + 1]! < 60 && data[i + 3]! > 200) {
          right = Math.max(right, (x + 1) / width);
          bottom = Math.max(bottom, (y + 1) / height);
        }
      }
    }
    return { right, bottom, width, height };
  }

  // Drawn in user units up to the far corner of the browser's canvas (100 mm = 377.95 px, 50 mm = 188.98 px).
  const corner = svg('width="100mm" height="50mm"', '<rect width="377.95" height="188.98" fill="#ffffff"/><rect x="340" y="150" width="37.95" height="38.98" fill="#ff0000"/>');

  it('renders the whole picture, to scale: content in user units up to the far corner is not cropped', async () => {
    const reach = await redReach(corner, async (bytes) => (await decodeImage('drawing.svg', bytes)).raster);
    assert.equal(reach.width, 256);
    assert.equal(reach.height, 128);
    assert.ok(reach.right > 0.98 && reach.bottom > 0.97, `red reaches ${reach.right}, ${reach.bottom}`);
  });

  it('sends the cloud the whole picture at 768 px, tiny icons included', async () => {
    const reach = await redReach(corner, async (bytes) => {
      const prepared = await prepareImageBytes('drawing.svg', bytes);
      const { data, info } = await sharp(prepared.data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    });
    assert.equal(reach.width, 768);
    assert.ok(reach.right > 0.97 && reach.bottom > 0.97, `red reaches ${reach.right}, ${reach.bottom}`);
    const icon = await prepareImageBytes('icon.svg', Buffer.from(svg('width="16" height="16"', '<rect width="16" height="16" fill="#ff0000"/>')));
    assert.equal((await sharp(icon.data).metadata()).width, 768);
  });
});
