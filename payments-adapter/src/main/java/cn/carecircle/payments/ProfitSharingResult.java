package cn.carecircle.payments;

/**
 * A profit-sharing split as the provider sees it.
 *
 * @param outOrderNo our split number
 * @param orderId the provider's split id
 * @param transactionId the provider's transaction id of the split payment
 * @param state where the split stands for the receiver
 * @param amountFen the amount split, in fen
 */
public record ProfitSharingResult(
        String outOrderNo, String orderId, String transactionId, ProfitSharingState state, long amountFen) {}
