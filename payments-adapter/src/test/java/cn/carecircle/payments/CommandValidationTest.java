package cn.carecircle.payments;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandValidationTest {

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Integer.MAX_VALUE + 1L})
    void aPaymentAmountOutsideOneFenToTheProvidersLimitIsRejected(long fen) {
        assertThatThrownBy(() -> new CreatePaymentCommand("CC20261123000001", "助浴", fen, null, false))
                .isInstanceOf(InvalidPaymentRequestException.class)
                .hasMessageContaining("amountFen");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "has space 123", "订单号1234567", "123456789012345678901234567890123"})
    void anOutTradeNoTheProviderWouldRefuseIsRejected(String outTradeNo) {
        assertThatThrownBy(() -> new CreatePaymentCommand(outTradeNo, "助浴", 100, null, false))
                .isInstanceOf(InvalidPaymentRequestException.class)
                .hasMessageNotContaining(outTradeNo.isEmpty() ? "\u0000" : outTradeNo);
    }

    @Test
    void aRefundAboveTheOriginalTotalIsRejected() {
        assertThatThrownBy(() -> new RefundCommand("RF1", "CC20261123000001", 1001, 1000, null))
                .isInstanceOf(InvalidPaymentRequestException.class);
        assertThatCode(() -> new RefundCommand("RF1", "CC20261123000001", 1000, 1000, null))
                .doesNotThrowAnyException();
    }

    @Test
    void aSplitNeedsAReceiverTypeAndDescription() {
        assertThatThrownBy(() -> new ProfitSharingCommand("PS1", "4200000001", null, "1900000109", 100, "结算", false))
                .isInstanceOf(InvalidPaymentRequestException.class);
        assertThatThrownBy(() -> new ProfitSharingCommand(
                        "PS1", "4200000001", ReceiverType.MERCHANT_ID, "1900000109", 100, " ", false))
                .isInstanceOf(InvalidPaymentRequestException.class);
    }

    @Test
    void onlyTransientFailuresAreRetryable() {
        assertThatCode(() -> RetryPolicy.none().toRetry()).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(
                        RetryPolicy.isRetryable(new PaymentTransportException("t", true, null)))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(
                        RetryPolicy.isRetryable(new PaymentServiceException(502, "BANKERROR", null, null, null)))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(
                        RetryPolicy.isRetryable(new PaymentServiceException(403, "NOT_ENOUGH", null, null, null)))
                .isFalse();
        org.assertj.core.api.Assertions.assertThat(RetryPolicy.isRetryable(new UnverifiableMessageException(
                        UnverifiableMessageException.Reason.BAD_SIGNATURE, 500, "x", null)))
                .isFalse();
        org.assertj.core.api.Assertions.assertThat(RetryPolicy.isRetryable(new IllegalStateException()))
                .isFalse();
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
