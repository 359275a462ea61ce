import { SnapshotTooLargeError } from '../errors/runErrors.js';

export interface SizedFile {
  path: string;
  size: number;
}

const MB = 1024 * 1024;
export const fmtMb = (bytes: number) => (bytes < 100 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / MB).toFixed(1)} MB`);

/** Files under 1% of the largest are not worth naming: they are not what made the snapshot too big. */
const largestFloor = (files: SizedFile[]) => Math.max(...files.map((f) => f.size)) / 100;

/**
 * Refuses a snapshot whose new content is over `snapshotMb` in all, or has one file over `fileMb`
 * (Workbench refused projects over 25 MB). Names the largest files so the user knows what to ignore.
 */
export function checkSnapshotSize(files: SizedFile[], limits: { snapshotMb: number; fileMb: number }, configFile?: string): number {
  const total = files.reduce((s, f) => s + f.size, 0);
  const largest = [...files].sort((a, b) => b.size - a.size).slice(0, 5).filter((f, i) => i === 0 || f.size >= largestFloor(files));
  const tooBigFile = largest[0] && largest[0].size > limits.fileMb * MB ? largest[0] : undefined;
  if (total > limits.snapshotMb * MB || tooBigFile) {
    const what = tooBigFile
      ? `${tooBigFile.path} is ${fmtMb(tooBigFile.size)}, over the ${limits.fileMb} MB limit for one new file`
      : `the snapshot would add ${fmtMb(total)} of new content, over the ${limits.snapshotMb} MB limit`;
    const list = largest.map((f) => `  ${fmtMb(f.size).padStart(9)}  ${f.path}`).join('\n');
    throw new SnapshotTooLargeError(`Not running: ${what}.\nLargest new files:\n${list}`, {
      hint: `Add them to .amlignore (or .gitignore), track them with git lfs, or raise "limits" in ${configFile ?? 'a .gitamlrc.json file'}, e.g. {"limits": {"snapshotMb": 100, "fileMb": 100}}.`,
      data: { total, largest },
    });
  }
  return total;
}
