import { useEffect, useState } from 'react';
import type { JobView } from '../../../../../platform/records/csv-import.ts';
import { useSession } from '../session/tenant-session.tsx';
import { isStatus } from './api-errors.ts';
import { jobFinished } from './jobs.ts';

/** Asks that fail in a row before following a job reports the trouble (a network blip is not the job's end). */
const maxMisses = 3;

/** When the next ask goes out: soon after the start, every second while answered, slower while not. */
export function nextAskDelay(answered: boolean, misses: number): number {
  if (misses >= maxMisses) return 10_000;
  if (misses > 0) return 2_000;
  return answered ? 1_000 : 300;
}

/**
 * An answer that asking again will not change: the job is not there (or not the caller's to
 * follow), or the caller may not ask. Timeouts, rate limits, 5xx and network failures pass.
 */
export function isLastAnswer(error: unknown): boolean {
  return isStatus(error, 400, 401, 403, 404, 410);
}

export interface FollowedJob<T> {
  /** The job as last seen (kept through failed asks). */
  job: T | undefined;
  /** Set once three asks in a row failed, until one is answered again. */
  error: unknown;
  /** The job cannot be followed any more (a 4xx that asking again will not change): asking stopped. */
  gaveUp: boolean;
}

/**
 * Follows a background job (`GET /jobs/{job}`: an import, an assignment run) until it ends: asks
 * soon after it starts, then every second. A failed ask is tried again two seconds later and keeps
 * what was last seen; after three in a row `error` says so and the asks go on every ten seconds,
 * so the job is picked up again when the server answers (its `error` then clears). Only an answer
 * that will not change (`isLastAnswer`: the job is gone or not the caller's) stops the asking. A
 * new `jobId` starts over; none answers nothing.
 */
export function useJob<T extends Pick<JobView, 'state'>>(jobId: string | undefined): FollowedJob<T> {
  const { api } = useSession();
  const [seen, setSeen] = useState<{ id?: string; job?: T; misses: number; error?: unknown }>({ misses: 0 });
  const current = seen.id === jobId ? seen : { misses: 0 } as typeof seen;
  const gaveUp = current.error !== undefined && isLastAnswer(current.error);
  useEffect(() => {
    if (!jobId || jobFinished(current.job) || gaveUp) return;
    let live = true;
    const timer = setTimeout(() => {
      api.get<T>(`/jobs/${encodeURIComponent(jobId)}`).then(
        (job) => { if (live) setSeen({ id: jobId, job, misses: 0 }); },
        (error: unknown) => { if (live) setSeen((was) => ({ ...(was.id === jobId ? was : {}), id: jobId, misses: (was.id === jobId ? was.misses : 0) + 1, error })); },
      );
    }, nextAskDelay(current.job !== undefined, current.misses));
    return () => { live = false; clearTimeout(timer); };
  }, [api, jobId, current.job, current.misses, gaveUp]);
  return { job: current.job, error: current.misses >= maxMisses || gaveUp ? current.error : undefined, gaveUp };
}
