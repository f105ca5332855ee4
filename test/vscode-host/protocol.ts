// What the Node-side runner and the suite inside the extension host tell each other, as JSON files.
// The runner writes a SuiteConfig and names it in ASSET_LENS_SUITE_CONFIG (code-server passes its
// environment on to the extension host); the suite writes a SuiteReport to config.reportPath.

export const SUITE_CONFIG_ENV = 'ASSET_LENS_SUITE_CONFIG';

export interface SuiteImage {
  /** POSIX path relative to the workspace folder. */
  path: string;
  /** The tone key and colour name the Gemini stand-in derives from this image's pixels. */
  toneKey: string;
  colour: string;
}

export interface SuiteConfig {
  /** Which test files to run, by name without extension (e.g. "commands.test"). */
  files: string[];
  reportPath: string;
  /** GET returns the Gemini stand-in's requests so far (StandinRequestSummary[]). */
  standinRequestsUrl: string;
  /** GET: StandinHold now; POST …/hold, …/release?count=N, …/resume: hold answers back, let N go, stop holding. */
  standinControlUrl: string;
  images: SuiteImage[];
  /** The command ids package.json contributes. */
  contributedCommands: string[];
  extensionId: string;
}

export interface StandinRequestSummary {
  kind: string;
  imageKey: string;
  status: number;
  /** The model named in the request's URL. */
  model: string;
}

export interface StandinHold {
  /** Whether new requests are held. */
  holding: boolean;
  /** Requests received and not answered yet. */
  held: number;
}

export interface ReportedTest {
  /** Titles of the enclosing describe blocks and the test, outermost first. */
  titlePath: string[];
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: { message: string; stack?: string };
}

export interface SuiteReport {
  tests: ReportedTest[];
  /** Hook failures and other errors outside a test. */
  failures: number;
  durationMs: number;
}
