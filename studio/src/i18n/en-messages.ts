import { enAccess } from './messages/en-access.ts';
import { enModel } from './messages/en-model.ts';
import { enPeople } from './messages/en-people.ts';
import { enPublish } from './messages/en-publish.ts';
import { enShell } from './messages/en-shell.ts';

/** Every English UI string of the studio; its keys are the message keys. */
export const enMessages = { ...enShell, ...enModel, ...enAccess, ...enPeople, ...enPublish };
export type MessageKey = keyof typeof enMessages;
