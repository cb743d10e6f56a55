import { beforeAll, describe, expect, it } from 'vitest';
import { fieldKeyPattern, objectKeyPattern } from '../../../platform/metadata/metadata-types.ts';
import { keyForLabels, keyFromChinese, keyFromTyped, loadPinyin, type ToPinyin } from './label-key.ts';

let toPinyin: ToPinyin;
beforeAll(async () => { toPinyin = await loadPinyin(); });

/** Checks the key each label gives, all at once, so a failure shows every label's key. */
function expectKeys(keys: Record<string, string>): void {
  expect(Object.fromEntries(Object.keys(keys).map((label) => [label, keyFromChinese(label, toPinyin)]))).toEqual(keys);
}

describe('keys from Chinese labels', () => {
  it('spells a Chinese name in pinyin, one capital per syllable', () => {
    expectKeys({
      联系人电话: 'lianXiRenDianHua',
      月间夜量: 'yueJianYeLiang',
      // Syllables stay apart where plain pinyin needs an apostrophe (Xi'an, not xian).
      西安: 'xiAn',
      先: 'xian',
      // ü is written v, as in pinyin input methods.
      绿色: 'lvSe',
    });
  });

  it('takes the common reading of a character with several, from its context', () => {
    expectKeys({ 银行行长: 'yinHangHangZhang', 重要客户: 'zhongYaoKeHu' });
  });

  it('keeps Latin letters and digits where they are', () => {
    expectKeys({
      客户ID: 'keHuId',
      VIP客户: 'vipKeHu',
      B2B渠道: 'b2bQuDao',
      第2季度目标: 'di2JiDuMuBiao',
      // A key starts with a letter: digits before the first one are left out.
      '2024年销售额': 'nianXiaoShouE',
    });
  });

  it('reads punctuation, full-width characters and spaces as word breaks', () => {
    expectKeys({
      '人均消费（元）': 'renJunXiaoFeiYuan',
      '联系人·电话 / 手机': 'lianXiRenDianHuaShouJi',
      ＶＩＰ等级: 'vipDengJi',
      '《》！': '',
      '2024': '',
    });
  });

  it('keeps whole syllables up to the key length', () => {
    const key = keyFromChinese('这是一个非常非常长的字段名称用来测试标识的长度限制是否生效', toPinyin);
    expect(key).toBe('zheShiYiGeFeiChangFeiChangChangDeZiDuan');
    expect(key.length).toBeLessThanOrEqual(40);
    expect(fieldKeyPattern.test(key)).toBe(true);
    expect(objectKeyPattern.test(key)).toBe(true);
  });
});

describe('the key a new item suggests from its labels', () => {
  it('comes from the English label when it gives one', () => {
    expect(keyForLabels({ en: 'Contact phone', zh: '联系人电话' }, [])).toBe('contactPhone');
    expect(keyForLabels({ en: 'Expiring this week' }, ['expiringThisWeek'])).toBe('expiringThisWeek2');
    expect(keyForLabels({ zh: 'VIP' }, [])).toBe('vip');
    expect(keyForLabels({}, [])).toBe('');
  });

  it('comes from the Chinese label without a usable English one', async () => {
    expect(await keyForLabels({ zh: '联系人电话' }, [])).toBe('lianXiRenDianHua');
    expect(await keyForLabels({ en: '2024', zh: '官网线索' }, [])).toBe('guanWangXianSuo');
    expect(await keyForLabels({ en: '', zh: '！' }, [])).toBe('');
  });

  it('is one no item of its kind has yet', async () => {
    expect(await keyForLabels({ zh: '联系人电话' }, ['lianXiRenDianHua'])).toBe('lianXiRenDianHua2');
    expect(await keyForLabels({ zh: '联系人电话' }, ['lianXiRenDianHua', 'lianXiRenDianHua2'])).toBe('lianXiRenDianHua3');
    const long = '这是一个非常非常长的字段名称用来测试标识的长度限制';
    const first = await keyForLabels({ zh: long }, []);
    const second = await keyForLabels({ zh: long }, [first]);
    expect(second).toBe(`${first.slice(0, 39)}2`);
    expect(fieldKeyPattern.test(second)).toBe(true);
  });

  it('turns a key typed in Chinese (a role’s, whose dialog asks for nothing else) into its pinyin key, leaving a Latin one as typed', async () => {
    expect(await keyFromTyped('顾问', ['admin'])).toBe('guWen');
    expect(await keyFromTyped('顾问', ['admin', 'guWen'])).toBe('guWen2');
    expect(await keyFromTyped('teacher', [])).toBe('teacher');
    expect(await keyFromTyped('Bad key', [])).toBe('Bad key');
  });
});
