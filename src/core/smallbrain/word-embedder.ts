// kind "word-sif": SIF-weighted bag of word vectors, summed and L2-normalised inside the ONNX graph.
// A text with no known word gets the zero vector (the graph divides by max(norm, epsilon)); callers treat it as "no embedding".
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { Embedder } from '../types.ts';
import type { WordSifManifest } from './model-manifest.ts';
import { splitWords, WordTokenizer } from './word-tokenizer.ts';

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

async function readNeighbours(modelDir: string, file: string): Promise<Map<string, string[]>> {
  const parsed: unknown = JSON.parse((await readModelFile(modelDir, file)).toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${join(modelDir, file)}: expected an object mapping words to arrays of words`);
  }
  return new Map(Object.entries(parsed as Record<string, string[]>));
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
  readonly #neighbours: Map<string, string[]>;
  readonly #input: string;
  readonly #output: string;

  private constructor(
    manifest: WordSifManifest,
    session: InferenceSession,
    tokenizer: WordTokenizer,
    neighbours: Map<string, string[]>,
  ) {
    this.name = manifest.name;
    this.dimensions = manifest.dimensions;
    this.#session = session;
    this.#tokenizer = tokenizer;
    this.#neighbours = neighbours;
    this.#input = manifest.input ?? 'input_ids';
    this.#output = manifest.output ?? 'embedding';
  }

  static async load(modelDir: string, manifest: WordSifManifest): Promise<WordSifEmbedder> {
    const [model, vocab, neighbours] = await Promise.all([
      readModelFile(modelDir, manifest.files.model),
      readModelFile(modelDir, manifest.files.vocab),
      manifest.files.neighbours ? readNeighbours(modelDir, manifest.files.neighbours) : new Map<string, string[]>(),
    ]);
    const words = vocab.toString('utf8').split('\n');
    if (words.at(-1) === '') words.pop();
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(model, { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
    } catch (error) {
      throw new Error(`${join(modelDir, manifest.files.model)}: cannot load ONNX model (${(error as Error).message.split('\n')[0]})`);
    }
    return new WordSifEmbedder(manifest, session, new WordTokenizer(words), neighbours);
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
    const [first] = splitWords(word);
    if (first === undefined) return [];
    const known = this.#tokenizer.knownWord(first);
    return known === undefined ? [] : (this.#neighbours.get(known) ?? []).slice(0, count);
  }

  async dispose(): Promise<void> {
    await this.#session.release();
  }
}
