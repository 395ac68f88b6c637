import type { ReactNode } from 'react';
import { Result } from 'antd';
import { LanguageSwitch } from './LanguageSwitch';

interface StatusPageProps {
  status: 'info' | 'warning' | 'error' | '403' | '404';
  title: ReactNode;
  body: ReactNode;
  extra?: ReactNode;
  testId?: string;
}

/** A whole page that tells the visitor where they stand (not registered, not staff, ...). */
export function StatusPage({ status, title, body, extra, testId }: StatusPageProps) {
  return (
    <div className="full-page-center status-page" data-testid={testId}>
      <div className="sign-in-language">
        <LanguageSwitch />
      </div>
      <Result status={status} title={title} subTitle={body} extra={extra} />
    </div>
  );
}
