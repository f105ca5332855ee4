// A small web project whose image references are known by hand: HTML, SCSS, Markdown, MDX, React/TSX,
// Vue, Svelte, Astro, JSON, YAML, tsconfig aliases (with comments), a public root, and an image renamed
// in a real git history. Each file is written as numbered lines so the expectations below can be read
// against it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { svgDocument, writeJpeg, writePng, writeText } from './images.ts';

export const FILES: Record<string, string[]> = {
  'tsconfig.json': [
    '{',
    '  // aliases for the app',
    '  "compilerOptions": {',
    '    "paths": {',
    '      "@/*": ["src/*"], /* main */',
    '      "~/*": ["./src/*"],',
    '    },',
    '  },',
    '}',
  ],
  '.gitignore': ['dist/'],
  'index.html': [
    '<!doctype html>',
    '<html>',
    '<head>',
    '  <link rel="icon" href="/favicon.png">',
    '  <meta property="og:image" content="/img/hero.jpg">',
    '  <style>',
    '    .hero { background-image: url("/img/hero.jpg"); }',
    '  </style>',
    '</head>',
    '<body>',
    '  <!-- <img src="img/unused-1.png"> old banner -->',
    '  <img src="/logo.svg" alt="logo.png">',
    '  <img srcset="img/hero-banner.jpg 1x, public/img/hero.jpg 2x" src="img/hero-banner.jpg" alt="Hero">',
    '  <img src="https://cdn.example.com/img/brand-logo.png">',
    '  <img src="data:image/png;base64,iVBORw0KGgo=">',
    '  <a href="docs/images/diagram.png">diagram</a>',
    '  <p>Download logo.png from the brand kit.</p>',
    '  <div style="background: url(styles/bg/pattern.png) repeat"></div>',
    '  <img src="img/hero-baner.jpg">',
    '  <div style="background-image: url(\'img/brand kit (2).png\')"></div>',
    '</body>',
    '</html>',
  ],
  'styles/main.scss': [
    '// $old: url(../img/unused-1.png);',
    "@use 'sass:math';",
    "$brand: '../img/brand-logo.png';",
    '.logo { background: url($brand) no-repeat; }',
    '.pattern {',
    '  background: url(bg/pattern.png);',
    '  /* background: url(../img/unused-1.png); */',
    '  background-image: image-set("bg/pattern.png" 1x, "../public/img/hero.jpg" 2x);',
    '}',
    ".avatar { background: url('~@/assets/avatar.png'); }",
    '.cdn { background: url(//cdn.example.com/x.png); }',
  ],
  'styles/spaced.scss': [
    '// url("../img/brand kit (2).png") in a comment',
    '.hero { background: url("../img/brand kit (2).png") no-repeat; }',
    ".card { background-image: url( '../img/brand kit (2).png' ); }",
    ".set { background-image: image-set(\"../img/brand kit (2).png\" 1x, '../public/img/hero.jpg' 2x); }",
    '.plain { background: url(bg/pattern.png); }',
    '.built { background: url("#{$cdn}/brand kit.png"); }',
    '.note::after { content: "brand kit"; }',
  ],
  'README.md': [
    '---',
    'title: Brand kit',
    'cover: content/cover.jpg',
    '---',
    '# Brand kit',
    '',
    '![Old logo](img/company-wordmark.png)',
    '![Diagram](docs/images/diagram.png "The diagram")',
    '',
    'See [the screenshot][shot] and logo.png in prose.',
    '',
    '```html',
    '<img src="img/unused-1.png">',
    '```',
    '',
    'Inline `![x](img/unused-1.png)` is code.',
    '',
    '<img src="./docs/images/screenshot.png" width="300">',
    '',
    '[shot]: docs/images/screenshot.png',
    '![Remote](https://example.com/a.png)',
  ],
  'docs/spaces.md': [
    '# Paths with spaces and brackets',
    '![Kit](<../img/brand kit (2).png>)',
    '![Mark](../img/mark(1).png "The mark")',
    '<img src="../img/brand kit (2).png" alt="brand kit.png">',
    '[kit]: <../img/brand kit (2).png>',
    '<img src="{{ base }}/img/brand kit (2).png"> ![Kit](<see brand kit.png in the kit>)',
  ],
  'docs/guide.mdx': [
    "import Diagram from './images/diagram.png';",
    "import { Chart } from '../src/components/Chart';",
    '',
    '# Guide',
    '',
    '<img src={Diagram} alt="diagram" />',
    '<img src="/logo.svg" />',
    '![Screenshot](./images/screenshot.png)',
    "Our mark: {'/logo.svg'}",
  ],
  'src/components/Header.tsx': [
    "import logo from '@/assets/icon-home.svg';",
    "import search from '../assets/icon-search.svg';",
    "import badgeUrl from './badge.png?url';",
    "// import legacy from '@/assets/legacy.svg';",
    "/* const old = require('../assets/legacy.svg'); */",
    "const avatar = new URL('../assets/avatar.png', import.meta.url).href;",
    'const pattern = /\\.png$/i;',
    'export function Header({ name }: { name: string }) {',
    '  const dynamic = `/img/${name}.png`;',
    '  return (',
    '    <header>',
    '      <img src={logo} alt="Home" />',
    '      <img src="/img/hero.jpg" alt="Don\'t miss it" />',
    "      <img src={'/favicon.png'} />",
    "      <p>Don't upload logo.png here</p>",
    '      <img src={search} />',
    '    </header>',
    '  );',
    '}',
  ],
  'src/components/Kit.tsx': [
    'export const Kit = () => (',
    '  <figure title="brand kit (2).png">',
    '    <img src="../../img/brand kit (2).png" alt="brand kit (2).png" />',
    "    <img src='../../img/mark(1).png' />",
    '    <figcaption>{"see brand kit (2).png"}</figcaption>',
    '  </figure>',
    ');',
  ],
  'src/App.vue': [
    '<template>',
    '  <div class="app">',
    '    <img src="./assets/icon-home.svg" alt="home">',
    '    <img :src="require(\'./assets/avatar.png\')">',
    '    <img :src="`/img/${kind}.jpg`">',
    "    <div :style=\"{ backgroundImage: 'url(/img/hero.jpg)' }\"></div>",
    '  </div>',
    '</template>',
    '',
    '<script setup lang="ts">',
    "import badge from '@/components/badge.png';",
    "const icons = { search: '~/assets/icon-search.svg' };",
    '</script>',
    '',
    '<style scoped>',
    ".app { background: url('./assets/avatar.png'); }",
    '</style>',
  ],
  'src/Card.svelte': [
    '<script>',
    "  import star from './assets/icon-search.svg';",
    "  export let src = '/img/hero.jpg';",
    '</script>',
    '',
    '<img {src} alt="card" />',
    '<img src="{base}/img/unused-1.png" alt="" />',
    '<img src="/favicon.png" alt="fav" />',
  ],
  'src/Gallery.vue': [
    '<template>',
    '  <figure :title="\'old.png\'">',
    '    <img :src="\'/img/hero.jpg\'" :alt="\'logo.png\'">',
    '    <img v-bind:src="wide ? \'/favicon.png\' : \'/logo.svg\'">',
    "    <p>{{ '/img/hero.jpg' }}</p>",
    '    <p>{{ caption }}: {{ "logo.png is the mark" }}</p>',
    "    <img :src=\"'/img/' + name + '.jpg'\">",
    "    <p>{ '/img/unused-1.png' } is text in Vue</p>",
    '  </figure>',
    '</template>',
  ],
  'src/Badge.svelte': [
    '<script>',
    '  let big = false;',
    '</script>',
    '',
    "<p>{'/img/hero.jpg'}</p>",
    "<img src={big ? '/favicon.png' : \"/logo.svg\"} alt={'logo.png'} />",
    '{#if big}<img src="{base}/img/unused-1.png" />{/if}',
    '<p>{`/img/${name}.jpg`} and {"my logo.png is here"}</p>',
    '{@html \'<img src="/favicon.png">\'}',
  ],
  'src/pages/Home.astro': [
    '---',
    "const title = 'Home';",
    '---',
    '<h1>{title}</h1>',
    "<div>{wide && '/img/hero.jpg'}</div>",
    "<ul>{['/favicon.png', '/logo.svg'].map((src) => <li><img src={src} alt=\"Don't\" /></li>)}</ul>",
    '<p>{"logo.png is our mark"}</p>',
  ],
  'src/pages/About.astro': ['---', "import hero from '../../public/img/hero.jpg';", "const title = 'About';", '---', '<img src="/logo.svg" alt="About" />'],
  'data/site.json': [
    '{',
    '  "name": "Demo",',
    '  "logo": "/logo.svg",',
    '  "images": ["img/hero-banner.jpg", "content/cover.jpg"],',
    '  "description": "Logo is logo.png",',
    '  "remote": "https://example.com/x.png",',
    '  "missing": "img/nothing-like-this-at-all.gif"',
    '}',
  ],
  'config/site.yml': [
    '# logo: img/unused-1.png',
    'site:',
    '  logo: /logo.svg',
    '  social_image: "img/hero-banner.jpg"',
    '  gallery:',
    '    - public/img/hero.jpg',
    '    - docs/images/screenshot.png  # the app',
    '  note: see logo.png for details',
    '  about: |',
    '    ## About us',
    '    ![Team](/img/hero.jpg)',
    '    <img src="/favicon.png" alt="logo.png">',
    '    See logo.png in the kit.',
    '  hero: >-',
    '    img/hero-banner.jpg',
    '  files: |  # one a line',
    '    docs/images/screenshot.png',
    '    # not a comment: /logo.svg is text here',
    '  after: public/img/hero.jpg',
    '  quotes:',
    '    - |',
    '      ![Quote](/img/hero.jpg)',
    '    - plain: /favicon.png',
  ],
  // Ignored by .gitignore: never scanned.
  'dist/index.html': ['<img src="/img/unused-1.png">'],
};

