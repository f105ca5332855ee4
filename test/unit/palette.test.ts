import assert from 'node:assert/strict';
import { colorDistance, colorNamesOf, dominantColors, NAMED_COLORS, paletteMatches, parseColor, parseHex, storedPaletteMatches } from '../../src/core/palette.ts';

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

  it('matches a stored palette (its JSON text) as it matches the parsed one, skipping what is not #rrggbb', () => {
    const palettes = [['#f5f5f5', '#e01e1e'], ['#1E50DC'], ['#28aa3c', '#000000', '#ffffff'], [], ['#123'], ['#12345g', '#e01e1e0'], ['e01e1e'], ['#0080807f']];
    for (const palette of palettes) {
      const stored = JSON.stringify(palette);
      for (const [name, rgb] of Object.entries(NAMED_COLORS)) {
        const expected = paletteMatches(palette.filter((hex) => /^#[0-9a-f]{6}$/i.test(hex)), rgb);
        assert.equal(storedPaletteMatches(stored, rgb), expected, `${stored} ${name}`);
      }
    }
    assert.equal(storedPaletteMatches('#e01e1e', NAMED_COLORS.red!), true);
    assert.equal(storedPaletteMatches('not json # at all #', NAMED_COLORS.red!), false);
  });
});
