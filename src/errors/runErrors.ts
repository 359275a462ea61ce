import { AmlError } from './AmlError.js';

/** Failures before or around running a script. */
export class ScriptNotFoundError extends AmlError {}
export class ScriptNotRunnableError extends AmlError {}
export class InterpreterNotFoundError extends AmlError {}
export class SnapshotTooLargeError extends AmlError {}
export class RunConfigError extends AmlError {}
export class RunConfigNotFoundError extends AmlError {}
export class RunTargetNotSupportedError extends AmlError {}
