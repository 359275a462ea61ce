import { isAmlError } from '../errors/AmlError.js';
import { AuthorizationFailedError, AzureRequestError, NotSignedInError, ScopeNotFoundError } from '../errors/shareErrors.js';

export interface AzureCallContext {
  scope: string;
  action: 'grant' | 'list' | 'revoke';
  /** The az line an Owner could run instead (for the 403 hint). */
  az?: string;
  tenant?: string;
}

interface RestErrorLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  request?: { url?: string };
  errors?: { name?: string; message?: string }[];
}

// @azure/identity's errors when no credential in the chain can give a token (checked by name: the classes
// live in a module loaded lazily, and name checks survive duplicate copies of the package).
const SIGN_IN_ERRORS = ['AggregateAuthenticationError', 'CredentialUnavailableError', 'AuthenticationRequiredError', 'AuthenticationError'];

/** The first line of each credential's reason; never anything from a response body or a token. */
function signInReason(e: RestErrorLike): string {
  const parts = (e.errors?.length ? e.errors : [e]).map((x) => `${x.name ?? 'Error'}: ${(x.message ?? '').split('\n')[0]}`);
  const text = parts.join('; ');
  return text.length > 300 ? text.slice(0, 297) + '...' : text;
}

/** Turns what @azure/identity and the REST pipeline throw into the toolkit's errors, with a hint to act on. */
export function azureError(err: unknown, ctx: AzureCallContext): unknown {
  if (isAmlError(err)) return err;
  const e = err as RestErrorLike;
  const login = `az login${ctx.tenant ? ` --tenant ${ctx.tenant}` : ''}`;
  if (e && SIGN_IN_ERRORS.includes(e.name ?? '')) {
    return new NotSignedInError(`Not signed in to Azure: no credential could get a token (${signInReason(e)}).`, { hint: login });
  }
  if (e?.name !== 'RestError') return err;
  const host = (() => {
    try {
      return new URL(e.request?.url ?? '').host;
    } catch {
      return 'Azure';
    }
  })();
  const what = `${host} answered ${e.statusCode ?? 'nothing'}${e.code ? ` ${e.code}` : ''}`;
  if (e.statusCode === undefined) {
    return new AzureRequestError(`Could not reach ${host}: ${e.message}`, {
      hint: 'Check AML_ARM_ENDPOINT / AML_GRAPH_ENDPOINT (or azure.armEndpoint / azure.graphEndpoint) and your network, then run the command again.',
      data: { code: e.code },
    });
  }
  if (e.statusCode === 401) {
    return new NotSignedInError(`Azure refused the sign-in token (${what}); it may have expired or be for another tenant.`, { hint: login, data: { status: 401, code: e.code } });
  }
  if (e.statusCode === 403) {
    if (ctx.action === 'list') {
      return new AuthorizationFailedError(`Reading role assignments at ${ctx.scope} needs at least Reader there or above (${what}).`, {
        hint: `Ask an Owner of that scope to run: az role assignment create --assignee <your address> --role Reader --scope ${ctx.scope}`,
        data: { status: 403, code: e.code, scope: ctx.scope },
      });
    }
    return new AuthorizationFailedError(
      `${ctx.action === 'grant' ? 'Granting' : 'Removing'} a role at ${ctx.scope} needs Owner or User Access Administrator at that scope or above, and the signed-in account has neither (${what}).`,
      {
        hint: ctx.az ? `Ask an Owner or User Access Administrator of that scope to run: ${ctx.az}` : `${login}   # as an account that is Owner or User Access Administrator at ${ctx.scope}`,
        data: { status: 403, code: e.code, scope: ctx.scope },
      },
    );
  }
  if (e.statusCode === 404) {
    return new ScopeNotFoundError(`There is no Azure resource at ${ctx.scope} (${what}).`, {
      hint: `Check the names under "azure" in your git-aml config, or look the resource up: az resource show --ids ${ctx.scope}`,
      data: { status: 404, code: e.code, scope: ctx.scope },
    });
  }
  return new AzureRequestError(`${what}: ${(e.message ?? '').split('\n')[0]}`, {
    hint: 'Run the command again; if it keeps failing, compare with: az role assignment list --scope ' + ctx.scope,
    data: { status: e.statusCode, code: e.code },
  });
}

/** Runs Azure calls and rethrows their failures as toolkit errors. */
export async function withAzureErrors<T>(ctx: AzureCallContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw azureError(e, ctx);
  }
}
