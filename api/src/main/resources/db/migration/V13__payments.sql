-- Payments: a double-entry money ledger in integer fen, the elders' monthly service subsidy (养老服务补贴) and
-- the payment of PAID orders (subsidy first, then online through WeChat Pay, held in escrow until confirmed).

-- Accounts, one per kind and holder. Holders: the community for SUBSIDY_FUND (the subsidy the community pays
-- out), EXTERNAL (money that came from families' payments), ESCROW (held until the order is confirmed) and
-- REFUNDS (paid back to families); the service organisation, or the independent provider, for PAYABLE.
-- SUBSIDY_FUND and EXTERNAL are issuers: their balance is minus what they have put in, the sum of their legs, and
-- no posting writes (or locks) their rows. The others store their balance, which never goes negative.
create table money_account (
    id           uuid primary key,
    kind         varchar(12) not null check (kind in ('SUBSIDY_FUND', 'EXTERNAL', 'ESCROW', 'PAYABLE', 'REFUNDS')),
    holder_id    uuid        not null,
    community_id uuid        not null references community (id),
    balance      bigint      not null default 0 check (balance >= 0),
    created_at   timestamptz not null,
    unique (kind, holder_id)
);

create table money_posting (
    id              uuid primary key,
    -- unique: a replay finds the first posting; a concurrent replay waits on this index, then finds it
    idempotency_key varchar(160) not null unique,
    fingerprint     varchar(600) not null,
    kind            varchar(16)  not null check (kind in ('SUBSIDY_HOLD', 'ONLINE_HOLD', 'SETTLE', 'SUBSIDY_RETURN',
                                                          'REFUND')),
    community_id    uuid         not null references community (id),
    order_id        uuid         not null references service_order (id),
    posted_at       timestamptz  not null
);
create index money_posting_order_idx on money_posting (order_id);

create table money_leg (
    seq        bigint generated always as identity primary key,
    posting_id uuid   not null references money_posting (id),
    account_id uuid   not null references money_account (id),
    amount_fen bigint not null check (amount_fen <> 0)
);
create index money_leg_account_idx on money_leg (account_id, seq);
create index money_leg_posting_idx on money_leg (posting_id);

-- The monthly subsidy per eligible elder (elder.subsidy_eligible), per community; without a row the
-- application's default (carecircle.payments.subsidy-monthly-fen) applies.
create table subsidy_policy (
    community_id uuid primary key references community (id),
    monthly_fen  bigint      not null check (monthly_fen >= 0),
    updated_at   timestamptz not null
);

-- An elder's allowance in one calendar month (China time; month = its first day): the limit in force when the
-- month's first use opened the row, and what is used. The check makes exceeding it impossible whatever the code.
create table subsidy_allowance (
    elder_id  uuid   not null references elder (id),
    month     date   not null,
    limit_fen bigint not null check (limit_fen >= 0),
    used_fen  bigint not null default 0,
    primary key (elder_id, month),
    check (used_fen >= 0 and used_fen <= limit_fen)
);

-- One payment per PAID order. state: PENDING (the online part is awaited), HELD (everything in escrow),
-- SETTLED (paid to the provider's payable), CLOSED (cancelled before the online part was paid: the subsidy went
-- back, the online payment was closed), REFUNDED (cancelled after: every part went back).
create table payment (
    order_id       uuid primary key references service_order (id),
    community_id   uuid         not null references community (id),
    elder_id       uuid         not null references elder (id),
    paid_by        uuid         not null references account (id),
    total_fen      bigint       not null check (total_fen > 0),
    subsidy_fen    bigint       not null check (subsidy_fen >= 0),
    online_fen     bigint       not null check (online_fen >= 0),
    subsidy_month  date         not null,
    out_trade_no   varchar(32)  not null unique,
    state          varchar(8)   not null check (state in ('PENDING', 'HELD', 'SETTLED', 'CLOSED', 'REFUNDED')),
    transaction_id varchar(64),
    online_paid_at timestamptz,
    out_refund_no  varchar(64) unique,
    refund_state   varchar(10),
    -- when the gateway is next asked to refund (REFUNDED) or close (CLOSED) the online part; null once it has
    -- accepted. Set in the cancelling transaction; the call follows the commit, and background work repeats it
    -- (with the same out_refund_no / out_trade_no, so repeating is harmless) until it is accepted.
    gateway_due_at   timestamptz,
    gateway_attempts integer     not null default 0,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    check (subsidy_fen + online_fen = total_fen)
);
create index payment_community_idx on payment (community_id, created_at);
create index payment_gateway_due_idx on payment (gateway_due_at) where gateway_due_at is not null;

-- WeChat Pay notification ids already processed (the adapter's de-duplication, shared by every api instance).
create table payment_notification (
    id          varchar(64) primary key,
    received_at timestamptz not null
);
