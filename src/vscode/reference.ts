import * as path from 'node:path';

export type ReferenceKind = 'markdown' | 'html';

export interface ReferenceTarget {
  /** Absolute path of the image. */
  asset: string;
  /** Absolute path of the document the reference goes into, or null when it has none (untitled). */
  document: string | null;
  /** The workspace folder holding the asset; the fallback base when there is no document. */
  root: string;
  alt: string;
}

/** Markdown for Markdown documents, an HTML <img> for everything else. */
export function referenceKindFor(languageId: string): ReferenceKind {
  return languageId === 'markdown' || languageId === 'mdx' ? 'markdown' : 'html';
}

/** The asset's path as written in the document: POSIX, relative to the document's folder (or the root). */
export function referencePath(target: ReferenceTarget): string {
  const base = target.document ? path.dirname(target.document) : target.root;
  return path.relative(base, target.asset).split(path.sep).join('/');
}

export function formatReference(kind: ReferenceKind, target: ReferenceTarget): string {
  const src = referencePath(target);
  if (kind === 'markdown') {
    const alt = target.alt.replace(/[\\[\]]/g, '\\$&').replace(/\s+/g, ' ').trim();
    const destination = /[\s()<>]/.test(src) ? `<${src.replace(/[<>]/g, encodeURIComponent)}>` : src;
    return `![${alt}](${destination})`;
  }
  return `<img src="${escapeAttribute(src)}" alt="${escapeAttribute(target.alt.trim())}">`;
}

/** Alt text for an asset: the cloud's alt text, else its caption, else its file name in words. */
export function altTextFor(asset: { path: string; caption: string | null; tags: readonly { text: string; field: string }[] }): string {
  const alt = asset.tags.find((tag) => tag.field === 'alt')?.text ?? asset.caption;
  if (alt && alt.trim()) return alt.trim();
  return path.posix.basename(asset.path, path.posix.extname(asset.path)).replace(/[-_.]+/g, ' ').trim();
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
