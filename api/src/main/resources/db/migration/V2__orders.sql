-- Price lists (per community, service and duration) and service orders with their timeline.

create table price_list_entry (
    community_id      uuid        not null references community (id),
    service           varchar(20) not null,
    duration_minutes  integer     not null check (duration_minutes between 10 and 480),
    price_fen         bigint      not null check (price_fen >= 0),
    subsidy_eligible  boolean     not null,
    time_bank_minutes integer check (time_bank_minutes between 1 and 480),
    primary key (community_id, service, duration_minutes)
);

create table service_order (
    id               uuid primary key,
    elder_id         uuid         not null references elder (id),
    community_id     uuid         not null references community (id),
    service          varchar(20)  not null,
    status           varchar(12)  not null,
    channel          varchar(5)   not null check (channel in ('APP', 'PHONE')),
    placed_by        uuid         not null references account (id),
    settlement       varchar(9)   not null check (settlement in ('PAID', 'TIME_BANK')),
    price_fen        bigint check (price_fen >= 0),
    price_minutes    integer check (price_minutes > 0),
    duration_minutes integer      not null check (duration_minutes > 0),
    window_start     timestamptz  not null,
    window_end       timestamptz  not null,
    immediate        boolean      not null,
    notes            varchar(500),
    caregiver_gender varchar(6),
    two_caregivers   boolean      not null default false,
    language         varchar(10),
    -- when dispatch should start looking for providers (scheduled orders: window start minus the lead time)
    dispatch_due_at  timestamptz,
    placed_at        timestamptz  not null,
    check (window_end > window_start),
    -- a PAID order is priced in fen only, a TIME_BANK order in minutes only
    check ((settlement = 'PAID' and price_fen is not null and price_minutes is null)
        or (settlement = 'TIME_BANK' and price_minutes is not null and price_fen is null))
);
create index service_order_elder_idx on service_order (elder_id, placed_at desc);
create index service_order_community_idx on service_order (community_id, status, placed_at desc);
create index service_order_dispatch_due_idx on service_order (dispatch_due_at) where status = 'REQUESTED';

create table order_event (
    id               uuid primary key,
    -- the order of events within one order, also when the clock reads the same instant twice
    seq              bigint generated always as identity,
    order_id         uuid         not null references service_order (id),
    at               timestamptz  not null,
    from_status      varchar(12),
    to_status        varchar(12)  not null,
    actor_role       varchar(20)  not null,
    actor_account_id uuid references account (id),
    reason           varchar(500)
);
create index order_event_order_idx on order_event (order_id, seq);
