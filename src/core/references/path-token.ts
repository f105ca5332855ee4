// What an image path looks like inside any text: a run of path characters ending in an image extension.
import { IMAGE_EXTENSIONS } from '../scan.ts';

const EXTENSIONS = IMAGE_EXTENSIONS.join('|');
const STOP = String.raw`\s"'\x60()<>{}\[\],;|*\\`;
/** An image extension and what may follow it (query, fragment): where a path token ends. */
const EXTENSION_AT = new RegExp(String.raw`\.(?:${EXTENSIONS})(?:[?#][^${STOP}]*)?(?![\w.-])`, 'gi');
const STOP_CHARS = new Set([...' \t\n\r\f\v"\'`()<>{}[],;|*\\=']);

/** Cheap test before any extraction: does the text name an image extension at all? */
export function mentionsImage(text: string): boolean {
  EXTENSION_AT.lastIndex = 0;
  return EXTENSION_AT.test(text);
}

/**
 * How a reference's path is meant: an import specifier, a URL in markup/CSS/Markdown, a data value, or an
 * argument of a server template's helper (`{% static 'img/a.png' %}`, `image_tag "a.png"`), which the
 * framework looks up in asset folders of its own.
 */
export type ReferenceContext = 'module' | 'url' | 'data' | 'template';

export interface FoundReference {
  /** Offset of the path's first character in the file's text. */
  offset: number;
  /** The path as written. */
  text: string;
  context: ReferenceContext;
}

function plausible(token: string, before: string): boolean {
  const dot = token.lastIndexOf('.', token.search(/[?#]|$/));
  // `.png` alone or `dir/.png` is an extension, not a file; a path right after `}` or `$` is built at run time.
  return dot > 0 && token[dot - 1] !== '/' && before !== '}' && before !== '$';
}

/**
 * Every image path inside `segment` (which starts at `base` in the file). Finds each extension, then
 * walks back to the token's start: linear in the text, where one regex would backtrack over every run.
 */
export function pathTokens(segment: string, base: number, context: ReferenceContext, out: FoundReference[]): void {
  EXTENSION_AT.lastIndex = 0;
  for (let match = EXTENSION_AT.exec(segment); match; match = EXTENSION_AT.exec(segment)) {
    let start = match.index;
    while (start > 0 && !STOP_CHARS.has(segment[start - 1]!)) start--;
    const token = segment.slice(start, match.index + match[0].length);
    const before = start > 0 ? segment[start - 1]! : '';
    if (plausible(token, before)) out.push({ offset: base + start, text: token, context });
  }
}

const PATH_END = new RegExp(String.raw`\.(?:${EXTENSIONS})(?:[?#][^\s"']*)?$`, 'i');
/** Pieces filled in at run time (`#{}`, `@{}`, `${}`, `$var`, templates): the path is built, not written. */
const BUILT = /[{}$`<>\\]/;

/**
 * A string known to be one path (a quoted url(), an attribute that names one file, a Markdown `<…>`
 * destination) that holds characters pathTokens splits at — spaces, brackets: `My logo (2).png`.
 * Pushed whole when it is one image path not built at run time; false (nothing done) otherwise.
 */
export function spacedPath(value: string, base: number, context: ReferenceContext, out: FoundReference[]): boolean {
  const trimmed = value.trim();
  if (![...trimmed].some((c) => STOP_CHARS.has(c)) || BUILT.test(trimmed) || !PATH_END.test(trimmed) || !plausible(trimmed, '')) return false;
  out.push({ offset: base + value.indexOf(trimmed), text: trimmed, context });
  return true;
}

/**
 * A quoted string read whole, because it holds characters pathTokens splits at: pushed when it is one
 * image path, nothing when it is built at run time or not a path — never a tail of it. False (nothing
 * done) for a string pathTokens can read.
 */
export function quotedPath(value: string, base: number, context: ReferenceContext, out: FoundReference[]): boolean {
  if (![...value.trim()].some((c) => STOP_CHARS.has(c))) return false;
  spacedPath(value, base, context, out);
  return true;
}

/** The segment is one image path and nothing else (surrounding blanks allowed). */
export function wholePath(segment: string, base: number, context: ReferenceContext, out: FoundReference[]): boolean {
  const trimmed = segment.trim();
  const found: FoundReference[] = [];
  pathTokens(trimmed, 0, context, found);
  if (found.length !== 1 || found[0]!.offset !== 0 || found[0]!.text.length !== trimmed.length) return false;
  out.push({ offset: base + segment.indexOf(trimmed), text: trimmed, context });
  return true;
}

/** Blanks out a span, keeping newlines and length, so later offsets and line numbers stay true. */
export function blank(text: string): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(line.length))
    .join('\n');
}

export function blankMatches(text: string, pattern: RegExp): string {
  return text.replace(pattern, blank);
}
