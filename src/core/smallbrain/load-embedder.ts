// SmallBrain entry point: opens the model folder named by model.json's kind.
import type { Embedder } from '../types.ts';
import { defaultModelDir } from './model-location.ts';
import { readManifest } from './model-manifest.ts';
import { SentenceTransformerEmbedder } from './sentence-embedder.ts';
import { WordSifEmbedder } from './word-embedder.ts';

/**
 * Loads the embedder in `modelDir`; without one, ASSET_LENS_MODEL_DIR or the shipped models/glove-sif.
 * Errors name the offending file.
 */
export async function loadEmbedder(modelDir: string = defaultModelDir()): Promise<Embedder> {
  const manifest = await readManifest(modelDir);
  switch (manifest.kind) {
    case 'word-sif':
      return WordSifEmbedder.load(modelDir, manifest);
    case 'sentence-transformer':
      return SentenceTransformerEmbedder.load(modelDir, manifest);
  }
}
