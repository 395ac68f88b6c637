package cn.carecircle.matching.domain;

/** Languages a provider speaks and an elder prefers; sharing one raises the rank. */
public enum Language {
    /** 普通话 (and local Mandarin dialects). */
    MANDARIN,
    /** 蒙古语. */
    MONGOLIAN
}
