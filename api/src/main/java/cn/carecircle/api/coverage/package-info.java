/**
 * Coverage of the 15-minute circle (15分钟服务圈覆盖率): per community and service, the share of elders with at least
 * one eligible provider within the community's travel-time limit, judged by the matching module's eligibility rules
 * and travel-time model on the providers' facts (home bases, working hours), with the uncovered elders and their
 * nearest provider. Computed on demand and by a periodic job that stores the latest figures of each month.
 */
package cn.carecircle.api.coverage;
