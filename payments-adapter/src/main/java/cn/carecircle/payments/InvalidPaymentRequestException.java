package cn.carecircle.payments;

/** Our own request was invalid and was rejected before anything was sent to the provider. */
public final class InvalidPaymentRequestException extends PaymentGatewayException {

    private static final long serialVersionUID = 1L;

    public InvalidPaymentRequestException(String message) {
        super(message, null);
    }

    public InvalidPaymentRequestException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
