import { AmlError, UsageError } from './AmlError.js';

/** Failures listing or downloading the workspace's projects. */
export class NoWorkspaceError extends AmlError {}
export class InvalidWorkspaceIdError extends UsageError {}
export class AzureAuthError extends AmlError {}
export class ArmRequestError extends AmlError {}
export class ProjectNotFoundError extends AmlError {}
