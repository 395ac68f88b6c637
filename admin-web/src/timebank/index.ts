export { TimeBankPage } from './TimeBankPage';
