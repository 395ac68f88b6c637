-- Notifications: the devices each account receives pushes on, and what the outbox relay remembers between the
-- attempts of a push.

-- An app registers its FCM token at sign-in and at every start, and removes it at sign-out; the relay prunes a
-- token FCM reports as unregistered or invalid. A token belongs to whoever registered it last (a device that
-- changed hands).
create table device_token (
    id            uuid primary key,
    -- FCM registration tokens are printable ASCII, about 150-200 characters today; 1024 leaves room and keeps
    -- the unique index within a B-tree page
    token         varchar(1024) not null unique,
    account_id    uuid          not null references account (id),
    platform      varchar(7)    not null check (platform in ('ANDROID', 'IOS', 'WEB')),
    registered_at timestamptz   not null,
    last_seen_at  timestamptz   not null
);
create index device_token_account_idx on device_token (account_id, last_seen_at desc);

-- PUSH: the devices that already have the message, so that a retry after a partial failure (one device of two
-- answered 5xx) reaches only the others. Device ids, not tokens: the outbox keeps no device identifiers.
alter table outbox_message
    add column delivered_devices uuid[] not null default '{}';
