/**
 * Dispatch: the matching engine wired to the api (the live candidate index on Redis, the provider facts from
 * PostgreSQL) and the community's dispatch board, which shows who could serve an order and why.
 */
package cn.carecircle.api.dispatch;
