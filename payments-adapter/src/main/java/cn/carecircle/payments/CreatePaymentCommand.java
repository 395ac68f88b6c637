package cn.carecircle.payments;

import java.time.Instant;

/**
 * Ask the provider for an app payment that the family's phone will complete.
 *
 * @param outTradeNo our order number, 6 to 32 characters, the idempotency key of the payment
 * @param description what the family sees on the payment sheet (no personal data)
 * @param amountFen the amount to pay online, in fen
 * @param expiresAt when the payment may no longer be made, or null for the provider's default
 * @param profitSharing whether the settled money will later be split to a provider's account
 */
public record CreatePaymentCommand(
        String outTradeNo, String description, long amountFen, Instant expiresAt, boolean profitSharing) {

    public CreatePaymentCommand {
        Checks.key("outTradeNo", outTradeNo, 6, 32);
        Checks.text("description", description, 127);
        Checks.fen("amountFen", amountFen);
    }
}
