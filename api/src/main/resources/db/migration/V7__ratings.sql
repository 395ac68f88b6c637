-- Ratings (好差评): five-level ratings of completed orders, the follow-up case (差评回访) every bad rating opens,
-- provider appeals, suspensions for repeated upheld bad ratings, and the Chinese working-day calendar the
-- follow-up deadlines are counted on.

-- The working-day calendar, one row per year. A day is a working day when it is a Monday to Friday that is not a
-- HOLIDAY, or a Saturday or Sunday that is a WORKDAY (调休 make-up working day). An OFFICIAL year follows the
-- State Council's notice of that year's holidays; a PROVISIONAL year carries only the statutory holidays of
-- 《全国年节及纪念日放假办法》 (no bridging days, no make-up days) until a worker or the operator enters the notice.
create table holiday_calendar (
    year       smallint     primary key check (year between 2000 and 2100),
    status     varchar(11)  not null check (status in ('OFFICIAL', 'PROVISIONAL')),
    -- the notice an OFFICIAL year follows, e.g. 国办发明电〔2025〕7号
    notice     varchar(200),
    -- null for the years this migration seeds
    entered_by uuid references account (id),
    entered_at timestamptz  not null,
    check (status = 'PROVISIONAL' or notice is not null)
);

create table holiday_calendar_day (
    day  date        primary key,
    year smallint    not null references holiday_calendar (year) on delete cascade,
    kind varchar(7)  not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name varchar(20) not null,
    check (extract(year from day) = year)
);
create index holiday_calendar_day_year_idx on holiday_calendar_day (year, day);

-- 2026: 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号, 2025年11月4日）
insert into holiday_calendar (year, status, notice, entered_at)
values (2026, 'OFFICIAL', '国办发明电〔2025〕7号 国务院办公厅关于2026年部分节假日安排的通知', '2025-11-04T00:00:00+08:00');

insert into holiday_calendar_day (day, year, kind, name) values
    -- 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    ('2026-01-01', 2026, 'HOLIDAY', '元旦'),
    ('2026-01-02', 2026, 'HOLIDAY', '元旦'),
    ('2026-01-03', 2026, 'HOLIDAY', '元旦'),
    ('2026-01-04', 2026, 'WORKDAY', '元旦调休上班'),
    -- 二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    --     2月14日（周六）、2月28日（周六）上班。
    ('2026-02-14', 2026, 'WORKDAY', '春节调休上班'),
    ('2026-02-15', 2026, 'HOLIDAY', '春节'),
    ('2026-02-16', 2026, 'HOLIDAY', '春节'),
    ('2026-02-17', 2026, 'HOLIDAY', '春节'),
    ('2026-02-18', 2026, 'HOLIDAY', '春节'),
    ('2026-02-19', 2026, 'HOLIDAY', '春节'),
    ('2026-02-20', 2026, 'HOLIDAY', '春节'),
    ('2026-02-21', 2026, 'HOLIDAY', '春节'),
    ('2026-02-22', 2026, 'HOLIDAY', '春节'),
    ('2026-02-23', 2026, 'HOLIDAY', '春节'),
    ('2026-02-28', 2026, 'WORKDAY', '春节调休上班'),
    -- 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
    ('2026-04-04', 2026, 'HOLIDAY', '清明节'),
    ('2026-04-05', 2026, 'HOLIDAY', '清明节'),
    ('2026-04-06', 2026, 'HOLIDAY', '清明节'),
    -- 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
    ('2026-05-01', 2026, 'HOLIDAY', '劳动节'),
    ('2026-05-02', 2026, 'HOLIDAY', '劳动节'),
    ('2026-05-03', 2026, 'HOLIDAY', '劳动节'),
    ('2026-05-04', 2026, 'HOLIDAY', '劳动节'),
    ('2026-05-05', 2026, 'HOLIDAY', '劳动节'),
    ('2026-05-09', 2026, 'WORKDAY', '劳动节调休上班'),
    -- 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
    ('2026-06-19', 2026, 'HOLIDAY', '端午节'),
    ('2026-06-20', 2026, 'HOLIDAY', '端午节'),
    ('2026-06-21', 2026, 'HOLIDAY', '端午节'),
    -- 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
    ('2026-09-25', 2026, 'HOLIDAY', '中秋节'),
    ('2026-09-26', 2026, 'HOLIDAY', '中秋节'),
    ('2026-09-27', 2026, 'HOLIDAY', '中秋节'),
    -- 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
    ('2026-09-20', 2026, 'WORKDAY', '国庆节调休上班'),
    ('2026-10-01', 2026, 'HOLIDAY', '国庆节'),
    ('2026-10-02', 2026, 'HOLIDAY', '国庆节'),
    ('2026-10-03', 2026, 'HOLIDAY', '国庆节'),
    ('2026-10-04', 2026, 'HOLIDAY', '国庆节'),
    ('2026-10-05', 2026, 'HOLIDAY', '国庆节'),
    ('2026-10-06', 2026, 'HOLIDAY', '国庆节'),
    ('2026-10-07', 2026, 'HOLIDAY', '国庆节'),
    ('2026-10-10', 2026, 'WORKDAY', '国庆节调休上班');

