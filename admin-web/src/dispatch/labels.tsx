import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DispatchAttention, FieldError, IneligibilityReason, ScoreComponent } from '../api';

const REASON_COLOUR: Record<DispatchAttention, string> = {
  ESCALATED: 'red',
  OFFER_EXPIRING: 'orange',
  NO_CHECK_IN: 'volcano',
};

export function AttentionTag({ reason }: { reason: DispatchAttention }) {
  const { t } = useTranslation();
  return (
    <Tag color={REASON_COLOUR[reason]} className="status-tag" data-testid="attention-reason">
      {t(`dispatch.reason.${reason}`)}
    </Tag>
  );
}

/** The matching engine's eligibility rules (matching's Rule) that the site words itself. */
const KNOWN_RULES = [
  'PROVIDER_KNOWN',
  'OFFERS_SERVICE',
  'VERIFIED_CREDENTIAL',
  'NOT_SUSPENDED',
  'FREE_IN_WINDOW',
  'GENDER_REQUIREMENT',
  'SETTLEMENT_KIND',
  'DISTINCT_CAREGIVERS',
  'WITHIN_TRAVEL_LIMIT',
  'WITHIN_WORKING_HOURS',
] as const;
type KnownRule = (typeof KNOWN_RULES)[number];

function knownRule(rule: string): KnownRule | undefined {
  return KNOWN_RULES.find((known) => known === rule);
}

/** What a failed rule demands, in the reader's language; the api's words for a rule we do not know. */
export function useRuleText(): (reason: IneligibilityReason) => string {
  const { t } = useTranslation();
  return (reason) => {
    const known = knownRule(reason.rule);
    return known ? t(`dispatch.rules.${known}`) : reason.description;
  };
}

/**
 * An assignment refusal's field error about the provider (`providerId`, rule `within-travel-limit`,
 * message `<what the rule demands>: <detail>`) as the rule in the reader's language and its detail.
 */
export function useRuleOfFieldError(): (
  error: FieldError,
) => { rule: string; detail: string } | undefined {
  const { t } = useTranslation();
  return (error) => {
    if (error.field !== 'providerId') return undefined;
    const known = knownRule(error.rule.toUpperCase().replace(/-/g, '_'));
    const separator = error.message.indexOf(': ');
    const detail = separator === -1 ? error.message : error.message.slice(separator + 2);
    return { rule: known ? t(`dispatch.rules.${known}`) : error.message, detail };
  };
}

export function RuleKindTag({ hard }: { hard: boolean }) {
  const { t } = useTranslation();
  return hard ? (
    <Tag color="red" data-testid="rule-hard">
      {t('dispatch.hardRule')}
    </Tag>
  ) : (
    <Tag color="orange" data-testid="rule-soft">
      {t('dispatch.softRule')}
    </Tag>
  );
}

export function componentLabel(component: ScoreComponent['component'], t: TFunction): string {
  return t(`dispatch.components.${component}`);
}
