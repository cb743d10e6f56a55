import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/i18n.tsx';
import { keyHelp } from './add-item-modal.tsx';

describe('the help under an add dialog’s key', () => {
  it('says the key comes from the names only where the dialog asks for them', () => {
    // Roles: only a key is asked for; there is no English or Chinese name to make it from.
    expect(translate('zh', keyHelp({}))).toBe('API 和筛选条件使用的标识：字母和数字，以小写字母开头。');
    // Views and rules: made from the labels typed above it.
    expect(translate('en', keyHelp({ asksLabel: true }))).toContain('Made from the English name');
    // Pools and pipelines: made from the object chosen (shipment → shipmentPool), whatever the label.
    expect(translate('en', keyHelp({ asksLabel: true, suggestKey: (o) => `${o}Pool` }))).toContain('Made from the object chosen.');
  });
});
