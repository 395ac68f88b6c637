/**
 * The time bank (时间银行): a double-entry ledger of service minutes with each community's issuing pool and
 * personal accounts, idempotent postings, the communities' versioned rules, gifts to family, and service done
 * offline that a second worker approves. No money ever enters it.
 */
package cn.carecircle.api.timebank;
