package cn.carecircle.payments;

/** Kind of account that receives a share of a settled payment. */
public enum ReceiverType {
    /** Another merchant (a provider organisation with its own merchant id). */
    MERCHANT_ID,
    /** A person, by the openid under our app id (an independent provider). */
    PERSONAL_OPENID
}
