// CSS, SCSS, Sass, Less, Stylus: image paths outside comments (`url(…)`, `image-set(…)`, variables).
import { blankMatches, pathTokens, type FoundReference } from './path-token.ts';

const BLOCK_COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/g;
/** `//` comments (SCSS, Less, Stylus) start a line or follow a blank; `url(http://…)` is left alone. */
const LINE_COMMENT = /(?<=^|[\s;{}])\/\/[^\n]*/gm;

export function styleReferences(text: string, base: number, out: FoundReference[]): void {
  pathTokens(blankMatches(blankMatches(text, BLOCK_COMMENT), LINE_COMMENT), base, 'url', out);
}
