import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Select, Space } from 'antd';
import { attributeKeyPattern, type AttributeRow } from '../../document/person-attributes.ts';
import { useT } from '../../i18n/i18n.tsx';

/**
 * A person's attributes as rows: a key (the keys other people carry are offered) and its values
 * (type and press Enter; several make a list).
 */
export function AttributesEditor({ value = [], onChange, knownKeys }: { value?: AttributeRow[]; onChange?: (rows: AttributeRow[]) => void; knownKeys: string[] }) {
  const t = useT();
  const set = (index: number, row: AttributeRow) => onChange?.(value.map((r, i) => (i === index ? row : r)));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {value.map((row, index) => {
        const name = row.key || String(index + 1);
        const badKey = row.key !== '' && !attributeKeyPattern.test(row.key);
        return (
          <Space.Compact key={index} style={{ width: '100%' }}>
            <AutoComplete value={row.key} status={badKey ? 'error' : undefined} title={badKey ? t('people.attributeKeyRule') : undefined}
              options={knownKeys.filter((k) => !value.some((r) => r.key === k)).map((k) => ({ value: k }))}
              filterOption={(input, option) => String(option?.value ?? '').toLowerCase().startsWith(input.toLowerCase())}
              onChange={(key: string) => set(index, { ...row, key })} placeholder={t('people.attributeKey')} aria-label={t('people.attributeKey')} style={{ width: 200 }} />
            <Select mode="tags" value={row.values} open={false} tokenSeparators={[',', '，']} onChange={(values: string[]) => set(index, { ...row, values })}
              aria-label={t('people.attributeValues', { key: name })} style={{ flex: 1 }} />
            <Button icon={<DeleteOutlined />} aria-label={t('people.removeAttribute', { key: name })} onClick={() => onChange?.(value.filter((_, i) => i !== index))} />
          </Space.Compact>
        );
      })}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange?.([...value, { key: '', values: [] }])}>{t('people.addAttribute')}</Button>
    </Space>
  );
}
