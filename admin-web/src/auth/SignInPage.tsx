import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { FullPageSpinner, LanguageSwitch } from '../components';
import { useAuth } from './AuthContext';
import { signInErrorKey } from './signInErrors';

interface SignInForm {
  email: string;
  password: string;
}

function redirectTarget(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    if (typeof from === 'string' && from.startsWith('/') && from !== '/sign-in') return from;
  }
  return '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const { state, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ReturnType<typeof signInErrorKey> | null>(null);
  const target = redirectTarget(location.state);

  if (state.status === 'loading') return <FullPageSpinner />;
  if (state.status === 'signedIn') return <Navigate to={target} replace />;

  const onFinish = async ({ email, password }: SignInForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      await navigate(target, { replace: true });
    } catch (e) {
      setError(signInErrorKey(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="sign-in-page">
      <div className="sign-in-language">
        <LanguageSwitch />
      </div>
      <Card className="sign-in-card">
        <Typography.Title level={2} className="sign-in-brand">
          {t('app.name')}
        </Typography.Title>
        <Typography.Title level={3}>{t('signIn.title')}</Typography.Title>
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="sign-in-error"
            title={t(error)}
            style={{ marginBottom: 24 }}
          />
        )}
        <Form<SignInForm>
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={(values) => void onFinish(values)}
        >
          <Form.Item
            label={t('signIn.email')}
            name="email"
            rules={[
              { required: true, message: t('signIn.emailRequired') },
              { type: 'email', message: t('signIn.emailInvalid') },
            ]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" />
          </Form.Item>
          <Form.Item
            label={t('signIn.password')}
            name="password"
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('signIn.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 24, marginBottom: 0 }}>
          {t('signIn.hint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
