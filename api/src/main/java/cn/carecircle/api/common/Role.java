package cn.carecircle.api.common;

/** The roles of accounts. The elder has none: they act through a visit code or through a worker. */
public enum Role {
    FAMILY,
    PROVIDER,
    VOLUNTEER,
    COMMUNITY_WORKER,
    DISTRICT_OFFICIAL,
    ADMIN
}
