// The actions on one asset or on a selection, shared by the context menu and the detail pane, so
// both always offer the same things under the same names.

export type ActionId = 'open' | 'reveal' | 'copyPath' | 'copyImage' | 'insert' | 'similar' | 'findUsages' | 'retag' | 'addTags' | 'removeTags';

export interface ActionSpec {
  id: ActionId;
  label: string;
  /** Label when several items are selected; absent when the action is for one item only. */
  many?: (count: number) => string;
  /** Needs Gemini (a key, the setting and trust). */
  cloud?: boolean;
  /** Needs the find-usages command of the references feature. */
  usages?: boolean;
}

export const ACTIONS: readonly ActionSpec[] = [
  { id: 'open', label: 'Open' },
  { id: 'reveal', label: 'Reveal in Explorer', many: (n) => `Reveal ${n} in Explorer` },
  { id: 'copyPath', label: 'Copy Path', many: (n) => `Copy ${n} Paths` },
  { id: 'copyImage', label: 'Copy Image' },
  { id: 'insert', label: 'Insert Reference', many: (n) => `Insert ${n} References` },
  { id: 'similar', label: 'Find Similar' },
  { id: 'findUsages', label: 'Find Usages', usages: true },
  { id: 'retag', label: 'Tag with Gemini', many: (n) => `Tag ${n} with Gemini`, cloud: true },
  { id: 'addTags', label: 'Add Tags…', many: (n) => `Add Tags to ${n}…` },
  { id: 'removeTags', label: 'Remove Tags…', many: (n) => `Remove Tags from ${n}…` },
];

export interface ActionContext {
  count: number;
  cloudAvailable: boolean;
  findUsages: boolean;
}

/** The actions offered for this many selected items, with their labels; unavailable ones are marked. */
export function actionsFor(context: ActionContext): { spec: ActionSpec; label: string; disabled: string | null }[] {
  const { count } = context;
  if (count === 0) return [];
  return ACTIONS.filter((spec) => (count === 1 || spec.many) && (!spec.usages || context.findUsages)).map((spec) => ({
    spec,
    label: count === 1 ? spec.label : spec.many!(count),
    disabled: spec.cloud && !context.cloudAvailable ? 'Needs a Gemini API key, assetLens.cloud.enabled and a trusted workspace' : null,
  }));
}
