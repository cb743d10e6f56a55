import type { JobView } from '../../../../../platform/records/csv-import.ts';

/** Whether a background job (`GET /jobs/{job}`) has ended: `done` or `failed`. */
export function jobFinished(job: Pick<JobView, 'state'> | undefined): boolean {
  return job?.state === 'done' || job?.state === 'failed';
}
