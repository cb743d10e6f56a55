import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, InputNumber, Row, Segmented, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import { itemKeyPattern, type StageDefinition } from '../../../../platform/metadata/metadata-types.ts';
import { fieldName } from '../../document/field-names.ts';
import { ptr } from '../../document/json-pointer.ts';
import { removeStage, renameStage, updateStage } from '../../document/pipeline-ops.ts';
import { stuckStages } from '../../document/role-grants.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { useFieldChoices } from '../../ui/choices.ts';
import { Item } from '../../ui/item.tsx';
import { KeyInput } from '../../ui/key-input.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { useKeyFollowsLabel, useLabelWithKey } from '../../ui/use-key-follows-label.ts';
import { ConversionEditor } from './conversion-editor.tsx';

const kindColors: Record<StageDefinition['kind'], string> = { open: '#1677ff', won: '#52c41a', lost: '#ff4d4f' };

/** One stage: key, labels, kind, probability, required fields, note, conversion. */
export function StageCard({ pipelineKey, stage, index, handle, canRemove }: { pipelineKey: string; stage: StageDefinition; index: number; handle: ReactNode; canRemove: boolean }) {
  const { t, locale, label } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const pipeline = document.pipelines![pipelineKey]!;
  const stuck = stuckStages(document).filter((s) => s.pipeline === pipelineKey && s.stage === stage.key);
  const at = ptr('pipelines', pipelineKey, 'stages', index);
  const fields = useFieldChoices(pipeline.object, { filter: (type) => type !== 'stage' && type !== 'autonumber' });
  const set = (prop: keyof StageDefinition, value: unknown) => apply(updateStage(pipelineKey, index, { [prop]: value }));
  const item = { kind: 'stage', pipeline: pipelineKey, index } as const;
  const follows = useKeyFollowsLabel(item);
  const labelWithKey = useLabelWithKey();
  return (
    <Card size="small" style={{ width: '100%', borderLeft: `4px solid ${kindColors[stage.kind]}` }} data-pointer={at}
      title={<span>{handle} {t('pipelines.stageN', { n: index + 1 })}</span>}
      extra={<Button size="small" danger icon={<DeleteOutlined />} disabled={!canRemove} aria-label={t('pipelines.removeStage', { key: label(stage.label, stage.key) })} onClick={() => apply(removeStage(pipelineKey, index))} />}>
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Item pointer={`${at}/key`} label={t('common.key')}>
            <KeyInput ariaLabel={t('pipelines.stageKey', { n: index + 1 })} value={stage.key} pattern={itemKeyPattern} taken={pipeline.stages.filter((_, i) => i !== index).map((s) => s.key)} followsLabel={follows}
              onCommit={(next) => apply(renameStage(pipelineKey, stage.key, next))} />
          </Item>
        </Col>
        <Col xs={24} md={10}>
          <Item pointer={`${at}/label`} label={t('common.label')}>
            <LabelInput value={stage.label} of={t('label.ofStage', { name: label(stage.label, stage.key) })} onChange={(v) => labelWithKey((label) => updateStage(pipelineKey, index, { label }), item, stage.label, v)} />
          </Item>
        </Col>
        <Col xs={24} md={8}>
          <Item pointer={`${at}/kind`} label={t('pipelines.kind')}>
            <Segmented value={stage.kind} onChange={(v) => set('kind', v)} aria-label={t('pipelines.kindOf', { name: label(stage.label, stage.key) })}
              options={(['open', 'won', 'lost'] as const).map((k) => ({ value: k, label: t(`pipelines.kind.${k}`) }))} />
          </Item>
        </Col>
        <Col xs={24} md={6}>
          <Item pointer={`${at}/probability`} label={t('pipelines.probability')} help={t('pipelines.probabilityHelp')}>
            <InputNumber aria-label={t('pipelines.probability')} min={0} max={100} step={5} suffix="%" style={{ width: '100%' }}
              value={stage.probability === undefined ? undefined : Math.round(stage.probability * 100)}
              onChange={(v) => set('probability', v === null ? undefined : Number(v) / 100)} />
          </Item>
        </Col>
        <Col xs={24} md={12}>
          <Item pointer={`${at}/requires`} label={t('pipelines.requires')} help={t('pipelines.requiresHelp')} under>
            <Select mode="multiple" allowClear value={stage.requires ?? []} options={fields} onChange={(v) => set('requires', v)} aria-label={t('pipelines.requires')} />
          </Item>
          {stuck.map((s) => (
            <Alert key={s.role} type="warning" showIcon style={{ marginBottom: 8 }} data-testid="stuck-stage"
              title={t('pipelines.stuck', { role: s.role, fields: s.fields.map((f) => fieldName(document, pipeline.object, f, locale)).join(', ') })} />
          ))}
        </Col>
        <Col xs={24} md={6}>
          <Item pointer={`${at}/requiresNote`} label={t('pipelines.requiresNote')}>
            <Switch checked={Boolean(stage.requiresNote)} onChange={(v) => set('requiresNote', v || undefined)} aria-label={t('pipelines.requiresNote')} />
          </Item>
        </Col>
      </Row>
      <ConversionEditor pipelineKey={pipelineKey} index={index} />
    </Card>
  );
}
