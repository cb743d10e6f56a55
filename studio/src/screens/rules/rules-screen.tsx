import type { ScreenProps } from '../../app/screen-routes.tsx';
import { addItem } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument } from '../../state/studio-context.tsx';
import { useObjectChoices } from '../../ui/choices.ts';
import { SectionPage } from '../../ui/section-page.tsx';
import { RuleEditor } from './rule-editor.tsx';
import { poolOfObject } from './rule-order.ts';

/** Assignment rules: strategy tables the engine runs to hand records to people as work orders. */
export function RulesScreen({ itemKey }: ScreenProps) {
  const { t, label } = useI18n();
  const document = useDocument();
  const objects = useObjectChoices();
  const rules = document.assignmentRules ?? {};
  return (
    <SectionPage
      section="assignmentRules" screen="rules" itemKey={itemKey} items={rules}
      title={t('menu.rules')} intro={t('rules.intro')}
      emptyTitle={t('rules.emptyTitle')} emptyDescription={t('rules.emptyText')}
      itemTitle={(key) => label(rules[key]?.title, key)}
      objects={objects} asksLabel
      create={({ key, object, label: name }) => {
        const pool = poolOfObject(document, object);
        const priority = 10 * (Object.keys(rules).length + 1);
        return addItem('assignmentRules', key, { title: name ?? { en: key }, object, ...(pool ? { pool } : {}), records: {}, users: {}, match: 'even', priority });
      }}
      renderEditor={(key) => <RuleEditor ruleKey={key} />}
    />
  );
}
