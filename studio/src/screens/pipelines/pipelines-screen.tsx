import type { ScreenProps } from '../../app/screen-routes.tsx';
import { freeKey } from '../../document/draft-state.ts';
import { addPipeline, removePipeline } from '../../document/pipeline-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument } from '../../state/studio-context.tsx';
import { useObjectChoices } from '../../ui/choices.ts';
import { SectionPage } from '../../ui/section-page.tsx';
import { PipelineEditor } from './pipeline-editor.tsx';

/** Pipelines: the stages a record moves through (lead funnel) and the moves allowed. */
export function PipelinesScreen({ itemKey }: ScreenProps) {
  const { t, label } = useI18n();
  const document = useDocument();
  const objects = useObjectChoices();
  const pipelines = document.pipelines ?? {};
  const withoutPipeline = objects.filter((o) => !Object.values(pipelines).some((p) => p.object === o.value));
  return (
    <SectionPage
      section="pipelines" screen="pipelines" itemKey={itemKey} items={pipelines}
      title={t('menu.pipelines')} intro={t('pipelines.intro')}
      emptyTitle={t('pipelines.emptyTitle')} emptyDescription={t('pipelines.emptyText')}
      itemTitle={(key) => label(pipelines[key]?.label, key)}
      objects={withoutPipeline} asksLabel
      suggestKey={(object) => freeKey(`${object ?? 'lead'}Funnel`, Object.keys(pipelines))}
      create={({ key, object, label: name }) => addPipeline(key, object!, name)}
      remove={removePipeline}
      renderEditor={(key) => <PipelineEditor pipelineKey={key} />}
    />
  );
}
