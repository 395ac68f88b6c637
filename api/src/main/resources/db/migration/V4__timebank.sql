-- Time bank (时间银行): a double-entry ledger in whole minutes, community rules by version, and service done
-- offline that a second worker approves.

-- One issuing pool per community (holder = the community) and one personal account per person (holder = a
-- CareCircle account, or an elder, who has none). Only personal balances are stored: the pool's balance is the
-- sum of its legs, so issuing and redeeming never write (or lock) the pool's row.
create table timebank_account (
    id           uuid primary key,
    kind         varchar(8)  not null check (kind in ('POOL', 'PERSONAL')),
    holder_type  varchar(9)  not null check (holder_type in ('COMMUNITY', 'ACCOUNT', 'ELDER')),
    holder_id    uuid        not null,
    balance      bigint      not null default 0 check (balance >= 0),
    created_at   timestamptz not null,
    check ((kind = 'POOL') = (holder_type = 'COMMUNITY')),
    unique (holder_type, holder_id)
);

create table timebank_posting (
    id              uuid primary key,
    -- unique: a replay finds the first posting; a concurrent replay waits on this index, then finds it
    idempotency_key varchar(160) not null unique,
    -- what the posting moved (kind and legs), so a reused key with another request is told apart from a replay
    fingerprint     varchar(400) not null,
    kind            varchar(6)   not null check (kind in ('ISSUE', 'GIFT', 'REDEEM')),
    community_id    uuid         not null references community (id),
    initiated_by    uuid references account (id),
    reference_id    uuid,
    memo            varchar(200),
    -- the day (China time) the minutes belong to: the day served for issuance, the day posted otherwise; the
    -- daily and monthly limits count by it
    value_date      date         not null,
    posted_at       timestamptz  not null
);
create index timebank_posting_community_idx on timebank_posting (community_id, posted_at);

create table timebank_leg (
    seq        bigint generated always as identity primary key,
    posting_id uuid   not null references timebank_posting (id),
    account_id uuid   not null references timebank_account (id),
    minutes    bigint not null check (minutes <> 0)
);
create index timebank_leg_account_idx on timebank_leg (account_id, seq);
create index timebank_leg_posting_idx on timebank_leg (posting_id);

-- A new version per change, effective from a date (China time); the version in force on a day is the newest
-- one effective on or before it.
create table timebank_rule (
    community_id              uuid        not null references community (id),
    version                   integer     not null check (version > 0),
    effective_from            date        not null,
    daily_earning_cap         integer     not null check (daily_earning_cap between 1 and 1440),
    lifetime_earning_cap      bigint      not null check (lifetime_earning_cap > 0),
    gift_max_minutes          integer     not null check (gift_max_minutes > 0),
    gift_max_minutes_per_month integer    not null check (gift_max_minutes_per_month > 0),
    min_redeem_age            integer     not null check (min_redeem_age between 0 and 120),
    created_by                uuid        not null references account (id),
    created_at                timestamptz not null,
    primary key (community_id, version)
);

create table timebank_service_record (
    id                   uuid primary key,
    community_id         uuid         not null references community (id),
    volunteer_provider_id uuid        not null references provider (id),
    volunteer_account_id uuid         not null references account (id),
    minutes              integer      not null check (minutes between 1 and 1440),
    served_on            date         not null,
    description          varchar(500) not null,
    status               varchar(8)   not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    recorded_by          uuid         not null references account (id),
    recorded_at          timestamptz  not null,
    decided_by           uuid references account (id),
    decided_at           timestamptz,
    reason               varchar(500),
    posting_id           uuid references timebank_posting (id),
    -- two reviewers: whoever decides is not who recorded
    check (decided_by is null or decided_by <> recorded_by)
);
create index timebank_service_record_community_idx on timebank_service_record (community_id, status, recorded_at desc);
