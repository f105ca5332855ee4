// YAML (and Markdown frontmatter): scalar values that are one image path; block scalars (`key: |`,
// `key: >-`) are text, read as Markdown with inline HTML, and a line of one holding just a path counts.
import type { FoundReference } from './path-token.ts';
import { pathTokens, wholePath } from './path-token.ts';
import { markdownReferences } from './markdown.ts';

const COMMENT = /(?:^|\s)#.*$/;
/** A value starts after `key:`, `- `, `[` or `,`, and ends at the line's end, a `,`, `]` or a closing quote. */
const BEFORE = /(?:^|[:\-[,]\s*|\s)["']?$/;
const AFTER = /^["']?\s*(?:$|[,\]])/;
/** `key: |`, `- >-`, `key: |2+`: a block scalar starts on the next line. */
const BLOCK_HEADER = /(?:^|[:-])\s+[|>](?:[1-9][+-]?|[+-][1-9]?)?\s*$/;

function indentation(line: string): number {
  return line.length - line.trimStart().length;
}

/** Column its content must pass: a `- |` item's dash, else the key's first character. */
function parentColumn(line: string): number {
  const item = /^(\s*-\s+)*/.exec(line)![0];
  return /^\s*[|>]/.test(line.slice(item.length)) ? item.lastIndexOf('-') : item.length || indentation(line);
}

export function yamlReferences(text: string, base: number, out: FoundReference[]): void {
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; at += lines[i]!.length + 1, i++) starts.push(at);
  for (let i = 0; i < lines.length; i++) {
    const content = lines[i]!.replace(COMMENT, (comment) => ' '.repeat(comment.length));
    if (BLOCK_HEADER.test(content)) {
      const parent = parentColumn(content);
      let end = i + 1;
      while (end < lines.length && (lines[end]!.trim() === '' || indentation(lines[end]!) > parent)) end++;
      blockReferences(lines.slice(i + 1, end), starts.slice(i + 1, end), base, out);
      i = end - 1;
      continue;
    }
    const found: FoundReference[] = [];
    pathTokens(content, base + starts[i]!, 'data', found);
    for (const reference of found) {
      const at = reference.offset - base - starts[i]!;
      if (BEFORE.test(content.slice(0, at)) && AFTER.test(content.slice(at + reference.text.length))) out.push(reference);
    }
  }
}

/** A block scalar's lines (with their offsets in the text), dedented and read as Markdown; offsets mapped back. */
function blockReferences(lines: string[], starts: number[], base: number, out: FoundReference[]): void {
  let indent = Infinity;
  for (const line of lines) if (line.trim() !== '') indent = Math.min(indent, indentation(line));
  if (indent === Infinity) return;
  const body = lines.map((l) => l.slice(indent));
  const found: FoundReference[] = [];
  markdownReferences(body.join('\n'), found, false);
  const bodyStarts: number[] = [];
  for (let i = 0, at = 0; i < body.length; at += body[i]!.length + 1, i++) {
    bodyStarts.push(at);
    wholePath(body[i]!, at, 'data', found);
  }
  for (const reference of found) {
    // The last line starting at or before the offset (binary search: a block may be long).
    let line = 0;
    for (let high = bodyStarts.length - 1; line < high; ) {
      const middle = (line + high + 1) >> 1;
      if (bodyStarts[middle]! <= reference.offset) line = middle;
      else high = middle - 1;
    }
    const shift = lines[line]!.length - body[line]!.length;
    out.push({ ...reference, offset: base + starts[line]! + shift + reference.offset - bodyStarts[line]! });
  }
}
