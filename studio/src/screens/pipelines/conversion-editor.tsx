import { Alert, Select, Space, Switch, Table, Typography } from 'antd';
import { impliedBackLink, lookupsTo } from '../../../../platform/pipelines/conversion-link.ts';
import { ptr } from '../../document/json-pointer.ts';
import { updateStage } from '../../document/pipeline-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { useObjectChoices } from '../../ui/choices.ts';
import { Item, ProblemText } from '../../ui/item.tsx';

/**
 * `creates`: entering the stage converts the record, creating a linked one with copied fields.
 * The new record's only lookup back to this object is filled with the converted record when
 * left unset (its select says so); with several, none is, and the editor warns.
 */
export function ConversionEditor({ pipelineKey, index }: { pipelineKey: string; index: number }) {
  const { t, label } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const pipeline = document.pipelines![pipelineKey]!;
  const stage = pipeline.stages[index]!;
  const at = ptr('pipelines', pipelineKey, 'stages', index, 'creates');
  const objects = useObjectChoices().filter((o) => o.value !== pipeline.object);
  const creates = stage.creates;
  const set = (value: typeof creates) => apply(updateStage(pipelineKey, index, { creates: value }));
  const source = document.objects[pipeline.object]?.fields ?? {};
  const target = creates ? document.objects[creates.object]?.fields ?? {} : {};
  const targetRows = Object.entries(target).filter(([, f]) => f.type !== 'autonumber' && f.type !== 'stage').map(([key, f]) => ({ key, field: f }));
  const backLinks = creates ? lookupsTo(target, pipeline.object) : [];
  const implied = creates ? impliedBackLink(target, pipeline.object, creates.map) : undefined;
  const unlinked = backLinks.length > 1 && !backLinks.some((key) => Object.hasOwn(creates!.map, key));
  const sourceChoices = (targetType: string, targetObject?: string) => [
    ...(targetType === 'lookup' && targetObject === pipeline.object ? [{ value: 'id', label: t('pipelines.thisRecord') }] : []),
    ...Object.entries(source).filter(([, f]) => f.type !== 'stage').map(([k, f]) => ({ value: k, label: `${label(f.label, k)} (${k})` })),
  ];
  return (
    <Item pointer={at} label={t('pipelines.creates')} help={t('pipelines.createsHelp')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Switch checked={Boolean(creates)} aria-label={t('pipelines.creates')} disabled={objects.length === 0}
            onChange={(on) => set(on ? { object: objects[0]!.value, map: {} } : undefined)} />
          {creates && (
            <Select value={creates.object} options={objects} style={{ minWidth: 200 }} aria-label={t('pipelines.createsObject')}
              onChange={(object) => set({ object, map: {} })} />
          )}
        </Space>
        {creates && (
          <>
            <ProblemText pointer={`${at}/map`} />
            {unlinked && (
              <Alert type="warning" showIcon data-testid="conversion-unlinked"
                title={t('pipelines.severalLinksBack', { object: label(document.objects[creates.object]?.label, creates.object), fields: backLinks.map((key) => label(target[key]!.label, key)).join(', ') })} />
            )}
            <Table size="small" pagination={false} rowKey="key" dataSource={targetRows}
              columns={[
                { title: t('pipelines.targetField'), key: 'target', render: (_: unknown, r: (typeof targetRows)[number]) => <span>{label(r.field.label, r.key)} <Typography.Text code>{r.key}</Typography.Text>{r.field.required && <Typography.Text type="danger"> *</Typography.Text>}</span> },
                {
                  title: t('pipelines.copyFrom'), key: 'source', render: (_: unknown, r: (typeof targetRows)[number]) => (
                    <div data-pointer={`${at}/map/${r.key}`}>
                      <Select allowClear style={{ width: '100%' }} value={creates.map[r.key]} placeholder={r.key === implied ? t('pipelines.thisRecordAuto') : undefined} options={sourceChoices(r.field.type, r.field.object)} aria-label={t('pipelines.copyInto', { field: r.key })}
                        onChange={(v: string | undefined) => {
                          const map = { ...creates.map };
                          if (v) map[r.key] = v;
                          else delete map[r.key];
                          set({ ...creates, map });
                        }} />
                      <ProblemText pointer={`${at}/map/${r.key}`} />
                    </div>
                  ),
                },
              ]} />
          </>
        )}
      </Space>
    </Item>
  );
}
