/**
 * Fills a UI string's `{name}` parameters. `{name:one|other}` picks the singular or plural word
 * by the number `name` (English: "{n} {n:item|items}" → "1 item", "3 items"); Chinese strings
 * need no such form.
 */
export function fillTemplate(text: string, params: Record<string, string | number>): string {
  return text
    .replace(/\{(\w+):([^|{}]*)\|([^{}]*)\}/g, (whole, name: string, one: string, other: string) => (name in params ? (Number(params[name]) === 1 ? one : other) : whole))
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
