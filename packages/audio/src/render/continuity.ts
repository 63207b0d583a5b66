import { CONTINUITY_REQUEST_ID_MAX_AGE_MS, MAX_CONTINUITY_REQUEST_IDS } from '../provider-facts.js';

/** One request that voiced audio next to this beat's: its id and when it was made. */
export interface VoicedRequest {
  requestId: string | null;
  /** Milliseconds since the epoch; 0 when unknown. */
  voicedAt: number;
}

/** The neighbouring beats' selected takes, their segments' requests in order. */
export interface NeighbourTakes {
  previous?: readonly VoicedRequest[];
  next?: readonly VoicedRequest[];
}

function usable(requests: readonly VoicedRequest[], now: number): string[] {
  const ids: string[] = [];
  for (const { requestId, voicedAt } of requests) {
    const fresh = voicedAt > 0 && now - voicedAt < CONTINUITY_REQUEST_ID_MAX_AGE_MS;
    if (requestId && fresh && !ids.includes(requestId)) ids.push(requestId);
  }
  return ids;
}

/** `previous_request_ids`: the nearest requests before, oldest first, that the API still holds. */
export function previousRequestIds(before: readonly VoicedRequest[], now: number): string[] {
  return usable(before, now).slice(-MAX_CONTINUITY_REQUEST_IDS);
}

/** `next_request_ids`: the nearest requests after, nearest first, that the API still holds. */
export function nextRequestIds(after: readonly VoicedRequest[], now: number): string[] {
  return usable(after, now).slice(0, MAX_CONTINUITY_REQUEST_IDS);
}
