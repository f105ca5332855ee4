// Finds the image references in one text file: the extractor for its language, then one entry per
// position (extractors may overlap, e.g. a component's template and its script).
import { languageOf } from './languages.ts';
import { mentionsImage, type FoundReference } from './path-token.ts';
import { markupReferences } from './markup.ts';
import { styleReferences } from './style.ts';
import { markdownReferences, splitFrontmatter } from './markdown.ts';
import { jsonReferences, scriptReferences } from './script.ts';
import { yamlReferences } from './data.ts';

export type { FoundReference };

/**
 * Raised whenever the extractors find something they did not before, so an index made by an older
 * version reads its unchanged text files again (content hashes alone would keep the old findings).
 * 2: extends, quoted CSS paths with spaces, template expressions, YAML block scalars.
 * 3: paths with spaces in src/href attributes (HTML and JSX) and Markdown `<…>` destinations; brackets in
 *    Markdown destinations; string literals in server template tags.
 */
export const EXTRACTOR_VERSION = 3;

export function extractReferences(path: string, text: string): FoundReference[] {
  const found: FoundReference[] = [];
  if (!mentionsImage(text)) return found;
  switch (languageOf(path)) {
    case 'markup':
      markupReferences(text, 0, found, 'tags');
      break;
    case 'component':
      markupReferences(text, 0, found, path.toLowerCase().endsWith('.vue') ? '{{' : '{');
      break;
    case 'style':
      styleReferences(text, 0, found);
      break;
    case 'markdown': {
      const { yaml, body } = splitFrontmatter(text);
      if (yaml) yamlReferences(yaml.text, yaml.start, found);
      markdownReferences(body, found, path.toLowerCase().endsWith('.mdx'));
      break;
    }
    case 'script':
      scriptReferences(text, 0, found);
      break;
    case 'json':
      jsonReferences(text, found);
      break;
    case 'yaml':
      yamlReferences(text, 0, found);
      break;
    case null:
      break;
  }
  const byOffset = new Map<number, FoundReference>();
  for (const reference of found) if (!byOffset.has(reference.offset)) byOffset.set(reference.offset, reference);
  return [...byOffset.values()].sort((a, b) => a.offset - b.offset);
}

/** 1-based line and column (in UTF-16 code units, as editors count) of each offset, in one pass. */
export function positions(text: string, offsets: readonly number[]): { line: number; column: number }[] {
  const result: { line: number; column: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let cursor = 0;
  for (const offset of offsets) {
    while (cursor < offset) {
      const newline = text.indexOf('\n', cursor);
      if (newline < 0 || newline >= offset) break;
      line++;
      lineStart = newline + 1;
      cursor = newline + 1;
    }
    result.push({ line, column: offset - lineStart + 1 });
  }
  return result;
}
