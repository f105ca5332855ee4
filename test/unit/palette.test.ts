import assert from 'node:assert/strict';
import { colorDistance, colorNamesOf, dominantColors, paletteMatches, parseColor, parseHex } from '../../src/core/palette.ts';

function raster(pixels: [number, number, number, number][]): { data: Buffer; width: number; height: number } {
  return { data: Buffer.from(pixels.flat()), width: pixels.length, height: 1 };
}

describe('palette', () => {
  it('orders dominant colours by share and ignores transparent pixels', () => {
    const pixels: [number, number, number, number][] = [
      ...Array.from({ length: 70 }, (): [number, number, number, number] => [250, 10, 10, 255]),
      ...Array.from({ length: 30 }, (): [number, number, number, number] => [10, 10, 250, 255]),
      ...Array.from({ length: 200 }, (): [number, number, number, number] => [0, 255, 0, 0]),
    ];
    const colors = dominantColors(raster(pixels));
    assert.equal(colors.length, 2);
    assert.ok(colorDistance(parseHex(colors[0]!)!, [250, 10, 10]) < 20);
    assert.ok(colorDistance(parseHex(colors[1]!)!, [10, 10, 250]) < 20);
  });

  it('returns nothing for a fully transparent image', () => {
    assert.deepEqual(dominantColors(raster([[1, 2, 3, 0]])), []);
  });

  it('parses hex and colour names, and rejects the rest', () => {
    assert.deepEqual(parseColor('#fff'), [255, 255, 255]);
    assert.deepEqual(parseColor('3366FF'), [0x33, 0x66, 0xff]);
    assert.ok(parseColor('Blue'));
    assert.equal(parseColor('nope'), null);
  });

  it('names the colours a palette matches exactly as the color: filter does', () => {
    const palette = ['#f5f5f5', '#e01e1e'];
    const names = colorNamesOf(palette);
    assert.ok(names.includes('white') && names.includes('red'));
    assert.ok(!names.includes('blue') && !names.includes('green'));
    for (const name of ['red', 'white', 'blue']) assert.equal(names.includes(name), paletteMatches(palette, parseColor(name)!));
  });
});
