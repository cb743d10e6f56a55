import { useEffect, useState } from 'react';
import type { JobView } from '../../../../../platform/records/csv-import.ts';
import { useSession } from '../session/tenant-session.tsx';
import { jobFinished } from './jobs.ts';

/** Asks that fail in a row before following a job gives up (a network blip is not the job's end). */
const maxMisses = 3;

/**
 * Follows a background job (`GET /jobs/{job}`: an import, an assignment run) until it ends: asks
 * soon after it starts, then every second. A failed ask is tried again (two seconds later) and
 * keeps what was last seen; `error` is set only after three in a row, and then asking stops. A new
 * `jobId` starts over; none answers nothing.
 */
export function useJob<T extends Pick<JobView, 'state'>>(jobId: string | undefined): { job: T | undefined; error: unknown } {
  const { api } = useSession();
  const [seen, setSeen] = useState<{ id?: string; job?: T; misses: number; error?: unknown }>({ misses: 0 });
  const current = seen.id === jobId ? seen : { misses: 0 } as typeof seen;
  useEffect(() => {
    if (!jobId || jobFinished(current.job) || current.misses >= maxMisses) return;
    let live = true;
    const timer = setTimeout(() => {
      api.get<T>(`/jobs/${encodeURIComponent(jobId)}`).then(
        (job) => { if (live) setSeen({ id: jobId, job, misses: 0 }); },
        (error: unknown) => { if (live) setSeen((was) => ({ ...(was.id === jobId ? was : {}), id: jobId, misses: (was.id === jobId ? was.misses : 0) + 1, error })); },
      );
    }, current.misses > 0 ? 2000 : current.job ? 1000 : 300);
    return () => { live = false; clearTimeout(timer); };
  }, [api, jobId, current.job, current.misses]);
  return { job: current.job, error: current.misses >= maxMisses ? current.error : undefined };
}
