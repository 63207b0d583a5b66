/**
 * What every tool works with — the typed procedures through `createCaller`, so each rule runs in
 * one place for the web app, the CLI and agents alike — and the one way tools are registered:
 * any failure becomes an `isError` result with its code and fix, never a protocol error.
 */
import type { McpServer, ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type {
  ShapeOutput,
  ZodRawShapeCompat,
} from '@modelcontextprotocol/sdk/server/zod-compat.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type {
  CallToolResult,
  ServerNotification,
  ServerRequest,
  ToolAnnotations,
} from '@modelcontextprotocol/sdk/types.js';
import type { Context } from '../context.js';
import { appRouter } from '../router/index.js';
import type { SessionView } from '../sessions/views.js';
import { createCallerFactory } from '../trpc.js';
import type { Links } from './shapes.js';
import { failureResult, toFailure } from './tool-result.js';

const createCaller = createCallerFactory(appRouter);
export type StudioCaller = ReturnType<typeof createCaller>;

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface ToolContext {
  caller: StudioCaller;
  services: Context;
  links: Links;
  /** A session id or unique prefix, to the session as the API shows it (`sessions.resolve`). */
  session(ref: string): Promise<SessionView>;
}

export function createToolContext(services: Context, links: Links): ToolContext {
  const caller = createCaller(services);
  return {
    caller,
    services,
    links,
    async session(ref) {
      const { sessionId } = await caller.sessions.resolve({ session: ref });
      return caller.sessions.get({ sessionId });
    },
  };
}

/** Sends `notifications/progress` when the caller asked for it (sent a progress token). */
export function progressOf(
  extra: ToolExtra,
): (progress: number, total: number, message: string) => Promise<void> {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return async () => {};
  return async (progress, total, message) => {
    await extra.sendNotification({
      method: 'notifications/progress',
      params: { progressToken, progress, total, message },
    });
  };
}

export interface ToolSpec<In extends ZodRawShapeCompat, Out extends ZodRawShapeCompat> {
  title: string;
  description: string;
  input: In;
  output: Out;
  annotations?: ToolAnnotations;
}

export function defineTool<In extends ZodRawShapeCompat, Out extends ZodRawShapeCompat>(
  server: McpServer,
  context: ToolContext,
  name: string,
  spec: ToolSpec<In, Out>,
  handler: (
    args: ShapeOutput<In>,
    extra: ToolExtra,
    context: ToolContext,
  ) => Promise<CallToolResult>,
): void {
  const call = async (args: ShapeOutput<In>, extra: ToolExtra): Promise<CallToolResult> => {
    try {
      return await handler(args, extra, context);
    } catch (error) {
      const failure = toFailure(error);
      if (failure.code === 'INTERNAL') {
        context.services.log.error({ err: error, tool: name }, 'tool failed');
      }
      return failureResult(failure);
    }
  };
  server.registerTool(
    name,
    {
      title: spec.title,
      description: spec.description,
      inputSchema: spec.input,
      outputSchema: spec.output,
      ...(spec.annotations ? { annotations: spec.annotations } : {}),
    },
    // TypeScript cannot resolve the SDK's conditional callback type for a generic shape.
    call as ToolCallback<In>,
  );
}
