package cn.carecircle.api.visits;

/** How the visitor found the elder's health or living conditions: 良好 / 一般 / 较差. */
public enum VisitCondition {
    GOOD,
    FAIR,
    POOR
}
