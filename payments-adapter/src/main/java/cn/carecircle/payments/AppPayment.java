package cn.carecircle.payments;

/**
 * What the family's app needs to open the payment sheet ({@code PayReq} in the WeChat open SDK),
 * already signed with the merchant key.
 *
 * @param outTradeNo our order number
 * @param appId the app id registered with the provider
 * @param partnerId the merchant id
 * @param prepayId the provider's pre-payment session id
 * @param packageValue always {@code Sign=WXPay}
 * @param nonceStr random string that was signed
 * @param timestamp seconds since the epoch, as signed
 * @param sign base64 RSA-SHA256 signature over the fields above
 */
public record AppPayment(
        String outTradeNo,
        String appId,
        String partnerId,
        String prepayId,
        String packageValue,
        String nonceStr,
        String timestamp,
        String sign) {}
