// The reference to an image that a document's language expects: Markdown `![]()`, HTML `<img>`, JSX's
// self-closing `<img … />` (or an import when the project imports images), CSS `url()`, Vue/Svelte
// templates; written with a root-relative `/…` path when the project references that public root so.
import * as path from 'node:path';

export type ReferenceKind = 'markdown' | 'html' | 'jsx' | 'component' | 'css' | 'script';

export interface ReferenceTarget {
  /** Absolute path of the image. */
  asset: string;
  /** Absolute path of the document the reference goes into, or null when it has none (untitled). */
  document: string | null;
  /** The workspace folder holding the asset; the fallback base when there is no document. */
  root: string;
  alt: string;
}

/** How the project writes its image references (from the engine's reference scan). */
export interface ProjectStyle {
  /** Scripts import images (`import logo from './logo.png'`) rather than naming URLs. */
  importsImages: boolean;
  /** Public roots (POSIX, relative to the root, with a trailing `/`) referenced root-relative (`/…`). */
  rootRelativeRoots: readonly string[];
}

export const NO_STYLE: ProjectStyle = { importsImages: false, rootRelativeRoots: [] };

/** What to insert at the cursor, and an import to add at the top of the document (or null). */
export interface InsertedReference {
  text: string;
  importLine: string | null;
}

const KIND_BY_LANGUAGE: Record<string, ReferenceKind> = {
  markdown: 'markdown',
  mdx: 'markdown',
  javascriptreact: 'jsx',
  typescriptreact: 'jsx',
  vue: 'component',
  svelte: 'component',
  astro: 'component',
  css: 'css',
  scss: 'css',
  sass: 'css',
  less: 'css',
  stylus: 'css',
  javascript: 'script',
  typescript: 'script',
};

/** The kind of reference for a VS Code language id; HTML for anything else. */
export function referenceKindFor(languageId: string): ReferenceKind {
  return KIND_BY_LANGUAGE[languageId] ?? 'html';
}

/**
 * The asset's path as written in the document: `/…` below a public root the project references that
 * way, else POSIX and relative to the document's folder (or the root).
 */
export function referencePath(target: ReferenceTarget, style: ProjectStyle = NO_STYLE): string {
  const fromRoot = path.relative(target.root, target.asset).split(path.sep).join('/');
  const publicRoot = style.rootRelativeRoots.find((root) => fromRoot.startsWith(root));
  if (publicRoot !== undefined) return '/' + fromRoot.slice(publicRoot.length);
  const base = target.document ? path.dirname(target.document) : target.root;
  return path.relative(base, target.asset).split(path.sep).join('/');
}

/** An import specifier must start with `./` or `../` to be a file rather than a package. */
function moduleSpecifier(src: string): string {
  return src.startsWith('/') || src.startsWith('.') ? src : `./${src}`;
}

/** A JS identifier from the file name: `hero-banner_dark.v2.png` → `heroBannerDarkV2`. */
export function importName(asset: string): string {
  const words = path.basename(asset, path.extname(asset)).split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((word, i) => (i === 0 ? word[0]!.toLowerCase() + word.slice(1) : word[0]!.toUpperCase() + word.slice(1))).join('');
  return !name ? 'image' : /^[0-9]/.test(name) ? `image${name}` : name;
}

export function formatReference(kind: ReferenceKind, target: ReferenceTarget, style: ProjectStyle = NO_STYLE): InsertedReference {
  const src = referencePath(target, style);
  const alt = target.alt.replace(/\s+/g, ' ').trim();
  const plain = (text: string): InsertedReference => ({ text, importLine: null });
  // An import is only for a file the bundler resolves: not one served from a public root.
  const imported = style.importsImages && !src.startsWith('/');
  switch (kind) {
    case 'markdown': {
      const destination = /[\s()<>]/.test(src) ? `<${src.replace(/[<>]/g, encodeURIComponent)}>` : src;
      return plain(`![${alt.replace(/[\\[\]]/g, '\\$&')}](${destination})`);
    }
    case 'jsx': {
      if (!imported) return plain(`<img src="${escapeAttribute(src)}" alt="${escapeAttribute(alt)}" />`);
      const name = importName(target.asset);
      return { text: `<img src={${name}} alt="${escapeAttribute(alt)}" />`, importLine: `import ${name} from '${escapeString(moduleSpecifier(src))}';` };
    }
    case 'component':
      return plain(`<img src="${escapeAttribute(src)}" alt="${escapeAttribute(alt)}" />`);
    case 'css':
      return plain(`url("${src.replace(/["\\]/g, '\\$&')}")`);
    case 'script': {
      if (!imported) return plain(`'${escapeString(src)}'`);
      const name = importName(target.asset);
      return { text: name, importLine: `import ${name} from '${escapeString(moduleSpecifier(src))}';` };
    }
    case 'html':
      return plain(`<img src="${escapeAttribute(src)}" alt="${escapeAttribute(alt)}">`);
  }
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

function escapeString(value: string): string {
  return value.replace(/['\\]/g, '\\$&');
}
