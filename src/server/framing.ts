import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route answers a page the web app shows inside itself (the SITREP preview, in a sandboxed frame): Seam's
     * own pages may frame it, and nothing else. Every other answer may be framed by no one.
     */
    framedByApp?: boolean;
  }
}

/** True when the request's route may be framed by Seam's own pages. */
export function framedByApp(request: FastifyRequest): boolean {
  return request.routeOptions.config?.framedByApp === true;
}
