package cn.carecircle.api.notifications;

import reactor.core.publisher.Mono;

/** Sends text messages to elders' phones (the one-time visit code). */
interface SmsGateway {

    /**
     * Sends the visit code, or fails with an {@link SmsException} that says whether trying again may help.
     *
     * @return the gateway's reference of the message
     */
    Mono<String> sendVisitCode(VisitCodeSms sms);

    /**
     * One visit-code message.
     *
     * @param reference our reference (the outbox message id), echoed back by the gateway
     * @param phone the elder's 11-digit mainland mobile number
     * @param serviceName the service in Chinese, e.g. 助浴
     * @param code the seat's one-time 4-digit visit code
     */
    record VisitCodeSms(String reference, String phone, String serviceName, String code) {

        /** The text the elder reads (the approved template with its parameters). */
        String text() {
            return "您的" + serviceName + "上门服务验证码为" + code + "，请在服务人员到达时告知。";
        }

        @Override
        public String toString() {
            // the phone and the code are personal data: never in a log line, whoever prints this
            return "VisitCodeSms[reference=" + reference + ", service=" + serviceName + "]";
        }
    }

    /** Why a message was not sent. Messages carry codes and ids only, never the phone or the text. */
    abstract class SmsException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SmsException(String message, Throwable cause) {
            super(message, cause);
        }

        /** Whether the same message may go through later. */
        abstract boolean retryable();
    }

    /** The gateway could not be reached or did not answer in time: the message may or may not have gone. */
    final class SmsTransportException extends SmsException {
        private static final long serialVersionUID = 1L;

        SmsTransportException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        boolean retryable() {
            return true;
        }
    }

    /** The gateway answered with an error: its code and request id, and whether the code is a passing one. */
    final class SmsServiceException extends SmsException {
        private static final long serialVersionUID = 1L;

        private final String code;
        private final String requestId;
        private final boolean retryable;

        SmsServiceException(String code, String requestId, boolean retryable) {
            super(
                    "SMS gateway refused the message: " + code
                            + (requestId == null ? "" : " (request " + requestId + ")"),
                    null);
            this.code = code;
            this.requestId = requestId;
            this.retryable = retryable;
        }

        String code() {
            return code;
        }

        String requestId() {
            return requestId;
        }

        @Override
        boolean retryable() {
            return retryable;
        }
    }

    /** The gateway's answer could not be read: whether the message went is unknown. */
    final class SmsMalformedResponseException extends SmsException {
        private static final long serialVersionUID = 1L;

        SmsMalformedResponseException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        boolean retryable() {
            // a second message with the same code is a lesser harm than an elder without one
            return true;
        }
    }
}
