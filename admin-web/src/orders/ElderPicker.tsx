import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityName } from '../account';
import { useElders, type ElderFilters } from '../elders';

export interface PickedElder {
  id: string;
  maskedName: string;
  /** Known when the elder was picked from the matches (not when restored from a link). */
  communityId?: string;
}

interface ElderPickerProps {
  value: PickedElder | null;
  onChange: (elder: PickedElder | null) => void;
  testId?: string;
  width?: number;
}

function filtersOf(text: string): ElderFilters | null {
  const query = text.trim();
  if (!query) return null;
  return /^\d{4}$/.test(query) ? { phoneLast4: query } : { name: query };
}

/** Finds an elder of the covered communities by name or the last 4 phone digits, as they type. */
export function ElderPicker({
  value,
  onChange,
  testId = 'order-elder-filter',
  width = 260,
}: ElderPickerProps) {
  const { t } = useTranslation();
  const communityName = useCommunityName();
  const [typed, setTyped] = useState('');
  const [filters, setFilters] = useState<ElderFilters | null>(null);

  // ask the api once typing pauses, not on every key
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setFilters(filtersOf(typed));
    }, 300);
    return () => {
      window.clearTimeout(timer);
    };
  }, [typed]);

  const elders = useElders(filters ?? {}, 0, 10, filters !== null);
  const found = filters === null ? [] : (elders.data?.items ?? []);
  const options: { value: string; label: string; detail: string; communityId?: string }[] =
    found.map((elder) => ({
      value: elder.id,
      label: elder.maskedName,
      detail: [elder.maskedPhone, communityName(elder.communityId)].filter(Boolean).join(' · '),
      communityId: elder.communityId,
    }));
  if (value && !options.some((option) => option.value === value.id)) {
    options.unshift({
      value: value.id,
      label: value.maskedName,
      detail: '',
      communityId: value.communityId,
    });
  }

  return (
    <Select
      allowClear
      style={{ width }}
      placeholder={t('orders.search.elderPlaceholder')}
      value={value?.id}
      loading={elders.isFetching}
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={filters === null ? t('orders.search.elderHint') : t('phoneOrder.noMatch')}
      options={options}
      optionRender={(option) => (
        <span>
          <strong>{option.data.label}</strong> <span className="muted">{option.data.detail}</span>
        </span>
      )}
      onChange={(id?: string) => {
        const picked = options.find((option) => option.value === id);
        onChange(
          picked
            ? { id: picked.value, maskedName: picked.label, communityId: picked.communityId }
            : null,
        );
      }}
    />
  );
}
