package cn.carecircle.api.common;

public enum Gender {
    MALE,
    FEMALE
}
