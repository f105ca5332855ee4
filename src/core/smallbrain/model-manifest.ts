// model.json: what kind of model a folder holds and which files make it up.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface WordSifManifest {
  kind: 'word-sif';
  name: string;
  dimensions: number;
  /** vocab: one word per line, line i is token id i + 1. neighbours: little-endian uint32 token ids, neighboursPerWord per word in id order, 0 = none. */
  files: { model: string; vocab: string; neighbours?: string };
  neighboursPerWord?: number;
  /** Graph input/output names; default input_ids / embedding. */
  input?: string;
  output?: string;
}

export interface SentenceTransformerManifest {
  kind: 'sentence-transformer';
  name: string;
  dimensions: number;
  files: { model: string; tokenizer: string; tokenizerConfig?: string };
  /** Tokens per text including [CLS]/[SEP]; default from the tokenizer files, else 512. */
  maxLength?: number;
  /** Output to use; default sentence_embedding if the graph has it, else last_hidden_state (mean-pooled). */
  output?: string;
}

export type ModelManifest = WordSifManifest | SentenceTransformerManifest;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function readManifest(modelDir: string): Promise<ModelManifest> {
  const path = join(modelDir, 'model.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
    throw new Error(`${path}: ${reason}`);
  }
  const bad = (reason: string): Error => new Error(`${path}: ${reason}`);
  if (!isRecord(parsed)) throw bad('not a JSON object');
  if (typeof parsed.name !== 'string' || parsed.name === '') throw bad('"name" must be a non-empty string');
  if (!Number.isInteger(parsed.dimensions) || (parsed.dimensions as number) <= 0) throw bad('"dimensions" must be a positive integer');
  const files = parsed.files;
  if (!isRecord(files)) throw bad('"files" must be an object');
  const requireFile = (key: string): void => {
    if (typeof files[key] !== 'string' || files[key] === '') throw bad(`"files.${key}" must name a file`);
  };
  requireFile('model');
  switch (parsed.kind) {
    case 'word-sif':
      requireFile('vocab');
      return parsed as unknown as WordSifManifest;
    case 'sentence-transformer':
      requireFile('tokenizer');
      if (parsed.maxLength !== undefined && !(Number.isInteger(parsed.maxLength) && (parsed.maxLength as number) >= 2)) {
        throw bad('"maxLength" must be an integer of at least 2');
      }
      return parsed as unknown as SentenceTransformerManifest;
    default:
      throw bad(`unknown model kind ${JSON.stringify(parsed.kind)} (expected "word-sif" or "sentence-transformer")`);
  }
}
