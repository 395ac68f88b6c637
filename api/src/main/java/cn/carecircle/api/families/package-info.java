/**
 * Family members and their bindings to elders: asked by the family member (with whose consent), confirmed or
 * rejected by a community worker of the elder's community. Only an active binding lets a family member see or
 * order for an elder.
 */
package cn.carecircle.api.families;
