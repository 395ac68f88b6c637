package cn.carecircle.payments;

/** The provider could not be reached, or did not answer in time; the request may or may not have been applied. */
public final class PaymentTransportException extends PaymentGatewayException {

    private static final long serialVersionUID = 1L;

    private final boolean timeout;

    public PaymentTransportException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** True when the connection was made but no answer came in time. */
    public boolean isTimeout() {
        return timeout;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
