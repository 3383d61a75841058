import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, type ErrorCode } from '../domain/shared/errors.js';

// zod's default wording ("Invalid input: expected string, received undefined") is for developers.
z.config({
  customError: (issue) => {
    if (issue.code !== 'invalid_type') return undefined;
    if (issue.input === undefined) return 'is required';
    const expected = issue.expected === 'string' ? 'text' : issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`;
    return `should be ${expected}`;
  },
});

/** The one table from domain error codes to HTTP statuses. */
export const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  mfa_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: Record<string, string>;
  current?: unknown;
}

const fieldName = (path: string): string => path.replace(/^\//, '').replace(/\//g, '.') || 'body';

/** `spa` answers GETs outside /api with the web app's index.html, so the browser's router takes over. */
export function installErrorHandling(app: FastifyInstance, spa?: (reply: FastifyReply) => unknown): void {
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    if (error instanceof DomainError) {
      const body: ErrorBody = { code: error.code, message: error.message };
      if (error.fields) body.fields = error.fields;
      if (error.current !== undefined) body.current = error.current;
      if (error.retryAfterSeconds) void reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(statusOf[error.code]).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const issue of error.validation) {
        const name = fieldName(issue.instancePath);
        fields[name] ??= issue.message ?? 'is not valid';
      }
      const where = error.validationContext === 'querystring' || error.validationContext === 'params' ? 'in the address' : '';
      const first = Object.entries(fields)[0];
      const message = first
        ? `Please check ${first[0] === 'body' ? 'the request' : `“${first[0]}”`}${where ? ' ' + where : ''}: ${first[1]}`
        : 'The request was not valid.';
      return reply.status(400).send({ code: 'invalid', message, fields } satisfies ErrorBody);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.status(500).send({ code: 'unavailable', message: 'Something went wrong on our side. It has been logged.' });
    }
    const status = (error as FastifyError).statusCode;
    if (status === 413 || (error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit ?? 1024 * 1024;
      const message = `That is more than we accept in one request (${Math.round(limit / (1024 * 1024))} MB).`;
      return reply.status(413).send({ code: 'payload_too_large', message } satisfies ErrorBody);
    }
    if (status && status >= 400 && status < 500) {
      // Fastify's own client errors: bad JSON, wrong content type, and the like.
      const message =
        (error as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Send the request as JSON (content-type: application/json).'
          : (error as FastifyError).code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'The request body is empty; send a JSON object.'
            : /JSON/i.test(error.message)
              ? 'The request body is not valid JSON.'
              : error.message;
      return reply.status(status).send({ code: 'invalid', message } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({ code: 'unavailable', message: 'Something went wrong on our side. It has been logged; please try again.' });
  });

  app.setNotFoundHandler((request, reply) => {
    if (spa && request.method === 'GET' && !request.url.startsWith('/api/')) return spa(reply);
    return reply.status(404).send({ code: 'not_found', message: `There is no ${request.method} ${request.url.split('?')[0]} here.` } satisfies ErrorBody);
  });
}
