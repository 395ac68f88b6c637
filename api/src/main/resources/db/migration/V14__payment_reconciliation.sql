-- Reconciliation of payments whose online part is awaited: when a notification may have been missed, background
-- work asks WeChat Pay's query API (5 minutes after the payment opened, then each time twice as late, at most
-- hourly) and settles what was paid. Null once the payment is no longer PENDING or the gateway says it never will be.
alter table payment
    add column reconcile_due_at   timestamptz,
    add column reconcile_attempts integer not null default 0;
update payment set reconcile_due_at = created_at + interval '5 minutes' where state = 'PENDING';
create index payment_reconcile_due_idx on payment (reconcile_due_at) where reconcile_due_at is not null;
