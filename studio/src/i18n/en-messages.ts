import { enAccess } from './messages/en-access.ts';
import { enModel } from './messages/en-model.ts';
import { enPublish } from './messages/en-publish.ts';
import { enShell } from './messages/en-shell.ts';

/** Every English UI string of the studio; its keys are the message keys. */
export const enMessages = { ...enShell, ...enModel, ...enAccess, ...enPublish };
export type MessageKey = keyof typeof enMessages;
