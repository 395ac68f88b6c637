import type { ReactNode } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem';
import type { FieldError } from '../api/types';
import { problemMessage } from './problemMessage';

interface ProblemAlertProps {
  error: unknown;
  /** What the page was trying to do, e.g. "could not load the communities". */
  context?: string;
  action?: ReactNode;
  /**
   * Words a field error the screen knows better than the api's message (e.g. a matching rule in the
   * reader's language); undefined leaves it as `field: message`.
   */
  describeFieldError?: (fieldError: FieldError) => ReactNode | undefined;
}

/**
 * The one way the site shows a failed API call: the problem's title, its detail, and each field
 * error (RFC 9457 `errors[]`) on its own line.
 */
export function ProblemAlert({ error, context, action, describeFieldError }: ProblemAlertProps) {
  const { t } = useTranslation();
  const problem = isApiError(error) ? error.problem : undefined;
  const title = problemMessage(error, t);
  const fieldErrors = problem?.errors ?? [];
  const description =
    problem?.detail || fieldErrors.length > 0 || context ? (
      <>
        {context && <div>{context}</div>}
        {problem?.detail && <div>{problem.detail}</div>}
        {fieldErrors.length > 0 && (
          <>
            <div>{t('problem.fieldErrors')}</div>
            <ul className="problem-field-errors">
              {fieldErrors.map((fieldError) => (
                <li key={`${fieldError.field}:${fieldError.rule}`}>
                  {describeFieldError?.(fieldError) ?? (
                    <>
                      <code>{fieldError.field}</code>：{fieldError.message}
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    ) : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="problem-alert"
      title={title}
      description={description}
      action={action}
    />
  );
}
