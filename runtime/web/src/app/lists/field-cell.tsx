import { Tag } from 'antd';
import { contactHref } from '../../shared/contact-links.ts';
import { formatValue, type FormatContext } from '../metadata/format-value.ts';
import type { FieldInfo } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';

const antColors = new Set(['blue', 'cyan', 'green', 'orange', 'red', 'purple', 'gold', 'lime', 'magenta', 'volcano', 'geekblue']);

interface Props {
  field: FieldInfo | undefined;
  value: unknown;
  format: FormatContext;
  /**
   * With the tenant (where the cell is not inside another link): a lookup to a record the caller
   * can open links to it, and a phone, e-mail or web address dials, writes or opens.
   */
  linkTenant?: string;
  /** The record the value is of: a release reason reads by its pool's words. */
  record?: Record<string, unknown>;
}

/** One value in a table or card: text, or a coloured tag for options with a colour. Never HTML. */
export function FieldCell({ field, value, format, linkTenant, record }: Props) {
  const text = formatValue(field, value, format, record);
  if (field && (field.type === 'select' || field.type === 'stage') && typeof value === 'string') {
    // An option coloured `default` is a grey tag beside its coloured siblings (Low beside High), not bare text.
    const color = field.options?.find((o) => o.value === value)?.color;
    if (color) return <Tag color={antColors.has(color) ? color : undefined}>{text}</Tag>;
    if (field.type === 'stage') return <Tag>{text}</Tag>;
  }
  const target = lookupTarget(field, value, format);
  if (linkTenant && target) return <Link to={paths.record(linkTenant, target.object, target.id)}>{text}</Link>;
  const contact = linkTenant ? contactHref(field?.type, value) : undefined;
  if (contact) return <a href={contact} {...(field?.type === 'url' ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>{text}</a>;
  return <>{text}</>;
}

/** The record a lookup value points to, when the caller may read its object (users have no page). */
export function lookupTarget(field: FieldInfo | undefined, value: unknown, format: Pick<FormatContext, 'objects'>): { object: string; id: string } | undefined {
  if (!field?.target || field.target === 'user' || !format.objects.has(field.target)) return undefined;
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? { object: field.target, id } : undefined;
}
