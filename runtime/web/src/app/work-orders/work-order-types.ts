/** A work order as the API returns it (lower priority numbers come first). */
export interface WorkOrder {
  id: string;
  object: string;
  recordId: string;
  assignee: string;
  rule: string | null;
  priority: number;
  state: 'open' | 'done' | 'skipped';
  outcome: string | null;
  title: string | null;
  createdAt: string;
  closedAt?: string | null;
}

/** The queue order: priority, then age (the server sends it so; kept when pages are merged). */
export function queueOrder(a: WorkOrder, b: WorkOrder): number {
  return a.priority - b.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}
