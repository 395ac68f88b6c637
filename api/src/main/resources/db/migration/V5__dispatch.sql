-- Dispatch: the seats of an order (one per caregiver it needs), the offers that fill them, and the due-time
-- columns background work claims with FOR UPDATE SKIP LOCKED.

alter table service_order
    -- which round of offers is out, and when it expires (MATCHING); null when no round is out
    add column dispatch_round   integer     not null default 0,
    add column round_expires_at timestamptz,
    -- matching gives up and escalates to the dispatch board when this passes
    add column dispatch_deadline timestamptz,
    add column completed_at     timestamptz,
    -- a COMPLETED order confirms itself when this passes, unless the family disputes it first
    add column confirm_due_at   timestamptz;

create index service_order_round_due_idx on service_order (round_expires_at) where status = 'MATCHING';
create index service_order_confirm_due_idx on service_order (confirm_due_at) where status = 'COMPLETED';

-- One row per caregiver an order needs. Each seat is won, checked in and paid on its own; a provider holds at
-- most one seat of an order.
create table order_seat (
    order_id             uuid        not null references service_order (id),
    seat_no              smallint    not null check (seat_no in (1, 2)),
    provider_id          uuid references provider (id),
    assigned_at          timestamptz,
    -- PROVIDER (won an offer) or COMMUNITY_WORKER (assigned by hand)
    assigned_by_role     varchar(20),
    assigned_by          uuid references account (id),
    override_reason      varchar(500),
    -- the one-time visit code the elder tells the provider at the door, encrypted (the family may read it)
    visit_code_enc       text,
    wrong_code_attempts  smallint    not null default 0,
    check_in_locked      boolean     not null default false,
    -- no check-in by then is a no-show (window start + grace); cleared at check-in
    no_show_due_at       timestamptz,
    checked_in_at        timestamptz,
    check_in_lat         double precision,
    check_in_lon         double precision,
    check_in_distance_m  integer,
    checked_out_at       timestamptz,
    check_out_note       varchar(1000),
    primary key (order_id, seat_no),
    unique (order_id, provider_id),
    check ((provider_id is null) = (assigned_at is null))
);
create index order_seat_provider_idx on order_seat (provider_id, assigned_at desc) where provider_id is not null;
create index order_seat_no_show_idx on order_seat (no_show_due_at) where no_show_due_at is not null;

-- An offer of an order to one provider in one round. The first valid acceptance takes the next empty seat.
create table dispatch_offer (
    id             uuid primary key,
    order_id       uuid         not null references service_order (id),
    round          integer      not null,
    provider_id    uuid         not null references provider (id),
    rank           integer      not null,
    travel_minutes numeric(6, 2) not null,
    status         varchar(9)   not null default 'OPEN'
        check (status in ('OPEN', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'TAKEN', 'WITHDRAWN')),
    offered_at     timestamptz  not null,
    expires_at     timestamptz  not null,
    answered_at    timestamptz,
    unique (order_id, round, provider_id)
);
create index dispatch_offer_provider_idx on dispatch_offer (provider_id, status, offered_at desc);
create index dispatch_offer_order_idx on dispatch_offer (order_id, round);

-- Reliability: every accepted job that ended with the provider cancelling or not showing up.
create table provider_lapse (
    id          uuid primary key,
    provider_id uuid        not null references provider (id),
    order_id    uuid        not null references service_order (id),
    kind        varchar(12) not null check (kind in ('CANCELLED', 'NO_SHOW')),
    at          timestamptz not null,
    reason      varchar(500)
);
create index provider_lapse_provider_idx on provider_lapse (provider_id, at desc);

-- The transactional outbox: what must leave the system (pushes, SMS, live events) is written in the transaction
-- of the change that causes it, and a relay sends it afterwards with retries. Rows carry references and kinds,
-- never personal data: the relay reads phones and codes when it sends.
create table outbox_message (
    id              uuid primary key,
    seq             bigint generated always as identity,
    channel         varchar(5)   not null check (channel in ('PUSH', 'SMS', 'EVENT')),
    -- PUSH: whose devices and live stream; EVENT: null
    account_id      uuid references account (id),
    order_id        uuid references service_order (id),
    seat_no         smallint,
    kind            varchar(40)  not null,
    payload         jsonb        not null default '{}',
    created_at      timestamptz  not null,
    attempts        integer      not null default 0,
    -- the due column of the relay; null once sent or given up
    next_attempt_at timestamptz,
    sent_at         timestamptz,
    failed_at       timestamptz,
    last_error      varchar(500)
);
create index outbox_message_due_idx on outbox_message (next_attempt_at) where next_attempt_at is not null;
