import { Button, Layout, Menu, Space, Typography } from 'antd';
import {
  AccountBookOutlined,
  DeploymentUnitOutlined,
  CalendarOutlined,
  CommentOutlined,
  AimOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  ClockCircleOutlined,
  CoffeeOutlined,
  ShopOutlined,
  HomeOutlined,
  LinkOutlined,
  LogoutOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import type { Permissions } from '../account/permissions';
import { usePermissions } from '../account/usePermissions';
import { LanguageSwitch } from './LanguageSwitch';

interface MenuEntry {
  path: string;
  labelKey: ParseKeys;
  icon: ReactNode;
  /** Whether the signed-in role may open the screen; always, unless told. */
  visible?: (can: Permissions) => boolean;
}

/**
 * Side-menu entries. Only screens that exist are listed, so no entry is a dead link; each new
 * screen (派单台, 电话下单, 老人档案, ...) adds its entry here together with its route.
 */
const MENU: MenuEntry[] = [
  { path: '/', labelKey: 'menu.home', icon: <HomeOutlined /> },
  {
    path: '/dispatch',
    labelKey: 'menu.dispatch',
    icon: <DeploymentUnitOutlined />,
    visible: (can) => can.listProvidersAndOrders,
  },
  {
    path: '/phone-order',
    labelKey: 'menu.phoneOrder',
    icon: <PhoneOutlined />,
    visible: (can) => can.act,
  },
  {
    path: '/meal-plans',
    labelKey: 'menu.mealPlans',
    icon: <CoffeeOutlined />,
    visible: (can) => can.act,
  },
  {
    path: '/orders',
    labelKey: 'menu.orders',
    icon: <UnorderedListOutlined />,
    visible: (can) => can.listProvidersAndOrders,
  },
  {
    path: '/elders',
    labelKey: 'menu.elders',
    icon: <TeamOutlined />,
    visible: (can) => can.listElders,
  },
  {
    path: '/bindings',
    labelKey: 'menu.bindings',
    icon: <LinkOutlined />,
    visible: (can) => can.act,
  },
  {
    path: '/providers',
    labelKey: 'menu.providers',
    icon: <SafetyCertificateOutlined />,
    visible: (can) => can.listProvidersAndOrders,
  },
  {
    path: '/organisations',
    labelKey: 'menu.organisations',
    icon: <ShopOutlined />,
    visible: (can) => can.listProvidersAndOrders,
  },
  {
    path: '/subsidy',
    labelKey: 'menu.subsidy',
    icon: <AccountBookOutlined />,
    visible: (can) => can.viewSubsidy,
  },
  {
    path: '/follow-ups',
    labelKey: 'menu.followUps',
    icon: <CommentOutlined />,
    visible: (can) => can.listProvidersAndOrders,
  },
  {
    path: '/holidays',
    labelKey: 'menu.holidays',
    icon: <CalendarOutlined />,
    visible: (can) => can.listProvidersAndOrders,
  },
  {
    path: '/visits',
    labelKey: 'menu.visits',
    icon: <CarryOutOutlined />,
    visible: (can) => can.viewOperations,
  },
  {
    path: '/time-bank',
    labelKey: 'menu.timeBank',
    icon: <ClockCircleOutlined />,
    visible: (can) => can.viewOperations,
  },
  {
    path: '/coverage',
    labelKey: 'menu.coverage',
    icon: <AimOutlined />,
    visible: (can) => can.viewOperations,
  },
  {
    path: '/reports',
    labelKey: 'menu.reports',
    icon: <BarChartOutlined />,
    visible: (can) => can.viewOperations,
  },
];

interface AppLayoutProps {
  userName: string;
  onSignOut: () => void;
}

export function AppLayout({ userName, onSignOut }: AppLayoutProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const can = usePermissions();
  const [collapsed, setCollapsed] = useState(false);
  const entries = MENU.filter((entry) => entry.visible?.(can) ?? true);
  const selected = entries
    .filter((entry) =>
      entry.path === '/' ? location.pathname === '/' : location.pathname.startsWith(entry.path),
    )
    .map((entry) => entry.path);

  return (
    <Layout className="app-layout">
      <Layout.Sider
        className="app-sider"
        breakpoint="lg"
        collapsedWidth={64}
        width={220}
        theme="light"
        collapsed={collapsed}
        onCollapse={setCollapsed}
        collapsible
      >
        <div className={collapsed ? 'app-logo app-logo-collapsed' : 'app-logo'}>
          {collapsed ? t('app.shortName') : t('app.name')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected}
          items={entries.map((entry) => ({
            key: entry.path,
            icon: entry.icon,
            label: <Link to={entry.path}>{t(entry.labelKey)}</Link>,
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Typography.Text strong className="app-header-title">
            {t('app.subtitle')}
          </Typography.Text>
          <Space size="middle" wrap>
            <LanguageSwitch />
            <Typography.Text data-testid="header-user">
              <UserOutlined /> {userName}
            </Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={onSignOut}>
              {t('signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
