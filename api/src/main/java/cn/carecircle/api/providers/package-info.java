/**
 * Providers and volunteers (服务人员 / 志愿者): onboarding, the services they offer, how they travel and when they
 * work, their credentials and a worker's verification of them, and suspension with a reason.
 */
package cn.carecircle.api.providers;