-- 2027, provisional: the 13 statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision, 国务院令第795号) —
-- 元旦 1 day; 春节 4 days (农历除夕 and 正月初一 to 初三; 正月初一 is 6 February 2027); 清明节 1 day (the solar term,
-- 5 April 2027); 劳动节 2 days; 端午节 1 day (五月初五, 9 June 2027); 中秋节 1 day (八月十五, 15 September 2027);
-- 国庆节 3 days. No make-up working days until the State Council's notice for 2027 is entered.
insert into holiday_calendar (year, status, notice, entered_at)
values (2027, 'PROVISIONAL', null, '2025-11-04T00:00:00+08:00');

insert into holiday_calendar_day (day, year, kind, name) values
    ('2027-01-01', 2027, 'HOLIDAY', '元旦'),
    ('2027-02-05', 2027, 'HOLIDAY', '春节（除夕）'),
    ('2027-02-06', 2027, 'HOLIDAY', '春节'),
    ('2027-02-07', 2027, 'HOLIDAY', '春节'),
    ('2027-02-08', 2027, 'HOLIDAY', '春节'),
    ('2027-04-05', 2027, 'HOLIDAY', '清明节'),
    ('2027-05-01', 2027, 'HOLIDAY', '劳动节'),
    ('2027-05-02', 2027, 'HOLIDAY', '劳动节'),
    ('2027-06-09', 2027, 'HOLIDAY', '端午节'),
    ('2027-09-15', 2027, 'HOLIDAY', '中秋节'),
    ('2027-10-01', 2027, 'HOLIDAY', '国庆节'),
    ('2027-10-02', 2027, 'HOLIDAY', '国庆节'),
    ('2027-10-03', 2027, 'HOLIDAY', '国庆节');

