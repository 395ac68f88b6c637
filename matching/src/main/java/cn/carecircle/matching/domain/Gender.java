package cn.carecircle.matching.domain;

/** A provider's gender, as far as the elder's same-gender requirement for bathing needs it. */
public enum Gender {
    FEMALE,
    MALE
}
