import { zhAccess } from './messages/zh-access.ts';
import { zhIntegrations } from './messages/zh-integrations.ts';
import { zhModel } from './messages/zh-model.ts';
import { zhPeople } from './messages/zh-people.ts';
import { zhPublish } from './messages/zh-publish.ts';
import { zhShell } from './messages/zh-shell.ts';
import type { MessageKey } from './en-messages.ts';

/** Every Chinese UI string of the studio (the type checker keeps it complete). */
export const zhMessages: Record<MessageKey, string> = { ...zhShell, ...zhModel, ...zhAccess, ...zhPeople, ...zhPublish, ...zhIntegrations };
