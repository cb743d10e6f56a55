export { FilterBuilder } from './filter-builder.tsx';
export type { FilterBuilderProps, FilterFieldInfo, FilterJson, FieldKind } from './filter-builder-types.ts';
