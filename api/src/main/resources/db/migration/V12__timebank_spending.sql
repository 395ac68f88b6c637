-- Time-bank orders paid in minutes (兑换): what each order charged and to which account, refunds of cancelled
-- orders as postings of their own, the communities' rule that serves special-difficulty elders free, meal plans
-- that ran short of minutes, and the refusals of earning caps that the workers' collusion signals count.

-- REFUND: a cancelled order's minutes go back from the pool to the account that paid them
alter table timebank_posting drop constraint timebank_posting_kind_check;
alter table timebank_posting
    add constraint timebank_posting_kind_check check (kind in ('ISSUE', 'GIFT', 'REDEEM', 'REFUND'));
-- at most one charge and one refund per order (their idempotency keys say so too); the signals join issuances
-- to orders by the reference
create index timebank_posting_reference_idx on timebank_posting (reference_id) where reference_id is not null;

-- versions written before this rule existed served special-difficulty elders free, as the platform's default does
alter table timebank_rule add column free_for_special_difficulty boolean not null default true;

-- What a TIME_BANK order charged when it was placed: 0 (and no account) when the elder was served free.
-- Null for PAID orders and for time-bank orders placed before charging existed.
alter table service_order
    add column charged_minutes    bigint check (charged_minutes >= 0),
    add column charged_account_id uuid references timebank_account (id),
    add check (settlement = 'TIME_BANK' or (charged_minutes is null and charged_account_id is null)),
    add check (charged_account_id is null or charged_minutes > 0);

-- The first day whose meal the payer's minutes did not cover: no order was created from that day on, and the
-- rolling creation tries again each day. Null when the plan is not short.
alter table meal_plan add column short_of_minutes_from date;

-- An earning cap refused minutes to a volunteer (an approval of offline hours, or a confirmed order's visit).
-- Only references: the signals show masked names, read when they are asked for.
create table timebank_cap_refusal (
    id           uuid primary key,
    community_id uuid        not null references community (id),
    account_id   uuid        not null references timebank_account (id),
    rule         varchar(40) not null,
    minutes      bigint      not null check (minutes > 0),
    -- the service record or the order whose minutes were refused
    reference_id uuid,
    refused_at   timestamptz not null
);
create index timebank_cap_refusal_community_idx on timebank_cap_refusal (community_id, refused_at);

-- consecutive check-ins of one provider, for the travel signal
create index order_seat_check_in_idx on order_seat (provider_id, checked_in_at) where checked_in_at is not null;
