export { AppLayout } from './AppLayout';
export { CommunitySelect } from './CommunitySelect';
export { FullPageSpinner } from './FullPageSpinner';
export { LanguageSwitch } from './LanguageSwitch';
export { NotFoundPage } from './NotFoundPage';
export { ProblemAlert } from './ProblemAlert';
export { problemMessage } from './problemMessage';
export { StatusPage } from './StatusPage';
export { ReasonModal } from './ReasonModal';
export {
  formFieldErrors,
  jsonPathToName,
  showFieldErrors,
  type FormFieldError,
} from './fieldErrors';
export {
  addToTimeOfDay,
  chinaDay,
  formatDay,
  formatFen,
  formatDateTime,
  formatTimeWindow,
  fenToYuan,
  minutesBetween,
  yuanToFen,
} from './format';
export { PageTitle } from './PageTitle';
export { PagedTable, type PagedTableProps } from './PagedTable';
export { recentMonths, formatRate } from './months';
