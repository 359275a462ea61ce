import { AmlError } from './AmlError.js';

/** Failures talking to a remote or bringing a project down from one. */
export class CloneFailedError extends AmlError {}
export class TargetNotEmptyError extends AmlError {}
