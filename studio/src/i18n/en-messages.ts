import { enAccess } from './messages/en-access.ts';
import { enIntegrations } from './messages/en-integrations.ts';
import { enModel } from './messages/en-model.ts';
import { enPeople } from './messages/en-people.ts';
import { enPublish } from './messages/en-publish.ts';
import { enShell } from './messages/en-shell.ts';

/** Every English UI string of the studio; its keys are the message keys. */
export const enMessages = { ...enShell, ...enModel, ...enAccess, ...enPeople, ...enPublish, ...enIntegrations };
export type MessageKey = keyof typeof enMessages;
