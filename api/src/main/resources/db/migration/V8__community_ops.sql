-- Community operations: monthly visits to special-difficulty elders (月探访), the coverage of the 15-minute
-- circle (15分钟服务圈覆盖率), and the schedule of the background work that keeps both current. Months are
-- calendar months in China time (Asia/Shanghai), stored as their first day.

-- How a community lets its workers visit: at home, by phone, or both. No row means both.
create table visit_setting (
    community_id    uuid primary key references community (id),
    allowed_methods text[]      not null check (cardinality(allowed_methods) > 0
                                                and allowed_methods <@ array['HOME', 'PHONE']::text[]),
    updated_by      uuid        not null references account (id),
    updated_at      timestamptz not null
);

-- One visit slot per special-difficulty elder and month. Plans are made at the start of the month (and for an
-- elder flagged during the month, when the month is next read); an elder no longer flagged keeps the month's plan.
create table visit_plan (
    id           uuid primary key,
    elder_id     uuid        not null references elder (id),
    community_id uuid        not null references community (id),
    month        date        not null check (extract(day from month) = 1),
    created_at   timestamptz not null,
    unique (elder_id, month)
);
create index visit_plan_community_idx on visit_plan (community_id, month);

-- The visit that fills a slot: who went, when, how, what they found and what follows. One per slot.
create table visit_record (
    id                   uuid primary key,
    plan_id              uuid          not null unique references visit_plan (id),
    elder_id             uuid          not null references elder (id),
    community_id         uuid          not null references community (id),
    visited_at           timestamptz   not null,
    method               varchar(5)    not null check (method in ('HOME', 'PHONE')),
    -- the worker who went, or the community's volunteer they assigned
    visitor_account_id   uuid          not null references account (id),
    visitor_provider_id  uuid references provider (id),
    health               varchar(5)    not null check (health in ('GOOD', 'FAIR', 'POOR')),
    living_conditions    varchar(5)    not null check (living_conditions in ('GOOD', 'FAIR', 'POOR')),
    safety_risks         text[]        not null default '{}',
    needs                text[]        not null default '{}',
    findings             varchar(1000),
    follow_up            varchar(1000),
    follow_up_order_id   uuid references service_order (id),
    recorded_by          uuid          not null references account (id),
    recorded_at          timestamptz   not null,
    check (visited_at <= recorded_at)
);
create index visit_record_elder_idx on visit_record (elder_id, visited_at desc);
create index visit_record_community_idx on visit_record (community_id, visited_at);

-- The latest coverage figure of each community, service and month: the last computation within the month
-- stands for it, so a monthly report reads the figure of its own month.
create table coverage_figure (
    community_id   uuid        not null references community (id),
    service        varchar(20) not null,
    month          date        not null check (extract(day from month) = 1),
    computed_at    timestamptz not null,
    travel_limit_minutes integer not null,
    elders         integer     not null check (elders >= 0),
    covered        integer     not null check (covered between 0 and elders),
    primary key (community_id, service, month)
);

-- The latest computation of each community as the admin site shows it: per service the figures and the uncovered
-- elders (masked names, with the travel minutes of the nearest provider who meets every other rule), and the map
-- (positions rounded to about 100 m). Derived data, replaced by every computation.
create table coverage_snapshot (
    community_id uuid primary key references community (id),
    computed_at  timestamptz not null,
    snapshot     jsonb       not null
);

-- When each community's background work is next due. Rows appear for every community the first time the work
-- runs after it exists; the work claims due rows FOR UPDATE SKIP LOCKED with the time of the injected clock.
create table community_job (
    community_id uuid        not null references community (id),
    kind         varchar(12) not null check (kind in ('VISIT_PLANS', 'COVERAGE')),
    due_at       timestamptz not null,
    last_run_at  timestamptz,
    primary key (community_id, kind)
);
create index community_job_due_idx on community_job (kind, due_at);
