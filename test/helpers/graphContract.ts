import { GROUP, SP, USERS } from './azureDirectory.js';
import type { PeerCall, Reply } from './azurePeer.js';

export interface GraphState {
  /** The signed-in account may not read the directory: every call gets 403 Authorization_RequestDenied. */
  denied: boolean;
}

const literal = "'((?:[^']|'')*)'";
const unquote = (s: string) => s.replace(/''/g, "'");
const bad = (c: PeerCall, why: string): Reply => ({ status: 400, body: { error: { code: 'BadRequest', message: why } }, unexpected: `graph ${c.method} ${c.path}: ${why}` });

/** Microsoft Graph v1.0 users / servicePrincipals / directoryObjects/getByIds, as far as git-aml uses them. */
export function graphRoutes(g: GraphState, c: PeerCall): Reply {
  if (g.denied) return { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } };
  const filter = c.query.$filter ?? '';
  const select = c.query.$select;
  if (c.method === 'GET' && c.path === '/v1.0/users') {
    if (select !== 'id,displayName,userPrincipalName,mail') return bad(c, `$select ${select}`);
    const m = new RegExp(`^(userPrincipalName|mail) eq ${literal}$`).exec(filter);
    if (!m) return bad(c, `$filter ${filter}`);
    const want = unquote(m[2]).toLowerCase();
    const value = Object.values(USERS).filter((u) => (m[1] === 'mail' ? u.mail : u.userPrincipalName)?.toLowerCase() === want);
    return { status: 200, body: { '@odata.context': 'https://graph/v1.0/$metadata#users', value } };
  }
  if (c.method === 'GET' && c.path === '/v1.0/servicePrincipals') {
    if (select !== 'id,displayName,appId') return bad(c, `$select ${select}`);
    const byNames = new RegExp(`^servicePrincipalNames/any\\(c:c eq ${literal}\\)$`).exec(filter);
    const byDisplay = new RegExp(`^displayName eq ${literal}$`).exec(filter);
    if (!byNames && !byDisplay) return bad(c, `$filter ${filter}`);
    const hit = byNames ? SP.servicePrincipalNames.includes(unquote(byNames[1])) : SP.displayName === unquote(byDisplay![1]);
    return { status: 200, body: { value: hit ? [{ id: SP.id, displayName: SP.displayName, appId: SP.appId }] : [] } };
  }
  if (c.method === 'POST' && c.path === '/v1.0/directoryObjects/getByIds') {
    const b = c.body as { ids?: unknown; types?: unknown };
    if (!Array.isArray(b?.ids) || !b.ids.every((x) => typeof x === 'string') || b.ids.length > 1000) return bad(c, 'ids must be an array of up to 1000 strings');
    if (b.types !== undefined && (!Array.isArray(b.types) || b.types.some((t) => !['user', 'group', 'servicePrincipal'].includes(t)))) return bad(c, `types ${JSON.stringify(b.types)}`);
    const objects = [
      ...Object.values(USERS).map((u) => ({ '@odata.type': '#microsoft.graph.user', ...u })),
      { '@odata.type': '#microsoft.graph.servicePrincipal', id: SP.id, displayName: SP.displayName, appId: SP.appId },
      { '@odata.type': '#microsoft.graph.group', ...GROUP },
    ];
    return { status: 200, body: { value: objects.filter((o) => (b.ids as string[]).includes(o.id)) } };
  }
  return { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: `No route ${c.method} ${c.path}` } }, unexpected: `unexpected Graph call ${c.method} ${c.path}` };
}
