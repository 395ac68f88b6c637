package cn.carecircle.api.common;

import org.springframework.http.HttpStatus;

/** The stable problem types of the API. A client may switch on {@link #uri()}; the title is for people. */
public enum ProblemType {
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "The request is invalid"),
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "The request could not be read"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Sign-in required"),
    ACCOUNT_NOT_REGISTERED("account-not-registered", HttpStatus.FORBIDDEN, "No CareCircle account for this user"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed for this account"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body must be JSON"),
    ALREADY_REGISTERED("already-registered", HttpStatus.CONFLICT, "Already registered"),
    DUPLICATE("duplicate", HttpStatus.CONFLICT, "Already exists"),
    ILLEGAL_STATE("illegal-state", HttpStatus.CONFLICT, "Not allowed in the current state"),
    OFFER_TAKEN("offer-taken", HttpStatus.CONFLICT, "Another provider has taken this job"),
    OFFER_EXPIRED("offer-expired", HttpStatus.CONFLICT, "The offer has expired"),
    CHECK_IN_LOCKED("check-in-locked", HttpStatus.CONFLICT, "Check-in is locked after too many wrong visit codes"),
    ASSIGNMENT_NOT_ALLOWED(
            "assignment-not-allowed", HttpStatus.UNPROCESSABLE_CONTENT, "This provider may not be assigned"),
    UNPROCESSABLE("unprocessable", HttpStatus.UNPROCESSABLE_CONTENT, "A rule refuses this request"),
    INSUFFICIENT_BALANCE("insufficient-balance", HttpStatus.UNPROCESSABLE_CONTENT, "Not enough minutes"),
    RATING_ALREADY_GIVEN("rating-already-given", HttpStatus.CONFLICT, "The order has been rated already"),
    ORDER_NOT_RATEABLE("order-not-rateable", HttpStatus.CONFLICT, "The order is not completed"),
    RATING_WINDOW_CLOSED("rating-window-closed", HttpStatus.UNPROCESSABLE_CONTENT, "The rating window has closed"),
    NOT_THE_ORDERER("not-the-orderer", HttpStatus.FORBIDDEN, "Only the family member who placed the order rates it"),
    RATING_NOT_APPEALABLE("rating-not-appealable", HttpStatus.UNPROCESSABLE_CONTENT, "Only bad ratings are appealed"),
    FOLLOW_UP_CLOSED("follow-up-closed", HttpStatus.CONFLICT, "The follow-up case is closed"),
    PAYMENT_CASE_HANDLED(
            "payment-case-handled", HttpStatus.CONFLICT, "Another worker has handled this payment already"),
    FOLLOW_UP_INCOMPLETE(
            "follow-up-incomplete", HttpStatus.UNPROCESSABLE_CONTENT, "The follow-up case cannot be closed yet"),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable"),
    INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side");

    private static final String BASE = "https://carecircle.cn/problems/";

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return BASE + slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
