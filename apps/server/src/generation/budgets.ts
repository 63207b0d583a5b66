/**
 * Per-session credit budgets: a request is refused before it is sent when the credits the
 * session has spent, plus those its running jobs have spent or reserved, plus this request's
 * price, would pass the budget. Cache hits never reach here: they cost nothing.
 */
import { getSessionLedger } from '@studio/db';
import type { SpeechProvider } from '@studio/audio';
import type { Services } from '../context.js';
import { StudioError } from '../errors.js';

export class BudgetExceededError extends StudioError {
  constructor(
    /** Credits the budget lacks for the refused request. */
    readonly creditsNeeded: number,
    budget: number,
  ) {
    super(
      'budget_exceeded',
      `The next request needs ${creditsNeeded} more credit${creditsNeeded === 1 ? '' : 's'} than the session's budget of ${budget}: raise the budget and resume.`,
    );
  }
}

export interface SessionBudgets {
  /** One job's provider: its requests are priced and held to the session's budget. */
  guard(provider: SpeechProvider, job: { sessionId: string; jobId: string }): SpeechProvider;
  /** The job's take was committed, or the job ended: its spending now counts through the session. */
  settle(jobId: string): void;
}

export function createSessionBudgets(services: Pick<Services, 'db' | 'account'>): SessionBudgets {
  /** Credits spent or reserved by running jobs, not yet in `sessions.characters_spent`. */
  const pending = new Map<string, { sessionId: string; credits: number }>();
  const pendingFor = (sessionId: string) =>
    [...pending.values()].reduce(
      (sum, job) => sum + (job.sessionId === sessionId ? job.credits : 0),
      0,
    );
  const add = (jobId: string, sessionId: string, credits: number) => {
    const job = pending.get(jobId) ?? { sessionId, credits: 0 };
    job.credits += credits;
    pending.set(jobId, job);
  };

  return {
    settle: (jobId) => void pending.delete(jobId),
    guard: (provider, { sessionId, jobId }) => ({
      name: provider.name,
      cacheNamespace: provider.cacheNamespace,
      voiceKey: (request) => provider.voiceKey(request),
      async synthesize(request, options) {
        if (provider.name === 'local') return provider.synthesize(request, options);
        const price = Math.ceil(request.text.length * services.account.rate(request.modelId));
        // Reserved before the ledger is read: requests checked at the same time see each other.
        add(jobId, sessionId, price);
        try {
          const { budgetCredits, charactersSpent } = await getSessionLedger(services.db, sessionId);
          const total = charactersSpent + pendingFor(sessionId);
          if (budgetCredits !== null && total > budgetCredits) {
            throw new BudgetExceededError(total - budgetCredits, budgetCredits);
          }
          const result = await provider.synthesize(request, options);
          add(jobId, sessionId, result.charactersBilled - price);
          return result;
        } catch (error) {
          // A refused or failed request costs nothing (the provider reserves, then releases).
          add(jobId, sessionId, -price);
          throw error;
        }
      },
    }),
  };
}
