/**
 * Paying PAID orders: the money ledger in fen (subsidy fund, family payments, escrow, payables, refunds), the elders'
 * monthly service subsidy (养老服务补贴), the WeChat Pay gateway and its notifications, and settlement when an order
 * is confirmed or cancelled.
 */
package cn.carecircle.api.payments;
