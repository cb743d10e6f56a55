import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row, Select, Typography } from 'antd';
import { freeKey } from '../../document/draft-state.ts';
import { ptr } from '../../document/json-pointer.ts';
import { placeholderKeys } from '../../document/key-follows-label.ts';
import { addStage, moveStage, updatePipeline } from '../../document/pipeline-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { useFieldChoices } from '../../ui/choices.ts';
import { Item, ProblemText } from '../../ui/item.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { SortableList, useStableIds } from '../../ui/sortable-list.tsx';
import { StageCard } from './stage-card.tsx';
import { TransitionsEditor } from './transitions-editor.tsx';

/** One pipeline: its stage field, stages in drag order, and the moves between them. */
export function PipelineEditor({ pipelineKey }: { pipelineKey: string }) {
  const { t, label } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const pipeline = document.pipelines![pipelineKey]!;
  const at = ptr('pipelines', pipelineKey);
  const stageFields = useFieldChoices(pipeline.object, { filter: (type) => type === 'stage' });
  const keys = pipeline.stages.map((s) => s.key);
  const ids = useStableIds(keys);
  return (
    <Form layout="vertical" component="div">
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Item pointer={`${at}/object`} label={t('common.object')}>
            <Typography.Text strong>{label(document.objects[pipeline.object]?.label, pipeline.object)}</Typography.Text> <Typography.Text code>{pipeline.object}</Typography.Text>
          </Item>
        </Col>
        <Col xs={24} md={8}>
          <Item pointer={`${at}/field`} label={t('pipelines.field')} help={t('pipelines.fieldHelp')}>
            <Select value={pipeline.field} options={stageFields} onChange={(v) => apply(updatePipeline(pipelineKey, { field: v }))} aria-label={t('pipelines.field')} />
          </Item>
        </Col>
        <Col xs={24} md={8}>
          <Item pointer={`${at}/label`} label={t('common.label')}>
            <LabelInput value={pipeline.label} onChange={(v) => apply(updatePipeline(pipelineKey, { label: v }))} />
          </Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('pipelines.stages')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('pipelines.stagesHelp')}</Typography.Paragraph>
      <ProblemText pointer={`${at}/stages`} />
      <SortableList
        items={pipeline.stages}
        idOf={(_, i) => ids[i]!}
        labelOf={(s) => label(s.label, s.key)}
        onMove={(from, to) => apply(moveStage(pipelineKey, from, to))}
        render={(stage, index, handle) => <StageCard pipelineKey={pipelineKey} stage={stage} index={index} handle={handle} canRemove={pipeline.stages.length > 2} />}
      />
      <Button icon={<PlusOutlined />} style={{ margin: '12px 0 24px' }}
        onClick={() => apply(addStage(pipelineKey, { key: freeKey(placeholderKeys.stage, keys), kind: 'open', probability: 0.5 }))}>
        {t('pipelines.addStage')}
      </Button>
      <TransitionsEditor pipelineKey={pipelineKey} />
    </Form>
  );
}
