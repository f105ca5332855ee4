// Every command of the extension, in one table. package.json `contributes.commands` must list exactly
// these (a unit test checks), and src/vscode/commands.ts must give each a handler (the type checks).

export const COMMANDS = {
  search: 'assetLens.search',
  openGallery: 'assetLens.openGallery',
  indexWorkspace: 'assetLens.indexWorkspace',
  setApiKey: 'assetLens.setApiKey',
  clearApiKey: 'assetLens.clearApiKey',
  showLog: 'assetLens.showLog',
  findSimilar: 'assetLens.findSimilar',
  tagWithGemini: 'assetLens.tagWithGemini',
  findUsages: 'assetLens.findUsages',
  tagWaiting: 'assetLens.tagWaiting',
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandName];

/** The gallery panel's view type, also named in package.json activation events. */
export const GALLERY_VIEW_TYPE = 'assetLens.gallery';
