import { AmlError } from './AmlError.js';

/** Failures of `git aml share`, `share --list` and `unshare`. */
export class AzureSettingMissingError extends AmlError {}
export class ScopeNotAvailableError extends AmlError {}
export class NotSignedInError extends AmlError {}
export class AssigneeNotFoundError extends AmlError {}
export class AmbiguousAssigneeError extends AmlError {}
export class DirectoryReadDeniedError extends AmlError {}
export class RoleNotFoundError extends AmlError {}
export class AmbiguousRoleError extends AmlError {}
export class AuthorizationFailedError extends AmlError {}
export class ScopeNotFoundError extends AmlError {}
export class InheritedAssignmentError extends AmlError {}
export class AzureRequestError extends AmlError {}
