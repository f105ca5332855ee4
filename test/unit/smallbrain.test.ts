// SmallBrain against the real shipped model in models/glove-sif.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '../../src/core/types.ts';
import { loadEmbedder } from '../../src/core/smallbrain/load-embedder.ts';
import { defaultModelDir, findPackageRoot } from '../../src/core/smallbrain/model-location.ts';

const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
const norm = (a: Float32Array): number => Math.sqrt(cosine(a, a));

describe('smallbrain word-sif (real model)', () => {
  const modelDir = defaultModelDir();
  let embedder: Embedder;

  before(async () => {
    embedder = await loadEmbedder();
  });
  after(async () => {
    await embedder.dispose();
  });

  async function similarity(a: string, b: string): Promise<number> {
    const [va, vb] = await embedder.embed([a, b]);
    return cosine(va!, vb!);
  }

  it('finds the shipped model from the source tree', () => {
    assert.equal(modelDir, join(findPackageRoot(), 'models', 'glove-sif'));
    assert.equal(embedder.name, 'glove-sif-100d+tok2', 'the model and the tokenizer revision: either changing re-embeds indexes');
    assert.equal(embedder.dimensions, 100);
  });

  it('honours ASSET_LENS_MODEL_DIR', () => {
    process.env.ASSET_LENS_MODEL_DIR = '/somewhere/else';
    try {
      assert.equal(defaultModelDir(), '/somewhere/else');
    } finally {
      delete process.env.ASSET_LENS_MODEL_DIR;
    }
  });

  it('puts related texts closer than unrelated ones', async () => {
    const cases: [string, string, string][] = [
      ['cat', 'kitten', 'truck'],
      ['dog', 'puppy', 'computer'],
      ['car', 'vehicle', 'banana'],
      ['christmas tree', 'santa claus with presents', 'surfing on the beach'],
      ['birthday cake', 'party balloons and candles', 'tractor in a field'],
      ['doctor', 'nurse with a stethoscope in a hospital', 'guitar on a stage'],
    ];
    for (const [query, related, unrelated] of cases) {
      const near = await similarity(query, related);
      const far = await similarity(query, unrelated);
      assert.ok(near > far + 0.1, `${query}: ${related} ${near.toFixed(3)} vs ${unrelated} ${far.toFixed(3)}`);
    }
  });

  it('ranks clip-art descriptions of the query category first', async () => {
    const documents = [
      { category: 'animals', text: 'tabby cat sitting, whiskers, pet clipart' },
      { category: 'animals', text: 'giraffe with a long neck on the savanna' },
      { category: 'animals', text: 'brown bear cub in the forest' },
      { category: 'vehicles', text: 'red sports car illustration' },
      { category: 'vehicles', text: 'yellow school bus' },
      { category: 'vehicles', text: 'delivery truck lorry' },
      { category: 'food', text: 'slice of pepperoni pizza' },
      { category: 'food', text: 'hamburger with cheese and lettuce' },
      { category: 'food', text: 'bowl of spaghetti with tomato sauce' },
    ];
    const vectors = await embedder.embed(documents.map((d) => d.text));
    let relevant = 0;
    for (const query of ['animals', 'vehicles', 'food']) {
      const [q] = await embedder.embed([query]);
      const top3 = documents
        .map((d, i) => ({ category: d.category, score: cosine(q!, vectors[i]!) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 3);
      assert.equal(top3[0]!.category, query, `${query}: ${JSON.stringify(top3)}`);
      relevant += top3.filter((hit) => hit.category === query).length;
    }
    // A bag of static word vectors is not perfect ("food" sits near "delivery"); 8 of 9 is its level here.
    assert.ok(relevant >= 8, `precision@3 ${relevant}/9`);
  });

  it('returns unit vectors, and the same vectors batched as one by one', async () => {
    const texts = ['a cat', 'redSportsCar_02.png', 'the quick brown fox jumps over the lazy dog', 'snow', 'music notes treble clef'];
    const batched = await embedder.embed(texts);
    assert.equal(batched.length, texts.length);
    for (const [i, text] of texts.entries()) {
      const [single] = await embedder.embed([text]);
      assert.equal(batched[i]!.length, 100);
      assert.ok(Math.abs(norm(batched[i]!) - 1) < 1e-5, `${text} has norm ${norm(batched[i]!)}`);
      batched[i]!.forEach((value, d) => assert.ok(Math.abs(value - single![d]!) < 1e-6, `${text}[${d}]`));
    }
  });

  it('splits camelCase, digits and separators into words', async () => {
    const [joined, spaced] = await embedder.embed(['redSportsCar_02.png', 'red sports car png']);
    assert.ok(cosine(joined!, spaced!) > 0.9999);
  });

  it('gives the zero vector to texts with no known word, and ignores unknown words otherwise', async () => {
    const [empty, gibberish, mixed, plain] = await embedder.embed(['', 'zqxjv qqwzk 12345', 'zqxjv kitten', 'kitten']);
    assert.ok(empty!.every((v) => v === 0));
    assert.ok(gibberish!.every((v) => v === 0));
    assert.ok(cosine(mixed!, plain!) > 0.9999);
  });

  it('maps an out-of-vocabulary plural to its singular', async () => {
    const vocab = new Set(readFileSync(join(modelDir, 'vocab.txt'), 'utf8').split('\n'));
    assert.ok(!vocab.has('stethoscopes') && vocab.has('stethoscope'), 'precondition: only the singular is in the vocabulary');
    const [plural, singular] = await embedder.embed(['stethoscopes', 'stethoscope']);
    assert.ok(cosine(plural!, singular!) > 0.9999);
  });

  it('handles a large batch of mixed lengths', async () => {
    const texts = Array.from({ length: 300 }, (_, i) => 'cat dog car tree '.repeat(1 + (i % 40)) + (i % 7 === 0 ? 'x'.repeat(i) : ''));
    texts.push('word '.repeat(70_000));
    const vectors = await embedder.embed(texts);
    assert.equal(vectors.length, texts.length);
    const [reference] = await embedder.embed(['cat dog car tree']);
    assert.ok(cosine(vectors[0]!, reference!) > 0.9999);
    assert.ok(cosine(vectors[299]!, reference!) > 0.9999);
  });

  it('lists neighbours for query expansion', () => {
    const car = embedder.neighbours!('car', 5);
    assert.equal(car.length, 5);
    assert.ok(car.some((w) => ['vehicle', 'vehicles', 'truck', 'automobile', 'cars'].includes(w)), car.join(', '));
    assert.deepEqual(embedder.neighbours!('Car', 2), car.slice(0, 2));
    assert.ok(embedder.neighbours!('kitten', 5).some((w) => ['cat', 'puppy', 'kittens', 'dog', 'cats', 'puppies'].includes(w)));
    assert.deepEqual(embedder.neighbours!('zqxjv', 5), []);
    assert.deepEqual(embedder.neighbours!('', 5), []);
  });

  it('ships a model folder within the size budget, described by its manifest', () => {
    const manifest = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8'));
    assert.equal(manifest.kind, 'word-sif');
    for (const file of Object.values(manifest.files) as string[]) assert.ok(statSync(join(modelDir, file)).size > 0, file);
    const modelsRoot = join(findPackageRoot(), 'models');
    const bytes = readdirSync(modelsRoot, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
    assert.ok(bytes <= 25_000_000, `models/ is ${bytes} bytes`);
  });

  it('names the file when a model folder is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asset-lens-bad-model-'));
    await assert.rejects(loadEmbedder(dir), (e: Error) => e.message === `${join(dir, 'model.json')}: not found`);
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ kind: 'magic', name: 'x', dimensions: 3, files: { model: 'm.onnx' } }));
    await assert.rejects(loadEmbedder(dir), /model\.json: unknown model kind "magic"/);
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ kind: 'word-sif', name: 'x', dimensions: 3, files: { model: 'm.onnx', vocab: 'v.txt' } }));
    writeFileSync(join(dir, 'v.txt'), 'cat\n');
    await assert.rejects(loadEmbedder(dir), (e: Error) => e.message.startsWith(join(dir, 'm.onnx')) && e.message.includes('not found'));
    writeFileSync(join(dir, 'm.onnx'), 'not a model');
    await assert.rejects(loadEmbedder(dir), (e: Error) => e.message.startsWith(`${join(dir, 'm.onnx')}: cannot load ONNX model`));
  });
});
