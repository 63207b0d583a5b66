/** `studio mcp`: the studio's MCP server on stdin/stdout, for agents that launch their tools. */
import { runMcpBridge } from '../mcp-bridge.js';
import type { CommandContext } from './context.js';

export async function mcpCommand({ connection, out }: CommandContext): Promise<number> {
  out.note(`studio mcp: relaying MCP on stdin/stdout to ${new URL('/mcp', connection.url).href}`);
  // A client stopping us by signal (after closing stdin) still lets a private studio be stopped.
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    await runMcpBridge({
      connection,
      stdin: process.stdin,
      stdout: process.stdout,
      log: (message) => out.note(`studio mcp: ${message}`),
      signal: stop.signal,
    });
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
  return 0;
}