/** Image files of the project (after the rename); distinct bytes each. */
export const IMAGES = [
  'content/cover.jpg',
  'docs/images/diagram.png',
  'docs/images/old-draft.png',
  'docs/images/screenshot.png',
  'img/brand kit (2).png',
  'img/brand-logo.png',
  'img/hero-banner.jpg',
  'img/mark(1).png',
  'img/unused-1.png',
  'public/favicon.png',
  'public/img/hero.jpg',
  'public/img/spare.jpg',
  'public/logo.svg',
  'src/assets/avatar.png',
  'src/assets/icon-home.svg',
  'src/assets/icon-search.svg',
  'src/assets/legacy.svg',
  'src/components/badge.png',
  'styles/bg/pattern.png',
];

export interface ExpectedReference {
  file: string;
  line: number;
  text: string;
  /** The image it resolves to, or null when broken. */
  target: string | null;
  /** When `text` occurs more than once on the line: which occurrence (0-based). */
  occurrence?: number;
}

// Written by hand from the files above: what a person reading them would call a reference to an image.
export const EXPECTED_REFERENCES: ExpectedReference[] = [
  { file: 'index.html', line: 4, text: '/favicon.png', target: 'public/favicon.png' },
  { file: 'index.html', line: 5, text: '/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'index.html', line: 7, text: '/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'index.html', line: 12, text: '/logo.svg', target: 'public/logo.svg' },
  { file: 'index.html', line: 13, text: 'img/hero-banner.jpg', target: 'img/hero-banner.jpg' },
  { file: 'index.html', line: 13, text: 'public/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'index.html', line: 13, text: 'img/hero-banner.jpg', target: 'img/hero-banner.jpg', occurrence: 1 },
  { file: 'index.html', line: 16, text: 'docs/images/diagram.png', target: 'docs/images/diagram.png' },
  { file: 'index.html', line: 18, text: 'styles/bg/pattern.png', target: 'styles/bg/pattern.png' },
  { file: 'index.html', line: 19, text: 'img/hero-baner.jpg', target: null },
  { file: 'index.html', line: 20, text: 'img/brand kit (2).png', target: 'img/brand kit (2).png' },
  { file: 'styles/spaced.scss', line: 2, text: '../img/brand kit (2).png', target: 'img/brand kit (2).png' },
  { file: 'styles/spaced.scss', line: 3, text: '../img/brand kit (2).png', target: 'img/brand kit (2).png' },
  { file: 'styles/spaced.scss', line: 4, text: '../img/brand kit (2).png', target: 'img/brand kit (2).png' },
  { file: 'styles/spaced.scss', line: 4, text: '../public/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'styles/spaced.scss', line: 5, text: 'bg/pattern.png', target: 'styles/bg/pattern.png' },
  { file: 'styles/main.scss', line: 3, text: '../img/brand-logo.png', target: 'img/brand-logo.png' },
  { file: 'styles/main.scss', line: 6, text: 'bg/pattern.png', target: 'styles/bg/pattern.png' },
  { file: 'styles/main.scss', line: 8, text: 'bg/pattern.png', target: 'styles/bg/pattern.png' },
  { file: 'styles/main.scss', line: 8, text: '../public/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'styles/main.scss', line: 10, text: '~@/assets/avatar.png', target: 'src/assets/avatar.png' },
  { file: 'README.md', line: 3, text: 'content/cover.jpg', target: 'content/cover.jpg' },
  { file: 'README.md', line: 7, text: 'img/company-wordmark.png', target: null },
  { file: 'README.md', line: 8, text: 'docs/images/diagram.png', target: 'docs/images/diagram.png' },
  { file: 'README.md', line: 18, text: './docs/images/screenshot.png', target: 'docs/images/screenshot.png' },
  { file: 'README.md', line: 20, text: 'docs/images/screenshot.png', target: 'docs/images/screenshot.png' },
  { file: 'docs/spaces.md', line: 2, text: '../img/brand kit (2).png', target: 'img/brand kit (2).png' },
  { file: 'docs/spaces.md', line: 3, text: '../img/mark(1).png', target: 'img/mark(1).png' },
  { file: 'docs/spaces.md', line: 4, text: '../img/brand kit (2).png', target: 'img/brand kit (2).png' },
  { file: 'docs/spaces.md', line: 5, text: '../img/brand kit (2).png', target: 'img/brand kit (2).png' },
  { file: 'src/components/Kit.tsx', line: 3, text: '../../img/brand kit (2).png', target: 'img/brand kit (2).png' },
  { file: 'src/components/Kit.tsx', line: 4, text: '../../img/mark(1).png', target: 'img/mark(1).png' },
  { file: 'docs/guide.mdx', line: 1, text: './images/diagram.png', target: 'docs/images/diagram.png' },
  { file: 'docs/guide.mdx', line: 7, text: '/logo.svg', target: 'public/logo.svg' },
  { file: 'docs/guide.mdx', line: 8, text: './images/screenshot.png', target: 'docs/images/screenshot.png' },
  { file: 'docs/guide.mdx', line: 9, text: '/logo.svg', target: 'public/logo.svg' },
  { file: 'src/components/Header.tsx', line: 1, text: '@/assets/icon-home.svg', target: 'src/assets/icon-home.svg' },
  { file: 'src/components/Header.tsx', line: 2, text: '../assets/icon-search.svg', target: 'src/assets/icon-search.svg' },
  { file: 'src/components/Header.tsx', line: 3, text: './badge.png?url', target: 'src/components/badge.png' },
  { file: 'src/components/Header.tsx', line: 6, text: '../assets/avatar.png', target: 'src/assets/avatar.png' },
  { file: 'src/components/Header.tsx', line: 13, text: '/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'src/components/Header.tsx', line: 14, text: '/favicon.png', target: 'public/favicon.png' },
  { file: 'src/App.vue', line: 3, text: './assets/icon-home.svg', target: 'src/assets/icon-home.svg' },
  { file: 'src/App.vue', line: 4, text: './assets/avatar.png', target: 'src/assets/avatar.png' },
  { file: 'src/App.vue', line: 6, text: '/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'src/App.vue', line: 11, text: '@/components/badge.png', target: 'src/components/badge.png' },
  { file: 'src/App.vue', line: 12, text: '~/assets/icon-search.svg', target: 'src/assets/icon-search.svg' },
  { file: 'src/App.vue', line: 16, text: './assets/avatar.png', target: 'src/assets/avatar.png' },
  { file: 'src/Card.svelte', line: 2, text: './assets/icon-search.svg', target: 'src/assets/icon-search.svg' },
  { file: 'src/Card.svelte', line: 3, text: '/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'src/Card.svelte', line: 8, text: '/favicon.png', target: 'public/favicon.png' },
  { file: 'src/Gallery.vue', line: 3, text: '/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'src/Gallery.vue', line: 4, text: '/favicon.png', target: 'public/favicon.png' },
  { file: 'src/Gallery.vue', line: 4, text: '/logo.svg', target: 'public/logo.svg' },
  { file: 'src/Gallery.vue', line: 5, text: '/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'src/Badge.svelte', line: 5, text: '/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'src/Badge.svelte', line: 6, text: '/favicon.png', target: 'public/favicon.png' },
  { file: 'src/Badge.svelte', line: 6, text: '/logo.svg', target: 'public/logo.svg' },
  { file: 'src/Badge.svelte', line: 9, text: '/favicon.png', target: 'public/favicon.png' },
  { file: 'src/pages/Home.astro', line: 5, text: '/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'src/pages/Home.astro', line: 6, text: '/favicon.png', target: 'public/favicon.png' },
  { file: 'src/pages/Home.astro', line: 6, text: '/logo.svg', target: 'public/logo.svg' },
  { file: 'src/pages/About.astro', line: 2, text: '../../public/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'src/pages/About.astro', line: 5, text: '/logo.svg', target: 'public/logo.svg' },
  { file: 'data/site.json', line: 3, text: '/logo.svg', target: 'public/logo.svg' },
  { file: 'data/site.json', line: 4, text: 'img/hero-banner.jpg', target: 'img/hero-banner.jpg' },
  { file: 'data/site.json', line: 4, text: 'content/cover.jpg', target: 'content/cover.jpg' },
  { file: 'data/site.json', line: 7, text: 'img/nothing-like-this-at-all.gif', target: null },
  { file: 'config/site.yml', line: 3, text: '/logo.svg', target: 'public/logo.svg' },
  { file: 'config/site.yml', line: 4, text: 'img/hero-banner.jpg', target: 'img/hero-banner.jpg' },
  { file: 'config/site.yml', line: 6, text: 'public/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'config/site.yml', line: 7, text: 'docs/images/screenshot.png', target: 'docs/images/screenshot.png' },
  { file: 'config/site.yml', line: 11, text: '/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'config/site.yml', line: 12, text: '/favicon.png', target: 'public/favicon.png' },
  { file: 'config/site.yml', line: 15, text: 'img/hero-banner.jpg', target: 'img/hero-banner.jpg' },
  { file: 'config/site.yml', line: 17, text: 'docs/images/screenshot.png', target: 'docs/images/screenshot.png' },
  { file: 'config/site.yml', line: 19, text: 'public/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'config/site.yml', line: 22, text: '/img/hero.jpg', target: 'public/img/hero.jpg' },
  { file: 'config/site.yml', line: 23, text: '/favicon.png', target: 'public/favicon.png' },
];

export const EXPECTED_UNUSED = ['docs/images/old-draft.png', 'img/unused-1.png', 'public/img/spare.jpg', 'src/assets/legacy.svg'];

export const EXPECTED_BROKEN = [
  { file: 'README.md', line: 7, reference: 'img/company-wordmark.png', suggestion: 'img/brand-logo.png' },
  { file: 'data/site.json', line: 7, reference: 'img/nothing-like-this-at-all.gif', suggestion: null },
  { file: 'index.html', line: 19, reference: 'img/hero-baner.jpg', suggestion: 'img/hero-banner.jpg' },
];

/** 1-based column of the expected text on its line, as counted from the file written above. */
export function columnOf(expected: Pick<ExpectedReference, 'file' | 'line' | 'text' | 'occurrence'>): number {
  const line = FILES[expected.file]![expected.line - 1]!;
  let at = -1;
  for (let i = 0; i <= (expected.occurrence ?? 0); i++) at = line.indexOf(expected.text, at + 1);
  if (at < 0) throw new Error(`${expected.file}:${expected.line}: "${expected.text}" is not on that line`);
  return at + 1;
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-C', root, '-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.com', '-c', 'commit.gpgsign=false', ...args], { stdio: 'ignore' });
}

/** Writes the project with real images and a git history in which img/company-wordmark.png became img/brand-logo.png. */
export async function writeReferenceFixture(root: string): Promise<void> {
  for (const [path, lines] of Object.entries(FILES)) writeText(join(root, path), lines.join('\n') + '\n');
  let shade = 10;
  for (const path of [...IMAGES.filter((p) => p !== 'img/brand-logo.png'), 'img/company-wordmark.png', 'dist/unused-copy.png']) {
    shade += 13;
    const colour = { r: shade % 256, g: (shade * 7) % 256, b: (shade * 3) % 256 };
    const absolute = join(root, path);
    if (path.endsWith('.svg')) writeText(absolute, svgDocument({ title: path, fill: `#${[colour.r, colour.g, colour.b].map((v) => v.toString(16).padStart(2, '0')).join('')}` }));
    else if (path.endsWith('.jpg')) await writeJpeg(absolute, 24, 16, colour);
    else await writePng(absolute, 16, 16, colour, { r: 255 - colour.r, g: 255 - colour.g, b: 255 - colour.b });
  }
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'project');
  git(root, 'mv', 'img/company-wordmark.png', 'img/brand-logo.png');
  git(root, 'commit', '-q', '-m', 'rename the logo');
}
