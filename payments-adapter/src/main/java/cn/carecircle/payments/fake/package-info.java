/**
 * An in-memory payment provider with the same rules as the real one (idempotency keys, refunds never
 * above what was paid, payment states, signed notifications), for application tests and the demo.
 */
package cn.carecircle.payments.fake;
