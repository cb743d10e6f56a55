import { createContext, useContext } from 'react';
import type { FilterBuilderProps, FilterFieldInfo } from './filter-builder-types.ts';

/** What every row editor needs from the builder's props. */
export interface FilterBuilderSettings {
  fields: FilterFieldInfo[];
  fieldsByKey: Map<string, FilterFieldInfo>;
  locale: 'zh' | 'en';
  allowVariables: boolean;
  allowRelativeDates: boolean;
  searchRecords: FilterBuilderProps['searchRecords'];
  resolveRecords: FilterBuilderProps['resolveRecords'];
  disabled: boolean;
}

export const FilterBuilderSettingsContext = createContext<FilterBuilderSettings | null>(null);

export function useBuilderSettings(): FilterBuilderSettings {
  const settings = useContext(FilterBuilderSettingsContext);
  if (!settings) throw new Error('Filter builder parts must render inside <FilterBuilder>');
  return settings;
}
