// The sentence-transformer path end to end on a tiny BERT-shaped model generated at test time.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from '../../src/core/types.ts';
import { loadEmbedder } from '../../src/core/smallbrain/load-embedder.ts';
import { type TinyModel, writeTinySentenceModel } from '../support/tiny-model.ts';

const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

/** What the model should return for these tokens: normalised mean of their hidden states. */
function expected(model: TinyModel, tokens: string[]): Float32Array {
  const mean = new Float32Array(model.dimensions);
  for (const token of tokens) {
    const row = model.wordRows[model.vocab.get(token)!]!;
    for (let d = 0; d < model.dimensions; d++) mean[d]! += row[d]! + model.typeRow[d]!;
  }
  const norm = Math.hypot(...mean);
  return mean.map((v) => v / norm);
}

function assertClose(actual: Float32Array, wanted: Float32Array, label: string): void {
  assert.equal(actual.length, wanted.length, label);
  actual.forEach((v, d) => assert.ok(Math.abs(v - wanted[d]!) < 1e-5, `${label}[${d}]: ${v} vs ${wanted[d]}`));
}

describe('smallbrain sentence-transformer (tiny generated model)', () => {
  let model: TinyModel;
  let embedder: Embedder;

  before(async () => {
    model = writeTinySentenceModel({ dimensions: 8 });
    embedder = await loadEmbedder(model.dir);
  });
  after(async () => {
    await embedder.dispose();
    rmSync(model.dir, { recursive: true, force: true });
  });

  it('reads its name and dimensions from model.json', () => {
    assert.equal(embedder.name, 'tiny-bert');
    assert.equal(embedder.dimensions, 8);
    assert.equal(embedder.neighbours, undefined);
  });

  it('tokenises with WordPiece and mean-pools the hidden states over [CLS] ... [SEP]', async () => {
    const [cat, cats, unknown] = await embedder.embed(['Cat', 'cats', 'zebra']);
    assertClose(cat!, expected(model, ['[CLS]', 'cat', '[SEP]']), 'Cat');
    assertClose(cats!, expected(model, ['[CLS]', 'cat', '##s', '[SEP]']), 'cats');
    assertClose(unknown!, expected(model, ['[CLS]', '[UNK]', '[SEP]']), 'zebra');
  });

  it('ignores padding: a batch of different lengths equals single calls', async () => {
    const texts = ['the cat', 'a truck and a bus and the engine', 'apple pie', ''];
    const batched = await embedder.embed(texts);
    for (const [i, text] of texts.entries()) {
      const [single] = await embedder.embed([text]);
      assertClose(batched[i]!, single!, text);
      assert.ok(Math.abs(Math.hypot(...batched[i]!) - 1) < 1e-5);
    }
  });

  it('puts related texts closer than unrelated ones', async () => {
    const [cat, kitten, truck] = await embedder.embed(['cat', 'kitten puppy', 'truck']);
    assert.ok(cosine(cat!, kitten!) > cosine(cat!, truck!) + 0.1);
  });

  it('truncates to maxLength, keeping the closing [SEP]', async () => {
    const short = writeTinySentenceModel({ dimensions: 8, maxLength: 4 });
    const truncating = await loadEmbedder(short.dir);
    try {
      const [long] = await truncating.embed(['cat dog puppy kitten']);
      assertClose(long!, expected(short, ['[CLS]', 'cat', 'dog', '[SEP]']), 'truncated');
    } finally {
      await truncating.dispose();
      rmSync(short.dir, { recursive: true, force: true });
    }
  });

  it('names the file when the model does not match its manifest', async () => {
    const broken = writeTinySentenceModel({ dimensions: 8 });
    try {
      writeFileSync(join(broken.dir, 'model.json'), JSON.stringify({ kind: 'sentence-transformer', name: 'x', dimensions: 16, files: { model: 'model.onnx', tokenizer: 'tokenizer.json' } }));
      const wrong = await loadEmbedder(broken.dir);
      await assert.rejects(wrong.embed(['cat']), (e: Error) => e.message === `${join(broken.dir, 'model.onnx')}: output "last_hidden_state" has 8 dimensions, model.json says 16`);
      await wrong.dispose();
      writeFileSync(join(broken.dir, 'tokenizer.json'), '{ nope');
      await assert.rejects(loadEmbedder(broken.dir), (e: Error) => e.message.startsWith(`${join(broken.dir, 'tokenizer.json')}: `));
    } finally {
      rmSync(broken.dir, { recursive: true, force: true });
    }
  });
});
