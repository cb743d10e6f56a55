import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjsGenerateConfig from '@rc-component/picker/generate/dayjs';
import { toPickerValue } from './zone-clock.ts';

const pickers = new Map<string, typeof DatePicker>();

/**
 * antd's DatePicker whose "now" is the tenant's: 此刻 (Now) and 今天 (Today), and the day the
 * calendar marks as today, read the wall clock of `zone` as `toPickerValue` gives picked values,
 * not the phone's. With the plain picker, a BD whose phone was set to London pressed 此刻 at
 * 03:08 Shanghai time and saved a visit at 19:08 the day before. One per zone, made once.
 */
export function zonedDatePicker(zone: string | undefined): typeof DatePicker {
  if (!zone) return DatePicker;
  let picker = pickers.get(zone);
  if (!picker) {
    picker = DatePicker.generatePicker<Dayjs>({
      ...dayjsGenerateConfig,
      getNow: () => toPickerValue(new Date().toISOString(), zone) ?? dayjsGenerateConfig.getNow(),
    }) as unknown as typeof DatePicker;
    pickers.set(zone, picker);
  }
  return picker;
}
