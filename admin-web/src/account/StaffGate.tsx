import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';
import { useAuth } from '../auth';
import { AppLayout, FullPageSpinner, ProblemAlert, StatusPage } from '../components';
import { MeContext } from './MeContext';
import { isStaff } from './roles';
import { useMe } from './useMe';

/**
 * Loads who is signed in and lets only community staff in: a Firebase user without an account,
 * or a family member or provider, gets a page that says so instead of the workbench.
 */
export function StaffGate() {
  const { t } = useTranslation();
  const { state, signOut } = useAuth();
  const user = state.status === 'signedIn' ? state.user : null;
  const me = useMe(user?.uid ?? '');
  const signOutButton = (
    <Button type="primary" size="large" onClick={() => void signOut()}>
      {t('signOut')}
    </Button>
  );

  if (!user || me.isPending) return <FullPageSpinner />;

  if (me.isError) {
    if (isApiError(me.error) && me.error.hasType('account-not-registered')) {
      return (
        <StatusPage
          status="403"
          testId="account-not-registered"
          title={t('account.notRegisteredTitle')}
          body={t('account.notRegisteredBody', { email: user.email ?? user.uid })}
          extra={signOutButton}
        />
      );
    }
    return (
      <StatusPage
        status="error"
        testId="account-load-failed"
        title={t('account.loadFailed')}
        body={<ProblemAlert error={me.error} />}
        extra={
          <Space>
            <Button size="large" onClick={() => void me.refetch()}>
              {t('account.retry')}
            </Button>
            {signOutButton}
          </Space>
        }
      />
    );
  }

  if (!isStaff(me.data.roles)) {
    return (
      <StatusPage
        status="403"
        testId="not-staff"
        title={t('account.notStaffTitle')}
        body={t('account.notStaffBody', {
          roles: me.data.roles.map((role) => t(`roles.${role}`)).join('、'),
        })}
        extra={signOutButton}
      />
    );
  }

  return (
    <MeContext value={me.data}>
      <AppLayout userName={me.data.displayName} onSignOut={() => void signOut()} />
    </MeContext>
  );
}
