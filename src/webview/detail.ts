// The detail pane: a large preview, facts, every tag by source, and the actions on one asset.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { actionsFor, type ActionContext, type ActionId } from './actions.ts';
import type { AssetDetail, Usage } from './protocol.ts';
import { renderUsages } from './usages.ts';
import { h } from './dom.ts';

export interface DetailActions {
  run(action: ActionId): void;
  saveTags(tags: string[]): void;
  openUsage(usage: Usage): void;
}

/** Actions shown in the pane; tag edits have their own field. */
const PANE_SKIPS: ActionId[] = ['addTags', 'removeTags'];

const SOURCE_HEADINGS: Record<string, string> = {
  cloud: 'Gemini',
  embedded: 'File metadata',
  path: 'File path',
  user: 'Your tags',
};

export function renderDetail(container: HTMLElement, detail: AssetDetail | undefined, context: ActionContext, actions: DetailActions): void {
  const cloudAvailable = context.cloudAvailable;
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

  const parts: (Node | null)[] = [
    preview,
    actionButtons({ ...context, count: 1 }, actions),
    facts,
    detail.caption ? h('p', { class: 'caption' }, detail.caption) : null,
    renderUsages(detail, actions.openUsage),
    palette,
    tagGroups,
    h('h3', {}, 'Edit your tags'),
    h('div', { class: 'edit-tags' }, tagField, button('Save tags', save, true)),
  ];
  container.replaceChildren(...parts.filter((part): part is Node => part !== null));
}

/** The same actions as the context menu, as buttons. */
function actionButtons(context: ActionContext, actions: DetailActions): HTMLElement {
  const buttons = actionsFor(context)
    .filter(({ spec }) => !PANE_SKIPS.includes(spec.id))
    .map(({ spec, label, disabled }, i) => {
      const element = button(label, () => actions.run(spec.id), i > 0);
      element.dataset.action = spec.id;
      if (disabled) {
        element.setAttribute('disabled', '');
        element.title = disabled;
      }
      return element;
    });
  return h('div', { class: 'actions' }, ...buttons);
}

/** Several items selected: what bulk actions there are, and a field for tags to add or remove. */
export function renderSelection(container: HTMLElement, context: ActionContext, actions: DetailActions & { editTags(add: string[], remove: string[]): void }): void {
  const tagField = h('vscode-textfield', { id: 'bulk-tags', placeholder: 'tag, another tag', 'aria-label': 'Tags to add or remove, comma separated' }) as HTMLElement & { value: string };
  const tags = () => tagField.value.split(',').map((tag) => tag.trim()).filter(Boolean);
  const add = button(`Add to ${context.count}`, () => tags().length > 0 && actions.editTags(tags(), []), true);
  const remove = button(`Remove from ${context.count}`, () => tags().length > 0 && actions.editTags([], tags()), true);
  add.dataset.action = 'addTags';
  remove.dataset.action = 'removeTags';
  container.replaceChildren(
    h('h2', { class: 'selection-count' }, `${context.count.toLocaleString('en-US')} selected`),
    h('p', { class: 'placeholder' }, 'Ctrl/Cmd-click adds or removes one, Shift-click a range, Ctrl/Cmd+A selects all, Escape clears.'),
    actionButtons(context, actions),
    h('h3', {}, 'Your tags'),
    h('div', { class: 'edit-tags' }, tagField, add, remove),
  );
}

/** Puts the caret in the pane's tag field (the "Add Tags…" and "Remove Tags…" actions). */
export function focusTagField(container: HTMLElement): void {
  container.querySelector<HTMLElement>('#bulk-tags, #user-tags')?.focus();
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
