import { Alert, App, Button, Descriptions, Drawer, List, Skeleton, Space, Tag } from 'antd';
import {
  CheckOutlined,
  CloseOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
} from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommunityName, usePermissions } from '../account';
import type { Credential } from '../api';
import { ProblemAlert, ReasonModal } from '../components';
import { ProviderStatusTag, VerificationTag } from './labels';
import { ProviderOrganisationField } from './ProviderOrganisationField';
import { useProvider, useProviderAction } from './useProviders';

type Pending =
  | { kind: 'verify'; credential: Credential; verified: boolean }
  | { kind: 'suspend' }
  | { kind: 'reinstate' };

interface ProviderDrawerProps {
  providerId: string | null;
  onClose: () => void;
}

/** One provider: profile, credentials to verify, suspension and reinstatement with a reason. */
export function ProviderDrawer({ providerId, onClose }: ProviderDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = usePermissions();
  const communityName = useCommunityName();
  const provider = useProvider(providerId);
  const action = useProviderAction(providerId ?? '');
  const [pending, setPending] = useState<Pending | null>(null);
  const data = provider.data;

  const modal = (() => {
    if (!pending || !data) return null;
    switch (pending.kind) {
      case 'verify':
        return {
          title: pending.verified
            ? t('providers.verifyTitle', {
                kind: t(`providers.credentialKind.${pending.credential.kind}`),
              })
            : t('providers.rejectTitle', {
                kind: t(`providers.credentialKind.${pending.credential.kind}`),
              }),
          description: t('providers.verifyBody', { number: pending.credential.number }),
          label: t('providers.note'),
          okText: pending.verified ? t('providers.verify') : t('providers.rejectCredential'),
          danger: !pending.verified,
          optional: pending.verified,
          maxLength: 200,
          testId: 'credential-decision-modal',
          run: async (note: string) => {
            await action.mutateAsync({
              kind: 'verify',
              credentialId: pending.credential.id,
              verified: pending.verified,
              note: note || undefined,
            });
            void message.success(
              pending.verified ? t('providers.verifiedDone') : t('providers.rejectedDone'),
            );
          },
        };
      case 'suspend':
        return {
          title: t('providers.suspendTitle', { name: data.displayName }),
          description: t('providers.suspendBody'),
          label: t('common.reason'),
          okText: t('providers.suspend'),
          danger: true,
          optional: false,
          maxLength: 500,
          testId: 'suspend-modal',
          run: async (reason: string) => {
            await action.mutateAsync({ kind: 'suspend', reason });
            void message.success(t('providers.suspendedDone'));
          },
        };
      case 'reinstate':
        return {
          title: t('providers.reinstateTitle', { name: data.displayName }),
          description: t('providers.reinstateBody'),
          label: t('common.reason'),
          okText: t('providers.reinstate'),
          danger: false,
          optional: false,
          maxLength: 500,
          testId: 'reinstate-modal',
          run: async (reason: string) => {
            await action.mutateAsync({ kind: 'reinstate', reason });
            void message.success(t('providers.reinstatedDone'));
          },
        };
    }
  })();

  return (
    <Drawer
      open={providerId !== null}
      onClose={onClose}
      size={720}
      title={data ? data.displayName : t('providers.detailTitle')}
      destroyOnHidden
      data-testid="provider-drawer"
      extra={
        can.act &&
        data &&
        (data.suspended ? (
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            onClick={() => {
              setPending({ kind: 'reinstate' });
            }}
          >
            {t('providers.reinstate')}
          </Button>
        ) : (
          <Button
            danger
            icon={<PauseCircleOutlined />}
            onClick={() => {
              setPending({ kind: 'suspend' });
            }}
          >
            {t('providers.suspend')}
          </Button>
        ))
      }
    >
      {provider.isPending && <Skeleton active />}
      {provider.isError && <ProblemAlert error={provider.error} />}
      {data && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {data.suspended && (
            <Alert
              type="warning"
              showIcon
              data-testid="suspension-notice"
              title={t('providers.suspendedNotice')}
              description={data.suspensionReason}
            />
          )}
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle">
            <Descriptions.Item label={t('providers.fields.name')}>
              {data.displayName}
            </Descriptions.Item>
            <Descriptions.Item label={t('providers.fields.status')}>
              <ProviderStatusTag provider={data} />
            </Descriptions.Item>
            <Descriptions.Item label={t('providers.fields.kind')}>
              {t(`providers.kind.${data.kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('providers.fields.gender')}>
              {t(`enums.gender.${data.gender}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('providers.fields.phone')}>
              {data.maskedPhone ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('providers.fields.community')}>
              {communityName(data.communityId)}
            </Descriptions.Item>
            <Descriptions.Item label={t('providers.fields.services')} span={2}>
              {data.services.map((service) => (
                <Tag key={service}>{t(`enums.service.${service}`)}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('providers.fields.organisation')} span={2}>
              <ProviderOrganisationField key={data.id} provider={data} />
            </Descriptions.Item>
            <Descriptions.Item label={t('providers.fields.travelMode')}>
              {t(`providers.travelMode.${data.travelMode}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('providers.fields.languages')}>
              {data.languages.map((language) => t(`languages.${language}`)).join('、') || '—'}
            </Descriptions.Item>
          </Descriptions>
          <List<Credential>
            header={<strong>{t('providers.credentials')}</strong>}
            bordered
            dataSource={data.credentials}
            locale={{ emptyText: t('providers.noCredentials') }}
            data-testid="credentials"
            renderItem={(credential) => (
              <List.Item
                data-testid={`credential-${credential.id}`}
                actions={
                  can.act && credential.verification === 'PENDING'
                    ? [
                        <Button
                          key="verify"
                          type="primary"
                          icon={<CheckOutlined />}
                          onClick={() => {
                            setPending({ kind: 'verify', credential, verified: true });
                          }}
                        >
                          {t('providers.verify')}
                        </Button>,
                        <Button
                          key="reject"
                          danger
                          icon={<CloseOutlined />}
                          onClick={() => {
                            setPending({ kind: 'verify', credential, verified: false });
                          }}
                        >
                          {t('providers.rejectCredential')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {t(`providers.credentialKind.${credential.kind}`)}
                      <Tag>{t(`enums.service.${credential.service}`)}</Tag>
                      <VerificationTag state={credential.verification} />
                    </Space>
                  }
                  description={
                    <>
                      <div>
                        {t('providers.credentialLine', {
                          number: credential.number,
                          issuer: credential.issuer,
                          expiresOn: credential.expiresOn,
                        })}
                      </div>
                      {credential.note && (
                        <div>{t('providers.noteLine', { note: credential.note })}</div>
                      )}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Space>
      )}
      {modal && (
        <ReasonModal
          open
          title={modal.title}
          description={modal.description}
          label={modal.label}
          okText={modal.okText}
          danger={modal.danger}
          optional={modal.optional}
          maxLength={modal.maxLength}
          testId={modal.testId}
          onSubmit={modal.run}
          onClose={() => {
            setPending(null);
          }}
        />
      )}
    </Drawer>
  );
}
