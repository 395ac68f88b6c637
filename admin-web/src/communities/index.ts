export { CommunityCards } from './CommunityCards';
export { useCommunities } from './useCommunities';
