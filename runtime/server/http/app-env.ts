import type { Kernel } from '../../../platform/kernel.ts';
import type { CompiledMetadata } from '../../../platform/metadata/compile-metadata.ts';
import type { Principal } from '../../../platform/principal.ts';
import type { TenantInfo } from '../../../platform/tenants/tenant-directory.ts';
import type { TrustedProxies } from './client-address.ts';

/** What middleware puts on the request context for route handlers. */
export interface AppEnv {
  Variables: {
    kernel: Kernel;
    requestId: string;
    /** Whose `X-Forwarded-For` names the client (`SHOAL_TRUSTED_PROXIES`). */
    trustedProxies: TrustedProxies;
    tenant: TenantInfo;
    principal: Principal;
    /** Set by `requireMetadata`: the tenant's live compiled metadata. */
    metadata: CompiledMetadata;
  };
}
