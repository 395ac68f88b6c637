import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldError, type IneligibilityReason, type Order } from '../api';
import { ProblemAlert, showFieldErrors } from '../components';
import { RuleKindTag, useRuleOfFieldError, useRuleText } from './labels';
import { useAssign } from './useDispatch';

/** Whom to assign, and what the board knows about them already. */
export interface AssignTarget {
  providerId: string;
  displayName: string;
  /** The soft rules the candidate list says the provider fails; the api may name more. */
  softRules: IneligibilityReason[];
}

interface AssignModalProps {
  order: Order;
  target: AssignTarget | null;
  onClose: () => void;
}

/** The api wants a reason because the assignment overrides a soft rule. */
function reasonDemanded(error: unknown): boolean {
  return (
    isApiError(error) &&
    (error.problem?.errors ?? []).some(
      (fieldError) => fieldError.field === 'reason' && fieldError.rule === 'required-for-override',
    )
  );
}

/**
 * 人工派单: assigns the provider to the order's next empty seat. Hard rules hold whatever the worker
 * writes; overriding a soft rule (travel-time limit, working hours) needs a reason, which the audit
 * trail keeps. When the board did not know of a soft rule, the api's refusal says so and the
 * reason becomes required here.
 */
export function AssignModal({ order, target, onClose }: AssignModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const assign = useAssign(order.id);
  const ruleText = useRuleText();
  const ruleOf = useRuleOfFieldError();
  const [form] = Form.useForm<{ reason?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [demanded, setDemanded] = useState(false);
  const [refusedForGood, setRefusedForGood] = useState(false);

  const overrides = (target?.softRules.length ?? 0) > 0;

  // once the api asks for a reason, the field says so (and stops saying it as soon as there is one)
  useEffect(() => {
    if (demanded) void form.validateFields(['reason']).catch(() => undefined);
  }, [demanded, form]);
  const needsReason = overrides || demanded;

  const close = () => {
    setError(null);
    setDemanded(false);
    setRefusedForGood(false);
    form.resetFields();
    onClose();
  };

  const submit = async () => {
    if (!target) return;
    const values = await form.validateFields();
    const reason = values.reason?.trim() || undefined;
    setError(null);
    try {
      await assign.mutateAsync({ providerId: target.providerId, reason });
      void message.success(t('dispatch.assigned', { name: target.displayName }));
      close();
    } catch (failure) {
      setError(failure);
      if (reasonDemanded(failure)) {
        setDemanded(true);
      } else if (isApiError(failure) && failure.hasType('assignment-not-allowed')) {
        setRefusedForGood(true);
      } else {
        showFieldErrors(form, failure);
      }
    }
  };

  const describe = (fieldError: FieldError) => {
    if (fieldError.field === 'reason') return t('dispatch.reasonDemanded');
    const rule = ruleOf(fieldError);
    return rule && t('dispatch.failedRuleLine', rule);
  };

  return (
    <Modal
      open={target !== null}
      title={target && t('dispatch.assignTitle', { name: target.displayName })}
      okText={overrides || demanded ? t('dispatch.assignOverride') : t('dispatch.assign')}
      cancelText={t('common.back')}
      okButtonProps={{
        loading: assign.isPending,
        disabled: refusedForGood,
        danger: needsReason,
      }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
      data-testid="assign-modal"
    >
      <Typography.Paragraph>
        {t('dispatch.assignBody', {
          elder: order.elderMaskedName,
          service: t(`enums.service.${order.service}`),
        })}
      </Typography.Paragraph>
      {overrides && target && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('dispatch.overrideWarning')}
          description={
            <ul className="problem-field-errors">
              {target.softRules.map((rule) => (
                <li key={rule.rule}>
                  <RuleKindTag hard={false} />
                  {ruleText(rule)}（{rule.detail}）
                </li>
              ))}
            </ul>
          }
        />
      )}
      {error !== null && (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert error={error} describeFieldError={describe} />
        </div>
      )}
      <Form form={form} name="assign" layout="vertical" hidden={refusedForGood}>
        <Form.Item
          name="reason"
          label={needsReason ? t('dispatch.overrideReason') : t('dispatch.assignNote')}
          extra={needsReason ? t('dispatch.overrideAudited') : undefined}
          rules={
            needsReason
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: t('dispatch.overrideReasonRequired'),
                  },
                  { min: 2, max: 500, message: t('common.reasonLength') },
                ]
              : [{ max: 500, message: t('common.reasonLength') }]
          }
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
