package cn.carecircle.matching.ranking;

import java.util.List;

/**
 * A ranking score in 0..1 (the sum of the components' points) with every component visible.
 *
 * @param total the score
 * @param components one entry per {@link Component}, in the enum's order
 */
public record Score(double total, List<ScoreComponent> components) {

    public Score {
        components = List.copyOf(components);
    }

    public ScoreComponent component(Component component) {
        return components.stream()
                .filter(c -> c.component() == component)
                .findFirst()
                .orElseThrow();
    }
}
