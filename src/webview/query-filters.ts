// Facet clicks edit the query text, so the search box always shows the whole query. Tokens are the
// engine's own (core/query.ts), so a toggled filter is exactly what the engine will read.
import { queryTokens } from '../core/query.ts';

/** The query token for a filter, quoting values that contain spaces. */
export function filterToken(key: string, value: string): string {
  return /[\s"]/.test(value) ? `${key}:"${value.replace(/"/g, '')}"` : `${key}:${value}`;
}

export function hasFilter(query: string, key: string, value: string): boolean {
  const token = filterToken(key, value).toLowerCase();
  return queryTokens(query).some((t) => t.toLowerCase() === token);
}

/** Adds the filter to the query, or removes it when it is already there. */
export function toggleFilter(query: string, key: string, value: string): string {
  const token = filterToken(key, value);
  const tokens = queryTokens(query);
  const kept = tokens.filter((t) => t.toLowerCase() !== token.toLowerCase());
  return (kept.length === tokens.length ? [...tokens, token] : kept).join(' ');
}
