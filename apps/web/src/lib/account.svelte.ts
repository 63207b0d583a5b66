/**
 * The ElevenLabs account as the header shows it: remaining credits, asked for on load and again
 * whenever a generation settles. Without a key (the local voice) there is nothing to show.
 */
import { trpc } from './trpc.js';

type Credits = Awaited<ReturnType<typeof trpc.account.credits.query>>['credits'];

class AccountStore {
  available = $state(false);
  credits = $state<Credits>(null);

  async refresh(): Promise<void> {
    // The header is a hint: a failure here is not worth a toast.
    const answer = await trpc.account.credits.query().catch(() => null);
    if (!answer) return;
    this.available = answer.available;
    this.credits = answer.credits;
  }
}

export const account = new AccountStore();
