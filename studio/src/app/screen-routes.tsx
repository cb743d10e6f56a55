import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ScreenKey } from '../document/pointer-route.ts';
import { OverviewScreen } from '../screens/overview/overview-screen.tsx';

export interface ScreenProps {
  /** The item key from the path (`objects/{key}`), if any. */
  itemKey?: string;
}

const named = <K extends string>(load: () => Promise<Record<K, ComponentType<ScreenProps>>>, name: K): LazyExoticComponent<ComponentType<ScreenProps>> =>
  lazy(() => load().then((m) => ({ default: m[name] })));

/** Screens load on demand; the overview ships with the shell. */
export const screens: Record<ScreenKey, ComponentType<ScreenProps>> = {
  overview: OverviewScreen,
  settings: named(() => import('../screens/settings/settings-screen.tsx'), 'SettingsScreen'),
  objects: named(() => import('../screens/objects/objects-screen.tsx'), 'ObjectsScreen'),
  pipelines: named(() => import('../screens/pipelines/pipelines-screen.tsx'), 'PipelinesScreen'),
  pools: named(() => import('../screens/pools/pools-screen.tsx'), 'PoolsScreen'),
  layouts: named(() => import('../screens/layouts/layouts-screen.tsx'), 'LayoutsScreen'),
  views: named(() => import('../screens/views/views-screen.tsx'), 'ViewsScreen'),
  roles: named(() => import('../screens/roles/roles-screen.tsx'), 'RolesScreen'),
  people: named(() => import('../screens/people/people-screen.tsx'), 'PeopleScreen'),
  integrations: named(() => import('../screens/integrations/integrations-screen.tsx'), 'IntegrationsScreen'),
  rules: named(() => import('../screens/rules/rules-screen.tsx'), 'RulesScreen'),
  code: named(() => import('../screens/code/code-screen.tsx'), 'CodeScreen'),
  publish: named(() => import('../screens/publish/publish-screen.tsx'), 'PublishScreen'),
  versions: named(() => import('../screens/versions/versions-screen.tsx'), 'VersionsScreen'),
};

export const menuOrder: ScreenKey[] = ['overview', 'settings', 'objects', 'pipelines', 'pools', 'layouts', 'views', 'roles', 'people', 'integrations', 'rules', 'code', 'publish', 'versions'];
