import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api';

/** The years the working-day calendar knows. */
export function useHolidayCalendars() {
  return useQuery({
    queryKey: ['holiday-calendars'],
    queryFn: async () => unwrap(await api.GET('/holiday-calendars')),
  });
}

export function useHolidayCalendar(year: number | null) {
  return useQuery({
    queryKey: ['holiday-calendar', year],
    queryFn: async () =>
      unwrap(await api.GET('/holiday-calendars/{year}', { params: { path: { year: year ?? 0 } } })),
    enabled: year !== null,
  });
}
