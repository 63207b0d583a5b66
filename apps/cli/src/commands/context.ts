import type { Connection, StudioClient } from '../client.js';
import type { Output } from '../output.js';

/** What every command gets: a connected client, the connection (for downloads), the output. */
export interface CommandContext {
  client: StudioClient;
  connection: Connection;
  out: Output;
}
