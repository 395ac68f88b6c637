export { OrganisationsPage } from './OrganisationsPage';
export { OrganisationKindTag, ORGANISATION_KINDS } from './labels';
export {
  useServiceOrganisations,
  useOrganisationsById,
  useSetProviderOrganisation,
} from './useOrganisations';
