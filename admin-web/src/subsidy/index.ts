export { SubsidyPolicyPage } from './SubsidyPolicyPage';
