package cn.carecircle.matching.ranking;

/**
 * One line of a score's explanation.
 *
 * @param component which part
 * @param value the part's value in 0..1
 * @param weight its weight
 * @param points value × weight, what it adds to the score
 * @param explanation the inputs in words (for example "4.2 of 15 min by E_BIKE")
 */
public record ScoreComponent(Component component, double value, double weight, double points, String explanation) {}
