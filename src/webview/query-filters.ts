// Facet clicks edit the query text, so the search box always shows the whole query.

/** The query token for a filter, quoting values that contain spaces. */
export function filterToken(key: string, value: string): string {
  return /[\s"]/.test(value) ? `${key}:"${value.replace(/"/g, '')}"` : `${key}:${value}`;
}

/** Splits a query into tokens, keeping quoted values (`in:"my folder/"`) whole. */
export function queryTokens(query: string): string[] {
  return query.match(/[^\s"]*"[^"]*"?|[^\s"]+/g) ?? [];
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
