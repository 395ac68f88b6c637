import { Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert';
import { showFieldErrors } from './fieldErrors';

interface ReasonModalProps {
  open: boolean;
  title: ReactNode;
  /** What the action does, shown above the reason. */
  description?: ReactNode;
  okText: ReactNode;
  /** The button that leaves without acting; 取消 unless told (say 返回 when the action is itself a cancel). */
  cancelText?: ReactNode;
  danger?: boolean;
  /** The reason's label; 原因 unless told. */
  label?: ReactNode;
  /** Runs the action; a rejected promise (an ApiError) is shown in the modal. */
  onSubmit: (reason: string, optionChecked: boolean) => Promise<unknown>;
  /** A choice that goes with the action, as a checkbox under the reason (unchecked at first). */
  option?: ReactNode;
  onClose: () => void;
  testId?: string;
  /** A note that may stay empty (at most `maxLength` characters) rather than a required reason. */
  optional?: boolean;
  maxLength?: number;
}

/** A modal that asks for the reason an action needs (2–500 characters), then runs it. */
export function ReasonModal({
  open,
  title,
  description,
  okText,
  cancelText,
  danger,
  label,
  onSubmit,
  onClose,
  testId,
  option,
  optional = false,
  maxLength = 500,
}: ReasonModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; option?: boolean }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    const reason = (values.reason as string | undefined) ?? '';
    setBusy(true);
    setError(null);
    try {
      await onSubmit(reason.trim(), values.option === true);
      form.resetFields();
      onClose();
    } catch (failure) {
      setError(failure);
      showFieldErrors(form, failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={cancelText ?? t('common.cancel')}
      okButtonProps={{ danger: danger ?? false, loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        setError(null);
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
      data-testid={testId}
    >
      {description && <Typography.Paragraph>{description}</Typography.Paragraph>}
      {error !== null && <ProblemAlert error={error} />}
      <Form form={form} name="reason" layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item
          name="reason"
          label={label ?? t('common.reason')}
          rules={
            optional
              ? []
              : [
                  { required: true, whitespace: true, message: t('common.reasonRequired') },
                  { min: 2, max: maxLength, message: t('common.reasonLength') },
                ]
          }
        >
          <Input.TextArea rows={3} maxLength={maxLength} showCount autoFocus />
        </Form.Item>
        {option && (
          <Form.Item name="option" valuePropName="checked">
            <Checkbox>{option}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
