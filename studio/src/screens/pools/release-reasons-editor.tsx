import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import type { PoolDefinition, ReleaseReasonDefinition } from '../../../../platform/metadata/metadata-types.ts';
import { offeredReleaseReasons } from '../../../../platform/pools/release-reasons.ts';
import { freeKey, moveItem } from '../../document/draft-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot } from '../../state/studio-context.tsx';
import { Item, ProblemText } from '../../ui/item.tsx';
import { KeyInput } from '../../ui/key-input.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { SortableList, useStableIds } from '../../ui/sortable-list.tsx';

/** What a release stores; the sweep's keys are refused by the metadata rules, with their reason. */
const reasonKeyPattern = /^[a-z][a-zA-Z0-9_]{0,39}$/;

interface Props {
  pool: PoolDefinition;
  poolKey: string;
  at: string;
  set: (path: string, value: unknown) => void;
}

/**
 * The usual reasons a BD picks when releasing a record of this pool (商家已闭店, 配送范围外), in the
 * order the release dialog offers them: added, renamed, reordered and removed. A pool without
 * its own offers the built-in four, which the owner starts from when customising. A reason's key
 * is what releases store: once published it stays (renaming is its label's business).
 */
export function ReleaseReasonsEditor({ pool, poolKey, at, set }: Props) {
  const { t, label } = useI18n();
  const { live } = useSnapshot();
  const reasons = pool.releaseReasons;
  const keys = (reasons ?? []).map((r) => r.key);
  const ids = useStableIds(keys);
  const published = new Set((live?.document.pools?.[poolKey]?.releaseReasons ?? []).map((r) => r.key));
  const write = (next: ReleaseReasonDefinition[]) => set('releaseReasons', next);
  const patch = (index: number, change: Partial<ReleaseReasonDefinition>) => write(reasons!.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const builtIn = offeredReleaseReasons(undefined).map((r) => label(r.label, r.key)).join('、');
  return (
    <Item pointer={`${at}/releaseReasons`} label={t('pools.releaseReasons')} help={t('pools.releaseReasonsHelp')}>
      {reasons === undefined ? (
        <Space direction="vertical">
          <Typography.Text type="secondary">{t('pools.releaseReasonsBuiltIn', { reasons: builtIn })}</Typography.Text>
          <Button icon={<PlusOutlined />} onClick={() => write(structuredClone(offeredReleaseReasons(undefined)))}>{t('pools.customiseReleaseReasons')}</Button>
        </Space>
      ) : (
        <div>
          <SortableList
            items={reasons}
            idOf={(_, i) => ids[i]!}
            labelOf={(r) => label(r.label, r.key)}
            onMove={(from, to) => write(moveItem(reasons, from, to))}
            render={(reason, index, handle) => (
              <div style={{ width: '100%' }} data-pointer={`${at}/releaseReasons/${index}`}>
                <Space.Compact style={{ width: '100%' }}>
                  {handle}
                  <div style={{ width: 170 }}>
                    <KeyInput ariaLabel={t('pools.releaseReasonKey')} value={reason.key} pattern={reasonKeyPattern} taken={keys.filter((k) => k !== reason.key)}
                      disabled={published.has(reason.key)} disabledReason={t('pools.releaseReasonKeyPublished')} onCommit={(key) => patch(index, { key })} />
                  </div>
                  <div style={{ flex: 1 }}><LabelInput value={reason.label} of={t('label.ofReason', { name: label(reason.label, reason.key) })} onChange={(l) => patch(index, { label: l ?? '' })} /></div>
                  <Button icon={<DeleteOutlined />} aria-label={t('pools.removeReleaseReason', { reason: label(reason.label, reason.key) })} onClick={() => write(reasons.filter((_, i) => i !== index))} />
                </Space.Compact>
                <ProblemText pointer={`${at}/releaseReasons/${index}`} under />
              </div>
            )}
          />
          <Space style={{ marginTop: 8 }}>
            <Button size="small" icon={<PlusOutlined />} disabled={reasons.length >= 20} onClick={() => write([...reasons, { key: freeKey('reason', keys), label: '' }])}>{t('pools.addReleaseReason')}</Button>
            <Button size="small" type="link" onClick={() => set('releaseReasons', undefined)}>{t('pools.builtInReleaseReasons')}</Button>
          </Space>
        </div>
      )}
    </Item>
  );
}
