/**
 * Service orders (服务订单): placing them for an elder (a family member in the app, or a worker for an elder who
 * phoned in), their price from the community's price list, the life cycle with its legal transitions, and the
 * timeline of who changed what, when and why.
 */
package cn.carecircle.api.orders;
