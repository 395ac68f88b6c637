export { BindingsPage } from './BindingsPage';
