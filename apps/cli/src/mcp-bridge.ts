/**
 * `studio mcp`: MCP on stdin/stdout, relayed message by message to a studio's `/mcp` — so the
 * tools exist once, in the studio, and this is only a pipe. Each request from the client goes
 * out as its own Streamable HTTP exchange (the studio is stateless), and everything the studio
 * answers on it (progress notifications, then the result) comes back on stdout.
 *
 * What a pipe must add: a cancelled request closes its HTTP exchange, which aborts the tool in
 * the studio; and a request whose exchange fails (the studio stopped, refused the token, cannot
 * be reached) is answered here — a tool call with an `isError` result, anything else with a
 * JSON-RPC error — so the client never waits for an answer that cannot come.
 */
import type { Readable, Writable } from 'node:stream';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  ErrorCode,
  isInitializeRequest,
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  LATEST_PROTOCOL_VERSION,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { authHeaders, type Connection } from './client.js';

export interface BridgeOptions {
  connection: Connection;
  stdin: Readable;
  stdout: Writable;
  /** Diagnostics, never on stdout. */
  log(message: string): void;
  /** Stops the bridge as if stdin had ended. */
  signal?: AbortSignal;
}

type Failure = { code: 'UNAUTHORIZED' | 'STUDIO_UNREACHABLE'; message: string; fix: string };

function failureOf(error: unknown, url: string): Failure {
  const text = error instanceof Error ? error.message : String(error);
  const status = (error as { code?: unknown }).code;
  if (status === 401 || /\b401\b|unauthori[sz]ed/i.test(text)) {
    return {
      code: 'UNAUTHORIZED',
      message: `The studio at ${url} refused the token.`,
      fix: 'Set STUDIO_TOKEN (or --token) for `studio mcp` to the studio’s token.',
    };
  }
  return {
    code: 'STUDIO_UNREACHABLE',
    message: `The studio at ${url} stopped answering: ${text}`,
    fix: 'Check that the studio is running (its /healthz answers), then call again.',
  };
}

/** The answer to `request` when its exchange failed. */
function failureReply(request: JSONRPCRequest, failure: Failure): JSONRPCMessage {
  if (request.method === 'tools/call') {
    return {
      jsonrpc: '2.0',
      id: request.id,
      result: {
        // As the studio words its own errors: no structured content, the code as JSON text.
        content: [
          { type: 'text', text: `${failure.code}: ${failure.message}\nFix: ${failure.fix}` },
          { type: 'text', text: JSON.stringify({ error: failure }, null, 2) },
        ],
        isError: true,
      },
    };
  }
  return {
    jsonrpc: '2.0',
    id: request.id,
    error: { code: ErrorCode.InternalError, message: `${failure.code}: ${failure.message}` },
  };
}

/** Runs until stdin ends (or `signal` aborts). */
export async function runMcpBridge({
  connection,
  stdin,
  stdout,
  log,
  signal,
}: BridgeOptions): Promise<void> {
  const endpoint = new URL('/mcp', connection.url);
  const stdio = new StdioServerTransport(stdin, stdout);
  let protocolVersion: string | undefined;
  /** Open exchanges by request id: closing one aborts its HTTP request. */
  const open = new Map<RequestId, () => void>();

  const reply = (message: JSONRPCMessage) =>
    stdio.send(message).catch((error: unknown) => log(`cannot write to stdout: ${String(error)}`));

  function exchange(): StreamableHTTPClientTransport {
    const http = new StreamableHTTPClientTransport(endpoint, {
      requestInit: { headers: authHeaders(connection.token) },
    });
    if (protocolVersion) http.setProtocolVersion(protocolVersion);
    return http;
  }

  async function forwardRequest(request: JSONRPCRequest): Promise<void> {
    const http = exchange();
    let settled = false;
    const settle = (answer: JSONRPCMessage | null) => {
      if (settled) return;
      settled = true;
      open.delete(request.id);
      if (answer) void reply(answer);
      void http.close();
    };
    open.set(request.id, () => settle(null));
    http.onmessage = (message) => {
      const answers =
        (isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) &&
        message.id === request.id;
      if (!answers) {
        void reply(message);
        return;
      }
      if (isInitializeRequest(request) && isJSONRPCResultResponse(message)) {
        const version = message.result.protocolVersion;
        protocolVersion = typeof version === 'string' ? version : LATEST_PROTOCOL_VERSION;
      }
      settle(message);
    };
    // A broken stream (the studio died mid-call) surfaces here, not as an answer.
    http.onerror = (error) => {
      if (settled) return;
      log(`${request.method} failed: ${error.message}`);
      settle(failureReply(request, failureOf(error, connection.url)));
    };
    try {
      await http.start();
      await http.send(request);
    } catch (error) {
      if (!settled) settle(failureReply(request, failureOf(error, connection.url)));
    }
  }

  async function forwardNotification(message: JSONRPCMessage): Promise<void> {
    const http = exchange();
    http.onerror = () => {};
    try {
      await http.start();
      await http.send(message);
    } catch (error) {
      log(`could not relay a notification: ${String(error)}`);
    } finally {
      await http.close();
    }
  }

  stdio.onmessage = (message) => {
    if (isJSONRPCRequest(message)) {
      void forwardRequest(message);
    } else if (isJSONRPCNotification(message) && message.method === 'notifications/cancelled') {
      // The studio serves each request on its own exchange and keeps no sessions: closing the
      // exchange is what reaches the running tool (its signal aborts).
      const requestId = (message.params as { requestId?: RequestId } | undefined)?.requestId;
      if (requestId !== undefined) open.get(requestId)?.();
    } else {
      void forwardNotification(message);
    }
  };
  stdio.onerror = (error) => log(`stdin: ${error.message}`);

  const ended = new Promise<void>((resolve) => {
    stdin.once('end', resolve);
    stdin.once('close', resolve);
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await stdio.start();
  await ended;
  for (const close of [...open.values()]) close();
  await stdio.close();
}
