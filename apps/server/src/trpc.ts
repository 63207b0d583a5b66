/** The tRPC instance: superjson, the error shape the clients rely on, the base procedure. */
import { initTRPC, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { Diagnostic } from '@studio/els';
import superjson from 'superjson';
import { z } from 'zod';
import type { Context } from './context.js';
import { domainCodeOf, StudioError, toTRPCError, type DomainErrorCode } from './errors.js';

/** zod's `flattenError` shape, keyed by the whole path (`overrides.stability`), not its first step. */
export interface FieldErrors {
  formErrors: string[];
  fieldErrors: Record<string, string[]>;
}

/** The `data` of every error the API sends; clients read it from `TRPCClientError<AppRouter>`. */
export interface ApiErrorData {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  path: string | undefined;
  /** The literal code of a domain error; null for input and unexpected errors. */
  domainCode: DomainErrorCode | null;
  /** Input validation failures per field. */
  zod: FieldErrors | null;
  /** The script's diagnostics, with `INVALID_SCRIPT`. */
  diagnostics: Diagnostic[] | null;
}

function flattenIssues(error: z.ZodError): FieldErrors {
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (issue.path.length === 0) formErrors.push(issue.message);
    else (fieldErrors[issue.path.join('.')] ??= []).push(issue.message);
  }
  return { formErrors, fieldErrors };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Stack traces stay in the logs.
  isDev: false,
  sse: {
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 40_000 },
  },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const data: ApiErrorData = {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      path: shape.data.path,
      domainCode: domainCodeOf(cause) ?? null,
      zod: cause instanceof z.ZodError && !internal ? flattenIssues(cause) : null,
      diagnostics: cause instanceof StudioError ? (cause.diagnostics ?? null) : null,
    };
    return {
      ...shape,
      // An unexpected error's message may carry anything (an upstream body, a path): keep it in the log.
      message: internal ? 'Internal server error' : shape.message,
      data,
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors thrown by the plain functions become tRPC errors of the right HTTP class. */
export const procedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped !== result.error.cause) throw mapped;
  }
  return result;
});
