// kind "word-sif": SIF-weighted bag of word vectors, summed and L2-normalised inside the ONNX graph.
// A text with no known word gets the zero vector (the graph divides by max(norm, epsilon)); callers treat it as "no embedding".
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { Embedder } from '../types.ts';
import type { WordSifManifest } from './model-manifest.ts';
import { TOKENIZER_REVISION, WordTokenizer } from './word-tokenizer.ts';
import { nameWords } from '../words.ts';

/** Upper bound on batch x longest text per ORT run, so huge inputs are split instead of padded into gigabytes. */
const TOKENS_PER_RUN = 65_536;

async function readModelFile(modelDir: string, file: string): Promise<Buffer> {
  const path = join(modelDir, file);
  try {
    return await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
    throw new Error(`${path}: ${reason}`);
  }
}

/** Row i holds the neighbour ids of token id i + 1. */
async function readNeighbours(modelDir: string, file: string, perWord: number, words: number): Promise<Uint32Array> {
  const bytes = await readModelFile(modelDir, file);
  if (bytes.byteLength !== words * perWord * 4) {
    throw new Error(`${join(modelDir, file)}: expected ${words} x ${perWord} uint32 neighbour ids, got ${bytes.byteLength} bytes`);
  }
  const copy = new Uint8Array(bytes);
  return new Uint32Array(copy.buffer, 0, words * perWord);
}

/** Splits texts into runs whose padded size stays under TOKENS_PER_RUN (a single long text is its own run). */
function planRuns(lengths: readonly number[]): number[][] {
  const runs: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  lengths.forEach((length, index) => {
    const padded = Math.max(longest, length, 1);
    if (current.length > 0 && (current.length + 1) * padded > TOKENS_PER_RUN) {
      runs.push(current);
      current = [];
      longest = 0;
    }
    current.push(index);
    longest = Math.max(longest, length, 1);
  });
  if (current.length > 0) runs.push(current);
  return runs;
}

export class WordSifEmbedder implements Embedder {
  readonly name: string;
  readonly dimensions: number;
  readonly #session: InferenceSession;
  readonly #tokenizer: WordTokenizer;
  readonly #words: readonly string[];
  readonly #neighbours: Uint32Array;
  readonly #neighboursPerWord: number;
  readonly #input: string;
  readonly #output: string;

  private constructor(
    manifest: WordSifManifest,
    session: InferenceSession,
    words: readonly string[],
    neighbours: Uint32Array,
  ) {
    this.name = `${manifest.name}+${TOKENIZER_REVISION}`;
    this.dimensions = manifest.dimensions;
    this.#session = session;
    this.#words = words;
    this.#tokenizer = new WordTokenizer(words);
    this.#neighbours = neighbours;
    this.#neighboursPerWord = manifest.neighboursPerWord ?? 5;
    this.#input = manifest.input ?? 'input_ids';
    this.#output = manifest.output ?? 'embedding';
  }

  static async load(modelDir: string, manifest: WordSifManifest): Promise<WordSifEmbedder> {
    const [model, vocab] = await Promise.all([
      readModelFile(modelDir, manifest.files.model),
      readModelFile(modelDir, manifest.files.vocab),
    ]);
    const words = vocab.toString('utf8').split('\n');
    if (words.at(-1) === '') words.pop();
    const neighbours = manifest.files.neighbours
      ? await readNeighbours(modelDir, manifest.files.neighbours, manifest.neighboursPerWord ?? 5, words.length)
      : new Uint32Array(0);
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(model, { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
    } catch (error) {
      throw new Error(`${join(modelDir, manifest.files.model)}: cannot load ONNX model (${(error as Error).message.split('\n')[0]})`);
    }
    return new WordSifEmbedder(manifest, session, words, neighbours);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const encoded = texts.map((text) => this.#tokenizer.encode(text));
    const vectors: Float32Array[] = new Array(texts.length);
    for (const run of planRuns(encoded.map((ids) => ids.length))) {
      const sequence = run.reduce((longest, index) => Math.max(longest, encoded[index]!.length), 1);
      const ids = new BigInt64Array(run.length * sequence);
      run.forEach((index, row) => encoded[index]!.forEach((id, column) => (ids[row * sequence + column] = BigInt(id))));
      const input = new Tensor('int64', ids, [run.length, sequence]);
      const output = (await this.#session.run({ [this.#input]: input }))[this.#output];
      if (output === undefined) throw new Error(`${this.name}: the model has no output "${this.#output}"`);
      const data = output.data as Float32Array;
      run.forEach((index, row) => (vectors[index] = data.slice(row * this.dimensions, (row + 1) * this.dimensions)));
    }
    return vectors;
  }

  /** Up to `count` related words of `word` (or of its base form), most similar first; [] if unknown. */
  neighbours(word: string, count: number): string[] {
    const [first] = nameWords(word);
    if (first === undefined) return [];
    const id = this.#tokenizer.wordId(first);
    if (id === undefined || this.#neighbours.length === 0) return [];
    const start = (id - 1) * this.#neighboursPerWord;
    const ids = [...this.#neighbours.subarray(start, start + Math.min(count, this.#neighboursPerWord))];
    return ids.filter((neighbour) => neighbour > 0).map((neighbour) => this.#words[neighbour - 1]!);
  }

  async dispose(): Promise<void> {
    await this.#session.release();
  }
}
