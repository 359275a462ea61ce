import { AmlError } from './AmlError.js';

/** Failures talking to a remote or bringing a project down from one. None of them drops a locally recorded run. */
export class CloneFailedError extends AmlError {}
export class TargetNotEmptyError extends AmlError {}
export class NoSuchRemoteError extends AmlError {}
export class RemoteUnreachableError extends AmlError {}
export class RemoteAuthError extends AmlError {}
/** The remote's history branch no longer contains runs it had: someone force-pushed or reset it. */
export class RemoteHistoryRewrittenError extends AmlError {}
/** The server refused the push for a reason retrying cannot fix (a hook, permissions, a protected branch). */
export class PushRejectedError extends AmlError {}
/** Teammates kept moving the branch through every retry. */
export class PushContentionError extends AmlError {}
/** git-lfs could not upload the large files a run's snapshot points to; the run branch was not pushed without them. */
export class LfsUploadError extends AmlError {}
