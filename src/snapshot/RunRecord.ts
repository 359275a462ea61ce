export type RunStatus = 'Completed' | 'Failed' | 'Canceled' | 'Interrupted';
export const RUN_STATUSES: readonly RunStatus[] = ['Completed', 'Failed', 'Canceled', 'Interrupted'];

/** One run, as stored in its commit message and as `history list --json` prints it (DESIGN.md). */
export interface RunRecord {
  id: string;
  number: number;
  status: RunStatus;
  exitCode: number | null;
  signal: string | null;
  script: string;
  args: string[];
  command: string[];
  runConfig: string | null;
  description: string | null;
  user: { name: string; email: string };
  host: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  /** The run commit; not stored in the message (a commit cannot name itself), filled in when read. */
  commit: string;
  tree: string;
  baseCommit: string;
  baseBranch: string | null;
  dirty: boolean;
  metrics: Record<string, unknown>;
  /** Whether the remote's history branch contains the run; filled in when read. */
  pushed: boolean;
  /** What was stored beside the snapshot: the artifacts commit (second parent) and what it holds. */
  artifacts: {
    commit: string | null;
    logBytes: number;
    logTruncated: boolean;
    outputs: string[];
    outputsLeftOut: string[];
  };
  /** Untracked secret-looking files that were not snapshotted. */
  leftOut: string[];
}

/** What is known when a run starts; the rest is filled when it ends. */
export type RunStart = Omit<RunRecord, 'status' | 'exitCode' | 'signal' | 'endedAt' | 'durationMs' | 'commit' | 'pushed' | 'metrics' | 'artifacts'>;
