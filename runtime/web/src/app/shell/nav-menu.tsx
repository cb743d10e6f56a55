import {
  AppstoreOutlined, BellOutlined, DeploymentUnitOutlined, BarChartOutlined, FilterOutlined, InboxOutlined, OrderedListOutlined, ProjectOutlined, TableOutlined, UserOutlined,
} from '@ant-design/icons';
import { Badge, Menu } from 'antd';
import type { ReactNode } from 'react';
import { Link } from '../routing/link.tsx';
import { objectIcon } from '../../shared/object-icons.tsx';
import type { NavEntry, NavIcon, NavSection } from './navigation-model.ts';

const icons: Record<NavIcon, ReactNode> = {
  workOrders: <OrderedListOutlined />,
  assignmentRules: <DeploymentUnitOutlined />,
  myPool: <UserOutlined />,
  publicPool: <InboxOutlined />,
  notifications: <BellOutlined />,
  object: <TableOutlined />,
  view: <FilterOutlined />,
  kanban: <ProjectOutlined />,
  dashboards: <BarChartOutlined />,
};

/** A count beside an entry (open work orders), and the entry's name with it for screen readers ("Work orders, 3 open"). */
export interface NavBadge {
  count: number;
  label: string;
}

/** An entry's icon: an object's own (the studio's choice) where the app knows it, else its kind's. */
function entryIcon(entry: NavEntry): ReactNode {
  const Own = objectIcon(entry.objectIcon);
  return Own ? <Own /> : icons[entry.icon] ?? <AppstoreOutlined />;
}

interface Props {
  sections: NavSection[];
  selected: string | undefined;
  onNavigate?: () => void;
  /** Counts by entry key; none (or 0) shows no badge. */
  badges?: Partial<Record<string, NavBadge>>;
}

/** The side navigation: sections of links (real anchors, so keyboard and middle-click work). */
export function NavMenu({ sections, selected, onNavigate, badges = {} }: Props) {
  return (
    <nav aria-label="main">
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected] : []}
        style={{ borderInlineEnd: 'none' }}
        items={sections.map((section) => ({
          type: 'group' as const,
          key: section.key,
          label: section.title,
          children: section.entries.map((entry) => {
            const badge = badges[entry.key];
            const counted = badge !== undefined && badge.count > 0;
            return {
              key: entry.key,
              icon: entryIcon(entry),
              // A long name (a saved view's) is cut to the menu's width: the whole of it shows on hover.
              label: (
                <Link to={entry.path} onClick={onNavigate} title={entry.label} aria-label={counted ? badge.label : undefined}
                  style={counted ? { display: 'flex', alignItems: 'center', gap: 8 } : undefined}>
                  {counted ? <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{entry.label}</span> : entry.label}
                  {counted && <Badge count={badge.count} overflowCount={99} size="small" aria-hidden />}
                </Link>
              ),
            };
          }),
        }))}
      />
    </nav>
  );
}
