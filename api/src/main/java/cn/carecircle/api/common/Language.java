package cn.carecircle.api.common;

/** Languages an elder speaks or a provider serves in. */
public enum Language {
    MANDARIN,
    MONGOLIAN
}
