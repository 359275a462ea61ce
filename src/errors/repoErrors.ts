import { AmlError } from './AmlError.js';

/** Failures in finding or reading the repository and git itself. */
export class GitNotFoundError extends AmlError {}
export class GitTooOldError extends AmlError {}
export class NotAGitRepoError extends AmlError {}
export class BareRepoError extends AmlError {}
export class NoCommitsError extends AmlError {}
export class GitCommandError extends AmlError {}
export class ConfigInvalidError extends AmlError {}
