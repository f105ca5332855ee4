// Shared shapes of the engine. Every stage imports its vocabulary from here.

export type TagSource = 'embedded' | 'path' | 'cloud' | 'user';

/** Where in an image's description a tag came from; drives field weighting in search. */
export type TagField =
  | 'title'
  | 'keyword'
  | 'description'
  | 'path'
  | 'caption'
  | 'object'
  | 'style'
  | 'mood'
  | 'color'
  | 'text'
  | 'alt';

export interface Tag {
  text: string;
  source: TagSource;
  field: TagField;
}

export type CloudState = 'none' | 'pending' | 'done' | 'failed' | 'blocked' | 'skipped';

/** What BigBrain returns for one image (all fields may be empty). */
export interface CloudTags {
  caption: string;
  tags: string[];
  objects: string[];
  style: string[];
  mood: string[];
  colors: string[];
  text: string[];
  altText: string;
}

export interface TokenUsage {
  promptTokens: number;
  outputTokens: number;
}

/** Facts computed locally from the pixels. */
export interface ImageFacts {
  width: number;
  height: number;
  format: string;
  hasAlpha: boolean;
  orientation: 'landscape' | 'portrait' | 'square';
  /** Dominant colours, most dominant first, as #rrggbb. */
  palette: string[];
  /** 64-bit difference hash as 16 hex digits. */
  dhash: string;
}

/** A text embedder (SmallBrain). Vectors are L2-normalised Float32Arrays of `dimensions` length. */
export interface Embedder {
  readonly name: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Words near `word` in the model's space, for query expansion; optional. */
  neighbours?(word: string, count: number): string[];
  dispose(): Promise<void>;
}

export type SearchMode = 'hybrid' | 'semantic' | 'lexical';

/** Hit order: best match first, path A→Z, newest first, largest first. */
export type SearchSort = 'relevance' | 'name' | 'modified' | 'size';

export interface SearchOptions {
  limit?: number;
  offset?: number;
  mode?: SearchMode;
  /** Any order but relevance still lists the less related hits after the others. */
  sort?: SearchSort;
}

export interface SearchHit {
  /** POSIX path relative to the root. */
  path: string;
  hash: string;
  score: number;
  /** Tags that matched the query (lexically or as the nearest in meaning). */
  tags: string[];
  caption: string | null;
  /** A weak match (far below the best ones): listed after every other hit, to be shown apart. */
  lessRelated: boolean;
  /** Bytes of the file at `path`. */
  size: number;
  /** Modification time of the file at `path`, in ms since the epoch. */
  modified: number;
  /** How many references in the repository's text files name this path. */
  refs: number;
}

/** A hit as ranked, before the tags that match the query are looked up for the page on show. */
export type RankedHit = Omit<SearchHit, 'tags'>;

export interface AssetRecord {
  path: string;
  hash: string;
  width: number | null;
  height: number | null;
  format: string | null;
  tags: Tag[];
  caption: string | null;
  palette: string[];
  /** Why the file could not be indexed, or null. */
  error: string | null;
  cloud: { state: CloudState; error: string | null };
}

export interface FailedFile {
  path: string;
  reason: string;
}

/** What one cloud tagging run did. */
export interface CloudRunSummary {
  /** Images for which at least one request went out. */
  sent: number;
  done: number;
  failed: number;
  blocked: number;
  /** Images whose every path matches a cloud exclude glob. */
  skipped: number;
  fromLedger: number;
  /** Images left alone because another live Asset Lens process (the CLI, the extension) is sending them. */
  claimedElsewhere: number;
  /** Images still without an answer after this run: over the cap, not sent because the run stopped, or no key. */
  waiting: number;
  /** Of `waiting`, the images left for a later run by maxImagesPerRun. */
  overCap: number;
  /** The model this run asked. */
  model: string;
  /** HTTP requests made (tries included). */
  requests: number;
  tokensIn: number;
  tokensOut: number;
  /** Why the run ended before every image had an answer, in one sentence; null when it did not. */
  stoppedReason: string | null;
  /** Why answers were kept in the index only and not written to the tag ledger; null when they were. */
  ledgerProblem: string | null;
  seconds: number;
}

/** What a reference scan of the text files did. */
export interface ReferenceScanSummary {
  /** Text files looked at (every candidate file on a full scan). */
  textFiles: number;
  /** Files whose bytes were read this run (new, or size or mtime changed). */
  read: number;
  /** Files whose references were extracted again (new or changed bytes). */
  extracted: number;
  removed: number;
  /** Binary or oversized files. */
  skipped: number;
  seconds: number;
}

export interface IndexSummary {
  files: number;
  new: number;
  changed: number;
  unchanged: number;
  removed: number;
  failed: FailedFile[];
  embedded: number;
  /** What BigBrain did this run; null when the cloud was off for it. */
  cloud: CloudRunSummary | null;
  /** Why the tag ledger was ignored or partly skipped, in one line; null when it was fine (or absent). */
  ledgerProblem: string | null;
  /** The reference scan of the text files; null when the run indexed only some images. */
  references: ReferenceScanSummary | null;
  /** Answers taken from the team ledger this run (free), whether the cloud was on or off. */
  fromLedger: number;
  seconds: number;
}

export interface IndexStatus {
  files: number;
  assets: number;
  tagged: number;
  pending: number;
  /** Files that could not be indexed plus images whose cloud tagging failed. */
  failed: number;
  /** Files that could not be indexed (unreadable, corrupt, too large). */
  failedFiles: number;
  blocked: number;
  indexBytes: number;
  model: string;
  cloud: {
    tokensIn: number;
    tokensOut: number;
    estimatedCostUsd: number;
    /** Images tagged, by the Gemini model that tagged them (ledger answers by the model named in the ledger). */
    byModel: Record<string, number>;
  };
}

export interface Progress {
  stage: 'scan' | 'index' | 'embed' | 'cloud';
  done: number;
  total: number;
  path?: string;
}
