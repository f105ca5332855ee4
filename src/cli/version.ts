// Replaced at bundle time by esbuild's `define`; the fallback serves runs from source.
declare const __ASSET_LENS_VERSION__: string | undefined;
export const VERSION = typeof __ASSET_LENS_VERSION__ === 'string' ? __ASSET_LENS_VERSION__ : '0.0.0-dev';
