import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../domain/roles.ts';
import { listAudit, verifyAuditChain } from '../../service/audit.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';

const auditQuery = z
  .object({
    user: z.string().min(1).max(64).optional().describe('only entries made by this user (username)'),
    record: z.string().min(1).max(64).optional().describe('only entries about this record (its id)'),
    action: z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]+)*$/, 'an action such as incident.create, or a prefix such as incident')
      .max(64)
      .optional(),
    cursor: z.coerce.number().int().min(1).optional().describe('the `next` of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

function presentAuditEntry(e: Awaited<ReturnType<typeof listAudit>>[number]) {
  return {
    seq: e.seq,
    at: e.at,
    user: e.username,
    action: e.action,
    record_type: e.recordType,
    record_id: e.recordId,
    detail: e.detail === null ? null : (JSON.parse(e.detail) as unknown),
  };
}

/** The audit log, for administrators: what the users of their organisation did, and whether the chain holds. */
export function auditRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit entries made by users of your organisation, newest first (admin)',
        querystring: auditQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const actor = actorOf(request);
      requirePermission(actor.roles, 'user:write');
      const q = request.query;
      const entries = await listAudit(
        store,
        { username: q.user, action: q.action, recordId: q.record, actorOrg: actor.org, beforeSeq: q.cursor },
        q.limit + 1,
      );
      const page = entries.slice(0, q.limit);
      const next = entries.length > q.limit ? String(page[page.length - 1].seq) : null;
      return { items: page.map(presentAuditEntry), next };
    },
  );

  r.post(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recompute the whole audit chain of this site and say where it breaks, if it does (admin)',
        body: z.object({}).strict(),
      },
      onRequest: requireUser,
    },
    async (request) => {
      requirePermission(actorOf(request).roles, 'user:write');
      const check = await verifyAuditChain(store);
      return { entries: check.entries, intact: check.broken === null, broken: check.broken };
    },
  );
}
