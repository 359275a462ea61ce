/** The project's settings. Every key is optional in the file; `withDefaults` fills the rest. */
export interface AmlConfig {
  /** Human name of the project: used in run ids and commit subjects. Default: the repo folder's name. */
  name?: string;
  /** Stable id of the project. Default: derived from the repository's root commit (see projectId.ts). */
  projectId?: string;
  /** Run-history branch, `{projectId}` is replaced. Default: AzureMLHistory/{projectId}. */
  historyBranch: string;
  /** Remote that runs are pushed to and fetched from. */
  remote: string;
  /** Push runs after recording them. */
  push: boolean;
  limits: {
    /** Refuse a snapshot whose new (not yet committed) content is over this many MB. */
    snapshotMb: number;
    /** Refuse a snapshot with a single new file over this many MB. */
    fileMb: number;
    /** Keep at most this many MB of a run's log (the tail). */
    logMb: number;
    /** Store at most this many MB of a run's outputs/. */
    outputsMb: number;
  };
  /** Interpreter per file extension, e.g. {".py": "python3"}. Merged over the built-in table. */
  interpreters: Record<string, string>;
  /** Add an `Aml-Run:` trailer to commits whose tree is a run's snapshot (hooks). */
  runTrailer: boolean;
  /** Settings used by `git aml share` and `git aml projects`; validated there. */
  azure?: Record<string, unknown>;
  /** The file the settings came from, if any. */
  filepath?: string;
}

export const DEFAULT_CONFIG: AmlConfig = {
  historyBranch: 'AzureMLHistory/{projectId}',
  remote: 'origin',
  push: true,
  limits: { snapshotMb: 25, fileMb: 50, logMb: 10, outputsMb: 100 },
  interpreters: {},
  runTrailer: true,
};
