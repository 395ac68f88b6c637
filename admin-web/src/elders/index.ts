export { EldersPage } from './EldersPage';
export { ElderDrawer } from './ElderDrawer';
export { MobilityTag, SpecialDifficultyTag } from './labels';
export { useElders, useElder, type ElderFilters } from './useElders';
