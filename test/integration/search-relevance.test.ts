import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AssetLens } from '../../src/core/engine.ts';
import { svgDocument, tempDir, writeText } from '../support/images.ts';

interface Clip {
  file: string;
  title: string;
  subjects: string[];
  fill: string;
}

const RED = '#dd2020';
const BLACK = '#111111';
const BLUE = '#2050dd';
const BROWN = '#8a5a2b';
const YELLOW = '#f0d020';

/** Clip art under opaque names (as in a real download folder), each with its own title and keywords. */
const CLIPS: Clip[] = [
  { file: 'redcar_4f2a91.svg', title: 'RedCar', subjects: [], fill: RED },
  { file: 'c01.svg', title: 'Car', subjects: ['car', 'vehicle'], fill: BLACK },
  { file: 'c02.svg', title: 'Sports car', subjects: ['car', 'vehicle', 'fast'], fill: BLUE },
  { file: 'c03.svg', title: 'Sports car', subjects: ['car', 'vehicle', 'racing'], fill: RED },
  { file: 'c04.svg', title: 'Family car', subjects: ['car', 'vehicle'], fill: BLACK },
  { file: 'r01.svg', title: 'Red arrow', subjects: ['arrow', 'red', 'direction'], fill: RED },
  { file: 'r02.svg', title: 'Red map pin', subjects: ['pin', 'red', 'map', 'marker'], fill: RED },
  { file: 'r03.svg', title: 'Red flag', subjects: ['flag', 'red', 'signal'], fill: RED },
  { file: 't01.svg', title: 'Plush toy', subjects: ['teddy', 'bear', 'toy', 'plush', 'gift', 'child', 'birthday', 'cute', 'soft'], fill: BROWN },
  { file: 'b01.svg', title: 'Brown bear', subjects: ['bear', 'animal', 'wildlife', 'brown bear'], fill: BROWN },
  { file: 'b02.svg', title: 'Polar bear', subjects: ['bear', 'animal', 'arctic'], fill: '#f4f4f4' },
  { file: 'b03.svg', title: 'Grizzly bear', subjects: ['bear', 'animal', 'wildlife'], fill: BROWN },
  { file: 'b04.svg', title: 'Bear cub', subjects: ['bear', 'animal', 'baby'], fill: BLACK },
  { file: 'l01.svg', title: 'Lion', subjects: ['lion', 'animal', 'africa'], fill: YELLOW },
  { file: 'l02.svg', title: 'Roaring lion', subjects: ['lion', 'animal', 'mane'], fill: YELLOW },
  { file: 'l03.svg', title: 'Lion cub', subjects: ['lion', 'animal', 'cub'], fill: YELLOW },
  { file: 'g02.svg', title: 'Bengal tiger', subjects: ['tiger', 'animal', 'cat'], fill: '#f08020' },
  { file: 'g03.svg', title: 'Tiger face', subjects: ['tiger', 'animal', 'face'], fill: '#f08020' },
  { file: 'k01.svg', title: 'Leopard', subjects: ['leopard', 'big cat', 'animal'], fill: YELLOW },
  { file: 'k02.svg', title: 'Cheetah', subjects: ['cheetah', 'big cat', 'animal'], fill: YELLOW },
  { file: 'g01.svg', title: 'Tiger', subjects: ['tiger', 'animal', 'stripes'], fill: '#f08020' },
  { file: 'z01.svg', title: 'Zebra', subjects: ['zebra', 'animal', 'stripes'], fill: '#eeeeee' },
  { file: 'e01.svg', title: 'Elephant', subjects: ['elephant', 'animal', 'africa'], fill: '#888888' },
  { file: 'w01.svg', title: 'Sun', subjects: ['sun', 'weather', 'sunny'], fill: YELLOW },
  { file: 'w02.svg', title: 'Rain cloud', subjects: ['rain', 'cloud', 'weather'], fill: '#667788' },
  { file: 'w03.svg', title: 'Snowflake', subjects: ['snow', 'winter', 'weather'], fill: '#ddeeff' },
  { file: 'i01.svg', title: 'Folder icon', subjects: ['icon', 'folder', 'file'], fill: BLUE },
  { file: 'i02.svg', title: 'Save icon', subjects: ['icon', 'disk', 'save'], fill: BLUE },
  { file: 'i03.svg', title: 'Print icon', subjects: ['icon', 'printer'], fill: BLACK },
  { file: 'i04.svg', title: 'Trash icon', subjects: ['icon', 'delete', 'bin'], fill: BLACK },
];

describe('search relevance: what people type', function () {
  this.timeout(60_000);
  let dir: ReturnType<typeof tempDir>;
  let lens: AssetLens;
  const titleOf = new Map(CLIPS.map((clip) => [clip.file, clip.title]));
  const titles = async (query: string, limit = 10) => (await lens.search(query, { limit })).map((hit) => titleOf.get(hit.path)!);

  before(async () => {
    dir = tempDir();
    for (const clip of CLIPS) writeText(join(dir.path, clip.file), svgDocument({ title: clip.title, subjects: clip.subjects, fill: clip.fill }));
    lens = await AssetLens.open({ root: dir.path });
    await lens.index();
  });
  after(() => {
    lens.close();
    dir.remove();
  });

  it('puts the file named for every query word first: "red car" and "redcar" find RedCar', async () => {
    assert.equal((await titles('red car'))[0], 'RedCar');
    assert.equal((await titles('redcar'))[0], 'RedCar');
  });

  it('ranks a hit matching every word above hits matching one: the teddy before the bears', async () => {
    const hits = await titles('teddy bear');
    assert.equal(hits[0], 'Plush toy');
    assert.ok(hits.slice(1, 5).every((title) => title.endsWith('bear') || title === 'Bear cub'), hits.join(', '));
  });

  it('reads a colour word as colour: red cars above cars of other colours', async () => {
    const cars = (await titles('red car', 20)).filter((title) => /car$/i.test(title));
    assert.deepEqual(cars.slice(0, 2).sort(), ['RedCar', 'Sports car'].sort());
    const sportsCars = (await lens.search('red car', { limit: 20 })).filter((hit) => titleOf.get(hit.path) === 'Sports car').map((hit) => hit.path);
    assert.deepEqual(sportsCars, ['c03.svg', 'c02.svg'], 'the red sports car comes before the blue one');
  });

  it('searches "a, b or c" as each of a, b and c', async () => {
    for (const mode of ['hybrid', 'semantic'] as const) {
      const hits = (await lens.search('lion, tiger or elephant', { limit: 4, mode })).map((hit) => titleOf.get(hit.path)!);
      for (const wanted of [/lion/i, /tiger/i, /elephant/i]) assert.ok(hits.some((title) => wanted.test(title)), `${mode}: ${wanted} missing from ${hits.join(', ')}`);
    }
  });

  it('does not let a generic word take over: "weather icons" finds weather, not every icon', async () => {
    for (const query of ['weather icons', 'weather clipart graphics']) {
      for (const mode of ['hybrid', 'semantic'] as const) {
        const hits = (await lens.search(query, { limit: 3, mode })).map((hit) => titleOf.get(hit.path)!);
        assert.deepEqual([...hits].sort(), ['Rain cloud', 'Snowflake', 'Sun'], `${query}, ${mode}`);
      }
    }
    assert.ok((await titles('icon', 4)).every((title) => title.endsWith('icon')), 'a query that is only a generic word still means it');
  });
});
