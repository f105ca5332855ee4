// What an image path looks like inside any text: a run of path characters ending in an image extension.
import { IMAGE_EXTENSIONS } from '../scan.ts';

const EXTENSIONS = IMAGE_EXTENSIONS.join('|');
const STOP = String.raw`\s"'\x60()<>{}\[\],;|*\\`;
const TOKEN_SOURCE = String.raw`[^${STOP}=]*\.(?:${EXTENSIONS})(?:[?#][^${STOP}]*)?(?![\w.-])`;

/** How a reference's path is meant: an import specifier, a URL in markup/CSS/Markdown, or a data value. */
export type ReferenceContext = 'module' | 'url' | 'data';

export interface FoundReference {
  /** Offset of the path's first character in the file's text. */
  offset: number;
  /** The path as written. */
  text: string;
  context: ReferenceContext;
}

const WHOLE_TOKEN = new RegExp(`^${TOKEN_SOURCE}$`, 'i');

function plausible(token: string, before: string): boolean {
  const dot = token.lastIndexOf('.', token.search(/[?#]|$/));
  // `.png` alone or `dir/.png` is an extension, not a file; a path right after `}` or `$` is built at run time.
  return dot > 0 && token[dot - 1] !== '/' && before !== '}' && before !== '$';
}

/** Every image path inside `segment` (which starts at `base` in the file). */
export function pathTokens(segment: string, base: number, context: ReferenceContext, out: FoundReference[]): void {
  const pattern = new RegExp(TOKEN_SOURCE, 'gi');
  for (const match of segment.matchAll(pattern)) {
    const before = match.index > 0 ? segment[match.index - 1]! : '';
    if (plausible(match[0], before)) out.push({ offset: base + match.index, text: match[0], context });
  }
}

/** The segment is one image path and nothing else (surrounding blanks allowed). */
export function wholePath(segment: string, base: number, context: ReferenceContext, out: FoundReference[]): boolean {
  const trimmed = segment.trim();
  if (!WHOLE_TOKEN.test(trimmed) || !plausible(trimmed, '')) return false;
  out.push({ offset: base + segment.indexOf(trimmed), text: trimmed, context });
  return true;
}

/** Blanks out a span, keeping newlines and length, so later offsets and line numbers stay true. */
export function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

export function blankMatches(text: string, pattern: RegExp): string {
  return text.replace(pattern, blank);
}
