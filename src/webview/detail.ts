// The detail pane: a large preview, facts, every tag by source, and the actions on one asset.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { AssetDetail } from './protocol.ts';
import { h } from './dom.ts';

export interface DetailActions {
  open(): void;
  reveal(): void;
  similar(): void;
  retag(): void;
  saveTags(tags: string[]): void;
}

const SOURCE_HEADINGS: Record<string, string> = {
  cloud: 'Gemini',
  embedded: 'File metadata',
  path: 'File path',
  user: 'Your tags',
};

export function renderDetail(container: HTMLElement, detail: AssetDetail | undefined, cloudAvailable: boolean, actions: DetailActions): void {
  if (!detail) {
    container.replaceChildren(h('p', { class: 'placeholder' }, 'Select an image to see its tags.'));
    return;
  }
  const preview = h('img', { class: 'preview', src: detail.thumb, alt: detail.caption ?? detail.path });
  const facts = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, 'Path'),
    h('dd', { class: 'path' }, detail.path),
    h('dt', {}, 'Size'),
    h('dd', {}, [dimensions(detail), detail.format?.toUpperCase(), detail.fileSize].filter(Boolean).join(' · ')),
    h('dt', {}, 'Gemini'),
    h('dd', {}, cloudState(detail, cloudAvailable)),
  );
  const palette = h('div', { class: 'palette', 'aria-label': 'Dominant colours' });
  for (const colour of detail.palette) {
    const swatch = h('span', { class: 'swatch', title: colour });
    swatch.style.backgroundColor = colour;
    palette.append(swatch);
  }

  const tagGroups = h('div', { class: 'tag-groups' });
  const sources = [...new Set(detail.tags.map((tag) => tag.source))].sort();
  for (const source of sources) {
    const chips = detail.tags.filter((tag) => tag.source === source).map((tag) => h('span', { class: `tag ${tag.field}`, title: tag.field }, tag.text));
    tagGroups.append(h('h3', {}, SOURCE_HEADINGS[source] ?? source), h('div', { class: 'tags' }, ...chips));
  }

  const userTags = detail.tags.filter((tag) => tag.source === 'user').map((tag) => tag.text);
  const tagField = h('vscode-textfield', { id: 'user-tags', placeholder: 'tag, another tag', 'aria-label': 'Your tags, comma separated' }) as HTMLElement & { value: string };
  tagField.value = userTags.join(', ');
  const save = () => actions.saveTags(tagField.value.split(',').map((tag) => tag.trim()).filter(Boolean));
  tagField.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Enter') save();
  });

  const retag = button('Re-tag with Gemini', actions.retag, true);
  if (!cloudAvailable) {
    retag.setAttribute('disabled', '');
    retag.title = 'Needs a Gemini API key, assetLens.cloud.enabled and a trusted workspace';
  }

  const parts: (Node | null)[] = [
    preview,
    h('div', { class: 'actions' }, button('Open', actions.open), button('Reveal in Explorer', actions.reveal, true), button('Find similar', actions.similar, true), retag),
    facts,
    detail.caption ? h('p', { class: 'caption' }, detail.caption) : null,
    palette,
    tagGroups,
    h('h3', {}, 'Edit your tags'),
    h('div', { class: 'edit-tags' }, tagField, button('Save tags', save, true)),
  ];
  container.replaceChildren(...parts.filter((part): part is Node => part !== null));
}

function button(label: string, onClick: () => void, secondary = false): HTMLElement {
  const element = h('vscode-button', secondary ? { secondary: true } : {}, label);
  element.addEventListener('click', () => {
    if (!element.hasAttribute('disabled')) onClick();
  });
  return element;
}

function dimensions(detail: AssetDetail): string | null {
  return detail.width && detail.height ? `${detail.width} × ${detail.height}` : null;
}


function cloudState(detail: AssetDetail, cloudAvailable: boolean): string {
  const { state, error } = detail.cloud;
  if (error) return `${state}: ${error}`;
  if (state === 'done') return 'tagged';
  if (state === 'pending' || state === 'none') return cloudAvailable ? 'waiting to be tagged' : 'not tagged (Gemini is off)';
  return state;
}
