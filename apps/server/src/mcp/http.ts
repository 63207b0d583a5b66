/**
 * `/mcp`: the MCP server over Streamable HTTP, stateless — a new server and transport for each
 * POST, as the SDK recommends for a server that keeps no per-client state. Responses stream as
 * SSE, so progress notifications reach the caller while a tool works; when the caller goes away
 * (a cancelled call, a closed connection) the transport closes and the tool's signal aborts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Context } from '../context.js';
import { readBody, sendJson } from '../http/respond.js';
import { MAX_SCRIPT_BYTES } from '../sessions/script.js';
import { createMcpServer } from './mcp-server.js';

/** A script travels inside JSON-RPC: escapes make the body larger than the script. */
const MAX_BODY_BYTES = 2 * MAX_SCRIPT_BYTES;

function jsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, { jsonrpc: '2.0', error: { code, message }, id: null });
}

/** The origin the caller reached the studio at: links in results point there. */
function originOf(req: IncomingMessage): string {
  const secure = (req.socket as TLSSocket).encrypted === true;
  return `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

export async function serveMcp(
  req: IncomingMessage,
  res: ServerResponse,
  context: Context,
): Promise<void> {
  if (req.method !== 'POST') {
    // Stateless: no standalone notification stream, no session to delete.
    res.setHeader('Allow', 'POST');
    return jsonRpcError(res, 405, -32000, 'Method not allowed: POST JSON-RPC messages to /mcp.');
  }
  const text = await readBody(req, MAX_BODY_BYTES);
  if (text === null) return jsonRpcError(res, 413, -32600, 'Request body too large.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return jsonRpcError(res, 400, -32700, 'Parse error: the body is not JSON.');
  }

  const server = createMcpServer(context, { origin: originOf(req) });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}
