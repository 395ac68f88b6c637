package cn.carecircle.api.common;

/** 助餐, 助浴, 助洁, 助医. Adding a service is adding a constant here and in the contract. */
public enum ServiceType {
    MEAL,
    BATHING,
    CLEANING,
    MEDICAL_VISIT
}
