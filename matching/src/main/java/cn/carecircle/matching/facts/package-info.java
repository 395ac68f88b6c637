/**
 * What the api knows about providers (services, credentials, busy windows, ratings ...), handed to
 * matching through the {@link cn.carecircle.matching.facts.ProviderFactsSource} port; matching never
 * reads a database itself.
 */
package cn.carecircle.matching.facts;