-- One rating per order, by the family member who ordered it or by a community worker on the elder's behalf.
-- The providers of the order (its seats) are copied at rating time: reputation is counted per provider.
create table rating (
    id                       uuid primary key,
    order_id                 uuid         not null unique references service_order (id),
    community_id             uuid         not null references community (id),
    elder_id                 uuid         not null references elder (id),
    service                  varchar(20)  not null,
    level                    varchar(19)  not null check (level in
        ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED')),
    -- 差评: the two lowest levels
    bad                      boolean      not null,
    tags                     text[]       not null default '{}',
    comment                  varchar(500),
    rater_account_id         uuid         not null references account (id),
    rater_role               varchar(16)  not null check (rater_role in ('FAMILY', 'COMMUNITY_WORKER')),
    rated_at                 timestamptz  not null,
    -- an accepted appeal takes the rating out of reputation and of suspension counts; it stays on record
    excluded_from_reputation boolean      not null default false,
    check (bad = (level in ('DISSATISFIED', 'VERY_DISSATISFIED')))
);
create index rating_community_idx on rating (community_id, rated_at);

create table rating_provider (
    rating_id   uuid not null references rating (id),
    provider_id uuid not null references provider (id),
    primary key (rating_id, provider_id)
);
create index rating_provider_provider_idx on rating_provider (provider_id);

-- A provider's appeal of a rating as malicious or mistaken, decided by a community worker.
create table rating_appeal (
    id              uuid primary key,
    rating_id       uuid          not null unique references rating (id),
    provider_id     uuid          not null references provider (id),
    ground          varchar(9)    not null check (ground in ('MALICIOUS', 'MISTAKEN')),
    statement       varchar(1000) not null,
    filed_at        timestamptz   not null,
    status          varchar(8)    not null default 'PENDING' check (status in ('PENDING', 'ACCEPTED', 'REJECTED')),
    decided_by      uuid references account (id),
    decided_at      timestamptz,
    decision_reason varchar(500),
    check ((status = 'PENDING') = (decided_at is null))
);
create index rating_appeal_pending_idx on rating_appeal (status) where status = 'PENDING';

-- The follow-up case of a bad rating, in the elder's community, due at the end of the N-th working day after it
-- opened (China time).
create table follow_up_case (
    id                    uuid primary key,
    rating_id             uuid          not null unique references rating (id),
    community_id          uuid          not null references community (id),
    status                varchar(6)    not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
    opened_at             timestamptz   not null,
    -- the last working day, and the instant it ends: overdue from then on
    due_on                date          not null,
    due_at                timestamptz   not null,
    -- counted over a year whose calendar is provisional (or not entered): recounted when the notice is entered
    due_provisional       boolean       not null,
    -- the due column of the escalation work: due_at while open and not escalated, else null
    escalation_due_at     timestamptz,
    escalated_at          timestamptz,
    provider_response     varchar(1000),
    provider_response_by  uuid references provider (id),
    provider_response_at  timestamptz,
    finding               varchar(13) check (finding in ('UPHELD', 'PARTLY_UPHELD', 'NOT_UPHELD')),
    remedy                varchar(1000),
    finding_by            uuid references account (id),
    finding_at            timestamptz,
    -- the rater's own rating of how the case was handled
    handling_level        varchar(19) check (handling_level in
        ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED')),
    closed_at             timestamptz,
    closed_by             uuid references account (id),
    close_note            varchar(500),
    check ((status = 'CLOSED') = (closed_at is not null)),
    check (status = 'OPEN' or finding is not null)
);
create index follow_up_case_queue_idx on follow_up_case (community_id, status, due_at);
create index follow_up_case_escalation_idx on follow_up_case (escalation_due_at) where escalation_due_at is not null;

-- Each call-back attempt: whether the elder or family was reached, and what they said.
create table follow_up_call (
    id        uuid primary key,
    seq       bigint generated always as identity,
    case_id   uuid          not null references follow_up_case (id),
    at        timestamptz   not null,
    outcome   varchar(13)   not null check (outcome in ('REACHED', 'NOT_REACHABLE')),
    note      varchar(1000),
    worker_id uuid          not null references account (id)
);
create index follow_up_call_case_idx on follow_up_call (case_id, seq);

-- Suspensions for repeated upheld bad ratings, with the ratings that caused each: a rating counts towards one
-- suspension at most, so a reinstated provider is not suspended again for the same ratings.
create table rating_suspension (
    id           uuid primary key,
    provider_id  uuid        not null references provider (id),
    at           timestamptz not null,
    triggered_by uuid        not null references account (id),
    rating_ids   uuid[]      not null
);
create index rating_suspension_provider_idx on rating_suspension (provider_id, at desc);
