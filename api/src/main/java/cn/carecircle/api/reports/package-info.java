/**
 * Monthly reports of a community or a district (the communities of a region code the caller covers): elders served,
 * orders by service and channel, completions, cancellations, escalations, the time from dispatch to assignment,
 * time-bank minutes, ratings (好差评) and their follow-up cases (差评回访), the monthly visit rate and the coverage of
 * the 15-minute circle; as JSON for the admin site's charts and as CSV or XLSX downloads with Chinese headings. A
 * report is a read model across features: the order and time-bank figures are aggregated here in read-only SQL over
 * those features' tables; ratings, visits and coverage come through their features' public services (the ratings
 * through the same query as the rating statistics). Sections whose feature is not built yet are named as gaps.
 */
package cn.carecircle.api.reports;
