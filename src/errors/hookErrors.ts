import { AmlError } from './AmlError.js';

/** Failures installing hooks, and refusals made by the installed hooks. */
export class HookConflictError extends AmlError {}
export class HookManagerNotReadyError extends AmlError {}
export class HookNotSupportedError extends AmlError {}
export class CommitOnHistoryBranchError extends AmlError {}
export class HistoryPushRefusedError extends AmlError {}
