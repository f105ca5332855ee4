// The heading that starts the relevance bench's part of bench/README.md (bench/run.ts rewrites only what comes before).
export const RELEVANCE_HEADING = '## Relevance, per query';
