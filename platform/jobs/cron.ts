import cronParser from 'cron-parser';

/**
 * Cron schedules (the one module cron-parser enters through; pg-boss uses the same library for
 * its own schedules, so what validates here runs there).
 */
export function cronProblem(expression: string, timeZone = 'UTC'): string | undefined {
  try {
    cronParser.parseExpression(expression, { tz: timeZone });
    return undefined;
  } catch (error) {
    return `is not a valid cron schedule (${(error as Error).message})`;
  }
}

/** The slots of a schedule after `from` and up to `until`, in order. */
export function cronSlots(expression: string, timeZone: string, from: Date, until: Date, limit = 1000): Date[] {
  const interval = cronParser.parseExpression(expression, { tz: timeZone, currentDate: from, endDate: until });
  const slots: Date[] = [];
  while (slots.length < limit && interval.hasNext()) slots.push(interval.next().toDate());
  return slots;
}
