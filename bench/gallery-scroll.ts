// Gallery scroll at 50,000 items: loads the real webview bundle (dist/webview.js) and stylesheet in
// headless Chromium under the gallery's CSP, answers its messages with synthetic results, scrolls
// the whole grid, and reports frame times and how many cells exist in the DOM.
//   node bench/gallery-scroll.ts [items]     (needs `npm run build` and /usr/bin/chromium)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { galleryBody } from '../src/webview/markup.ts';
import type { ExtensionMessage, GalleryItem, WebviewMessage } from '../src/webview/protocol.ts';

const TOTAL = Number(process.argv[2] ?? 50_000);
const ORIGIN = 'https://gallery.bench';
const root = resolve(import.meta.dirname, '..');
const csp = `default-src 'none'; img-src ${ORIGIN}; style-src ${ORIGIN}; script-src 'nonce-bench'; font-src ${ORIGIN}`;
const html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link href="${ORIGIN}/gallery.css" rel="stylesheet"></head><body>
${galleryBody()}
<script nonce="bench">window.acquireVsCodeApi = () => ({ postMessage: (m) => window.toExtension(m), getState: () => undefined, setState: () => {} });</script>
<script nonce="bench" src="${ORIGIN}/webview.js"></script></body></html>`;

// Eight real thumbnails (WebP, like the index's) in rotation.
const thumbs = await Promise.all(
  ['#e53935', '#1e88e5', '#43a047', '#fdd835', '#8e24aa', '#fb8c00', '#00acc1', '#6d4c41'].map(async (colour) => {
    const { default: sharp } = await import('sharp');
    return sharp({ create: { width: 256, height: 256, channels: 3, background: colour } }).webp().toBuffer();
  }),
);

const item = (index: number): GalleryItem => ({
  folder: 0,
  path: `assets/set-${Math.floor(index / 1000)}/image-${index}.png`,
  thumb: `${ORIGIN}/thumb/${index % thumbs.length}.webp`,
  file: `file:///ws/assets/image-${index}.png`,
  tags: ['synthetic'],
});

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const cspErrors: string[] = [];
  page.on('console', (message) => message.text().includes('Content Security Policy') && cspErrors.push(message.text()));
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: html });
    if (path === '/webview.js') return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(root, 'dist', 'webview.js')) });
    if (path === '/gallery.css') return route.fulfill({ contentType: 'text/css', body: readFileSync(join(root, 'media', 'gallery.css')) });
    const thumb = /^\/thumb\/(\d+)\.webp$/.exec(path);
    if (thumb) return route.fulfill({ contentType: 'image/webp', body: thumbs[Number(thumb[1])]! });
    return route.fulfill({ status: 404 });
  });
  let pagesRequested = 0;
  await page.exposeFunction('toExtension', async (message: WebviewMessage) => {
    const reply = (answer: ExtensionMessage) => page.evaluate((data) => window.postMessage(data, '*'), answer);
    switch (message.type) {
      case 'ready':
        return reply({ type: 'init', folders: ['ws'], cloudAvailable: false, findUsages: false });
      case 'search':
        return reply({ type: 'results', queryId: message.queryId, title: `${TOTAL} assets`, total: TOTAL, sections: [], didYouMean: null, warnings: [], error: null });
      case 'page': {
        pagesRequested++;
        const end = Math.min(TOTAL, message.offset + message.limit);
        const items = Array.from({ length: end - message.offset }, (_, i) => item(message.offset + i));
        return reply({ type: 'page', queryId: message.queryId, offset: message.offset, items });
      }
    }
  });
  await page.goto(`${ORIGIN}/`);
  await page.locator('#grid .cell[data-path] img').first().waitFor();

  // Scroll top to bottom in 60 px wheel-like steps, one per animation frame, timing every frame.
  const result = await page.evaluate(async () => {
    const grid = document.getElementById('grid')!;
    const frames: number[] = [];
    let maxCells = 0;
    let last = performance.now();
    const started = last;
    while (grid.scrollTop + grid.clientHeight < grid.scrollHeight - 1) {
      grid.scrollTop += 600;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      frames.push(now - last);
      last = now;
      maxCells = Math.max(maxCells, document.querySelectorAll('#grid .cell').length);
    }
    frames.sort((a, b) => a - b);
    return {
      frames: frames.length,
      seconds: (performance.now() - started) / 1000,
      p50: frames[Math.floor(frames.length * 0.5)]!,
      p95: frames[Math.floor(frames.length * 0.95)]!,
      max: frames[frames.length - 1]!,
      over50ms: frames.filter((f) => f > 50).length,
      maxCells,
      contentHeight: grid.scrollHeight,
    };
  });
  const last = await page.locator('#grid .cell[data-path]').evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset.path).sort().at(-1));
  console.log(JSON.stringify({ items: TOTAL, ...result, pagesRequested, lastVisible: last, cspErrors: cspErrors.length }, null, 2));
} finally {
  await browser.close();
}
