export { FollowUpsPage } from './FollowUpsPage';
