package cn.carecircle.payments;

/**
 * Split part of a settled payment to a receiver's account. The receiver must already be registered
 * with the provider as a profit-sharing receiver of the merchant.
 *
 * @param outOrderNo our split number, 1 to 64 characters, the idempotency key of the split
 * @param transactionId the provider's transaction id of the paid payment
 * @param receiverType the kind of account
 * @param receiverAccount merchant id or openid of the receiver
 * @param amountFen how much to move, in fen
 * @param description shown on the receiver's statement (no personal data)
 * @param finish whether to release the rest of the payment to the merchant afterwards
 */
public record ProfitSharingCommand(
        String outOrderNo,
        String transactionId,
        ReceiverType receiverType,
        String receiverAccount,
        long amountFen,
        String description,
        boolean finish) {

    public ProfitSharingCommand {
        Checks.key("outOrderNo", outOrderNo, 1, 64);
        Checks.key("transactionId", transactionId, 1, 32);
        Checks.present("receiverType", receiverType);
        Checks.key("receiverAccount", receiverAccount, 1, 64);
        Checks.fen("amountFen", amountFen);
        Checks.text("description", description, 80);
    }
}
