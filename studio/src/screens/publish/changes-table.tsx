import { Table, Tag, Typography } from 'antd';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import type { MetaChange } from '../../api/studio-api.ts';
import type { DataMigration } from '../../document/migrations.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot } from '../../state/studio-context.tsx';
import { nameChange } from '../../document/item-names.ts';
import { changeDetail, itemName, objectName, sectionName } from './change-words.ts';
import { MigrationPrompt } from './migration-prompt.tsx';

export const classificationColors: Record<MetaChange['classification'], string> = { safe: 'green', migration: 'orange', destructive: 'red' };

/** The diff draft → live: each change with its safe / migration / destructive badge and the records it touches. */
export function ChangesTable({ changes, onAddMigration, documents: named }: {
  changes: MetaChange[];
  /** Offers a data migration per change (publishing); without it, no such column (a published version's changes). */
  onAddMigration?: (m: DataMigration) => void;
  /** The documents items are named from, the newer first; the draft and the live version unless given. */
  documents?: Array<MetadataDocument | undefined>;
}) {
  const { t, locale } = useI18n();
  const { draft, live } = useSnapshot();
  // Items are named by their labels (from the draft, or from the live version when removed).
  const documents = named ?? [draft.document, live?.document];
  const nameOf = (c: MetaChange) => itemName(c, documents, locale);
  return (
    <Table size="small" rowKey={(c) => `${c.section}:${c.action}:${c.path}:${c.key}`} pagination={false} dataSource={changes} scroll={{ x: 900 }}
      columns={[
        { title: t('publish.classification'), key: 'class', width: 120, render: (_: unknown, c: MetaChange) => <Tag color={classificationColors[c.classification]} data-testid={`badge-${c.classification}`}>{t(`publish.${c.classification}`)}</Tag> },
        { title: t('publish.change'), key: 'what', render: (_: unknown, c: MetaChange) => <span><Tag>{t(`publish.action.${c.action}`)}</Tag>{sectionName(c.section, t)}{nameOf(c) !== c.key ? ` ${nameOf(c)}` : ''} · <Typography.Text code>{c.path || '/'}</Typography.Text></span> },
        { title: t('publish.detail'), key: 'detail', render: (_: unknown, c: MetaChange) => {
          const detail = changeDetail(c, t, { item: nameOf(c), object: objectName(documents, locale) });
          // A label or title changed: from what to what, which "Changed: Label" alone does not say.
          const renamed = c.action === 'changed' ? nameChange(c, [documents[0], documents[1]], locale) : undefined;
          return renamed ? `${detail} · ${t('publish.detail.nameFromTo', renamed)}` : detail;
        } },
        { title: t('publish.affected'), key: 'affected', width: 110, align: 'right' as const, render: (_: unknown, c: MetaChange) => (c.affectedRecords === undefined ? '—' : <strong data-testid="affected">{c.affectedRecords}</strong>) },
        ...(onAddMigration ? [{ title: t('publish.migration'), key: 'migration', width: 240, render: (_: unknown, c: MetaChange) => <MigrationPrompt change={c} onAdd={onAddMigration} /> }] : []),
      ]} />
  );
}
