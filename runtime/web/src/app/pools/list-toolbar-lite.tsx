import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Input, Space } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  /** The search box's text (`searchPlaceholder`); no box when undefined. */
  searchLabel: string | undefined;
  /** The text searched for when the list opened (its address kept it). */
  searchText?: string;
  onSearch: (text: string) => void;
  filterOpen?: boolean;
  onToggleFilter?: () => void;
  filterCount?: number;
}

/** Search and the filter toggle, for the pool lists. */
export function ListToolbarLite({ searchLabel, searchText, onSearch, filterOpen, onToggleFilter, filterCount = 0 }: Props) {
  const { t } = useI18n();
  return (
    <Space wrap size={8} style={{ marginBottom: 12 }}>
      {searchLabel && (
        <Input.Search allowClear aria-label={searchLabel} placeholder={searchLabel} defaultValue={searchText}
          style={{ width: 240 }} onSearch={onSearch} onChange={(e) => { if (!e.target.value) onSearch(''); }} />
      )}
      {onToggleFilter && (
        <Badge count={filterCount} size="small">
          <Button icon={<FilterOutlined />} aria-expanded={filterOpen} onClick={onToggleFilter}>{t('filter')}</Button>
        </Badge>
      )}
    </Space>
  );
}
