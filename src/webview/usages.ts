// "Used in N places" in the detail pane: each usage a link that opens the text file at that line.
import type { AssetDetail, Usage } from './protocol.ts';
import { h } from './dom.ts';

export function renderUsages(detail: AssetDetail, open: (usage: Usage) => void): HTMLElement {
  const count = detail.usageCount;
  const heading = h('h3', { class: 'usages-heading' }, count === 0 ? 'Not used in any text file' : `Used in ${count.toLocaleString('en-US')} place${count === 1 ? '' : 's'}`);
  const list = h('ul', { class: 'usages', role: 'list' });
  for (const usage of detail.usages) {
    const link = h('a', { href: '#', class: 'usage', title: `Open ${usage.file} at line ${usage.line}` }, `${usage.file}:${usage.line}`);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      open(usage);
    });
    list.append(h('li', {}, link, h('span', { class: 'usage-text' }, ` ${usage.text}`)));
  }
  if (count > detail.usages.length) list.append(h('li', { class: 'usage-more' }, `and ${(count - detail.usages.length).toLocaleString('en-US')} more (Find Usages lists all)`));
  return h('section', { class: 'usages-section' }, heading, list);
}
