-- Gateway work left for a person: a refund (or a closing) that WeChat Pay declined is recorded as an open case of
-- the order's community, which a community worker retries (after the family's account was fixed, say) or records
-- as settled offline, with a reason. Who, when and why stay on the case.

-- Refunds a community paid back outside WeChat Pay (cash, bank transfer) after the gateway declined them: what
-- REFUNDS (owed back through the gateway) held for such an order moves here, so REFUNDS keeps agreeing with the
-- gateway's refund records.
alter table money_account drop constraint money_account_kind_check;
alter table money_account alter column kind type varchar(16);
alter table money_account add constraint money_account_kind_check
    check (kind in ('SUBSIDY_FUND', 'EXTERNAL', 'ESCROW', 'PAYABLE', 'REFUNDS', 'OFFLINE_REFUNDS'));
alter table money_posting drop constraint money_posting_kind_check;
alter table money_posting add constraint money_posting_kind_check
    check (kind in ('SUBSIDY_HOLD', 'ONLINE_HOLD', 'SETTLE', 'SUBSIDY_RETURN', 'REFUND', 'OFFLINE_REFUND'));

-- status: OPEN (waiting for a worker), RETRIED (a worker asked the gateway again: if it declines again, a new case
-- opens), SETTLED_OFFLINE (a worker recorded that it was settled outside WeChat Pay, with a reason).
create table payment_case (
    id              uuid primary key,
    order_id        uuid         not null references payment (order_id),
    community_id    uuid         not null references community (id),
    action          varchar(6)   not null check (action in ('REFUND', 'CLOSE')),
    amount_fen      bigint       not null check (amount_fen >= 0),
    gateway_code    varchar(64)  not null,
    gateway_message varchar(300),
    opened_at       timestamptz  not null,
    status          varchar(16)  not null default 'OPEN' check (status in ('OPEN', 'RETRIED', 'SETTLED_OFFLINE')),
    resolved_by     uuid references account (id),
    resolved_at     timestamptz,
    reason          varchar(500),
    reference       varchar(100),
    check ((status = 'OPEN') = (resolved_at is null)),
    check ((status = 'OPEN') = (resolved_by is null)),
    check (status <> 'SETTLED_OFFLINE' or reason is not null)
);
-- one open case per payment: a gateway declining twice at once (background work and a worker's retry) opens one
create unique index payment_case_open_idx on payment_case (order_id) where status = 'OPEN';
create index payment_case_community_idx on payment_case (community_id, status, opened_at);

-- who last set a community's monthly subsidy (the operator sets it; the change is also audited)
alter table subsidy_policy add column updated_by uuid references account (id);
