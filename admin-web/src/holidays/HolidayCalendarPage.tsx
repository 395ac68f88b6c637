import { Alert, Card, Descriptions, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HolidayCalendarDay } from '../api';
import { PageTitle, ProblemAlert, formatDateTime } from '../components';
import { useHolidayCalendar, useHolidayCalendars } from './useHolidayCalendars';

const WEEKDAY = new Intl.DateTimeFormat('zh-CN', { weekday: 'short', timeZone: 'UTC' });

/**
 * 节假日安排: the working-day calendar follow-up deadlines count on — holidays and the weekend
 * make-up working days (调休上班) of each year, official (from the State Council's notice) or
 * provisional (statutory holidays only).
 */
export function HolidayCalendarPage() {
  const { t } = useTranslation();
  const years = useHolidayCalendars();
  const [chosen, setChosen] = useState<number | null>(null);
  const year = chosen ?? years.data?.[0]?.year ?? null;
  const calendar = useHolidayCalendar(year);
  const data = calendar.data;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle title={t('holidays.title')} />
      {years.isError && <ProblemAlert error={years.error} />}
      <Card>
        <Space wrap>
          <span>{t('holidays.year')}</span>
          <Select
            style={{ width: 160 }}
            data-testid="year-select"
            value={year ?? undefined}
            onChange={(value: number) => {
              setChosen(value);
            }}
            options={(years.data ?? []).map((y) => ({
              value: y.year,
              label: `${String(y.year)} · ${t(`holidays.status.${y.status}`)}`,
            }))}
          />
        </Space>
      </Card>
      {calendar.isError && <ProblemAlert error={calendar.error} />}
      {data && (
        <Card>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {data.status === 'PROVISIONAL' && (
              <Alert type="warning" showIcon title={t('holidays.provisionalNotice')} />
            )}
            <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle">
              <Descriptions.Item label={t('holidays.fields.status')}>
                <Tag
                  color={data.status === 'OFFICIAL' ? 'green' : 'gold'}
                  data-testid="calendar-status"
                >
                  {t(`holidays.status.${data.status}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('holidays.fields.enteredAt')}>
                {formatDateTime(data.enteredAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('holidays.fields.notice')} span={2}>
                <span data-testid="calendar-notice">{data.notice ?? '—'}</span>
              </Descriptions.Item>
            </Descriptions>
            <Table<HolidayCalendarDay>
              rowKey="date"
              size="small"
              data-testid="calendar-days"
              dataSource={data.days}
              pagination={false}
              columns={[
                {
                  title: t('holidays.fields.date'),
                  dataIndex: 'date',
                  render: (date: string) =>
                    `${date}（${WEEKDAY.format(new Date(`${date}T00:00:00Z`))}）`,
                },
                {
                  title: t('holidays.fields.kind'),
                  dataIndex: 'kind',
                  render: (_, day) => (
                    <Tag color={day.kind === 'HOLIDAY' ? 'red' : 'blue'}>
                      {t(`holidays.kind.${day.kind}`)}
                    </Tag>
                  ),
                },
                { title: t('holidays.fields.name'), dataIndex: 'name' },
              ]}
            />
          </Space>
        </Card>
      )}
    </Space>
  );
}
