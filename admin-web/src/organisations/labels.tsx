import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganisationKind } from '../api';

export const ORGANISATION_KINDS: OrganisationKind[] = ['CANTEEN', 'AGENCY', 'CLINIC'];

const KIND_COLOUR: Record<OrganisationKind, string> = {
  CANTEEN: 'orange',
  AGENCY: 'blue',
  CLINIC: 'green',
};

export function OrganisationKindTag({ kind }: { kind: OrganisationKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLOUR[kind]} data-testid="organisation-kind">
      {t(`organisations.kind.${kind}`)}
    </Tag>
  );
}
