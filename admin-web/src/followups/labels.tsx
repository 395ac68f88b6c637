import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RatingLevel } from '../api';

const LEVEL_COLOURS: Record<RatingLevel, string> = {
  VERY_SATISFIED: 'green',
  SATISFIED: 'green',
  BASICALLY_SATISFIED: 'blue',
  DISSATISFIED: 'orange',
  VERY_DISSATISFIED: 'red',
};

/** One of the five levels of the rating scheme (非常满意 … 非常不满意). */
export function LevelTag({ level }: { level: RatingLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLOURS[level]} data-testid="level-tag">
      {t(`ratings.level.${level}`)}
    </Tag>
  );
}

/** Due date with its state: 已逾期 (red), 暂定 while counted on a provisional calendar. */
export function DueTag({
  dueOn,
  overdue,
  provisional,
}: {
  dueOn: string;
  overdue: boolean;
  provisional: boolean;
}) {
  const { t } = useTranslation();
  return (
    <span data-testid="due">
      <span className={overdue ? 'overdue-text' : undefined}>{dueOn}</span>{' '}
      {overdue && <Tag color="red">{t('followUps.overdue')}</Tag>}
      {provisional && <Tag color="default">{t('followUps.provisional')}</Tag>}
    </span>
  );
}
