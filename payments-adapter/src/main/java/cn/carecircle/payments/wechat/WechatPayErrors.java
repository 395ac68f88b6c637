package cn.carecircle.payments.wechat;

import cn.carecircle.payments.InvalidPaymentRequestException;
import cn.carecircle.payments.PaymentGatewayException;
import cn.carecircle.payments.PaymentServiceException;
import cn.carecircle.payments.PaymentTransportException;
import cn.carecircle.payments.UnverifiableMessageException;
import cn.carecircle.payments.UnverifiableMessageException.Reason;
import com.google.gson.JsonParseException;
import com.wechat.pay.java.core.exception.DecryptionException;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Turns what the SDK throws into the port's exception tree. The SDK's own messages are not passed on:
 * they embed request and response bodies, which may hold personal data.
 */
final class WechatPayErrors {

    private WechatPayErrors() {}

    static RuntimeException translate(String operation, RuntimeException failure, ResponseFacts.Facts facts) {
        if (failure instanceof PaymentGatewayException e) {
            return e;
        }
        if (failure instanceof ServiceException e) {
            return new PaymentServiceException(
                    e.getHttpStatusCode(), e.getErrorCode(), e.getErrorMessage(), facts.requestId(), e);
        }
        if (failure instanceof HttpException e) {
            if (e.getCause() instanceof IOException io) {
                boolean timeout = io instanceof InterruptedIOException;
                return new PaymentTransportException(
                        operation + ": " + (timeout ? "no answer in time" : "could not reach WeChat Pay"), timeout, e);
            }
            return new InvalidPaymentRequestException(operation + ": the request could not be built", e);
        }
        if (failure instanceof ValidationException e) {
            return new UnverifiableMessageException(
                    Reason.BAD_SIGNATURE,
                    facts.status(),
                    operation + ": response signature did not verify" + requestId(facts),
                    e);
        }
        if (failure instanceof DecryptionException e) {
            return new UnverifiableMessageException(
                    Reason.DECRYPTION_FAILED, operation + ": resource did not decrypt", e);
        }
        if (failure instanceof MalformedMessageException e) {
            return new UnverifiableMessageException(
                    Reason.MALFORMED, facts.status(), operation + ": malformed message" + requestId(facts), e);
        }
        if (failure instanceof JsonParseException e) {
            // The SDK parses error bodies as JSON; an HTML page from a proxy surfaces as Gson's exception.
            return new UnverifiableMessageException(
                    Reason.MALFORMED,
                    facts.status(),
                    operation + ": body is not the JSON expected (HTTP " + facts.status() + ")",
                    e);
        }
        if (failure instanceof IllegalArgumentException e) {
            // The SDK's response validator throws this for a missing, unreadable or expired timestamp.
            return new UnverifiableMessageException(
                    Reason.STALE_TIMESTAMP,
                    facts.status(),
                    operation + ": response timestamp missing or outside the allowed window" + requestId(facts),
                    e);
        }
        return failure;
    }

    private static String requestId(ResponseFacts.Facts facts) {
        return facts.requestId() == null ? "" : " (request id " + facts.requestId() + ")";
    }
}
