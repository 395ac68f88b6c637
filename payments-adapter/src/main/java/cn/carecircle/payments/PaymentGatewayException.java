package cn.carecircle.payments;

/**
 * Base of every failure the payment port reports. Messages never carry personal data: identifiers
 * of our own (out_trade_no and the like) and the provider's codes only.
 */
public abstract sealed class PaymentGatewayException extends RuntimeException
        permits PaymentTransportException,
                InvalidPaymentRequestException,
                PaymentServiceException,
                UnverifiableMessageException {

    private static final long serialVersionUID = 1L;

    protected PaymentGatewayException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether sending the same request again (with the same idempotency key) may succeed: connect
     * errors, time-outs, 429 and 5xx. A declined request or one we got wrong never is.
     */
    public abstract boolean isTransient();
}
