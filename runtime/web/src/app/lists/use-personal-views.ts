import { useAsync } from '../data/use-async.ts';
import { useSession } from '../session/tenant-session.tsx';
import { syncPersonalViews, type PersonalView, type SyncedViews } from './personal-views.ts';

export interface PersonalViewsState {
  /** Undefined until read from the server. */
  views: PersonalView[] | undefined;
  /** The new id of a view this browser kept before (`my:<old id>` addresses). */
  movedIds: Map<string, string>;
  error: unknown;
  reload: () => void;
  setViews: (views: PersonalView[]) => void;
}

/** The signed-in user's views of an object, read from the server once per object (uploading those this browser kept). */
export function usePersonalViews(object: string): PersonalViewsState {
  const { api, tenant, me } = useSession();
  const state = useAsync<SyncedViews>(() => syncPersonalViews(api, tenant, me.id, object), [api, tenant, me.id, object]);
  const movedIds = state.data?.movedIds ?? new Map<string, string>();
  return {
    views: state.data?.views, movedIds, error: state.error, reload: state.reload,
    setViews: (views) => state.setData({ views, movedIds }),
  };
}
