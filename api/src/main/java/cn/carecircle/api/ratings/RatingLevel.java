package cn.carecircle.api.ratings;

/**
 * The five levels of the government service rating scheme (政务服务好差评). The two lowest are bad ratings (差评);
 * the other three count as good.
 */
public enum RatingLevel {
    VERY_SATISFIED("非常满意"),
    SATISFIED("满意"),
    BASICALLY_SATISFIED("基本满意"),
    DISSATISFIED("不满意"),
    VERY_DISSATISFIED("非常不满意");

    private final String label;

    RatingLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean bad() {
        return this == DISSATISFIED || this == VERY_DISSATISFIED;
    }
}
