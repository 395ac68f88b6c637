package cn.carecircle.api.elders;

/** 自理 / 半失能 / 失能. */
public enum MobilityLevel {
    SELF_CARE,
    PARTIALLY_DISABLED,
    DISABLED
}
