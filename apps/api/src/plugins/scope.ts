/**
 * Region scope, declared by each route in its own file beside its role (plugins/guard.ts):
 * `preHandler: app.regionScope(kind)` says how a user limited to a region is kept to its subtree.
 *
 * - `query`: the `region` filter is narrowed to the user's subtree (403 if it lies outside);
 * - `report` / `agency`: the object of `:id` (and an agency's `from`) must lie in it, else 404 as if
 *   absent; a report's findings name no agency outside it (peer-redaction.ts); routes that list
 *   findings in other shapes (the findings list, notices, the ledger) pass them through
 *   `app.withholdPeers(request, items)`;
 * - `regions`: the region tree answered is pruned to the subtree;
 * - `import`: the ingest refuses reports of agencies outside it;
 * - `route`: the handler applies `request.auth.region` itself;
 * - `none`: nothing regional.
 *
 * The checks run after validation, on the parsed params and query.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { clampRegion, inScope, subtreeRange } from '@nianbao/db';
import fp from 'fastify-plugin';
import { ApiError, notFound } from '../errors';
import { declaredBy, declaring, type Declaring, type ScopeKind } from './guard';
import { peerIdsOf, redactPeers, type PeerFinding } from './peer-redaction';

declare module 'fastify' {
  interface FastifyInstance {
    /** The route's region scope (`preHandler: app.regionScope('report')`). */
    regionScope(kind: ScopeKind): Declaring;
    /**
     * Findings (or notice and ledger items) as the request's user may read them: a copy from an
     * agency outside a scoped user's region is told without that agency's name.
     */
    withholdPeers<T extends PeerFinding>(request: FastifyRequest, findings: T[]): Promise<T[]>;
  }
}

export default fp(
  async function scope(app: FastifyInstance) {
    const { accounts } = app;

    const check = async (kind: ScopeKind, request: FastifyRequest) => {
      const scope = request.auth?.region;
      if (!scope) return;
      const params = (request.params ?? {}) as Record<string, unknown>;
      const id = Number(params.id);
      switch (kind) {
        case 'query': {
          const query = request.query as Record<string, unknown>;
          const region = clampRegion(typeof query.region === 'string' ? query.region : undefined, scope);
          if (region === null) throw new ApiError(403, 'out-of-scope', `没有权限：只能查看本地区（${scope}）的数据`);
          query.region = region;
          return;
        }
        case 'report':
          if (!inScope(await accounts.reportRegion(id), scope)) throw notFound(`未找到编号为 ${params.id} 的报告`);
          return;
        case 'agency': {
          if (!inScope(await accounts.agencyRegion(id), scope)) throw notFound(`未找到编号为 ${params.id} 的机关`);
          const from = (request.body as Record<string, unknown> | undefined)?.from;
          if (from !== undefined && !inScope(await accounts.agencyRegion(Number(from)), scope))
            throw notFound(`未找到编号为 ${from} 的机关`);
          return;
        }
        default: // none, route, regions, import: nothing to check before the handler
          return;
      }
    };
    app.decorate('regionScope', (kind: ScopeKind) => declaring({ scope: kind }, async (request) => check(kind, request)));

    // ── what a scoped user is answered: the region tree pruned, a report's peers outside it withheld ──
    const prunedTree = async (request: FastifyRequest, _reply: unknown, payload: unknown) => {
      const scope = request.auth?.region;
      const body = payload as { items?: RegionTreeNode[] };
      if (!scope || !Array.isArray(body?.items)) return payload;
      return { ...body, items: pruneTree(body.items, scope) };
    };
    const withholdPeers = async <T extends PeerFinding>(request: FastifyRequest, findings: T[]): Promise<T[]> => {
      const scope = request.auth?.region;
      if (!scope) return findings;
      const visible = new Set<number>();
      for (const id of peerIdsOf(findings)) if (inScope(await accounts.reportRegion(id), scope)) visible.add(id);
      return redactPeers(findings, (id) => visible.has(id));
    };
    app.decorate('withholdPeers', withholdPeers);
    const peersWithheld = async (request: FastifyRequest, _reply: unknown, payload: unknown) => {
      const body = payload as { findings?: PeerFinding[] };
      if (!request.auth?.region || !Array.isArray(body?.findings)) return payload;
      return { ...body, findings: await withholdPeers(request, body.findings) };
    };
    app.addHook('onRoute', (route: RouteOptions) => {
      const rewrite = { regions: prunedTree, report: peersWithheld }[declaredBy(route).scope as string];
      if (rewrite) route.preSerialization = [[route.preSerialization ?? []].flat(), rewrite].flat() as RouteOptions['preSerialization'];
    });
  },
  { name: 'scope', dependencies: ['session', 'guard'] },
);

interface RegionTreeNode {
  code: string;
  agencies: number;
  children: RegionTreeNode[];
}

/** The nodes inside `scope`, and the ancestors leading to them with counts of what is kept. */
export function pruneTree<T extends RegionTreeNode>(nodes: T[], scope: string): T[] {
  const [slo, shi] = subtreeRange(scope);
  const out: T[] = [];
  for (const n of nodes) {
    if (inScope(n.code, scope)) out.push(n);
    else {
      const [lo, hi] = subtreeRange(n.code);
      if (slo >= lo && shi <= hi) {
        const children = pruneTree(n.children as T[], scope);
        if (children.length)
          out.push({ ...n, children, agencies: children.reduce((s, c) => s + c.agencies, 0) });
      }
    }
  }
  return out;
}
