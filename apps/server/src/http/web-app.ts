/**
 * The built SvelteKit app (adapter-node's `handler.js`, a connect-style middleware), mounted in
 * the same server so one process on one port serves everything.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { repoRoot } from '../env.js';
import { sendError, sendJson } from './respond.js';

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => void;

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export const defaultWebHandlerPath = resolve(repoRoot, 'apps/web/build/handler.js');

export async function loadWebApp(handlerPath: string | null): Promise<WebHandler> {
  if (handlerPath && existsSync(handlerPath)) {
    const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: Middleware };
    return (req, res) => handler(req, res, () => sendError(res, 404, 'NOT_FOUND'));
  }
  return (_req, res) =>
    sendJson(res, 404, {
      error: {
        code: 'WEB_APP_NOT_BUILT',
        hint: 'Build the web app first: pnpm --filter @studio/web build (or run pnpm start from the repository root).',
      },
    });
}
