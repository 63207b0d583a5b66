/**
 * The names the studio answers to. A page on a name of its own that resolves to 127.0.0.1 (DNS
 * rebinding) sends that name as `Host`, and without a token could otherwise read and change
 * everything: only loopback names on the studio's own port, `HOST` and `ALLOWED_HOSTS` are served.
 * And a request that changes state must not come from a page of another origin, with or without
 * a token (a browser sends the studio's cookie whoever asks).
 */
import type { IncomingMessage } from 'node:http';
import { HOST_AUTHORITY, isLoopbackHost, type StudioConfig } from '../env.js';

export interface HostPolicy {
  /** The request's `Host` is a name the studio is served as. */
  acceptsHost(req: IncomingMessage): boolean;
  /** A read, a request without `Origin` (a tool), or one from an origin the studio is served as. */
  acceptsOrigin(req: IncomingMessage): boolean;
}

interface Authority {
  name: string;
  /** `undefined` in an `ALLOWED_HOSTS` entry: any port. */
  port: number | undefined;
}

function parseAuthority(value: string): Authority | null {
  const match = HOST_AUTHORITY.exec(value.toLowerCase());
  if (!match) return null;
  return { name: match[1]!, port: match[2] === undefined ? undefined : Number(match[2]) };
}

/** `Origin: http://name:port` as an authority with its port made explicit; `null` if not http(s). */
function originAuthority(origin: string): Authority | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { name: url.hostname, port };
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '[::]']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createHostPolicy(config: Pick<StudioConfig, 'host' | 'allowedHosts'>): HostPolicy {
  const host = config.host.toLowerCase();
  const configured = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const allowed = config.allowedHosts
    .map(parseAuthority)
    .filter((entry): entry is Authority => entry !== null);
  // Listening on every address (a token is then required), the names it is reached by are
  // unknown: the token guards, and the origin must match the host the request came to.
  const anyHost = WILDCARD_HOSTS.has(configured) && allowed.length === 0;

  /** A loopback name or `HOST` on the port the request arrived on, or an `ALLOWED_HOSTS` entry. */
  function servedAs({ name, port }: Authority, localPort: number | undefined): boolean {
    if (allowed.some((entry) => entry.name === name && (entry.port ?? port) === port)) return true;
    return (isLoopbackHost(name) || name === configured) && (port ?? 80) === localPort;
  }

  return {
    acceptsHost(req) {
      if (anyHost) return true;
      const authority = parseAuthority(req.headers.host ?? '');
      return authority !== null && servedAs(authority, req.socket.localPort);
    },
    acceptsOrigin(req) {
      const origin = req.headers.origin;
      if (origin === undefined || READ_METHODS.has(req.method ?? 'GET')) return true;
      const authority = originAuthority(origin);
      if (!authority) return false;
      if (anyHost) return new URL(origin).host === req.headers.host?.toLowerCase();
      return servedAs(authority, req.socket.localPort);
    },
  };
}
