import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { StaffGate } from './account';
import { isApiError } from './api';
import { AuthProvider, RequireAuth, SignInPage } from './auth';
import { FullPageSpinner, NotFoundPage } from './components';
import { ConfigGate } from './ConfigGate';
import { HomePage } from './dashboard';
import { BindingsPage } from './bindings';
import { DispatchBoardPage } from './dispatch';
import { EldersPage } from './elders';
import { OrdersPage, PhoneOrderPage } from './orders';
import { FollowUpsPage } from './followups';
import { HolidayCalendarPage } from './holidays';
import { MealPlansPage } from './mealplans';
import { OrganisationsPage } from './organisations';
import { ProvidersPage } from './providers';
import { SubsidyPolicyPage } from './subsidy';
import { VisitsPage } from './visits';

// the map (Leaflet) and the charts (ECharts) load with their screens, not with the site
const CoveragePage = lazy(async () => ({ default: (await import('./coverage')).CoveragePage }));
const ReportsPage = lazy(async () => ({ default: (await import('./reports')).ReportsPage }));
const TimeBankPage = lazy(async () => ({ default: (await import('./timebank')).TimeBankPage }));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // a problem the api answered (4xx) will not go away by asking again; a network hiccup may
      retry: (failureCount, error) =>
        failureCount < 1 && !(isApiError(error) && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** Large, readable type for people who read a screen all day, on laptops and tablets. */
const theme: ThemeConfig = {
  token: {
    fontSize: 16,
    fontSizeHeading1: 34,
    fontSizeHeading2: 28,
    fontSizeHeading3: 22,
    controlHeight: 40,
    controlHeightLG: 48,
    colorPrimary: '#1f6fb2',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
};

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={theme}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <ConfigGate>
            <AuthProvider>
              <BrowserRouter basename={import.meta.env.BASE_URL}>
                <Routes>
                  <Route path="/sign-in" element={<SignInPage />} />
                  <Route
                    element={
                      <RequireAuth>
                        <StaffGate />
                      </RequireAuth>
                    }
                  >
                    <Route index element={<HomePage />} />
                    <Route path="/phone-order" element={<PhoneOrderPage />} />
                    <Route path="/meal-plans" element={<MealPlansPage />} />
                    <Route path="/orders" element={<OrdersPage />} />
                    <Route path="/dispatch" element={<DispatchBoardPage />} />
                    <Route path="/elders" element={<EldersPage />} />
                    <Route path="/bindings" element={<BindingsPage />} />
                    <Route path="/providers" element={<ProvidersPage />} />
                    <Route path="/organisations" element={<OrganisationsPage />} />
                    <Route path="/subsidy" element={<SubsidyPolicyPage />} />
                    <Route path="/follow-ups" element={<FollowUpsPage />} />
                    <Route path="/holidays" element={<HolidayCalendarPage />} />
                    <Route path="/visits" element={<VisitsPage />} />
                    <Route
                      path="/time-bank"
                      element={
                        <Suspense fallback={<FullPageSpinner />}>
                          <TimeBankPage />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/coverage"
                      element={
                        <Suspense fallback={<FullPageSpinner />}>
                          <CoveragePage />
                        </Suspense>
                      }
                    />
                    <Route
                      path="/reports"
                      element={
                        <Suspense fallback={<FullPageSpinner />}>
                          <ReportsPage />
                        </Suspense>
                      }
                    />
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Routes>
              </BrowserRouter>
            </AuthProvider>
          </ConfigGate>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
