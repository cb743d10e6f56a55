import type { ScreenProps } from '../../app/screen-routes.tsx';
import { freeKey } from '../../document/draft-state.ts';
import { addItem } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument } from '../../state/studio-context.tsx';
import { useObjectChoices } from '../../ui/choices.ts';
import { SectionPage } from '../../ui/section-page.tsx';
import { PoolEditor } from './pool-editor.tsx';
import { movePool, unreachablePools } from './pool-order.ts';

/** Lead pools (公海/私海): who may claim what, and when holds fall back to the public pool. */
export function PoolsScreen({ itemKey }: ScreenProps) {
  const { t, label } = useI18n();
  const document = useDocument();
  const objects = useObjectChoices();
  const pools = document.pools ?? {};
  const unreachable = unreachablePools(pools);
  return (
    <SectionPage
      section="pools" screen="pools" itemKey={itemKey} items={pools}
      title={t('menu.pools')} intro={t('pools.intro')}
      emptyTitle={t('pools.emptyTitle')} emptyDescription={t('pools.emptyText')}
      itemTitle={(key) => label(pools[key]?.label, key)}
      objects={objects} asksLabel
      suggestKey={(object) => freeKey(`${object ?? 'lead'}Pool`, Object.keys(pools))}
      create={({ key, object, label: name }) => addItem('pools', key, {
        object, ...(name ? { label: name } : {}), maxPerOwner: 50, maxClaimsPerDay: 10, holdDays: 30, reclaimCooldownDays: 7, warnDaysBefore: 3,
        ...(document.timeZone ? { timeZone: document.timeZone } : {}),
      })}
      move={movePool} orderHelp={t('pools.orderHelp')}
      itemWarning={(key) => (unreachable.has(key) ? t('pools.unreachableShort') : undefined)}
      renderEditor={(key) => <PoolEditor poolKey={key} />}
    />
  );
}
