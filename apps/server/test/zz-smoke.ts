import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createTestStudio } from '/work/wt/mcp/apps/server/test/support/studio.js';
const t0 = Date.now();
const test = await createTestStudio({ env: { STUDIO_TOKEN: 'studio-token-0123456789-abcdef', LOG_LEVEL: 'debug' } });
const url = await test.studio.start();
console.log('start', Date.now() - t0, url);
const client = new Client({ name: 'x', version: '1' });
await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', url), { requestInit: { headers: { Authorization: 'Bearer studio-token-0123456789-abcdef' } } }));
for (let i = 0; i < 15; i++) {
  const t = Date.now();
  try {
    const r = await client.callTool({ name: 'validate_els_script', arguments: { els_content: '[META]\n' } });
    console.log(i, Date.now() - t, r.isError, JSON.stringify(r.structuredContent).slice(0, 60));
  } catch (e) { console.log(i, 'ERR', String(e), (e as any).cause); }
  if (i === 5) await new Promise((r) => setTimeout(r, 5200));
}
await client.close();
await test.close();
