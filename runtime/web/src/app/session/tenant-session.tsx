import { createContext, useContext } from 'react';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import type { ApiClient, Me } from '../../shared/api-client.ts';
import type { FormatContext } from '../metadata/format-value.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';
import type { LinkableOptions, RecordOption } from '../data/record-search.ts';

/** Everything a signed-in screen needs: the client, the caller, the live metadata and objects. */
export interface TenantSession {
  tenant: string;
  api: ApiClient;
  me: Me;
  document: MetadataDocument;
  metaVersion: number;
  objects: ObjectInfo[];
  objectMap: Map<string, ObjectInfo>;
  format: FormatContext;
  search: (target: string, text: string) => Promise<RecordOption[]>;
  /** A new record's lookup search: only records the caller may create it on (`link`: `visit.lead`). */
  searchLinkable: (target: string, text: string, link: string) => Promise<LinkableOptions>;
  resolve: (target: string, ids: string[]) => Promise<RecordOption[]>;
  /** Reloads metadata and objects (after a publish). */
  reload: () => void;
  signOut: () => Promise<void>;
}

export const TenantSessionContext = createContext<TenantSession | null>(null);

export function useSession(): TenantSession {
  const session = useContext(TenantSessionContext);
  if (!session) throw new Error('useSession needs a signed-in tenant');
  return session;
}
