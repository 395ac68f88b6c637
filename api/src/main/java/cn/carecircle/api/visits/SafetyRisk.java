package cn.carecircle.api.visits;

/** Safety risks a visitor looks for: 跌倒, 用火, 燃气, 用电, 用药, 诈骗, 独居无人照看, 房屋安全, 其他. */
public enum SafetyRisk {
    FALL,
    FIRE,
    GAS,
    ELECTRICAL,
    MEDICATION,
    FRAUD,
    ALONE_UNATTENDED,
    HOUSING,
    OTHER
}
