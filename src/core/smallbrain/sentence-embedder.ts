// kind "sentence-transformer": a user-supplied BERT-style ONNX model with its Hugging Face tokenizer.json.
// Mean pooling over the attention mask (or the model's own sentence_embedding output), then L2 normalisation.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { Embedder } from '../types.ts';
import type { SentenceTransformerManifest } from './model-manifest.ts';

const DEFAULT_MAX_LENGTH = 512;
const TEXTS_PER_RUN = 32;

async function readJson(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
    throw new Error(`${path}: ${reason}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

function positiveInteger(value: unknown): number | undefined {
  return Number.isInteger(value) && (value as number) > 1 && (value as number) < 1_000_000 ? (value as number) : undefined;
}

/** manifest.maxLength, else tokenizer_config's model_max_length, else tokenizer.json's truncation, else 512. */
function maxLengthOf(manifest: SentenceTransformerManifest, tokenizerJson: Record<string, unknown>, config: Record<string, unknown>): number {
  const truncation = tokenizerJson.truncation as { max_length?: unknown } | null | undefined;
  return (
    manifest.maxLength ??
    positiveInteger(config.model_max_length) ??
    positiveInteger(truncation?.max_length) ??
    DEFAULT_MAX_LENGTH
  );
}

function l2Normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}

export class SentenceTransformerEmbedder implements Embedder {
  readonly name: string;
  readonly dimensions: number;
  readonly #session: InferenceSession;
  readonly #tokenizer: Tokenizer;
  readonly #maxLength: number;
  readonly #padId: number;
  readonly #output: string;
  readonly #pooled: boolean;
  readonly #modelPath: string;

  private constructor(
    manifest: SentenceTransformerManifest,
    modelPath: string,
    session: InferenceSession,
    tokenizer: Tokenizer,
    maxLength: number,
    padId: number,
  ) {
    this.name = manifest.name;
    this.dimensions = manifest.dimensions;
    this.#modelPath = modelPath;
    this.#session = session;
    this.#tokenizer = tokenizer;
    this.#maxLength = maxLength;
    this.#padId = padId;
    const outputs = session.outputNames;
    this.#output =
      manifest.output ??
      (outputs.includes('sentence_embedding') ? 'sentence_embedding' : outputs.includes('last_hidden_state') ? 'last_hidden_state' : outputs[0]!);
    if (!outputs.includes(this.#output)) throw new Error(`${modelPath}: the model has no output "${this.#output}" (it has ${outputs.join(', ')})`);
    this.#pooled = this.#output === 'sentence_embedding';
    for (const input of ['input_ids', 'attention_mask']) {
      if (!session.inputNames.includes(input)) throw new Error(`${modelPath}: the model has no "${input}" input (it has ${session.inputNames.join(', ')})`);
    }
  }

  static async load(modelDir: string, manifest: SentenceTransformerManifest): Promise<SentenceTransformerEmbedder> {
    const tokenizerPath = join(modelDir, manifest.files.tokenizer);
    const modelPath = join(modelDir, manifest.files.model);
    const tokenizerJson = await readJson(tokenizerPath);
    const config = manifest.files.tokenizerConfig ? await readJson(join(modelDir, manifest.files.tokenizerConfig)) : {};
    let tokenizer: Tokenizer;
    try {
      tokenizer = new Tokenizer(tokenizerJson, config);
    } catch (error) {
      throw new Error(`${tokenizerPath}: unsupported tokenizer (${(error as Error).message})`);
    }
    const padding = tokenizerJson.padding as { pad_id?: unknown } | null | undefined;
    const padId = typeof padding?.pad_id === 'number' ? padding.pad_id : (tokenizer.token_to_id('[PAD]') ?? 0);
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(modelPath, { graphOptimizationLevel: 'all' });
    } catch (error) {
      throw new Error(`${modelPath}: cannot load ONNX model (${(error as Error).message.split('\n')[0]})`);
    }
    return new SentenceTransformerEmbedder(manifest, modelPath, session, tokenizer, maxLengthOf(manifest, tokenizerJson, config), padId);
  }

  /** Token ids with special tokens; over-long texts keep their head and the closing special token. */
  #encode(text: string): number[] {
    const ids = this.#tokenizer.encode(text).ids;
    return ids.length <= this.#maxLength ? ids : [...ids.slice(0, this.#maxLength - 1), ids.at(-1)!];
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += TEXTS_PER_RUN) {
      vectors.push(...(await this.#embedRun(texts.slice(start, start + TEXTS_PER_RUN))));
    }
    return vectors;
  }

  async #embedRun(texts: readonly string[]): Promise<Float32Array[]> {
    const encoded = texts.map((text) => this.#encode(text));
    const batch = texts.length;
    const sequence = encoded.reduce((longest, ids) => Math.max(longest, ids.length), 1);
    const ids = new BigInt64Array(batch * sequence).fill(BigInt(this.#padId));
    const mask = new BigInt64Array(batch * sequence);
    encoded.forEach((row, r) =>
      row.forEach((id, c) => {
        ids[r * sequence + c] = BigInt(id);
        mask[r * sequence + c] = 1n;
      }),
    );
    const feeds: Record<string, Tensor> = {
      input_ids: new Tensor('int64', ids, [batch, sequence]),
      attention_mask: new Tensor('int64', mask, [batch, sequence]),
    };
    if (this.#session.inputNames.includes('token_type_ids')) {
      feeds.token_type_ids = new Tensor('int64', new BigInt64Array(batch * sequence), [batch, sequence]);
    }
    const output = (await this.#session.run(feeds))[this.#output]!;
    const data = output.data as Float32Array;
    const dims = output.dims.at(-1)!;
    if (dims !== this.dimensions) throw new Error(`${this.#modelPath}: output "${this.#output}" has ${dims} dimensions, model.json says ${this.dimensions}`);
    if (this.#pooled) return texts.map((_, r) => l2Normalise(data.slice(r * dims, (r + 1) * dims)));
    return encoded.map((row, r) => {
      const mean = new Float32Array(dims);
      for (let c = 0; c < row.length; c++) {
        const offset = (r * sequence + c) * dims;
        for (let d = 0; d < dims; d++) mean[d]! += data[offset + d]!;
      }
      return l2Normalise(mean);
    });
  }

  async dispose(): Promise<void> {
    await this.#session.release();
  }
}
