export { VisitsPage } from './VisitsPage';
