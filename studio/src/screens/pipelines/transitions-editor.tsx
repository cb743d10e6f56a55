import { Checkbox, Radio, Select, Table, Typography } from 'antd';
import { ptr } from '../../document/json-pointer.ts';
import { updatePipeline } from '../../document/pipeline-ops.ts';
import { forwardMatrix, matrixToRules, rulesToMatrix, toggleCell, type MatrixRow } from '../../document/transition-matrix.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { useRoleChoices } from '../../ui/choices.ts';
import { Item, ProblemText } from '../../ui/item.tsx';

/** Which stage moves are allowed: forward only, any, or an explicit from × to matrix with roles. */
export function TransitionsEditor({ pipelineKey }: { pipelineKey: string }) {
  const { t, label } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const roles = useRoleChoices();
  const pipeline = document.pipelines![pipelineKey]!;
  const at = ptr('pipelines', pipelineKey, 'transitions');
  const stages = pipeline.stages.map((s) => s.key);
  const mode = Array.isArray(pipeline.transitions) ? 'matrix' : pipeline.transitions ?? 'forward';
  const rows = Array.isArray(pipeline.transitions) ? rulesToMatrix(pipeline.transitions, stages) : [];
  const write = (next: MatrixRow[]) => apply(updatePipeline(pipelineKey, { transitions: matrixToRules(next) }));
  const setMode = (next: string) => {
    if (next === 'matrix') apply(updatePipeline(pipelineKey, { transitions: matrixToRules(forwardMatrix(stages)) }));
    else apply(updatePipeline(pipelineKey, { transitions: next === 'forward' ? undefined : next }));
  };
  const stageLabel = (key: string) => label(pipeline.stages.find((s) => s.key === key)?.label, key);
  return (
    <Item pointer={at} label={t('pipelines.transitions')} help={t('pipelines.transitionsHelp')}>
      <div>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ marginBottom: 12 }}
          options={[{ value: 'forward', label: t('pipelines.forward') }, { value: 'any', label: t('pipelines.any') }, { value: 'matrix', label: t('pipelines.matrix') }]} />
        {mode === 'matrix' && (
          <Table size="small" pagination={false} rowKey="from" dataSource={rows} scroll={{ x: true }}
            columns={[
              { title: t('pipelines.fromTo'), key: 'from', fixed: 'left' as const, render: (_: unknown, r: MatrixRow) => <strong>{stageLabel(r.from)}</strong> },
              ...stages.map((to) => ({
                title: stageLabel(to), key: to, align: 'center' as const,
                render: (_: unknown, r: MatrixRow) => r.from === to ? '—' : (
                  <Checkbox aria-label={t('pipelines.allowMove', { from: r.from, to })} checked={r.to.includes(to)} onChange={(e) => write(toggleCell(rows, r.from, to, e.target.checked))} />
                ),
              })),
              {
                title: t('pipelines.whoMay'), key: 'roles', width: 200,
                render: (_: unknown, r: MatrixRow) => (
                  <Select mode="multiple" size="small" allowClear placeholder={t('pipelines.everyone')} style={{ width: '100%' }} value={r.roles ?? []} options={roles}
                    aria-label={t('pipelines.rolesFrom', { from: r.from })}
                    onChange={(v: string[]) => write(rows.map((row) => (row.from === r.from ? { ...row, roles: v } : row)))} />
                ),
              },
            ]} />
        )}
        {mode === 'matrix' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('pipelines.closedAlways')}</Typography.Text>}
        <ProblemText pointer={at} under />
      </div>
    </Item>
  );
}
