package cn.carecircle.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Tc3SignerTest {

    /**
     * The worked example of Tencent Cloud's "Signature v3" page (API 3.0, TC3-HMAC-SHA256): a DescribeInstances
     * request to CVM signed with the page's example keys at 1551113065 (2019-02-25 UTC).
     */
    @Test
    void signsTencentCloudsWorkedExampleToItsPublishedSignature() {
        String payload =
                "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
        String authorization = Tc3Signer.authorization(
                "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
                "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
                "cvm",
                "cvm.tencentcloudapi.com",
                "application/json; charset=utf-8",
                payload,
                1551113065L);
        assertThat(authorization)
                .isEqualTo(
                        "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                                + "SignedHeaders=content-type;host, "
                                + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    }

    @Test
    void theSignatureCoversTheBodyAndTheDateIsTheUtcDate() {
        String base = Tc3Signer.authorization(
                "id", "key", "sms", "sms.tencentcloudapi.com", "application/json; charset=utf-8", "{}", 1551113065L);
        String otherBody = Tc3Signer.authorization(
                "id", "key", "sms", "sms.tencentcloudapi.com", "application/json; charset=utf-8", "{ }", 1551113065L);
        assertThat(otherBody).isNotEqualTo(base);
        // 2019-02-26 00:44:25 in Beijing is still 2019-02-25 in UTC
        assertThat(base).contains("/2019-02-25/sms/tc3_request");
    }
}
