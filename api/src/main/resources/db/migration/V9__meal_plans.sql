-- Service organisations (服务商): canteens, home-care agencies, clinics. A provider may be employed by one.
create table service_organisation (
    id           uuid primary key,
    community_id uuid        not null references community (id),
    kind         varchar(7)  not null check (kind in ('CANTEEN', 'AGENCY', 'CLINIC')),
    name         varchar(60) not null,
    created_at   timestamptz not null,
    unique (community_id, name)
);

alter table provider add column organisation_id uuid references service_organisation (id);
create index provider_organisation_idx on provider (organisation_id) where organisation_id is not null;

-- A recurring meal order (助餐) from a canteen: one order per served day, created up to the ordering
-- horizon ahead and then day by day (due_at drives the rolling creation; null when nothing is left to create).
create table meal_plan (
    id               uuid primary key,
    elder_id         uuid         not null references elder (id),
    community_id     uuid         not null references community (id),
    canteen_id       uuid         not null references service_organisation (id),
    placed_by        uuid         not null references account (id),
    channel          varchar(5)   not null check (channel in ('APP', 'PHONE')),
    settlement       varchar(9)   not null check (settlement in ('PAID', 'TIME_BANK')),
    days             varchar(8)   not null check (days in ('DAILY', 'WORKDAYS')),
    first_day        date         not null,
    last_day         date         not null,
    -- China time of day when delivery may begin, and how long the window is
    window_start     time         not null,
    window_minutes   integer      not null check (window_minutes between 15 and 240),
    duration_minutes integer      not null check (duration_minutes between 10 and 120),
    notes            varchar(500),
    status           varchar(9)   not null check (status in ('ACTIVE', 'PAUSED', 'CANCELLED')),
    created_through  date,
    due_at           timestamptz,
    placed_at        timestamptz  not null,
    check (last_day >= first_day),
    check (duration_minutes <= window_minutes)
);
create index meal_plan_elder_idx on meal_plan (elder_id, placed_at desc);
create index meal_plan_due_idx on meal_plan (due_at) where status = 'ACTIVE';

-- an occurrence of a plan is an ordinary order that knows its plan and day; a day has at most one live order
alter table service_order
    add column meal_plan_id uuid references meal_plan (id),
    add column plan_day     date,
    add check ((meal_plan_id is null) = (plan_day is null));
create unique index service_order_plan_day_idx on service_order (meal_plan_id, plan_day)
    where meal_plan_id is not null and status <> 'CANCELLED';
