-- The registries: communities, accounts (family members, providers, staff), elders and their bindings to
-- families, providers and their credentials, and the audit trail of access to personal data.
-- Personal data (ID numbers, phones, exact addresses) is stored encrypted (AES-GCM, *_enc) with blind indexes
-- (HMAC-SHA-256, *_bidx) for the look-ups that need them. Names stay in clear for search and display.

create table community (
    id                        uuid primary key,
    code                      varchar(12)  not null unique,
    name                      varchar(60)  not null,
    region_code               char(6)      not null,
    centre_lat                double precision not null check (centre_lat between -90 and 90),
    centre_lon                double precision not null check (centre_lon between -180 and 180),
    boundary                  jsonb,
    travel_time_limit_minutes integer      not null default 15 check (travel_time_limit_minutes between 5 and 120),
    languages                 text[]       not null default '{MANDARIN}',
    created_at                timestamptz  not null
);

create table account (
    id            uuid primary key,
    firebase_uid  varchar(128) not null unique,
    display_name  varchar(40)  not null,
    phone_enc     text,
    phone_bidx    char(64),
    roles         text[]       not null check (cardinality(roles) > 0),
    created_at    timestamptz  not null
);

-- the communities a community worker or district official covers
create table staff_community (
    account_id   uuid not null references account (id),
    community_id uuid not null references community (id),
    primary key (account_id, community_id)
);

create table elder (
    id                             uuid primary key,
    community_id                   uuid         not null references community (id),
    name                           varchar(20)  not null,
    gender                         varchar(6)   not null check (gender in ('MALE', 'FEMALE')),
    birth_date                     date         not null,
    id_number_enc                  text         not null,
    id_number_bidx                 char(64)     not null unique,
    phone_enc                      text,
    phone_bidx                     char(64),
    phone_last4_bidx               char(64),
    address_enc                    text         not null,
    home_lat                       double precision not null check (home_lat between -90 and 90),
    home_lon                       double precision not null check (home_lon between -180 and 180),
    mobility_level                 varchar(20)  not null,
    needs                          text[]       not null default '{}',
    languages                      text[]       not null default '{}',
    bathing_gender_preference      varchar(6),
    special_difficulty             boolean      not null default false,
    subsidy_eligible               boolean      not null default false,
    emergency_contact_name         varchar(40),
    emergency_contact_phone_enc    text,
    emergency_contact_relationship varchar(20),
    created_by                     uuid         not null references account (id),
    created_at                     timestamptz  not null
);
create index elder_community_idx on elder (community_id, name);
create index elder_phone_last4_idx on elder (phone_last4_bidx);
create index elder_phone_idx on elder (phone_bidx);

create table family_binding (
    id                uuid primary key,
    elder_id          uuid         not null references elder (id),
    family_account_id uuid         not null references account (id),
    relationship      varchar(20),
    status            varchar(10)  not null check (status in ('PENDING', 'ACTIVE', 'REJECTED')),
    consent_by        varchar(10)  not null check (consent_by in ('ELDER', 'GUARDIAN')),
    recorded_by       uuid         not null references account (id),
    requested_at      timestamptz  not null,
    decided_at        timestamptz,
    decided_by        uuid references account (id),
    reason            varchar(500)
);
-- one open or active binding per family member and elder; a rejected one may be asked again
create unique index family_binding_open_idx on family_binding (elder_id, family_account_id) where status <> 'REJECTED';
create index family_binding_family_idx on family_binding (family_account_id, status);

create table provider (
    id                uuid primary key,
    account_id        uuid         not null unique references account (id),
    community_id      uuid         not null references community (id),
    kind              varchar(20)  not null,
    display_name      varchar(20)  not null,
    phone_enc         text         not null,
    phone_bidx        char(64)     not null,
    gender            varchar(6)   not null check (gender in ('MALE', 'FEMALE')),
    services          text[]       not null check (cardinality(services) > 0),
    languages         text[]       not null default '{MANDARIN}',
    travel_mode       varchar(10)  not null,
    home_lat          double precision not null check (home_lat between -90 and 90),
    home_lon          double precision not null check (home_lon between -180 and 180),
    working_hours     jsonb        not null default '[]',
    suspended         boolean      not null default false,
    suspension_reason varchar(500),
    created_at        timestamptz  not null
);
create index provider_community_idx on provider (community_id);

create table credential (
    id            uuid primary key,
    provider_id   uuid         not null references provider (id),
    service       varchar(20)  not null,
    kind          varchar(30)  not null,
    number        varchar(40)  not null,
    issuer        varchar(80)  not null,
    expires_on    date         not null,
    verification  varchar(10)  not null default 'PENDING' check (verification in ('PENDING', 'VERIFIED', 'REJECTED')),
    decided_by    uuid references account (id),
    decided_at    timestamptz,
    note          varchar(200),
    created_at    timestamptz  not null
);
create index credential_provider_idx on credential (provider_id);
create index credential_pending_idx on credential (verification) where verification = 'PENDING';

-- who read or changed what; never the personal data itself
create table audit_event (
    id               uuid primary key,
    actor_account_id uuid         not null references account (id),
    action           varchar(40)  not null,
    subject_type     varchar(20)  not null,
    subject_id       uuid         not null,
    at               timestamptz  not null,
    reason           varchar(500)
);
create index audit_event_subject_idx on audit_event (subject_id, at desc);
