package cn.carecircle.payments;

/**
 * A verified, decrypted notification.
 *
 * @param event what it says
 * @param duplicate true when this notification id was seen before: acknowledge it, do not process it
 *     again (the provider redelivers until it gets a 2xx)
 */
public record NotificationResult(PaymentEvent event, boolean duplicate) {}
