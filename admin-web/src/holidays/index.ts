export { HolidayCalendarPage } from './HolidayCalendarPage';
