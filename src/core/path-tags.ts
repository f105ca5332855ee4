// Stage 4b: words from the folder and file names (`icons/socialMedia/twitter-logo_v2.png`).
import type { Tag } from './types.ts';

/** Words in names that say nothing about what an image shows. */
const NOISE = new Set(['final', 'copy', 'new', 'old', 'img', 'image', 'images', 'pic', 'file', 'untitled', 'export', 'assets', 'asset', 'src', 'tmp', 'temp', 'draft', 'v', 'px', 'x']);
const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp|avif|tiff?|svg|heic|heif)$/i;

/** Splits a name on separators, camelCase and digit boundaries, in lower case. */
export function splitName(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-zA-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .map((word) => word.toLowerCase())
    .filter(Boolean);
}

export function pathWords(relativePath: string): string[] {
  const withoutExtension = relativePath.replace(IMAGE_EXTENSION, '');
  const words: string[] = [];
  for (const segment of withoutExtension.split('/')) {
    for (const word of splitName(segment)) {
      if (NOISE.has(word) || /^\d+$/.test(word) || word.length < 2) continue;
      if (!words.includes(word)) words.push(word);
    }
  }
  return words;
}

export function pathTags(relativePaths: readonly string[]): Tag[] {
  const words = new Set<string>();
  for (const path of relativePaths) for (const word of pathWords(path)) words.add(word);
  return [...words].map((text) => ({ text, source: 'path', field: 'path' }));
}
