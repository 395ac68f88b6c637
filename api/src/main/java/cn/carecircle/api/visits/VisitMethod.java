package cn.carecircle.api.visits;

/** 上门探访 / 电话探访. */
public enum VisitMethod {
    HOME,
    PHONE
}
