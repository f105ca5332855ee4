// CSS, SCSS, Sass, Less, Stylus: image paths outside comments (`url(…)`, `image-set(…)`, variables).
// A quoted url() or image-set() entry is one path even with spaces or brackets in it.
import { blank, blankMatches, pathTokens, quotedPath, type FoundReference } from './path-token.ts';

const BLOCK_COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/g;
/** `//` comments (SCSS, Less, Stylus) start a line or follow a blank; `url(http://…)` is left alone. */
const LINE_COMMENT = /(?<=^|[\s;{}])\/\/[^\n]*/gm;
const QUOTED = /"([^"\n]*)"|'([^'\n]*)'/g;
/** What precedes a quoted url: `url(`, or an open `image-set(` list within the same declaration. */
const URL_BEFORE = /(?:\burl\(\s*|\bimage-set\([^;{}]*)$/i;

export function styleReferences(text: string, base: number, out: FoundReference[]): void {
  const plain = blankMatches(blankMatches(text, BLOCK_COMMENT), LINE_COMMENT);
  const rest = plain.replace(QUOTED, (whole: string, double: string | undefined, single: string | undefined, offset: number) =>
    URL_BEFORE.test(plain.slice(Math.max(0, offset - 400), offset)) && quotedPath(double ?? single!, base + offset + 1, 'url', out) ? blank(whole) : whole,
  );
  pathTokens(rest, base, 'url', out);
}
