package cn.carecircle.payments;

/**
 * The provider answered with an error: a declined or invalid business request (4xx, for example
 * {@code 403 NOT_ENOUGH} or {@code 400 PARAM_ERROR}) or a failure on its side (429, 5xx).
 */
public final class PaymentServiceException extends PaymentGatewayException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String code;
    private final String providerMessage;
    private final String requestId;

    public PaymentServiceException(
            int httpStatus, String code, String providerMessage, String requestId, Throwable cause) {
        super(
                "payment provider answered HTTP " + httpStatus + " " + code
                        + (requestId == null ? "" : " (request id " + requestId + ")"),
                cause);
        this.httpStatus = httpStatus;
        this.code = code;
        this.providerMessage = providerMessage;
        this.requestId = requestId;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The provider's error code, such as {@code PARAM_ERROR}, {@code NOT_ENOUGH} or {@code SYSTEM_ERROR}. */
    public String code() {
        return code;
    }

    /** The provider's own description of the error, as sent (may be null). */
    public String providerMessage() {
        return providerMessage;
    }

    /** The provider's request id, to quote when asking its support (may be null). */
    public String requestId() {
        return requestId;
    }

    /** A business refusal: our request reached the provider and was turned down; retrying will not help. */
    public boolean isDeclined() {
        return !isTransient();
    }

    @Override
    public boolean isTransient() {
        return httpStatus == 429 || httpStatus >= 500;
    }
}
