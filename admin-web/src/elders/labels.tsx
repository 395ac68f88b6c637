import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MobilityLevel } from '../api';

const MOBILITY_COLOUR: Record<MobilityLevel, string> = {
  SELF_CARE: 'green',
  PARTIALLY_DISABLED: 'orange',
  DISABLED: 'red',
};

export function MobilityTag({ level }: { level: MobilityLevel }) {
  const { t } = useTranslation();
  return <Tag color={MOBILITY_COLOUR[level]}>{t(`enums.mobility.${level}`)}</Tag>;
}

export function SpecialDifficultyTag() {
  const { t } = useTranslation();
  return (
    <Tag color="magenta" data-testid="special-difficulty-tag">
      {t('elders.specialDifficultyTag')}
    </Tag>
  );
}
