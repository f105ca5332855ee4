// Stage 4b: words from the folder and file names (`icons/socialMedia/twitter-logo_v2.png`).
import type { Tag } from './types.ts';
import { nameWords } from './words.ts';
import { IMAGE_EXTENSION_PATTERN } from './scan.ts';

/** Words in names that say nothing about what an image shows. */
const NOISE = new Set(['final', 'copy', 'new', 'old', 'img', 'image', 'images', 'pic', 'file', 'untitled', 'export', 'assets', 'asset', 'src', 'tmp', 'temp', 'draft', 'v', 'px', 'x']);

export function pathWords(relativePath: string): string[] {
  const withoutExtension = relativePath.replace(IMAGE_EXTENSION_PATTERN, '');
  const words = new Set<string>();
  for (const segment of withoutExtension.split('/')) {
    for (const word of nameWords(segment)) {
      if (NOISE.has(word) || /^\d+$/.test(word) || word.length < 2) continue;
      words.add(word);
    }
  }
  return [...words];
}

export function pathTags(relativePaths: readonly string[]): Tag[] {
  const words = new Set<string>();
  for (const path of relativePaths) for (const word of pathWords(path)) words.add(word);
  return [...words].map((text) => ({ text, source: 'path', field: 'path' }));
}
