import { AmlError } from './AmlError.js';

/** Failures reading or using the run history. */
export class EmptyHistoryError extends AmlError {}
export class RunNotFoundError extends AmlError {}
export class AmbiguousRunRefError extends AmlError {}
export class UncommittedWorkError extends AmlError {}
export class TargetExistsError extends AmlError {}
export class UnsafePathError extends AmlError {}
export class MalformedRecordError extends AmlError {}
export class HistoryWriteError extends AmlError {}
export class HistoryBranchConflictError extends AmlError {}
export class HistoryBranchCheckedOutError extends AmlError {}
