/** One file-system change a plan makes; plans are lists of these, applied in order by applySteps. */
export type HookStep =
  /** Create the hooks folder (recorded, so uninstall removes it again if it is empty). */
  | { op: 'mkdir'; path: string }
  /** Write one of our hook scripts (a file that is ours, or none). */
  | { op: 'write'; path: string; content: string; mode: number }
  /** Move a hook aside so ours runs it first, or back where it was. */
  | { op: 'rename'; from: string; to: string }
  /** Edit a file someone else owns (husky's, lefthook's): its original bytes are kept for uninstall. */
  | { op: 'edit'; path: string; content: Buffer; mode: number }
  /** Put an edited file back: the original bytes and mode, or no file when we had created it. */
  | { op: 'restore'; path: string; bytes: Buffer | null; mode: number | null }
  | { op: 'remove'; path: string }
  /** Remove a folder we created, if it is empty. */
  | { op: 'rmdir'; path: string };
