/**
 * The WeChat Pay API v3 adapter, built on the official {@code wechatpay-java} SDK, whose blocking
 * calls run on Reactor's bounded-elastic scheduler and whose requests can be sent to any base URL.
 */
package cn.carecircle.payments.wechat;
