/**
 * Elders (服务对象): their profiles, with ID number, phone and exact address encrypted at rest and found through
 * blind indexes; masked lists; audited full reads by community workers.
 */
package cn.carecircle.api.elders;
