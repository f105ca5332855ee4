// JS/TS/JSX/TSX (and JSON): string literals outside comments. A string that is one image path is a
// reference; so is an image path inside a string of markup or CSS (`'<img src="a.png">'`).
import { pathTokens, quotedPath, spacedPath, wholePath, type FoundReference } from './path-token.ts';

const MODULE_CALL = /(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\(|\bnew\s+URL\s*\()\s*$/;
/** A JSX attribute (or a variable) that names one file: `<img src="My logo.png" />`. */
const URL_ATTRIBUTE = /(?:^|[\s{(,])(?:src|href|poster|xlinkHref)\s*=\s*$/;
/** After these, a `/` starts a regular expression rather than dividing. */
const BEFORE_REGEX = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);

export interface StringLiteral {
  /** Offset of the first character inside the quotes. */
  start: number;
  value: string;
}

/** The string literals of a script, skipping comments, regular expressions and templates with `${}`. */
export function stringLiterals(text: string): StringLiteral[] {
  const strings: StringLiteral[] = [];
  const n = text.length;
  let previous = '';
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      // An unclosed quote (an apostrophe in JSX text) ends at the line's end and yields nothing.
      if (text[j] === c) strings.push({ start: i + 1, value: text.slice(i + 1, j) });
      previous = c;
      i = j + 1;
    } else if (c === '`') {
      let j = i + 1;
      let depth = 0;
      let dynamic = false;
      while (j < n) {
        const d = text[j]!;
        if (d === '\\') j++;
        else if (d === '$' && text[j + 1] === '{') {
          dynamic = true;
          depth++;
          j++;
        } else if (d === '}' && depth > 0) depth--;
        else if (d === '`' && depth === 0) break;
        j++;
      }
      if (!dynamic) strings.push({ start: i + 1, value: text.slice(i + 1, j) });
      previous = '`';
      i = j + 1;
    } else if (c === '/' && BEFORE_REGEX.has(previous)) {
      let j = i + 1;
      let inClass = false;
      while (j < n && text[j] !== '\n') {
        const d = text[j]!;
        if (d === '\\') j++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j++;
      }
      previous = '/';
      i = j + 1;
    } else {
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') previous = c;
      i++;
    }
  }
  return strings;
}

export function scriptReferences(text: string, base: number, out: FoundReference[]): void {
  for (const { start, value } of stringLiterals(text)) {
    if (!value.includes('.')) continue;
    const before = text.slice(Math.max(0, start - 40), start - 1);
    // A module specifier or a `src=` value is one path even with spaces in it; elsewhere `'see a.png'` is prose.
    const found = MODULE_CALL.test(before)
      ? quotedPath(value, base + start, 'module', out) || wholePath(value, base + start, 'module', out)
      : (URL_ATTRIBUTE.test(before) && spacedPath(value, base + start, 'url', out)) || wholePath(value, base + start, 'data', out);
    if (found) continue;
    if (value.includes('<') || value.includes('url(')) pathTokens(value, base + start, 'url', out);
  }
}

/** JSON and JSONC: every string value that is one image path. */
export function jsonReferences(text: string, out: FoundReference[]): void {
  for (const { start, value } of stringLiterals(text)) if (value.includes('.')) wholePath(value, start, 'data', out);
}
