import { Button, Checkbox, Popover, Radio, Select, Space, Table, Typography } from 'antd';
import type { TransitionRule } from '../../../../platform/metadata/metadata-types.ts';
import { ptr } from '../../document/json-pointer.ts';
import { updatePipeline } from '../../document/pipeline-ops.ts';
import { forwardRules, setMove, whoMayMove } from '../../document/transition-matrix.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { useRoleChoices, type Choice } from '../../ui/choices.ts';
import { Item, ProblemText } from '../../ui/item.tsx';

/** Which stage moves are allowed: forward only, any, or an explicit from × to matrix, each move with its roles. */
export function TransitionsEditor({ pipelineKey }: { pipelineKey: string }) {
  const { t, label } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const roles = useRoleChoices();
  const pipeline = document.pipelines![pipelineKey]!;
  const at = ptr('pipelines', pipelineKey, 'transitions');
  const stages = pipeline.stages.map((s) => s.key);
  const mode = Array.isArray(pipeline.transitions) ? 'matrix' : pipeline.transitions ?? 'forward';
  const rules: TransitionRule[] = Array.isArray(pipeline.transitions) ? pipeline.transitions : [];
  const setMode = (next: string) => {
    if (next === 'matrix') apply(updatePipeline(pipelineKey, { transitions: forwardRules(pipeline.stages) }));
    else apply(updatePipeline(pipelineKey, { transitions: next === 'forward' ? undefined : next }));
  };
  const setCell = (from: string, to: string, who: string[] | undefined) => apply(updatePipeline(pipelineKey, { transitions: setMove(rules, from, to, who) }));
  const stageLabel = (key: string) => label(pipeline.stages.find((s) => s.key === key)?.label, key);
  return (
    <Item pointer={at} label={t('pipelines.transitions')} help={t('pipelines.transitionsHelp')}>
      <div>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ marginBottom: 12 }}
          options={[{ value: 'forward', label: t('pipelines.forward') }, { value: 'any', label: t('pipelines.any') }, { value: 'matrix', label: t('pipelines.matrix') }]} />
        {mode === 'matrix' && (
          <Table size="small" pagination={false} rowKey="from" dataSource={stages.map((from) => ({ from }))} scroll={{ x: true }}
            columns={[
              { title: t('pipelines.fromTo'), key: 'from', fixed: 'left' as const, render: (_: unknown, { from }: { from: string }) => <strong>{stageLabel(from)}</strong> },
              ...stages.map((to) => ({
                title: stageLabel(to), key: to, align: 'center' as const,
                render: (_: unknown, { from }: { from: string }) => from === to ? '—' : (
                  <MoveCell from={from} to={to} who={whoMayMove(rules, from, to)} choices={roles} onChange={(who) => setCell(from, to, who)} />
                ),
              })),
            ]} />
        )}
        {mode === 'matrix' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('pipelines.closedAlways')}</Typography.Text>}
        <ProblemText pointer={at} under />
      </div>
    </Item>
  );
}

/** One move of the matrix: whether it is allowed, and to whom (a popover picks the roles; none: everyone). */
function MoveCell({ from, to, who, choices, onChange }: { from: string; to: string; who: string[] | undefined; choices: Choice[]; onChange: (who: string[] | undefined) => void }) {
  const { t } = useI18n();
  const rolesLabel = t('pipelines.rolesFor', { from, to });
  const names = who?.map((role) => choices.find((c) => c.value === role)?.label ?? role).join(', ');
  return (
    <Space orientation="vertical" size={0} align="center">
      <Checkbox aria-label={t('pipelines.allowMove', { from, to })} checked={who !== undefined} onChange={(e) => onChange(e.target.checked ? [] : undefined)} />
      {who !== undefined && (
        <Popover trigger="click" title={rolesLabel} content={(
          <Select mode="multiple" allowClear autoFocus placeholder={t('pipelines.everyone')} style={{ width: 220 }} value={who} options={choices}
            aria-label={rolesLabel} onChange={(next: string[]) => onChange(next)} />
        )}>
          <Button type="link" size="small" aria-label={`${rolesLabel}: ${who.length > 0 ? names : t('pipelines.everyone')}`}>
            {who.length > 0 ? names : t('pipelines.everyone')}
          </Button>
        </Popover>
      )}
    </Space>
  );
}
