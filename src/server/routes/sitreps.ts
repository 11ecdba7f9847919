import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sitrepFullWire, sitrepWire } from '../../domain/records/sitrep.ts';
import { maxSitrepTextLength, sitrepFormats, sitrepLanguages, sitrepStates } from '../../domain/sitrep.ts';
import { listSitreps, readSitrep, type SitrepRenderer, sitrepReport } from '../../service/sitrep-reads.ts';
import { draftSitrep, editSitrep, refreshSitrep, releaseSitrep } from '../../service/sitreps.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { decodeCursor, encodeCursor, pagingQuery } from '../cursor.ts';

const code = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'expected a JCC code');
const isoTime = z.iso.datetime({ offset: true });
const audience = z
  .string()
  .regex(
    /^(org|partners|coalition|group:[a-z0-9][a-z0-9_-]{0,63})$/,
    'expected org, partners, coalition or group:<name>',
  );

const listQuery = z.object({ ...pagingQuery, jcc: code.optional(), state: z.enum(sitrepStates).optional() }).strict();
const cursorShape = z.object({ createdAt: z.string().max(40), id: z.string().max(40) }).strict();
const idParams = z.object({ id: z.uuid() });
const draftBody = z
  .object({
    jcc: code,
    audience: audience.optional().describe('who the report is for (default partners)'),
    period_from: isoTime.optional(),
    period_to: isoTime.optional(),
    corrects: z.uuid().optional().describe('the released report this one corrects'),
    correction_note: z.string().max(maxSitrepTextLength).optional().describe('what the correction corrects'),
  })
  .strict();
const editBody = z
  .object({
    assessment: z.string().max(maxSitrepTextLength).optional(),
    intentions: z.string().max(maxSitrepTextLength).optional(),
    version: z.number().int().min(1),
  })
  .strict();
const releaseBody = z.object({ version: z.number().int().min(1) }).strict();
const reportQuery = z
  .object({
    format: z.enum(sitrepFormats).default('html'),
    lang: z.enum(sitrepLanguages).default('en'),
    download: z.enum(['0', '1']).optional().describe('1: as a file to save'),
  })
  .strict();

const contentTypes = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
} as const;

const accessNote =
  'A draft is read by its originator organisation only; a released report by its audience (the originator, in the report’s JCC, released to `audience`). To anyone else it does not exist (404). Its figures were computed for its audience through the access policy: nothing one organisation of the audience may not see is counted.';

/** SITREP routes; `renderer` sets reports in their formats. */
export function sitrepRoutes(app: FastifyInstance, { store }: ServerContext, renderer: SitrepRenderer): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/sitreps',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'SITREPs you may see, newest first (without their figures)',
        description: `${accessNote} \`next_cursor\` (also given as \`next\`) is the cursor of the next page, or null.`,
        querystring: listQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const q = request.query;
      const page = await listSitreps(
        store,
        actorOf(request),
        { jcc: q.jcc, state: q.state },
        q.cursor ? decodeCursor(q.cursor, cursorShape) : null,
        q.limit,
      );
      const next = page.next && encodeCursor(page.next);
      return { items: page.items.map(sitrepWire), next_cursor: next, next };
    },
  );

  r.post(
    '/api/v1/sitreps',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'Draft a SITREP of a JCC for an audience (analyst or admin of a member organisation)',
        description:
          'The period defaults to the 24 hours up to the JCC’s latest drafting time (daily, 04:00 UTC unless set), the audience to `partners`. The report is numbered next in its JCC’s series; `next_due` is the period’s end plus its length. With `corrects` (a released report of your organisation) and `correction_note`, the draft is a correction of it.',
        body: draftBody,
      },
      onRequest: requireUser,
    },
    async (request, reply) =>
      reply.status(201).send(sitrepFullWire(await draftSitrep(store, actorOf(request), request.body))),
  );

  r.get(
    '/api/v1/sitreps/:id',
    {
      schema: { tags: ['sitreps'], summary: 'One SITREP with its figures', description: accessNote, params: idParams },
      onRequest: requireUser,
    },
    async (request) => sitrepFullWire(await readSitrep(store, actorOf(request), request.params.id)),
  );

  r.patch(
    '/api/v1/sitreps/:id',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'Edit the assessment and intentions of a draft (analyst or admin of the originator)',
        description: `The figures come from data and are not edited. A released report answers 409; a stale \`version\` answers 409. At most ${maxSitrepTextLength} characters each.`,
        params: idParams,
        body: editBody,
      },
      onRequest: requireUser,
    },
    async (request) => sitrepFullWire(await editSitrep(store, actorOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/v1/sitreps/:id/refresh',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'Recompute the figures of a draft as of now (analyst or admin of the originator)',
        params: idParams,
      },
      onRequest: requireUser,
    },
    async (request) => sitrepFullWire(await refreshSitrep(store, actorOf(request), request.params.id)),
  );

  r.post(
    '/api/v1/sitreps/:id/release',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'Release a draft to its audience (analyst or admin of the originator)',
        description:
          'Freezes the report as it is: its figures, text and its HTML and Markdown in every language, stored at release. It never changes again; a correction is a new report. A stale `version` answers 409.',
        params: idParams,
        body: releaseBody,
      },
      onRequest: requireUser,
    },
    async (request) =>
      sitrepFullWire(await releaseSitrep(store, actorOf(request), request.params.id, request.body.version, renderer)),
  );

  r.get(
    '/api/v1/sitreps/:id/report',
    {
      schema: {
        tags: ['sitreps'],
        summary: 'A SITREP set as HTML (printable), Markdown or PDF, in English, Arabic or Sorani',
        description:
          'A released report is the same bytes whenever fetched: HTML and Markdown stored at release, the PDF stored on its first request. A draft is set afresh each time. A PDF needs Chromium (Debian package `chromium`); without it the PDF answers an error naming the package, and HTML and Markdown still work.',
        params: idParams,
        querystring: reportQuery,
      },
      // The web app previews a report in a sandboxed frame of its own pages.
      config: { framedByApp: true },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const { format, lang, download } = request.query;
      const { sitrep, body } = await sitrepReport(store, actorOf(request), request.params.id, format, lang, renderer);
      void reply.header('content-type', contentTypes[format]);
      if (download === '1')
        void reply.header(
          'content-disposition',
          `attachment; filename="sitrep-${sitrep.jcc}-${sitrep.number}-${lang}.${format}"`,
        );
      return reply.send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    },
  );
}
