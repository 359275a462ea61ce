/** A role assignment as ARM reports it (the fields git-aml reads). */
export interface RoleAssignment {
  id: string;
  name: string;
  scope: string;
  roleDefinitionId: string;
  principalId: string;
  principalType?: string;
}

/** A role definition as ARM reports it. */
export interface RoleDefinition {
  id: string;
  name: string;
  roleName: string;
  roleType?: string;
}

export interface NewAssignment {
  roleDefinitionId: string;
  principalId: string;
  principalType?: string;
}

/**
 * The ARM Microsoft.Authorization calls git-aml makes. Core code takes this as an argument so the
 * credential and HTTP client are chosen by the caller (createArmRoles in production). Failures are
 * thrown as @azure/core-rest-pipeline RestErrors, carrying ARM's status and error code.
 */
export interface ArmRoles {
  /** PUT the assignment; resolves with the HTTP status ARM answered (201 created, 200 already there). */
  createAssignment(scope: string, name: string, body: NewAssignment): Promise<number>;
  /** GET the assignments at a scope, with ARM's $filter (e.g. "atScope()" for at-or-above). */
  listAssignments(scope: string, filter?: string): Promise<RoleAssignment[]>;
  /** DELETE an assignment by its full id. */
  deleteAssignment(id: string): Promise<void>;
  /** GET the role definitions assignable at a scope, with ARM's $filter (e.g. "roleName eq 'Reader'"). */
  listRoleDefinitions(scope: string, filter?: string): Promise<RoleDefinition[]>;
}
