import { AmlError, UsageError } from './AmlError.js';

/** Failures making a project with `git aml init`. */
export class InvalidProjectNameError extends UsageError {}
export class UnknownTemplateError extends UsageError {}
export class FolderNotEmptyError extends AmlError {}
export class RemoteUnreachableError extends AmlError {}
export class RemoteHasMasterError extends AmlError {}
export class OriginConflictError extends AmlError {}
export class InitPushFailedError extends AmlError {}
