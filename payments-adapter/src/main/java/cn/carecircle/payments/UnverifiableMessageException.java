package cn.carecircle.payments;

/**
 * A response or notification that could not be trusted or read: a bad signature, a tampered body, a
 * timestamp outside the allowed window, a resource that does not decrypt, or a body that is not the
 * JSON expected. Nothing in it may be acted upon.
 */
public final class UnverifiableMessageException extends PaymentGatewayException {

    private static final long serialVersionUID = 1L;

    /** Why the message was rejected. */
    public enum Reason {
        BAD_SIGNATURE,
        STALE_TIMESTAMP,
        DECRYPTION_FAILED,
        MALFORMED
    }

    private final Reason reason;
    private final int httpStatus;

    public UnverifiableMessageException(Reason reason, String message, Throwable cause) {
        this(reason, 0, message, cause);
    }

    /**
     * @param httpStatus the HTTP status of the response that could not be read, or 0 when unknown or
     *     when the message is a notification
     */
    public UnverifiableMessageException(Reason reason, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    public Reason reason() {
        return reason;
    }

    /** HTTP status of the unreadable response, 0 when not known. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Only an unreadable error page from a 429 or 5xx (a proxy's HTML, say) is worth retrying; a bad
     * signature or a stale timestamp never is.
     */
    @Override
    public boolean isTransient() {
        return reason == Reason.MALFORMED && (httpStatus == 429 || httpStatus >= 500);
    }
}
