import { useEffect, useState } from 'react';
import type { JobView } from '../../../../../platform/records/csv-import.ts';
import { useSession } from '../session/tenant-session.tsx';
import { jobFinished } from './jobs.ts';

/**
 * Follows a background job (`GET /jobs/{job}`: an import, an assignment run) until it ends: asks
 * soon after it starts, then every second. A new `jobId` starts over; none answers nothing.
 */
export function useJob<T extends Pick<JobView, 'state'>>(jobId: string | undefined): { job: T | undefined; error: unknown } {
  const { api } = useSession();
  const [seen, setSeen] = useState<{ id?: string; job?: T; error?: unknown }>({});
  const current = seen.id === jobId ? seen : {};
  useEffect(() => {
    if (!jobId || jobFinished(current.job) || current.error !== undefined) return;
    let live = true;
    const timer = setTimeout(() => {
      api.get<T>(`/jobs/${encodeURIComponent(jobId)}`).then(
        (job) => { if (live) setSeen({ id: jobId, job }); },
        (error: unknown) => { if (live) setSeen({ id: jobId, error }); },
      );
    }, current.job ? 1000 : 300);
    return () => { live = false; clearTimeout(timer); };
  }, [api, jobId, current.job, current.error]);
  return { job: current.job, error: current.error };
}
