import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type FieldIssue, SeamError } from '../domain/errors.ts';

/** Converts anything thrown while handling a request into a SeamError, never leaking internals. */
export function toSeamError(err: unknown): SeamError {
  if (err instanceof SeamError) return err;
  const e = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(e)) {
    const part = e.validationContext === 'querystring' ? 'query' : (e.validationContext ?? 'body');
    const issues: FieldIssue[] = e.validation.flatMap((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      if (v.keyword === 'unrecognized_keys') {
        const keys = (v.params as { keys?: string[] }).keys ?? [];
        return keys.map((k) => ({ field: path ? `${path}.${k}` : k, reason: 'unknown field' }));
      }
      return [{ field: path || '(whole)', reason: v.message ?? 'invalid' }];
    });
    const message = issues.map((i) => `${part}.${i.field}: ${i.reason}`).join('; ');
    return new SeamError('validation', message, issues);
  }
  if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new SeamError('payload_too_large', 'request body is too large');
  if (e?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new SeamError('bad_request', 'send the body as application/json');
  if (e?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new SeamError('bad_request', 'the JSON body is empty');
  if (e?.statusCode === 400 && e instanceof SyntaxError)
    return new SeamError('bad_request', 'the body is not valid JSON');
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new SeamError('bad_request', e.message);
  return new SeamError('internal', 'internal error; the server log has the details under this request id');
}

/** The one error handler: every error answers with its stable code, its status and a message. */
export function handleError(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const e = toSeamError(err);
  if (e.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ code: e.code, message: e.message }, 'request refused');
  void reply.status(e.status).send({
    error: { code: e.code, message: e.message, issues: e.issues.length ? e.issues : undefined, request_id: request.id },
  });
}
